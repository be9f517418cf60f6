// Package app wires Jalin together: configuration, the region reference,
// the database and the HTTP server. It is the program as a value, so that
// cmd/jalin and the end-to-end tests start it the same way.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/jalin-ksd/jalin/config"
	"github.com/jalin-ksd/jalin/document"
	"github.com/jalin-ksd/jalin/i18n"
	"github.com/jalin-ksd/jalin/jobs"
	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/web"
	"github.com/jalin-ksd/jalin/workday"
)

// Version is set at build time with -ldflags "-X .../app.Version=...".
var Version = "dev"

// App is one running Jalin: its database, reference data and server.
type App struct {
	Config  config.Config
	Logger  *slog.Logger
	Catalog *i18n.Catalog
	Regions *region.Directory
	DB      *sqlstore.DB

	web      *web.Server
	jobs     *jobs.Runner
	server   *http.Server
	listener net.Listener
	serveErr chan error
}

// Open loads the reference, opens and migrates the database and loads the
// region reference into it. It does not listen yet.
func Open(ctx context.Context, cfg config.Config, logger *slog.Logger) (*App, error) {
	a := &App{Config: cfg, Logger: logger}
	var err error
	if a.Catalog, err = i18n.Load(); err != nil {
		return nil, err
	}
	if a.Regions, err = region.Load(); err != nil {
		return nil, fmt.Errorf("region reference: %w", err)
	}
	if !cfg.IsPostgres() {
		if err := os.MkdirAll(filepath.Dir(cfg.DBPath()), 0o750); err != nil {
			return nil, fmt.Errorf("--data-dir: %w", err)
		}
	}
	if a.DB, err = sqlstore.Open(ctx, cfg.DBPath()); err != nil {
		return nil, err
	}
	if err := a.prepare(ctx); err != nil {
		a.DB.Close()
		return nil, err
	}
	return a, nil
}

// prepare refuses a schema newer than this binary, migrates, and loads the
// region reference if the database holds another version of it.
func (a *App) prepare(ctx context.Context) error {
	if err := a.DB.CheckSchema(ctx); err != nil {
		return err
	}
	start := time.Now()
	if err := a.DB.Migrate(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if err := a.DB.LoadRegions(ctx, a.Regions.All(), region.Version()); err != nil {
		return fmt.Errorf("load region reference: %w", err)
	}
	a.Logger.Info("database ready", "engine", a.DB.Engine(), "took", time.Since(start).Round(time.Millisecond))
	// Loading the reference allocates tens of megabytes once; hand them
	// back now rather than carrying them as resident memory while serving.
	debug.FreeOSMemory()
	return nil
}

// Start listens on the configured address (port 0 picks a free one) and
// serves in the background until Close.
func (a *App) Start(ctx context.Context) error {
	var err error
	holidays, err := workday.Load()
	if err != nil {
		return err
	}
	// Documents live in a directory under the data directory; several
	// instances share it (a network file system) or a shared store
	// behind the same interface.
	blobs, err := document.NewDirStore(filepath.Join(a.Config.DataDir, "blobs"))
	if err != nil {
		return fmt.Errorf("--data-dir: %w", err)
	}
	a.web, err = web.New(web.Deps{
		Config: a.Config, Logger: a.Logger, Catalog: a.Catalog, Regions: a.Regions,
		Geo: a.DB, Accounts: a.DB, Coops: a.DB, TKKSD: a.DB, Holidays: holidays, Blobs: blobs,
		Ready: a.DB.Ping, Version: Version, Now: a.DB.Now,
	})
	if err != nil {
		return err
	}
	// The background jobs (River) run on every instance; River elects
	// one to schedule them. Close stops them.
	a.jobs, err = jobs.Start(ctx, jobs.Deps{DB: a.DB, Holidays: holidays, Logger: a.Logger,
		ActionReminderDays: a.Config.ActionReminderDays}, jobs.Config{})
	if err != nil {
		return err
	}
	a.listener, err = net.Listen("tcp", a.Config.Addr)
	if err != nil {
		return fmt.Errorf("--addr %s: %w", a.Config.Addr, err)
	}
	a.server = &http.Server{
		Handler:           a.web.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(a.Logger.Handler(), slog.LevelWarn),
	}
	a.serveErr = make(chan error, 1)
	go func() { a.serveErr <- a.server.Serve(a.listener) }()
	a.Logger.Info("serving", "addr", a.Addr(), "url", a.URL())
	return nil
}

// Addr is the address the server listens on.
func (a *App) Addr() string { return a.listener.Addr().String() }

// URL is the server's base URL on this machine.
func (a *App) URL() string { return "http://" + a.Addr() }

// Wait blocks until the server stops by itself or ctx is done.
func (a *App) Wait(ctx context.Context) error {
	select {
	case err := <-a.serveErr:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return err
	case <-ctx.Done():
		return nil
	}
}

// Close stops accepting requests, lets running ones finish for up to ten
// seconds, stops the background jobs (as long again for a running one)
// and closes the database.
func (a *App) Close() error {
	var errs []error
	if a.server != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		errs = append(errs, a.server.Shutdown(ctx))
	}
	if a.jobs != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		errs = append(errs, a.jobs.Stop(ctx))
		a.jobs = nil
	}
	if a.DB != nil {
		errs = append(errs, a.DB.Close())
	}
	return errors.Join(errs...)
}

// Package demotest starts Jalin with its demo data for tests that need the
// whole application: the browser tests and the page crawl.
package demotest

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/jalin-ksd/jalin/app"
	"github.com/jalin-ksd/jalin/config"
	"github.com/jalin-ksd/jalin/demo"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

// Start runs Jalin on a free port with a fresh database of engine
// ("sqlite" or "postgres") and the demo data loaded from shared (the
// shared data folder); it is closed when tb ends.
func Start(tb testing.TB, engine, shared string) *app.App {
	tb.Helper()
	cfg := config.Default()
	cfg.Addr = "127.0.0.1:0"
	cfg.DataDir = tb.TempDir()
	if engine == "postgres" {
		cfg.DB = sqlstoretest.DSN(tb, "postgres")
	}
	ctx := context.Background()
	a, err := app.Open(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { a.Close() })
	a.Config.SharedData = shared
	if err := demo.Load(ctx, a); err != nil {
		tb.Fatal(err)
	}
	if err := a.Start(ctx); err != nil {
		tb.Fatal(err)
	}
	return a
}

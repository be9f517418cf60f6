package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/app"
	"github.com/jalin-ksd/jalin/config"
	"github.com/jalin-ksd/jalin/demo"
	"github.com/jalin-ksd/jalin/geo"
	"github.com/jalin-ksd/jalin/i18n"
	"github.com/jalin-ksd/jalin/sqlstore"
)

// Exit codes, so that scripts can tell a bad invocation from bad data.
const (
	exitOK      = 0
	exitFailure = 1 // the operation failed (database down, ...)
	exitUsage   = 2 // bad flags or settings
	exitData    = 3 // bad input file: the message names file, line and column
)

// env is what a command runs with; tests give their own.
type env struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}

type command struct {
	name, summary string
	run           func(e env, args []string) int
}

func commands() []command {
	return []command{
		{"serve", "run the web server and API (add --demo for the demo data)", cmdServe},
		{"migrate", "apply database migrations and load the region reference", cmdMigrate},
		{"import", "import data: geo FOLDER|FILE..., bps FILE...", cmdImport},
		{"user", "manage accounts: add, passwd, disable, enable, list", cmdUser},
		{"audit", "check the audit trail: verify", cmdAudit},
		{"analyze", "run an analysis method on a table without a database", cmdAnalyze},
		{"opportunities", "opportunities: partners and access of a regency, potential clusters, the cooperation network: partners, access, clusters, network", cmdOpportunities},
		{"version", "print the version", cmdVersion},
	}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	e := env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(e, args[1:])
		}
	}
	fmt.Fprintf(stderr, "jalin: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: jalin COMMAND [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'jalin COMMAND -h' for the flags of a command. Every flag has a JALIN_* environment variable.")
}

// parseConfig parses the common settings and the command's own flags.
func parseConfig(e env, name string, args []string, extra func(fs *flag.FlagSet)) (config.Config, *flag.FlagSet, int) {
	cfg := config.Default()
	fs := flag.NewFlagSet("jalin "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	validate := cfg.Flags(fs, e.getenv)
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cfg, fs, exitOK
		}
		return cfg, fs, exitUsage
	}
	if err := validate(); err != nil {
		fmt.Fprintf(e.stderr, "jalin %s: invalid settings:\n  %s\n", name, strings.ReplaceAll(err.Error(), "\n", "\n  "))
		return cfg, fs, exitUsage
	}
	return cfg, fs, -1
}

// open opens the application (database, reference) for a command.
func open(e env, cfg config.Config) (*app.App, int) {
	a, err := app.Open(e.ctx, cfg, cfg.Logger(e.stderr))
	if err != nil {
		fail(e, err)
		return nil, exitFailure
	}
	return a, -1
}

// fail prints err for a person: an application error in English from the
// catalog (the CLI's language), a parse error with its file:line:column.
func fail(e env, err error) {
	var je *jalin.Error
	if errors.As(err, &je) && je.Code != jalin.EInternal {
		cat := i18n.MustLoad()
		fmt.Fprintf(e.stderr, "jalin: %s\n", cat.T(i18n.EN, je.Msg, je.Args...))
		if je.Err != nil {
			fmt.Fprintf(e.stderr, "  cause: %v\n", je.Err)
		}
		return
	}
	fmt.Fprintf(e.stderr, "jalin: %v\n", err)
}

func cmdVersion(e env, args []string) int {
	fmt.Fprintf(e.stdout, "jalin %s\n", app.Version)
	return exitOK
}

func cmdMigrate(e env, args []string) int {
	cfg, _, code := parseConfig(e, "migrate", args, nil)
	if code >= 0 {
		return code
	}
	a, code := open(e, cfg)
	if code >= 0 {
		return code
	}
	defer a.Close()
	cur, latest, err := a.DB.SchemaVersion(e.ctx)
	if err != nil {
		fail(e, err)
		return exitFailure
	}
	fmt.Fprintf(e.stdout, "database %s: schema version %d of %d, %d regions\n", a.DB.Engine(), cur, latest, len(a.Regions.All()))
	return exitOK
}

func cmdServe(e env, args []string) int {
	cfg, _, code := parseConfig(e, "serve", args, nil)
	if code >= 0 {
		return code
	}
	a, code := open(e, cfg)
	if code >= 0 {
		return code
	}
	defer a.Close()
	if cfg.Demo {
		if err := demo.Load(e.ctx, a); err != nil {
			fail(e, err)
			return exitFailure
		}
	}
	if err := a.Start(e.ctx); err != nil {
		fail(e, err)
		return exitFailure
	}
	if err := a.Wait(e.ctx); err != nil {
		fail(e, err)
		return exitFailure
	}
	a.Logger.Info("shutting down")
	return exitOK
}

func cmdImport(e env, args []string) int {
	if len(args) > 0 && args[0] == "bps" {
		return cmdImportBPS(e, args[1:])
	}
	if len(args) == 0 || args[0] != "geo" {
		fmt.Fprintln(e.stderr, "Usage: jalin import geo [flags] FOLDER | FILE...\n       jalin import bps [--exclude-suspect | --cancel-on-findings] FILE...")
		return exitUsage
	}
	var strict bool
	cfg, fs, code := parseConfig(e, "import geo", args[1:], func(fs *flag.FlagSet) {
		fs.BoolVar(&strict, "strict", false, "fail when any code is not in the region reference")
	})
	if code >= 0 {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, "jalin import geo: name a folder (such as shared/data/geo) or files")
		return exitUsage
	}
	a, code := open(e, cfg)
	if code >= 0 {
		return code
	}
	defer a.Close()
	ds, err := readGeo(a, fs.Args())
	if err != nil {
		fail(e, err)
		var pe *geo.ParseError
		if errors.As(err, &pe) || errors.Is(err, os.ErrNotExist) {
			return exitData
		}
		return exitFailure
	}
	for i, u := range ds.Unmatched {
		if i == 20 {
			fmt.Fprintf(e.stderr, "  ... and %d more\n", len(ds.Unmatched)-20)
			break
		}
		fmt.Fprintf(e.stderr, "unmatched: %s:%d: code %s is not in the region reference\n", u.File, u.Line, u.Code)
	}
	if strict && len(ds.Unmatched) > 0 {
		fmt.Fprintf(e.stderr, "jalin import geo: %d unmatched codes with --strict; nothing was imported\n", len(ds.Unmatched))
		return exitData
	}
	// Audited under the command line's actor, as `jalin import bps` is; -1:
	// no check of an earlier preview, the command line has none.
	imp, err := a.DB.ImportGeo(e.ctx, ds, strings.Join(fs.Args(), " "), -1, cliMeta())
	if err != nil {
		fail(e, err)
		return exitFailure
	}
	fmt.Fprintf(e.stdout, "imported %s boundaries, %s points, %s adjacency pairs, %s travel times (%d unmatched rows skipped)\n",
		geoCount(imp.Boundaries), geoCount(imp.Points), geoCount(imp.Adjacency), geoCount(imp.TravelTimes), len(ds.Unmatched))
	return exitOK
}

// geoCount is a part's count in the import report: "kept" for a part the
// import left as it was.
func geoCount(n int) string {
	if n == sqlstore.Kept {
		return "kept"
	}
	return strconv.Itoa(n)
}

// readGeo reads one folder with the standard file names, or a list of files.
func readGeo(a *app.App, paths []string) (*geo.Dataset, error) {
	known := func(code string) bool { _, ok := a.Regions.Get(code); return ok }
	if len(paths) == 1 {
		if st, err := os.Stat(paths[0]); err == nil && st.IsDir() {
			return geo.LoadDir(paths[0], known)
		}
	}
	return geo.LoadFiles(paths, known)
}

// Package config is Jalin's typed configuration: every setting is a flag with
// a matching JALIN_* environment variable, a default, and a validation that
// names the setting at fault. The struct is passed down; nothing reads the
// environment anywhere else.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Config is the configuration of `jalin serve` and of the commands that
// open the database.
type Config struct {
	Addr      string // listen address, host:port
	DB        string // SQLite file path or postgres:// URL
	DataDir   string // where the SQLite file and uploaded documents live
	BaseURL   string // public URL, e.g. https://jalin.example.go.id; decides Secure cookies
	LogLevel  slog.Level
	LogFormat string // text or json
	Demo      bool   // load demo data at start
	// SharedData is the folder with the reference data sets (geo/, economy/)
	// used by the demo; empty means "look for ../shared/data".
	SharedData string
	// ActionReminderDays is how many days before its due date the owner
	// region's TKKSD is reminded of an open follow-up action (1 to 90).
	ActionReminderDays int
}

// Default returns the configuration with every default applied.
func Default() Config {
	return Config{
		Addr:      "127.0.0.1:8080",
		DataDir:   "data",
		LogLevel:  slog.LevelInfo,
		LogFormat: "text",
		// A week: enough working days left to act on the reminder.
		ActionReminderDays: 7,
	}
}

// DBPath returns the database to open: DB when set, else jalin.db in the
// data directory.
func (c Config) DBPath() string {
	if c.DB != "" {
		return c.DB
	}
	return filepath.Join(c.DataDir, "jalin.db")
}

// IsPostgres reports whether the database is a PostgreSQL URL.
func (c Config) IsPostgres() bool { return IsPostgresURL(c.DBPath()) }

// IsPostgresURL reports whether dsn names a PostgreSQL database.
func IsPostgresURL(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// SecureCookies reports whether cookies must carry the Secure attribute.
func (c Config) SecureCookies() bool { return strings.HasPrefix(c.BaseURL, "https://") }

// Flags registers the common settings on fs, with defaults taken from the
// environment (getenv) where set. It returns a function that validates the
// parsed values into c.
func (c *Config) Flags(fs *flag.FlagSet, getenv func(string) string) func() error {
	env := func(name, def string) string {
		if v := getenv(name); v != "" {
			return v
		}
		return def
	}
	level := env("JALIN_LOG_LEVEL", "info")
	demo := env("JALIN_DEMO", "")
	reminder := env("JALIN_ACTION_REMINDER_DAYS", strconv.Itoa(c.ActionReminderDays))
	fs.StringVar(&c.Addr, "addr", env("JALIN_ADDR", c.Addr), "listen address host:port (JALIN_ADDR)")
	fs.StringVar(&c.DB, "db", env("JALIN_DB", c.DB), "SQLite file or postgres:// URL; default DATA_DIR/jalin.db (JALIN_DB)")
	fs.StringVar(&c.DataDir, "data-dir", env("JALIN_DATA_DIR", c.DataDir), "data directory (JALIN_DATA_DIR)")
	fs.StringVar(&c.BaseURL, "base-url", env("JALIN_BASE_URL", c.BaseURL), "public base URL, e.g. https://jalin.example.go.id (JALIN_BASE_URL)")
	fs.StringVar(&level, "log-level", level, "debug, info, warn or error (JALIN_LOG_LEVEL)")
	fs.StringVar(&c.LogFormat, "log-format", env("JALIN_LOG_FORMAT", c.LogFormat), "text or json (JALIN_LOG_FORMAT)")
	fs.StringVar(&c.SharedData, "shared-data", env("JALIN_SHARED_DATA", c.SharedData), "folder with geo/ and economy/ data sets for the demo (JALIN_SHARED_DATA)")
	fs.StringVar(&reminder, "action-reminder-days", reminder, "days before its due date a TKKSD follow-up action is reminded of, 1 to 90 (JALIN_ACTION_REMINDER_DAYS)")
	fs.StringVar(&demo, "demo", demo, "load the demo data: true or false (JALIN_DEMO)")
	// The boolean flag is read as a string so that JALIN_DEMO=true and
	// --demo both work; a bare --demo is handled by IsBoolFlag below.
	fs.Lookup("demo").Value = &boolString{s: &demo}
	return func() error {
		var errs []error
		if err := parseLevel(level, &c.LogLevel); err != nil {
			errs = append(errs, err)
		}
		switch strings.ToLower(demo) {
		case "", "false", "0", "no":
			c.Demo = false
		case "true", "1", "yes":
			c.Demo = true
		default:
			errs = append(errs, fmt.Errorf("--demo (JALIN_DEMO): %q is not true or false", demo))
		}
		if n, err := strconv.Atoi(strings.TrimSpace(reminder)); err != nil {
			errs = append(errs, fmt.Errorf("--action-reminder-days (JALIN_ACTION_REMINDER_DAYS): %q is not a number of days", reminder))
		} else {
			c.ActionReminderDays = n
		}
		errs = append(errs, c.Validate())
		return errors.Join(errs...)
	}
}

// Validate checks every setting and reports each bad one by name.
func (c Config) Validate() error {
	var errs []error
	if host, port, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("--addr (JALIN_ADDR): %q is not host:port", c.Addr))
	} else if port == "" {
		errs = append(errs, fmt.Errorf("--addr (JALIN_ADDR): %q has no port", c.Addr))
	} else if host != "" && host != "localhost" && net.ParseIP(host) == nil {
		errs = append(errs, fmt.Errorf("--addr (JALIN_ADDR): host %q is not an IP address or localhost", host))
	}
	if c.DB != "" && strings.Contains(c.DB, "://") && !IsPostgresURL(c.DB) {
		errs = append(errs, fmt.Errorf("--db (JALIN_DB): %q is neither a file path nor a postgres:// URL", c.DB))
	}
	if IsPostgresURL(c.DB) {
		if u, err := url.Parse(c.DB); err != nil || u.Host == "" {
			errs = append(errs, fmt.Errorf("--db (JALIN_DB): the PostgreSQL URL has no host"))
		}
	}
	if c.DataDir == "" {
		errs = append(errs, fmt.Errorf("--data-dir (JALIN_DATA_DIR): must not be empty"))
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, fmt.Errorf("--base-url (JALIN_BASE_URL): %q is not an http(s) URL", c.BaseURL))
		}
	}
	if c.ActionReminderDays < 1 || c.ActionReminderDays > 90 {
		errs = append(errs, fmt.Errorf("--action-reminder-days (JALIN_ACTION_REMINDER_DAYS): %d is not between 1 and 90", c.ActionReminderDays))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("--log-format (JALIN_LOG_FORMAT): %q is not text or json", c.LogFormat))
	}
	return errors.Join(errs...)
}

func parseLevel(s string, l *slog.Level) error {
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return fmt.Errorf("--log-level (JALIN_LOG_LEVEL): %q is not debug, info, warn or error", s)
	}
	return nil
}

// Logger builds the structured logger the configuration asks for.
func (c Config) Logger(w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: c.LogLevel}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// SharedDataDir returns the reference-data folder to use, or "" when none
// exists: the configured one, else ../shared/data as laid out beside a
// checkout of the project.
func (c Config) SharedDataDir() string {
	for _, dir := range []string{c.SharedData, filepath.Join("..", "shared", "data")} {
		if dir == "" {
			continue
		}
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			return dir
		}
	}
	return ""
}

// boolString lets a string-valued flag be given bare (--demo).
type boolString struct{ s *string }

func (b *boolString) String() string {
	if b.s == nil {
		return ""
	}
	return *b.s
}
func (b *boolString) Set(v string) error { *b.s = v; return nil }
func (b *boolString) IsBoolFlag() bool   { return true }

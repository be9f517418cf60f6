package config

import (
	"flag"
	"io"
	"log/slog"
	"strings"
	"testing"
)

func parse(t *testing.T, args []string, env map[string]string) (Config, error) {
	t.Helper()
	c := Default()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	validate := c.Flags(fs, func(k string) string { return env[k] })
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	return c, validate()
}

func TestDefaults(t *testing.T) {
	c, err := parse(t, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:8080" || c.DBPath() != "data/jalin.db" || c.LogLevel != slog.LevelInfo || c.Demo ||
		c.ActionReminderDays != 7 {
		t.Fatalf("unexpected defaults: %+v", c)
	}
}

func TestEnvAndFlags(t *testing.T) {
	env := map[string]string{"JALIN_ADDR": "127.0.0.1:9000", "JALIN_DB": "postgres://u@localhost/x", "JALIN_DEMO": "true", "JALIN_LOG_LEVEL": "debug",
		"JALIN_ACTION_REMINDER_DAYS": "10"}
	c, err := parse(t, []string{"--addr", "127.0.0.1:9001"}, env)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:9001" {
		t.Errorf("flag must win over env: %s", c.Addr)
	}
	if !c.IsPostgres() || !c.Demo || c.LogLevel != slog.LevelDebug || c.ActionReminderDays != 10 {
		t.Errorf("env not applied: %+v", c)
	}
	c, err = parse(t, []string{"--demo"}, nil)
	if err != nil || !c.Demo {
		t.Errorf("bare --demo: %v %+v", err, c)
	}
}

func TestValidationNamesEachBadSetting(t *testing.T) {
	_, err := parse(t, []string{"--addr", "nope", "--db", "mysql://x", "--base-url", "ftp://x", "--log-level", "loud", "--log-format", "xml", "--demo=maybe", "--data-dir", ""}, nil)
	if err == nil {
		t.Fatal("expected errors")
	}
	for _, want := range []string{"--addr", "--db", "--base-url", "--log-level", "--log-format", "--demo", "--data-dir"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not name %s: %v", want, err)
		}
	}
}

func TestActionReminderDaysRange(t *testing.T) {
	for _, v := range []string{"0", "91", "seminggu", "-3"} {
		_, err := parse(t, []string{"--action-reminder-days", v}, nil)
		if err == nil || !strings.Contains(err.Error(), "--action-reminder-days") {
			t.Errorf("--action-reminder-days %s: %v, want an error naming the setting", v, err)
		}
	}
	for v, want := range map[string]int{"1": 1, "90": 90, " 14 ": 14} {
		c, err := parse(t, []string{"--action-reminder-days", v}, nil)
		if err != nil || c.ActionReminderDays != want {
			t.Errorf("--action-reminder-days %q: %d, %v", v, c.ActionReminderDays, err)
		}
	}
}

func TestSecureCookies(t *testing.T) {
	if (Config{BaseURL: "https://jalin.go.id"}).SecureCookies() != true {
		t.Error("https base URL must give secure cookies")
	}
	if (Config{BaseURL: "http://localhost"}).SecureCookies() {
		t.Error("http base URL must not give secure cookies")
	}
}

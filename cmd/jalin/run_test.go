package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

// runJalin runs the command line with the given environment and returns its
// exit code and output.
func runJalin(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &out, &errb, func(k string) string { return env[k] })
	return code, out.String(), errb.String()
}

// engines gives the database settings to run a command test on: SQLite
// always, PostgreSQL when configured.
func engines(t *testing.T) map[string]func(t *testing.T) map[string]string {
	m := map[string]func(t *testing.T) map[string]string{
		"sqlite": func(t *testing.T) map[string]string {
			return map[string]string{"JALIN_DATA_DIR": t.TempDir(), "JALIN_LOG_LEVEL": "warn"}
		},
	}
	if os.Getenv("JALIN_TEST_POSTGRES") != "" {
		m["postgres"] = func(t *testing.T) map[string]string {
			return map[string]string{"JALIN_DB": sqlstoretest.DSN(t, "postgres"), "JALIN_DATA_DIR": t.TempDir(), "JALIN_LOG_LEVEL": "warn"}
		}
	}
	return m
}

func TestUsageAndVersion(t *testing.T) {
	if code, out, _ := runJalin(t, nil, "version"); code != 0 || !strings.HasPrefix(out, "jalin ") {
		t.Errorf("version: %d %q", code, out)
	}
	if code, _, errs := runJalin(t, nil, "frobnicate"); code != exitUsage || !strings.Contains(errs, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: %d %q", code, errs)
	}
	if code, out, _ := runJalin(t, nil, "help"); code != 0 || !strings.Contains(out, "serve") {
		t.Errorf("help: %d %q", code, out)
	}
}

func TestBadSettingsAreNamed(t *testing.T) {
	code, _, errs := runJalin(t, map[string]string{"JALIN_LOG_FORMAT": "xml"}, "migrate", "--addr", "nope")
	if code != exitUsage || !strings.Contains(errs, "--addr") || !strings.Contains(errs, "--log-format (JALIN_LOG_FORMAT)") {
		t.Errorf("%d %q", code, errs)
	}
}

func TestMigrateAndImportGeo(t *testing.T) {
	for name, envFor := range engines(t) {
		t.Run(name, func(t *testing.T) {
			env := envFor(t)
			code, out, errs := runJalin(t, env, "migrate")
			if code != 0 || !strings.Contains(out, "91599 regions") {
				t.Fatalf("migrate: %d %q %q", code, out, errs)
			}
			dir := t.TempDir()
			write := func(name, body string) string {
				p := filepath.Join(dir, name)
				if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
				return p
			}
			good := write("adj.csv", "code_a,code_b,shared_border_km\n32.04,32.73,40.5\n32.73,99.01,1\n")
			code, out, errs = runJalin(t, env, "import", "geo", good)
			if code != 0 || !strings.Contains(out, "1 adjacency pairs, kept travel times (1 unmatched") || !strings.Contains(errs, "adj.csv:3") {
				t.Fatalf("import: %d %q %q", code, out, errs)
			}
			// --strict refuses the unmatched row and changes nothing.
			code, _, errs = runJalin(t, env, "import", "geo", "--strict", good)
			if code != exitData || !strings.Contains(errs, "nothing was imported") {
				t.Errorf("strict: %d %q", code, errs)
			}
			bad := write("bad.geojson", "{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",\"properties\":{\"code\":\"32.73\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[107,-7],[108,-7],[108,-6]]]}}]}\n")
			code, _, errs = runJalin(t, env, "import", "geo", bad)
			if code != exitData || !strings.Contains(errs, "bad.geojson:2:") {
				t.Errorf("bad geojson: %d %q", code, errs)
			}
			// A travel-time matrix: the other parts are kept; a place that
			// is not a district or village is named with its position.
			tt := write("travel_times.csv", "place,seat,minutes\n32.04.05,32.73,45\n32.04.05,32.04,20\n")
			code, out, errs = runJalin(t, env, "import", "geo", tt)
			if code != 0 || !strings.Contains(out, "imported kept boundaries, kept points, kept adjacency pairs, 2 travel times") {
				t.Errorf("travel times: %d %q %q", code, out, errs)
			}
			code, _, errs = runJalin(t, env, "import", "geo", write("tt_bad.csv", "place,seat,minutes\n32.04,32.73,45\n"))
			if code != exitData || !strings.Contains(errs, "tt_bad.csv:2:1") || !strings.Contains(errs, "not a district or village") {
				t.Errorf("bad travel times: %d %q", code, errs)
			}
			code, _, errs = runJalin(t, env, "import", "geo", filepath.Join(dir, "missing.csv"))
			if code != exitData || !strings.Contains(errs, "missing.csv") {
				t.Errorf("missing file: %d %q", code, errs)
			}
			// Both imports are on record under the command line's name, in
			// the history and in the audit trail; the refused ones are not.
			db := openDB(t, env)
			defer db.Close()
			imps, err := db.GeoImports(context.Background(), 10)
			if err != nil || len(imps) != 2 || imps[0].ActorName != "cli" || imps[1].ActorName != "cli" || imps[0].Source != tt {
				t.Errorf("GeoImports = %+v, %v", imps, err)
			}
			recs, err := db.AuditHistory(context.Background(), access.Scope{All: true}, "geo_import", "2", 10)
			if err != nil || len(recs) != 1 || recs[0].Action != "geo.import" || recs[0].ActorName != "cli" {
				t.Errorf("audit = %+v, %v", recs, err)
			}
		})
	}
}

func TestUserCommandsAndAuditVerify(t *testing.T) {
	for name, envFor := range engines(t) {
		t.Run(name, func(t *testing.T) {
			env := envFor(t)
			in := func(s string) func(*testing.T, ...string) (int, string, string) {
				return func(t *testing.T, args ...string) (int, string, string) {
					var out, errb bytes.Buffer
					code := run(context.Background(), args, strings.NewReader(s), &out, &errb, func(k string) string { return env[k] })
					return code, out.String(), errb.String()
				}
			}
			code, out, errs := in("first-admin-password\n")(t, "user", "add", "--username", "Admin.Pusat", "--name", "Admin Pusat", "--role", "national_admin")
			if code != 0 || !strings.Contains(out, "created user admin.pusat") {
				t.Fatalf("add: %d %q %q", code, out, errs)
			}
			code, _, errs = in("another-good-pass\n")(t, "user", "add", "--username", "kota.admin", "--name", "Kota", "--role", "regency_admin", "--region", "32")
			if code != exitUsage || !strings.Contains(errs, "32") {
				t.Errorf("a regency role with a province code: %d %q", code, errs)
			}
			code, _, errs = in("short\n")(t, "user", "add", "--username", "kota.admin", "--name", "Kota", "--role", "regency_admin", "--region", "32.73")
			if code != exitUsage || !strings.Contains(errs, "10") {
				t.Errorf("a short password: %d %q", code, errs)
			}
			if code, _, errs = in("another-good-pass\n")(t, "user", "add", "--username", "kota.admin", "--name", "Kota", "--role", "regency_admin", "--region", "32.73"); code != 0 {
				t.Fatalf("add regency admin: %d %q", code, errs)
			}
			if code, _, errs = in("")(t, "user", "add", "--username", "admin.pusat", "--name", "Again", "--role", "national_analyst"); code != exitUsage {
				t.Errorf("duplicate username: %d %q", code, errs)
			}
			if code, out, _ = in("a-new-password-1\n")(t, "user", "passwd", "kota.admin"); code != 0 || !strings.Contains(out, "password of kota.admin changed") {
				t.Errorf("passwd: %d %q", code, out)
			}
			if code, out, _ = in("")(t, "user", "disable", "kota.admin"); code != 0 {
				t.Errorf("disable: %d %q", code, out)
			}
			code, out, _ = in("")(t, "user", "list", "--region", "32")
			if code != 0 || !strings.Contains(out, "kota.admin") || strings.Contains(out, "admin.pusat") || !strings.Contains(out, "disabled") {
				t.Errorf("list: %d %q", code, out)
			}
			if code, out, _ = in("")(t, "audit", "verify"); code != 0 || !strings.Contains(out, "audit chain OK: 4 records") {
				t.Fatalf("verify: %d %q", code, out)
			}
			// Tamper with a stored record: verify must name it.
			db := openDB(t, env)
			if _, err := db.Exec(context.Background(), "UPDATE audit_log SET after_json = ? WHERE seq = 2", `{"role":"national_admin"}`); err != nil {
				t.Fatal(err)
			}
			db.Close()
			code, out, _ = in("")(t, "audit", "verify")
			if code != exitFailure || !strings.Contains(out, "BROKEN at seq 2") {
				t.Errorf("tampered: %d %q", code, out)
			}
		})
	}
}

// Package sqlstoretest gives tests a fresh, migrated database on every
// engine Jalin supports: SQLite always, PostgreSQL when JALIN_TEST_POSTGRES
// holds a URL. Each test gets its own SQLite file or PostgreSQL schema, so
// tests may run in parallel and leave nothing behind.
package sqlstoretest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/jalin-ksd/jalin/sqlstore"
)

// EnvPostgres names the variable holding the PostgreSQL URL tests use, e.g.
// postgres://postgres@127.0.0.1:5432/test?sslmode=disable. The database must
// exist and the user must be allowed to create schemas in it.
const EnvPostgres = "JALIN_TEST_POSTGRES"

// Engines lists the engines Each runs on, in order.
var Engines = []string{sqlstore.SQLite, sqlstore.Postgres}

// Each runs fn as one subtest per engine, each with a fresh migrated
// database. The PostgreSQL subtest is skipped when EnvPostgres is unset.
func Each(t *testing.T, fn func(t *testing.T, db *sqlstore.DB)) {
	t.Helper()
	for _, engine := range Engines {
		t.Run(engine, func(t *testing.T) {
			fn(t, Open(t, engine))
		})
	}
}

// Open returns a fresh database of engine with all migrations applied,
// closed (and on PostgreSQL its schema dropped) when the test ends. It skips
// the test for PostgreSQL when EnvPostgres is unset.
func Open(tb testing.TB, engine string) *sqlstore.DB {
	tb.Helper()
	db := OpenEmpty(tb, engine)
	if err := db.Migrate(context.Background()); err != nil {
		tb.Fatalf("migrate: %v", err)
	}
	return db
}

// OpenEmpty is Open without the migrations, for tests of migrating itself.
func OpenEmpty(tb testing.TB, engine string) *sqlstore.DB {
	tb.Helper()
	db, err := sqlstore.Open(context.Background(), DSN(tb, engine))
	if err != nil {
		tb.Fatalf("open %s: %v", engine, err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// DSN returns the DSN of a fresh, empty database of engine: a new file in
// tb.TempDir() for SQLite; for PostgreSQL a new schema, dropped with
// everything in it when the test ends, that the DSN puts first on the
// search_path. It skips the test for PostgreSQL when EnvPostgres is unset.
func DSN(tb testing.TB, engine string) string {
	tb.Helper()
	switch engine {
	case sqlstore.SQLite:
		return filepath.Join(tb.TempDir(), "jalin.db")
	case sqlstore.Postgres:
		return postgresSchema(tb)
	}
	tb.Fatalf("unknown engine %q", engine)
	return ""
}

func postgresSchema(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv(EnvPostgres)
	if base == "" {
		tb.Skipf("PostgreSQL tests skipped: set %s to a URL, e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable", EnvPostgres)
	}
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("%s: %v", EnvPostgres, err)
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatalf("%s: %v", EnvPostgres, err)
	}
	tb.Cleanup(func() { admin.Close() })

	var b [8]byte
	_, _ = rand.Read(b[:])
	schema := "jt_" + hex.EncodeToString(b[:])
	ctx := context.Background()
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		tb.Fatalf("create schema: %v", err)
	}
	// Registered before the caller's db.Close, so it runs after it:
	// cleanups run last-in first-out.
	tb.Cleanup(func() {
		if _, err := admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			tb.Errorf("drop schema %s: %v", schema, err)
		}
	})
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

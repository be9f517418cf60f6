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
	"strings"
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
		return sqliteFile(tb)
	case sqlstore.Postgres:
		return postgresSchema(tb)
	}
	tb.Fatalf("unknown engine %q", engine)
	return ""
}

// sqliteFile returns the path of a new database file in tb.TempDir().
//
// Before the directory is removed (after the caller's Close: cleanups run
// last-in first-out) it checks that this process holds no descriptor of
// the file any more. SQLite's unix VFS keeps one record per inode for the
// whole process and hands a descriptor it still holds for an inode to the
// next connection that opens a file with that inode. Had a leaked
// connection kept the file open while it was deleted, a later test's new
// file could get the same inode number and read the deleted file through
// the old descriptor: a corrupt schema, or a parse that never ends. So a
// file still open is reported and moved aside instead of deleted, which
// keeps its inode taken.
func sqliteFile(tb testing.TB) string {
	dir := tb.TempDir()
	path := filepath.Join(dir, "jalin.db")
	tb.Cleanup(func() {
		open := openFiles(dir)
		if len(open) == 0 {
			return
		}
		aside, err := os.MkdirTemp("", "jalin-open-db-")
		if err == nil {
			err = os.Rename(dir, filepath.Join(aside, "db"))
		}
		tb.Logf("SQLite files still open after Close (a leaked connection?): %v; kept in %s (%v)", open, aside, err)
		if err == nil {
			_ = os.Mkdir(dir, 0o700) // for TempDir's own removal
		}
	})
	return path
}

// openFiles lists the files under dir that this process has open, from
// /proc/self/fd; none where /proc is absent.
func openFiles(dir string) []string {
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return nil
	}
	var open []string
	for _, fd := range fds {
		target, err := os.Readlink(filepath.Join("/proc/self/fd", fd.Name()))
		if err == nil && strings.HasPrefix(target, dir+string(filepath.Separator)) {
			open = append(open, target)
		}
	}
	return open
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

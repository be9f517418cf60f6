package sqlstore

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"

	"github.com/jalin-ksd/jalin"
)

// migrations holds the schema, one plain SQL file per version. The same
// files serve both engines, since they are written in the SQL both accept.
//
//go:embed migrations/*.sql
var migrations embed.FS

// provider returns a goose Provider for this database. Goose is used rather
// than a runner of our own because it already keeps a version table per
// dialect, runs each file in a transaction and reads embedded files; its
// Provider API has no global state, so tests in parallel (each on its own
// database or schema) do not interfere. Its table is found through the
// connection's search_path on PostgreSQL, which is what lets every test have
// its own schema.
func (db *DB) provider() (*goose.Provider, error) {
	dialect := goose.DialectSQLite3
	if db.engine == Postgres {
		dialect = goose.DialectPostgres
	}
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	return goose.NewProvider(dialect, db.write, sub, goose.WithDisableGlobalRegistry(true))
}

// Migrate applies the migrations the database has not had yet; it is a no-op
// when none are pending. It refuses, like CheckSchema, a database migrated by
// a newer binary: applying our older view of the schema to it could only
// make things worse.
//
// Migrate takes no lock across processes: run it from one process (serve at
// start, or the migrate command) before the others start.
func (db *DB) Migrate(ctx context.Context) error {
	if err := db.CheckSchema(ctx); err != nil {
		return err
	}
	p, err := db.provider()
	if err != nil {
		return jalin.Wrap(err, "db.migrate")
	}
	if _, err := p.Up(ctx); err != nil {
		return jalin.Wrap(fmt.Errorf("migrate: %w", err), "db.migrate")
	}
	return nil
}

// SchemaVersion returns the version the database is at (0 for an empty one)
// and the latest version this binary knows.
func (db *DB) SchemaVersion(ctx context.Context) (current, latest int64, err error) {
	p, err := db.provider()
	if err != nil {
		return 0, 0, jalin.Wrap(err, "db.migrate")
	}
	for _, s := range p.ListSources() {
		latest = max(latest, s.Version)
	}
	current, err = p.GetDBVersion(ctx)
	if err != nil {
		return 0, latest, jalin.Wrap(fmt.Errorf("schema version: %w", err), "db.migrate")
	}
	return current, latest, nil
}

// CheckSchema returns an EUnavailable error with message key
// "db.schema_newer" when the database was migrated by a newer binary: serve
// refuses to start on a schema it does not know rather than misread it. An
// older schema is fine here; Migrate brings it up to date.
func (db *DB) CheckSchema(ctx context.Context) error {
	current, latest, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if current > latest {
		return &jalin.Error{
			Code: jalin.EUnavailable,
			Msg:  "db.schema_newer",
			Args: []any{current, latest},
			Err:  fmt.Errorf("database schema version %d is newer than this binary's %d", current, latest),
		}
	}
	return nil
}

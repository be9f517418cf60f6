package main

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/jalin-ksd/jalin/sqlstore"
)

// openDB opens the database a command test ran against.
func openDB(t *testing.T, env map[string]string) *sqlstore.DB {
	t.Helper()
	dsn := env["JALIN_DB"]
	if dsn == "" {
		dsn = filepath.Join(env["JALIN_DATA_DIR"], "jalin.db")
	}
	db, err := sqlstore.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

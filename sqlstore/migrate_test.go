package sqlstore_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

func TestMigrate(t *testing.T) {
	t.Parallel()
	for _, engine := range sqlstoretest.Engines {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			db := sqlstoretest.OpenEmpty(t, engine)
			cur, latest, err := db.SchemaVersion(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if cur != 0 || latest < 1 {
				t.Fatalf("empty database: version %d of %d", cur, latest)
			}
			for range 2 { // the second run must be a no-op
				if err := db.Migrate(ctx); err != nil {
					t.Fatal(err)
				}
				if cur, _, _ := db.SchemaVersion(ctx); cur != latest {
					t.Fatalf("after Migrate: version %d, want %d", cur, latest)
				}
			}
			var n int
			if err := db.QueryRow(ctx, "SELECT COUNT(*) FROM goose_db_version").Scan(&n); err != nil {
				t.Fatal(err)
			}
			if want := int(latest) + 1; n != want { // + goose's version 0 row
				t.Errorf("%d version rows after migrating twice, want %d", n, want)
			}
			if err := db.CheckSchema(ctx); err != nil {
				t.Errorf("CheckSchema on current schema: %v", err)
			}
		})
	}
}

func TestCheckSchemaNewer(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		_, latest, err := db.SchemaVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		// What a newer binary would have left behind.
		if _, err := db.Exec(ctx, "INSERT INTO goose_db_version (version_id, is_applied) VALUES (?, ?)",
			latest+1, true); err != nil {
			t.Fatal(err)
		}
		for name, check := range map[string]func(context.Context) error{
			"CheckSchema": db.CheckSchema,
			"Migrate":     db.Migrate,
		} {
			err := check(ctx)
			var e *jalin.Error
			if !errors.As(err, &e) || e.Code != jalin.EUnavailable || e.Msg != "db.schema_newer" {
				t.Errorf("%s = %v, want EUnavailable db.schema_newer", name, err)
			}
		}
	})
}

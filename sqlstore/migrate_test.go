package sqlstore_test

import (
	"context"
	"errors"
	"fmt"
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

// TestMigrateNotificationKinds: 0011 and 0013 widen the notification kinds
// by recreating the table, which must keep the stored notifications (ids,
// read marks, dedupe keys), accept the new kinds, still refuse unknown
// ones, and on the way down drop only the rows of the new kinds.
func TestMigrateNotificationKinds(t *testing.T) {
	t.Parallel()
	for _, mig := range []struct {
		to  int64
		new []string
	}{
		{11, []string{"action_due_soon", "action_overdue"}},
		{13, []string{"coop_event"}},
	} {
		for _, engine := range sqlstoretest.Engines {
			t.Run(fmt.Sprintf("%04d/%s", mig.to, engine), func(t *testing.T) {
				ctx := context.Background()
				db := sqlstoretest.OpenEmpty(t, engine)
				if err := db.MigrateTo(ctx, mig.to-1); err != nil {
					t.Fatal(err)
				}
				insert := func(id int64, kind, key string) error {
					_, err := db.Exec(ctx, `INSERT INTO notification (id, region_code, kind, message_key, args, created_at,
						read_at, dedupe_key) VALUES (?, '32', ?, 'm', '[]', ?, ?, ?)`, id, kind, db.Now(), db.Now(), key)
					return err
				}
				if err := insert(7, "coop_expired", "old"); err != nil {
					t.Fatal(err)
				}
				if err := insert(8, mig.new[0], "refused"); err == nil {
					t.Fatalf("version %d accepted kind %s", mig.to-1, mig.new[0])
				}
				if err := db.MigrateTo(ctx, mig.to); err != nil {
					t.Fatal(err)
				}
				var kind, key string
				var read *string
				if err := db.QueryRow(ctx, "SELECT kind, dedupe_key, CAST(read_at AS TEXT) FROM notification WHERE id = 7").
					Scan(&kind, &key, &read); err != nil {
					t.Fatal(err)
				}
				if kind != "coop_expired" || key != "old" || read == nil {
					t.Errorf("kept row: kind %q key %q read %v", kind, key, read)
				}
				for i, k := range mig.new {
					if err := insert(int64(20+i), k, k); err != nil {
						t.Errorf("kind %s after %04d: %v", k, mig.to, err)
					}
				}
				if err := insert(30, "no_such_kind", "x"); err == nil {
					t.Errorf("unknown kind accepted after %04d", mig.to)
				}
				if err := insert(31, "coop_expired", "old"); err == nil {
					t.Errorf("dedupe_key no longer unique after %04d", mig.to)
				}
				if err := db.MigrateTo(ctx, mig.to-1); err != nil {
					t.Fatal(err)
				}
				var n int
				if err := db.QueryRow(ctx, "SELECT COUNT(*) FROM notification").Scan(&n); err != nil {
					t.Fatal(err)
				}
				if n != 1 {
					t.Errorf("%d notifications after rolling %04d back, want the one of an old kind", n, mig.to)
				}
				if err := db.MigrateTo(ctx, mig.to); err != nil { // and up again
					t.Fatal(err)
				}
			})
		}
	}
}

package sqlstore_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

func TestOpenEngine(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		if got := db.Engine(); !strings.HasSuffix(t.Name(), "/"+got) {
			t.Errorf("Engine() = %q in subtest %s", got, t.Name())
		}
		if err := db.Ping(context.Background()); err != nil {
			t.Fatal(err)
		}
	})
}

func TestRebind(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		q := "SELECT CAST(? AS TEXT) || CAST(? AS TEXT) || CAST(? AS TEXT)"
		want := q
		if db.Engine() == sqlstore.Postgres {
			want = "SELECT CAST($1 AS TEXT) || CAST($2 AS TEXT) || CAST($3 AS TEXT)"
		}
		for range 2 { // the second call is served from the cache
			if got := db.Rebind(q); got != want {
				t.Errorf("Rebind = %q, want %q", got, want)
			}
		}
		var s string
		if err := db.QueryRow(ctx, q, "a", "b", "c").Scan(&s); err != nil {
			t.Fatal(err)
		}
		if s != "abc" {
			t.Errorf("query gave %q, want abc", s)
		}
		if got := db.Rebind("SELECT 1"); got != "SELECT 1" {
			t.Errorf("Rebind without placeholders = %q", got)
		}
	})
}

func TestTx(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		put := func(key string) func(tx *sqlstore.Tx) error {
			return func(tx *sqlstore.Tx) error {
				_, err := tx.Exec(ctx, "INSERT INTO meta (key, value) VALUES (?, ?)", key, "v")
				return err
			}
		}
		has := func(key string) bool {
			var n int
			if err := db.QueryRow(ctx, "SELECT COUNT(*) FROM meta WHERE key = ?", key).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n == 1
		}

		if err := db.Tx(ctx, put("committed")); err != nil {
			t.Fatal(err)
		}
		boom := errors.New("boom")
		err := db.Tx(ctx, func(tx *sqlstore.Tx) error {
			if err := put("failed")(tx); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Errorf("Tx returned %v, want boom", err)
		}
		func() {
			defer func() {
				if recover() == nil {
					t.Error("panic did not go on")
				}
			}()
			_ = db.Tx(ctx, func(tx *sqlstore.Tx) error {
				if err := put("panicked")(tx); err != nil {
					return err
				}
				panic("boom")
			})
		}()
		if !has("committed") || has("failed") || has("panicked") {
			t.Errorf("committed=%v failed=%v panicked=%v, want true false false",
				has("committed"), has("failed"), has("panicked"))
		}
		// The writer is usable again after the panic.
		if err := db.Tx(ctx, put("after")); err != nil {
			t.Fatal(err)
		}
	})
}

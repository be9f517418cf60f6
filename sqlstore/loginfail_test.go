package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

func TestLoginFailures(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		for i := range 5 {
			if err := db.RecordLoginFailure(ctx, "user:ani", t0.Add(time.Duration(i)*time.Minute)); err != nil {
				t.Fatal(err)
			}
		}
		// A time in another zone is the same instant.
		wib := time.FixedZone("WIB", 7*3600)
		if err := db.RecordLoginFailure(ctx, "ip:192.0.2.1", t0.In(wib)); err != nil {
			t.Fatal(err)
		}
		check := func(key string, since time.Time, wantN int, wantLast time.Time) {
			t.Helper()
			n, last, err := db.LoginFailures(ctx, key, since)
			if err != nil || n != wantN || !last.Equal(wantLast) {
				t.Errorf("LoginFailures(%s, %v) = %d, %v, %v; want %d, %v", key, since, n, last, err, wantN, wantLast)
			}
		}
		check("user:ani", t0, 5, t0.Add(4*time.Minute))
		check("user:ani", t0.Add(2*time.Minute), 3, t0.Add(4*time.Minute)) // since is inclusive
		check("user:ani", t0.Add(150*time.Second), 2, t0.Add(4*time.Minute))
		check("user:ani", t0.Add(5*time.Minute), 0, time.Time{})
		check("ip:192.0.2.1", t0.Add(-time.Second).In(wib), 1, t0)
		check("nobody", t0, 0, time.Time{})

		if err := db.PruneLoginFailures(ctx, t0.Add(3*time.Minute)); err != nil {
			t.Fatal(err)
		}
		check("user:ani", t0, 2, t0.Add(4*time.Minute))
		check("ip:192.0.2.1", t0, 0, time.Time{})
		if err := db.ClearLoginFailures(ctx, "user:ani"); err != nil {
			t.Fatal(err)
		}
		check("user:ani", t0, 0, time.Time{})
	})
}

package jobs_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"

	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/jobs"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

// TestRiverSmoke is the River smoke test: it starts two job clients on the
// test database (two instances: River's migration runs twice and does
// nothing the second time), enqueues the offers job and waits, for a few
// seconds at most, until River has worked it, while the store keeps
// writing through its own connection (on SQLite, River's connection and the
// store's writer share the file; busy_timeout keeps them from failing).
func TestRiverSmoke(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		deps := setup(t, db)
		deps.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
		c := offered(t, db, "Dilewatkan oleh River", cooperation.D(2025, 3, 7))
		ctx := context.Background()
		cfg := jobs.Config{Interval: time.Hour, PollInterval: 200 * time.Millisecond}
		var runners []*jobs.Runner
		for range 2 {
			r, err := jobs.Start(ctx, deps, cfg)
			if err != nil {
				t.Fatal(err)
			}
			runners = append(runners, r)
			t.Cleanup(func() {
				stop, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				defer cancel()
				if err := r.Stop(stop); err != nil {
					t.Errorf("stop: %v", err)
				}
			})
		}
		id, err := runners[0].Enqueue(ctx, jobs.KindOffers)
		if err != nil {
			t.Fatal(err)
		}
		// Poll for the job's completion (10 s at most), and go on for a
		// second at least so that River's own polling, which takes the
		// write lock on SQLite, meets the app's writes.
		start := time.Now()
		for i := 0; ; i++ {
			state, err := runners[1].JobState(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if state == rivertype.JobStateCompleted && time.Since(start) > time.Second {
				break
			}
			if state == rivertype.JobStateDiscarded || time.Since(start) > 10*time.Second {
				t.Fatalf("job %d is %s after %v", id, state, time.Since(start))
			}
			// The app writes meanwhile, through its own writer.
			if _, err := db.AddNotification(ctx, sqlstore.Notification{Region: "32", MessageKey: "m",
				Kind: sqlstore.NotifyCoopExpiring, DedupeKey: fmt.Sprintf("smoke:%d", i)}); err != nil {
				t.Fatalf("app write while River runs: %v", err)
			}
			time.Sleep(20 * time.Millisecond)
		}
		if s := stageOf(t, db, c.ID).Stage; s != cooperation.Ditolak {
			t.Errorf("stage after River's run: %s", s)
		}
		if _, err := runners[0].Enqueue(ctx, "nope"); err == nil {
			t.Error("unknown kind enqueued")
		}
	})
}

package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"

	"github.com/jalin-ksd/jalin/sqlstore"
)

// DefaultInterval is how often each periodic job runs in production.
const DefaultInterval = 15 * time.Minute

// Names of the jobs, as River's job kinds.
const (
	KindOffers       = "offers"
	KindExpiry       = "expiry"
	KindActions      = "actions"
	KindHousekeeping = "housekeeping"
)

// Config configures the River client.
type Config struct {
	// Interval is the time between two runs of each periodic job; 0 for
	// DefaultInterval. Every job also runs once when a leader starts.
	Interval time.Duration
	// PollInterval is how often a client looks for jobs to work when it is
	// not told of new ones; 0 for River's default (one second), at least
	// 100 ms (River's fetch cooldown).
	PollInterval time.Duration
}

// The job arguments: no fields, since a job reads everything it needs when
// it runs. Each kind is unique while it is waiting, running or retrying,
// so however many instances there are, one kind never runs twice at once
// and a slow run is not queued behind a second copy of itself.
type (
	offersArgs       struct{}
	expiryArgs       struct{}
	actionsArgs      struct{}
	housekeepingArgs struct{}
)

func (offersArgs) Kind() string       { return KindOffers }
func (expiryArgs) Kind() string       { return KindExpiry }
func (actionsArgs) Kind() string      { return KindActions }
func (housekeepingArgs) Kind() string { return KindHousekeeping }

func (offersArgs) InsertOpts() river.InsertOpts       { return insertOpts }
func (expiryArgs) InsertOpts() river.InsertOpts       { return insertOpts }
func (actionsArgs) InsertOpts() river.InsertOpts      { return insertOpts }
func (housekeepingArgs) InsertOpts() river.InsertOpts { return insertOpts }

// insertOpts: unique in every state but the finished ones (completed,
// cancelled, discarded), so the next period inserts a new job. A failed
// run is retried a few times; the next period runs it anyway.
var insertOpts = river.InsertOpts{
	MaxAttempts: 3,
	UniqueOpts: river.UniqueOpts{ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
		rivertype.JobStateRetryable, rivertype.JobStateScheduled,
	}},
}

// argsOf returns the job arguments of kind.
func argsOf(kind string) (river.JobArgs, bool) {
	switch kind {
	case KindOffers:
		return offersArgs{}, true
	case KindExpiry:
		return expiryArgs{}, true
	case KindActions:
		return actionsArgs{}, true
	case KindHousekeeping:
		return housekeepingArgs{}, true
	}
	return nil, false
}

// Runner is a started River client working Jalin's jobs.
type Runner struct {
	stop     func(context.Context) error
	insert   func(context.Context, river.JobArgs) (*rivertype.JobInsertResult, error)
	jobState func(context.Context, int64) (rivertype.JobState, error)
	closeDB  func() error
}

// Start migrates River's tables and starts a River client that works the
// jobs and, when it is River's elected leader, enqueues them every
// cfg.Interval. The client lives until Stop, whatever becomes of ctx.
//
// River's tables (river_job, river_leader, river_migration, ...) live in
// Jalin's database beside its own (on PostgreSQL in the schema first on the
// search_path) and are managed by River's migrator, rivermigrate, not by
// goose: River knows its schema and its upgrades. Like Migrate, it takes
// no lock across processes: two instances starting at the same moment on
// an older River schema may race, and the loser fails to start.
//
// On SQLite River gets its own pool of one connection to the same file,
// with the same pragmas and BEGIN IMMEDIATE as the store's writer: each of
// the two connections takes the write lock for one transaction at a time
// and busy_timeout makes the other wait, so they cannot deadlock; River's
// own parallel work queues on its one connection, as its driver advises.
// On PostgreSQL it gets a pgx pool opened from the same URL.
func Start(ctx context.Context, d Deps, cfg Config) (*Runner, error) {
	switch d.DB.Engine() {
	case sqlstore.SQLite:
		db, err := sql.Open("sqlite", d.DB.WriterDSN())
		if err != nil {
			return nil, fmt.Errorf("jobs: open sqlite: %w", err)
		}
		db.SetMaxOpenConns(1)
		r, err := start(ctx, riversqlite.New(db), d, cfg)
		if err != nil {
			db.Close()
			return nil, err
		}
		r.closeDB = db.Close
		return r, nil
	case sqlstore.Postgres:
		pool, err := pgxpool.New(ctx, d.DB.WriterDSN())
		if err != nil {
			return nil, fmt.Errorf("jobs: open postgres pool: %w", err)
		}
		r, err := start(ctx, riverpgxv5.New(pool), d, cfg)
		if err != nil {
			pool.Close()
			return nil, err
		}
		r.closeDB = func() error { pool.Close(); return nil }
		return r, nil
	}
	return nil, fmt.Errorf("jobs: unknown engine %q", d.DB.Engine())
}

func start[TTx any](ctx context.Context, driver riverdriver.Driver[TTx], d Deps, cfg Config) (*Runner, error) {
	log := d.logger()
	m, err := rivermigrate.New(driver, &rivermigrate.Config{Logger: log})
	if err != nil {
		return nil, fmt.Errorf("jobs: river migrator: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return nil, fmt.Errorf("jobs: river migrate: %w", err)
	}
	workers := river.NewWorkers()
	addWorker[offersArgs](workers, d, RunOffers)
	addWorker[expiryArgs](workers, d, RunExpiry)
	addWorker[actionsArgs](workers, d, RunActions)
	addWorker[housekeepingArgs](workers, d, RunHousekeeping)
	interval := cfg.Interval
	if interval <= 0 {
		interval = DefaultInterval
	}
	var periodic []*river.PeriodicJob
	for _, kind := range []string{KindOffers, KindExpiry, KindActions, KindHousekeeping} {
		args, _ := argsOf(kind)
		periodic = append(periodic, river.NewPeriodicJob(river.PeriodicInterval(interval),
			func() (river.JobArgs, *river.InsertOpts) { return args, nil },
			&river.PeriodicJobOpts{ID: kind, RunOnStart: true}))
	}
	client, err := river.NewClient(driver, &river.Config{
		Logger:            log,
		Workers:           workers,
		Queues:            map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 2}},
		PeriodicJobs:      periodic,
		FetchPollInterval: cfg.PollInterval,
		JobTimeout:        10 * time.Minute,
	})
	if err != nil {
		return nil, fmt.Errorf("jobs: river client: %w", err)
	}
	if err := client.Start(context.WithoutCancel(ctx)); err != nil {
		return nil, fmt.Errorf("jobs: start river: %w", err)
	}
	return &Runner{
		stop: func(ctx context.Context) error {
			err := client.Stop(ctx)
			if ctx.Err() != nil {
				// Soft stop timed out: cancel the running jobs and wait a
				// moment for them to notice.
				hard, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				defer cancel()
				err = errors.Join(err, client.StopAndCancel(hard))
			}
			return err
		},
		insert: func(ctx context.Context, args river.JobArgs) (*rivertype.JobInsertResult, error) {
			return client.Insert(ctx, args, nil)
		},
		jobState: func(ctx context.Context, id int64) (rivertype.JobState, error) {
			row, err := client.JobGet(ctx, id)
			if err != nil {
				return "", err
			}
			return row.State, nil
		},
	}, nil
}

// addWorker registers run as the worker of the jobs with arguments T, at
// the store's clock.
func addWorker[T river.JobArgs](w *river.Workers, d Deps, run func(context.Context, Deps, time.Time) (Report, error)) {
	river.AddWorker(w, river.WorkFunc(func(ctx context.Context, _ *river.Job[T]) error {
		_, err := run(ctx, d, d.DB.Now())
		return err
	}))
}

// Enqueue asks for a run of job kind now (KindOffers, KindExpiry,
// KindActions or KindHousekeeping) and returns the River job's id. When a job of that kind
// is already waiting or running, it returns that job's id instead.
func (r *Runner) Enqueue(ctx context.Context, kind string) (int64, error) {
	args, ok := argsOf(kind)
	if !ok {
		return 0, fmt.Errorf("jobs: unknown kind %q", kind)
	}
	res, err := r.insert(ctx, args)
	if err != nil {
		return 0, fmt.Errorf("jobs: enqueue %s: %w", kind, err)
	}
	return res.Job.ID, nil
}

// JobState returns the state of River job id ("available", "running",
// "completed", ...).
func (r *Runner) JobState(ctx context.Context, id int64) (rivertype.JobState, error) {
	return r.jobState(ctx, id)
}

// Stop stops the client, letting running jobs finish until ctx is done
// and cancelling them then, and closes its connection. A nil Runner is
// stopped already.
func (r *Runner) Stop(ctx context.Context) error {
	if r == nil {
		return nil
	}
	err := r.stop(ctx)
	if r.closeDB != nil {
		err = errors.Join(err, r.closeDB())
	}
	return err
}

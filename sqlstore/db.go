// Package sqlstore keeps Jalin's data in SQLite or PostgreSQL behind one code
// path: the same SQL (written with ? placeholders, in the subset both engines
// accept), the same migrations and the same tests run on either engine.
// SQLite serves a single office on one machine with nothing to install;
// PostgreSQL serves a shared deployment.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"

	"github.com/jalin-ksd/jalin"
)

// Engine names returned by DB.Engine.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// sqlitePragmas go into every SQLite DSN so that every pooled connection has
// them, not just the first one: WAL lets readers run beside the writer,
// foreign keys are off by default in SQLite, busy_timeout makes a second
// process wait instead of failing, and synchronous=NORMAL is safe under WAL.
const sqlitePragmas = "_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)" +
	"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)"

// maxCachedSQL is the longest statement whose rewriting Rebind keeps.
const maxCachedSQL = 4096

// DB is a handle on one database. On SQLite, writes go through a pool of a
// single connection (SQLite allows one writer at a time, and queuing in Go is
// cheaper than SQLITE_BUSY retries) and reads through a separate read-only
// pool; on PostgreSQL both are the same pool. DB is safe for concurrent use.
type DB struct {
	engine   string
	write    *sql.DB
	read     *sql.DB
	writeDSN string // the DSN the writer pool was opened with; see WriterDSN

	rebound sync.Map // original SQL -> SQL with $n placeholders (PostgreSQL)
	now     clock    // the clock for stored times, nil for time.Now; see SetNow
	stmts   stmtCache
}

// maxCachedStmts bounds the prepared statements a DB keeps: the hot reads
// are a few dozen fixed texts, and anything past the bound runs unprepared.
const maxCachedStmts = 128

// stmtCache holds prepared statements of the reader pool by original SQL.
// database/sql prepares a Stmt again on each connection it runs on and is
// safe for concurrent use, so one Stmt serves every reader.
type stmtCache struct {
	m      sync.Map // original SQL -> *sql.Stmt
	mu     sync.Mutex
	n      int
	closed bool
}

// Open connects to dsn: a postgres:// or postgresql:// URL selects
// PostgreSQL, anything else is a SQLite file path or "file:" URI. It pings
// the database so that a wrong DSN fails here, not on the first request. It
// does not migrate: see Migrate and CheckSchema.
func Open(ctx context.Context, dsn string) (*DB, error) {
	if strings.TrimSpace(dsn) == "" {
		return nil, jalin.Invalid("dsn", "db.dsn_empty")
	}
	db := &DB{}
	var err error
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		db.engine, db.writeDSN = Postgres, dsn
		if db.write, err = sql.Open("pgx", dsn); err != nil {
			return nil, unavailable(err)
		}
		db.write.SetMaxOpenConns(16)
		db.write.SetMaxIdleConns(4)
		db.read = db.write
	} else {
		db.engine = SQLite
		sep := "?"
		if strings.Contains(dsn, "?") {
			sep = "&"
		}
		base := dsn + sep + sqlitePragmas
		// BEGIN IMMEDIATE takes the write lock at the start of a transaction,
		// so a transaction that reads first cannot fail later on upgrade.
		db.writeDSN = base + "&_txlock=immediate"
		if db.write, err = sql.Open("sqlite", db.writeDSN); err != nil {
			return nil, unavailable(err)
		}
		db.write.SetMaxOpenConns(1)
		// Readers get 512 KiB of page cache each instead of SQLite's 2 MB:
		// requests read scattered rows of a file far larger than any cache,
		// which the operating system's page cache holds anyway, so a larger
		// cache per connection costs memory without saving reads; 512 KiB
		// keeps the upper levels of the hot B-trees.
		if db.read, err = sql.Open("sqlite", base+"&_pragma=query_only(1)&_pragma=cache_size(-512)"); err != nil {
			db.write.Close()
			return nil, unavailable(err)
		}
		n := max(4, runtime.NumCPU())
		db.read.SetMaxOpenConns(n)
		db.read.SetMaxIdleConns(n)
	}
	// The writer connects first: it creates the file and switches it to WAL
	// before a query_only reader could trip over either.
	if err := db.Ping(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Engine says which engine this is: SQLite or Postgres.
func (db *DB) Engine() string { return db.engine }

// WriterDSN is the DSN the writer pool was opened with: on SQLite the file
// with every pragma and BEGIN IMMEDIATE, on PostgreSQL the URL (search_path
// included). It lets another component (the job queue) open its own pool on
// the same database with the same settings. It may hold a password: never
// log it.
func (db *DB) WriterDSN() string { return db.writeDSN }

// Ping checks that both pools can reach the database.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.write.PingContext(ctx); err != nil {
		return unavailable(err)
	}
	if db.read != db.write {
		if err := db.read.PingContext(ctx); err != nil {
			return unavailable(err)
		}
	}
	return nil
}

// Close closes the prepared statements and both pools.
func (db *DB) Close() error {
	db.stmts.mu.Lock()
	db.stmts.closed = true
	var err error
	db.stmts.m.Range(func(k, v any) bool {
		err = errors.Join(err, v.(*sql.Stmt).Close())
		db.stmts.m.Delete(k)
		return true
	})
	db.stmts.mu.Unlock()
	err = errors.Join(err, db.write.Close())
	if db.read != db.write {
		err = errors.Join(err, db.read.Close())
	}
	return err
}

// Rebind returns q with its ? placeholders numbered $1..$n for PostgreSQL,
// and q itself for SQLite. Our SQL never has ? inside a string literal, so a
// plain scan is correct. Short statements, a fixed set of strings, are
// cached; long ones (batch inserts, whose sizes vary) are rewritten each
// time, which costs little beside sending them and keeps the cache bounded.
func (db *DB) Rebind(q string) string {
	if db.engine != Postgres || !strings.Contains(q, "?") {
		return q
	}
	if s, ok := db.rebound.Load(q); ok {
		return s.(string)
	}
	var b strings.Builder
	b.Grow(len(q) + len(q)/4)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] != '?' {
			b.WriteByte(q[i])
			continue
		}
		n++
		b.WriteByte('$')
		b.WriteString(strconv.Itoa(n))
	}
	s := b.String()
	if len(q) <= maxCachedSQL {
		db.rebound.Store(q, s)
	}
	return s
}

// Exec runs a statement that writes, through the writer pool.
func (db *DB) Exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return db.write.ExecContext(ctx, db.Rebind(q), args...)
}

// Query runs a read-only query through the reader pool.
func (db *DB) Query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return db.read.QueryContext(ctx, db.Rebind(q), args...)
}

// QueryRow runs a read-only query returning at most one row, through the
// reader pool.
func (db *DB) QueryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return db.read.QueryRowContext(ctx, db.Rebind(q), args...)
}

// prepared returns the statement of q prepared on the reader pool, or nil
// when it cannot be cached (the cache is full or closed, or preparing
// failed: the caller then runs q unprepared, which reports any error).
// Only fixed statement texts belong here, never ones built around a
// varying IN list. It saves SQLite the parse and plan of every query
// (8–14% of a list); pgx already keeps statements prepared per connection,
// so on PostgreSQL it changes little.
func (db *DB) prepared(ctx context.Context, q string) *sql.Stmt {
	if st, ok := db.stmts.m.Load(q); ok {
		return st.(*sql.Stmt)
	}
	c := &db.stmts
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.m.Load(q); ok {
		return st.(*sql.Stmt)
	}
	if c.closed || c.n >= maxCachedStmts {
		return nil
	}
	st, err := db.read.PrepareContext(ctx, db.Rebind(q))
	if err != nil {
		return nil
	}
	c.m.Store(q, st)
	c.n++
	return st
}

// queryCached is Query through a statement kept prepared (see prepared):
// for the hot, fixed-text reads.
func (db *DB) queryCached(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if st := db.prepared(ctx, q); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return db.Query(ctx, q, args...)
}

// queryRowCached is QueryRow through a statement kept prepared. These are
// reads of one row by key that take microseconds; on SQLite they run
// detached from the request's cancellation (see pointRead).
func (db *DB) queryRowCached(ctx context.Context, q string, args ...any) *sql.Row {
	ctx = db.pointRead(ctx)
	if st := db.prepared(ctx, q); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return db.QueryRow(ctx, q, args...)
}

// pointRead is the context for a read of a few rows by key. The SQLite
// driver starts a goroutine for every statement whose context can be
// cancelled, to interrupt it; for a read that ends in microseconds that
// costs more than the read (a tenth of a cooperation by id) and could only
// save microseconds after the client left. On PostgreSQL the context is
// kept: there the wait is on the network.
func (db *DB) pointRead(ctx context.Context) context.Context {
	if db.engine == SQLite {
		return context.WithoutCancel(ctx)
	}
	return ctx
}

// Tx is a write transaction; its methods rebind placeholders like DB's.
type Tx struct {
	tx *sql.Tx
	db *DB
}

// Exec runs a statement inside the transaction.
func (tx *Tx) Exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return tx.tx.ExecContext(ctx, tx.db.Rebind(q), args...)
}

// Query runs a query inside the transaction, so it sees the transaction's
// own writes.
func (tx *Tx) Query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return tx.tx.QueryContext(ctx, tx.db.Rebind(q), args...)
}

// QueryRow runs a query returning at most one row inside the transaction.
func (tx *Tx) QueryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return tx.tx.QueryRowContext(ctx, tx.db.Rebind(q), args...)
}

// Engine says which engine the transaction runs on.
func (tx *Tx) Engine() string { return tx.db.engine }

// Tx runs fn in a write transaction: committed if fn returns nil, rolled
// back if it returns an error or panics (the panic then goes on). Callers
// cannot forget a rollback, and a half-done load never becomes visible.
func (db *DB) Tx(ctx context.Context, fn func(tx *Tx) error) (err error) {
	sqlTx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return unavailable(err)
	}
	tx := &Tx{tx: sqlTx, db: db}
	defer func() {
		if p := recover(); p != nil {
			_ = sqlTx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = sqlTx.Rollback()
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	if err = sqlTx.Commit(); err != nil {
		return jalin.Wrap(fmt.Errorf("commit: %w", err), "db.commit")
	}
	return nil
}

// unavailable marks err as the database being out of reach, so that serve
// answers 503 and the CLI says the database is down rather than "internal".
func unavailable(err error) error {
	return &jalin.Error{Code: jalin.EUnavailable, Msg: "db.unavailable", Err: err}
}

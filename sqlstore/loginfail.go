package sqlstore

import (
	"context"
	"time"

	"github.com/jalin-ksd/jalin"
)

// Failed logins are counted per key (for instance "user:alice" and
// "ip:192.0.2.1") in a sliding window, so that every instance throttles
// alike.

// RecordLoginFailure records a failed login for key at the given time.
func (db *DB) RecordLoginFailure(ctx context.Context, key string, at time.Time) error {
	_, err := db.Exec(ctx, "INSERT INTO login_failure (key, at) VALUES (?, ?)", key, dbTime(at))
	return jalin.Wrap(err, "db.query")
}

// LoginFailures returns how many failures key has had since the given
// time (inclusive) and when the last of them was; last is the zero time
// when count is 0.
func (db *DB) LoginFailures(ctx context.Context, key string, since time.Time) (count int, last time.Time, err error) {
	// at is selected as a column, not as MAX(at): SQLite types a column by
	// its declaration, an aggregate not, and it would come back as text.
	rows, err := db.Query(ctx, `SELECT at, (SELECT COUNT(*) FROM login_failure WHERE key = ? AND at >= ?)
		FROM login_failure WHERE key = ? AND at >= ? ORDER BY at DESC LIMIT 1`,
		key, dbTime(since), key, dbTime(since))
	if err != nil {
		return 0, time.Time{}, jalin.Wrap(err, "db.query")
	}
	defer rows.Close()
	if rows.Next() {
		if err := rows.Scan(&last, &count); err != nil {
			return 0, time.Time{}, jalin.Wrap(err, "db.query")
		}
		last = last.UTC()
	}
	return count, last, jalin.Wrap(rows.Err(), "db.query")
}

// ClearLoginFailures forgets the failures of key, after a successful login.
func (db *DB) ClearLoginFailures(ctx context.Context, key string) error {
	_, err := db.Exec(ctx, "DELETE FROM login_failure WHERE key = ?", key)
	return jalin.Wrap(err, "db.query")
}

// PruneLoginFailures forgets every failure before the given time, older
// than any window that counts them.
func (db *DB) PruneLoginFailures(ctx context.Context, before time.Time) error {
	_, err := db.Exec(ctx, "DELETE FROM login_failure WHERE at < ?", dbTime(before))
	return jalin.Wrap(err, "db.query")
}

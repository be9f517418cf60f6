package sqlstore

import (
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
)

// clock gives the current time; DB.now holds one.
type clock func() time.Time

// SetNow makes now the clock of every time the store records itself
// (created_at, updated_at, audit times); nil restores time.Now. Tests use it
// to control time. Call it before the DB is shared between goroutines.
func (db *DB) SetNow(now func() time.Time) { db.now = now }

// Now returns the store's current time as it is stored: UTC, truncated to
// microseconds (what PostgreSQL keeps), so a value read back equals the one
// written.
func (db *DB) Now() time.Time {
	if db.now == nil {
		return dbTime(time.Now())
	}
	return dbTime(db.now())
}

// dbTime normalises t for storing and comparing. Every time goes through it:
// SQLite stores times as text, and texts of UTC times compare in time order.
func dbTime(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// nullString is s for a nullable column: NULL for "".
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// nullID is id for a nullable reference: NULL for 0.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// qualify prefixes every column of a comma-separated list ("a, b") with
// prefix ("t."), for joins.
func qualify(prefix, cols string) string {
	parts := strings.Split(cols, ",")
	for i, c := range parts {
		parts[i] = prefix + strings.TrimSpace(c)
	}
	return strings.Join(parts, ", ")
}

// timePtr returns a scanned nullable time, nil for NULL.
func timePtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

func hexOf(b []byte) string { return hex.EncodeToString(b) }

func idString(id int64) string { return strconv.FormatInt(id, 10) }

// nextID takes the next id of the counter name inside the transaction. On
// PostgreSQL the UPDATE locks the counter row until the transaction ends,
// so concurrent inserts queue instead of colliding.
func (tx *Tx) nextID(ctx context.Context, name string) (int64, error) {
	var id int64
	err := tx.QueryRow(ctx, "UPDATE id_counter SET value = value + 1 WHERE name = ? RETURNING value", name).Scan(&id)
	return id, jalin.Wrap(err, "db.query")
}

// scopeCond returns an SQL condition (and its arguments) limiting rows to
// scope, where regionCol is the column holding a row's region code and
// orgCol the one holding its organisation ("" if rows have none):
//
//   - PublicOnly sees nothing: these are not public objects;
//   - All sees every row;
//   - OrgID (a third party) sees only rows of its organisation;
//   - Prefix sees rows whose region is Prefix or below it ("32" covers
//     "32" and "32.73" but not "320" or "35.78"); rows without a region
//     (national ones) are not covered;
//   - the zero Scope sees nothing.
//
// substr rather than LIKE keeps "_" and "%" in a prefix from acting as
// wildcards, and behaves the same on both engines.
func scopeCond(s access.Scope, regionCol, orgCol string) (string, []any) {
	switch {
	case s.PublicOnly:
		return "1 = 0", nil
	case s.All:
		return "1 = 1", nil
	case s.OrgID != 0:
		if orgCol == "" {
			return "1 = 0", nil
		}
		return orgCol + " = ?", []any{s.OrgID}
	case s.Prefix != "":
		return "(" + regionCol + " = ? OR substr(" + regionCol + ", 1, ?) = ?)",
			[]any{s.Prefix, int64(len(s.Prefix) + 1), s.Prefix + "."}
	}
	return "1 = 0", nil
}

// subtreeCond is the condition "col is region or below it".
func subtreeCond(col, region string) (string, []any) {
	return scopeCond(access.Scope{Prefix: region}, col, "")
}

// Page sizes of the List methods.
const (
	defaultLimit = 50
	maxLimit     = 500
)

// pageLimit returns limit within 1..maxLimit, defaultLimit for 0 or less.
func pageLimit(limit int) int {
	if limit <= 0 {
		return defaultLimit
	}
	return min(limit, maxLimit)
}

// likeContains returns a LIKE pattern (used with ESCAPE '\') matching
// values containing s.
func likeContains(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}

// isUniqueViolation reports whether err is a unique-constraint violation on
// either engine.
func isUniqueViolation(err error) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == "23505" // unique_violation
	}
	var lite *sqlite.Error
	if errors.As(err, &lite) {
		c := lite.Code()
		return c == sqlite3.SQLITE_CONSTRAINT_UNIQUE || c == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return false
}

// exists reports whether q (a SELECT COUNT(*)) counts at least one row.
func (tx *Tx) exists(ctx context.Context, q string, args ...any) (bool, error) {
	var n int
	if err := tx.QueryRow(ctx, q, args...).Scan(&n); err != nil {
		return false, jalin.Wrap(err, "db.query")
	}
	return n > 0, nil
}

// affected returns the rows a statement changed.
func affected(res sql.Result, err error) (int, error) {
	if err != nil {
		return 0, jalin.Wrap(err, "db.query")
	}
	n, err := res.RowsAffected()
	return int(n), jalin.Wrap(err, "db.query")
}

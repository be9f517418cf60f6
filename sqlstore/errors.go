package sqlstore

import (
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// isForeignKeyViolation reports whether err is a foreign-key violation on
// either engine. Loads use it to turn "this row names a region that does
// not exist" (or "this region is still referenced") into an error a person
// can act on, instead of an internal one.
func isForeignKeyViolation(err error) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == "23503" // foreign_key_violation
	}
	var lite *sqlite.Error
	if errors.As(err, &lite) {
		return lite.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
	}
	return false
}

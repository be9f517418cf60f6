package sqlstore

import (
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"time"

	"github.com/jalin-ksd/jalin"
)

// Session is a browser session, kept in the database so that any instance
// serves any request. IDHash is a hash of the cookie value (the value
// itself is never stored); UserID is 0 for an anonymous session that only
// holds the CSRF token of the login form.
type Session struct {
	IDHash                           []byte
	UserID                           int64
	CSRF                             string
	CreatedAt, ExpiresAt, LastSeenAt time.Time
	IP, UserAgent                    string
}

const sessionCols = "id_hash, user_id, csrf, created_at, expires_at, last_seen_at, ip, user_agent"

// CreateSession stores s. IDHash and ExpiresAt are required; a zero
// CreatedAt is now, a zero LastSeenAt is CreatedAt. A UserID that is no
// user is EInvalid "session.user_unknown"; an IDHash already stored is
// EConflict "session.exists".
func (db *DB) CreateSession(ctx context.Context, s Session) error {
	if len(s.IDHash) == 0 {
		return jalin.Invalid("id_hash", "session.id_required")
	}
	if s.ExpiresAt.IsZero() {
		return jalin.Invalid("expires_at", "session.expiry_required")
	}
	if s.CreatedAt.IsZero() {
		s.CreatedAt = db.Now()
	}
	if s.LastSeenAt.IsZero() {
		s.LastSeenAt = s.CreatedAt
	}
	_, err := db.Exec(ctx, "INSERT INTO session ("+sessionCols+") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		hexOf(s.IDHash), nullID(s.UserID), s.CSRF, dbTime(s.CreatedAt), dbTime(s.ExpiresAt),
		dbTime(s.LastSeenAt), s.IP, s.UserAgent)
	switch {
	case isForeignKeyViolation(err):
		return &jalin.Error{Code: jalin.EInvalid, Msg: "session.user_unknown", Field: "user_id", Err: err}
	case isUniqueViolation(err):
		return &jalin.Error{Code: jalin.EConflict, Msg: "session.exists", Err: err}
	}
	return jalin.Wrap(err, "db.query")
}

// SessionByHash returns the session whose IDHash is hash, if it has not
// expired by now; otherwise the error wraps jalin.ErrNotFound.
func (db *DB) SessionByHash(ctx context.Context, hash []byte, now time.Time) (Session, error) {
	var s Session
	var id string
	var user sql.NullInt64
	err := db.queryRowCached(ctx, "SELECT "+sessionCols+" FROM session WHERE id_hash = ? AND expires_at > ?",
		hexOf(hash), dbTime(now)).Scan(&id, &user, &s.CSRF, &s.CreatedAt, &s.ExpiresAt, &s.LastSeenAt,
		&s.IP, &s.UserAgent)
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, notFound("session", "")
	}
	if err != nil {
		return Session{}, jalin.Wrap(err, "db.query")
	}
	if s.IDHash, err = hex.DecodeString(id); err != nil {
		return Session{}, jalin.Wrap(err, "db.query")
	}
	s.UserID = user.Int64
	s.CreatedAt, s.ExpiresAt, s.LastSeenAt = s.CreatedAt.UTC(), s.ExpiresAt.UTC(), s.LastSeenAt.UTC()
	return s, nil
}

// TouchSession records activity on a session at lastSeen and moves its
// expiry to newExpiry (a sliding expiry). A session that is gone or had
// expired by lastSeen is not revived: the error wraps jalin.ErrNotFound.
func (db *DB) TouchSession(ctx context.Context, hash []byte, lastSeen, newExpiry time.Time) error {
	n, err := affected(db.Exec(ctx,
		"UPDATE session SET last_seen_at = ?, expires_at = ? WHERE id_hash = ? AND expires_at > ?",
		dbTime(lastSeen), dbTime(newExpiry), hexOf(hash), dbTime(lastSeen)))
	if err != nil {
		return err
	}
	if n == 0 {
		return notFound("session", "")
	}
	return nil
}

// DeleteSession removes a session (logging out); removing one that is
// already gone is not an error.
func (db *DB) DeleteSession(ctx context.Context, hash []byte) error {
	_, err := db.Exec(ctx, "DELETE FROM session WHERE id_hash = ?", hexOf(hash))
	return jalin.Wrap(err, "db.query")
}

// DeleteUserSessions removes every session of a user ("log out
// everywhere") and returns how many there were. The caller records
// "session.logout_all" with AppendAudit if it wants it in the trail.
func (db *DB) DeleteUserSessions(ctx context.Context, userID int64) (int, error) {
	return affected(db.Exec(ctx, "DELETE FROM session WHERE user_id = ?", userID))
}

// DeleteExpiredSessions removes the sessions expired by now and returns
// how many.
func (db *DB) DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error) {
	return affected(db.Exec(ctx, "DELETE FROM session WHERE expires_at <= ?", dbTime(now)))
}

package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/jalin-ksd/jalin"
)

// APIToken is a bearer token for the API, owned by a user. Hash is a hash
// of the secret (the secret itself is never stored). ExpiresAt is nil for a
// token that does not expire; LastUsedAt and RevokedAt are nil until it is
// used or revoked. All times are UTC.
type APIToken struct {
	ID                               int64
	UserID                           int64
	Name                             string
	Hash                             []byte
	CreatedAt                        time.Time
	ExpiresAt, LastUsedAt, RevokedAt *time.Time
}

// tokenView is what the audit trail records of a token: never its hash.
type tokenView struct {
	ID        int64      `json:"id"`
	UserID    int64      `json:"user_id"`
	Name      string     `json:"name"`
	ExpiresAt *time.Time `json:"expires_at,omitempty"`
}

const tokenCols = "id, user_id, name, created_at, expires_at, last_used_at, revoked_at"

func scanToken(s interface{ Scan(...any) error }) (APIToken, error) {
	var t APIToken
	dest, finish := tokenDest(&t)
	err := s.Scan(dest...)
	finish()
	return t, err
}

// tokenDest returns the scan destinations of tokenCols for t and what to
// do after the scan, so that one row can fill a token and more.
func tokenDest(t *APIToken) ([]any, func()) {
	var exp, used, revoked sql.NullTime
	return []any{&t.ID, &t.UserID, &t.Name, &t.CreatedAt, &exp, &used, &revoked}, func() {
		t.CreatedAt = t.CreatedAt.UTC()
		t.ExpiresAt, t.LastUsedAt, t.RevokedAt = timePtr(exp), timePtr(used), timePtr(revoked)
	}
}

// CreateToken stores a new token for t.UserID (ID and CreatedAt are set
// here, from the store's clock) and records "token.create" in the audit trail, under the owner's
// region, in the same transaction. A name and a hash are required; an
// unknown user is EInvalid "token.user_unknown"; a hash already stored is
// EConflict "token.exists".
func (db *DB) CreateToken(ctx context.Context, t APIToken, meta AuditMeta) (APIToken, error) {
	t.Name = strings.TrimSpace(t.Name)
	switch {
	case t.Name == "":
		return APIToken{}, jalin.Invalid("name", "token.name_required")
	case len(t.Hash) == 0:
		return APIToken{}, jalin.Invalid("hash", "token.hash_required")
	}
	t.LastUsedAt, t.RevokedAt = nil, nil
	var expires any
	if t.ExpiresAt != nil {
		e := dbTime(*t.ExpiresAt)
		t.ExpiresAt, expires = &e, e
	}
	err := db.Tx(ctx, func(tx *Tx) error {
		var region sql.NullString
		err := tx.QueryRow(ctx, "SELECT region_code FROM app_user WHERE id = ?", t.UserID).Scan(&region)
		if errors.Is(err, sql.ErrNoRows) {
			return jalin.Invalid("user_id", "token.user_unknown")
		}
		if err != nil {
			return jalin.Wrap(err, "db.query")
		}
		if t.ID, err = tx.nextID(ctx, "api_token"); err != nil {
			return err
		}
		t.CreatedAt = tx.db.Now()
		_, err = tx.Exec(ctx, `INSERT INTO api_token (id, user_id, name, token_hash, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?)`, t.ID, t.UserID, t.Name, hexOf(t.Hash), t.CreatedAt, expires)
		if isUniqueViolation(err) {
			return &jalin.Error{Code: jalin.EConflict, Msg: "token.exists", Err: err}
		}
		if err != nil {
			return jalin.Wrap(err, "db.query")
		}
		v := tokenView{ID: t.ID, UserID: t.UserID, Name: t.Name, ExpiresAt: t.ExpiresAt}
		return tx.appendAudit(ctx, meta, AuditEntry{
			Action: "token.create", ObjectKind: "api_token", ObjectID: idString(t.ID),
			Region: region.String, After: v,
		})
	})
	if err != nil {
		return APIToken{}, err
	}
	return t, nil
}

// TokenByHash returns the token whose hash is hash, if it is neither
// revoked nor expired by now; otherwise the error wraps jalin.ErrNotFound.
// The caller still checks that the owner is not disabled.
func (db *DB) TokenByHash(ctx context.Context, hash []byte, now time.Time) (APIToken, error) {
	t, err := scanToken(db.queryRowCached(ctx, "SELECT "+tokenCols+` FROM api_token
		WHERE token_hash = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)`,
		hexOf(hash), dbTime(now)))
	if errors.Is(err, sql.ErrNoRows) {
		return APIToken{}, notFound("token", "")
	}
	if err != nil {
		return APIToken{}, jalin.Wrap(err, "db.query")
	}
	t.Hash = hash
	return t, nil
}

// tokenUserSQL reads a live token by hash with its user, in one query:
// authentication runs it on every API request.
var tokenUserSQL = "SELECT " + qualify("t.", tokenCols) + ", " + qualify("u.", userCols) + `
	FROM api_token t JOIN app_user u ON u.id = t.user_id
	WHERE t.token_hash = ? AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?)`

// TokenUser is TokenByHash and the token's user (disabled or not: the
// caller decides) in one read.
func (db *DB) TokenUser(ctx context.Context, hash []byte, now time.Time) (APIToken, User, error) {
	var t APIToken
	var u User
	td, tokenDone := tokenDest(&t)
	ud, userDone := userDest(&u)
	err := db.queryRowCached(ctx, tokenUserSQL, hexOf(hash), dbTime(now)).Scan(append(td, ud...)...)
	tokenDone()
	userDone()
	if errors.Is(err, sql.ErrNoRows) {
		return APIToken{}, User{}, notFound("token", "")
	}
	if err != nil {
		return APIToken{}, User{}, jalin.Wrap(err, "db.query")
	}
	t.Hash = hash
	return t, u, nil
}

// ListTokens returns every token of a user, revoked and expired ones too,
// oldest first. Hash is left empty: listing never needs it.
func (db *DB) ListTokens(ctx context.Context, userID int64) ([]APIToken, error) {
	out := []APIToken{}
	err := db.eachRow(ctx, "SELECT "+tokenCols+" FROM api_token WHERE user_id = ? ORDER BY id",
		[]any{userID}, func(rows *sql.Rows) error {
			t, err := scanToken(rows)
			out = append(out, t)
			return err
		})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// RevokeToken revokes token tokenID of user userID at now and records
// "token.revoke" in the same transaction. A token that is not that user's
// gives an error wrapping jalin.ErrNotFound, so nobody learns of others'
// tokens; revoking a revoked token again changes nothing and records
// nothing.
func (db *DB) RevokeToken(ctx context.Context, userID, tokenID int64, now time.Time, meta AuditMeta) error {
	return db.Tx(ctx, func(tx *Tx) error {
		var name string
		var revoked sql.NullTime
		var region sql.NullString
		err := tx.QueryRow(ctx, `SELECT t.name, t.revoked_at, u.region_code FROM api_token t
			JOIN app_user u ON u.id = t.user_id WHERE t.id = ? AND t.user_id = ?`, tokenID, userID).
			Scan(&name, &revoked, &region)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("token", idString(tokenID))
		}
		if err != nil {
			return jalin.Wrap(err, "db.query")
		}
		if revoked.Valid {
			return nil
		}
		at := dbTime(now)
		if _, err := tx.Exec(ctx, "UPDATE api_token SET revoked_at = ? WHERE id = ?", at, tokenID); err != nil {
			return jalin.Wrap(err, "db.query")
		}
		return tx.appendAudit(ctx, meta, AuditEntry{
			Action: "token.revoke", ObjectKind: "api_token", ObjectID: idString(tokenID),
			Region: region.String,
			Before: tokenView{ID: tokenID, UserID: userID, Name: name},
			After:  map[string]any{"id": tokenID, "revoked_at": at},
		})
	})
}

// TouchToken records that token id was used at now.
func (db *DB) TouchToken(ctx context.Context, id int64, now time.Time) error {
	n, err := affected(db.Exec(ctx, "UPDATE api_token SET last_used_at = ? WHERE id = ?", dbTime(now), id))
	if err != nil {
		return err
	}
	if n == 0 {
		return notFound("token", idString(id))
	}
	return nil
}

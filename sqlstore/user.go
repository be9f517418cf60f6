package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
)

// User is an account. Username is stored lower-case and unique; Region is
// "" for national roles; OrgID is set for third parties only. Version
// grows by one on every update (optimistic locking, see UpdateUser).
type User struct {
	ID                                      int64
	Username, DisplayName, Email            string
	PasswordHash                            string
	Role                                    access.Role
	Region                                  string
	OrgID                                   int64
	Lang                                    string
	Disabled                                bool
	CreatedAt, UpdatedAt, PasswordChangedAt time.Time
	Version                                 int64
}

// UserFilter selects users for ListUsers; zero fields select all.
type UserFilter struct {
	Query  string      // part of the username or display name, any case
	Role   access.Role // exactly this role
	Region string      // this region or below it
	Limit  int         // 0 for the default page size (50); capped at 500
	Offset int
}

// DefaultLang is the language of a user created without one.
const DefaultLang = "id"

// maxUsername is the longest username accepted.
const maxUsername = 64

// userView is what the audit trail records of a user: never the password
// hash, only whether it changed.
type userView struct {
	ID              int64       `json:"id"`
	Username        string      `json:"username"`
	DisplayName     string      `json:"display_name"`
	Email           string      `json:"email"`
	Role            access.Role `json:"role"`
	Region          string      `json:"region,omitempty"`
	OrgID           int64       `json:"org_id,omitempty"`
	Lang            string      `json:"lang"`
	Disabled        bool        `json:"disabled"`
	Version         int64       `json:"version"`
	PasswordChanged bool        `json:"password_changed,omitempty"`
}

func (u *User) view() userView {
	return userView{u.ID, u.Username, u.DisplayName, u.Email, u.Role, u.Region, u.OrgID,
		u.Lang, u.Disabled, u.Version, false}
}

const userCols = `id, username, display_name, email, password_hash, role, region_code, org_id,
	lang, disabled, created_at, updated_at, password_changed_at, version`

func scanUser(s interface{ Scan(...any) error }) (User, error) {
	var u User
	dest, finish := userDest(&u)
	err := s.Scan(dest...)
	finish()
	return u, err
}

// userDest returns the scan destinations of userCols for u and what to do
// after the scan (see tokenDest).
func userDest(u *User) ([]any, func()) {
	var region sql.NullString
	var org sql.NullInt64
	return []any{&u.ID, &u.Username, &u.DisplayName, &u.Email, &u.PasswordHash, &u.Role, &region, &org,
			&u.Lang, &u.Disabled, &u.CreatedAt, &u.UpdatedAt, &u.PasswordChangedAt, &u.Version}, func() {
			u.Region, u.OrgID = region.String, org.Int64
			u.CreatedAt, u.UpdatedAt, u.PasswordChangedAt = u.CreatedAt.UTC(), u.UpdatedAt.UTC(), u.PasswordChangedAt.UTC()
		}
}

// normalizeUsername trims and lower-cases a username.
func normalizeUsername(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// normalizeUser trims and checks u: a username of 1 to 64 of a-z, 0-9 and
// ". _ - @"; a known role; a region exactly for non-national roles; an
// organisation exactly for third parties.
func normalizeUser(u *User) error {
	u.Username = normalizeUsername(u.Username)
	u.DisplayName = strings.TrimSpace(u.DisplayName)
	u.Email = strings.TrimSpace(u.Email)
	if u.DisplayName == "" {
		u.DisplayName = u.Username
	}
	if u.Lang == "" {
		u.Lang = DefaultLang
	}
	national := u.Role == access.NationalAdmin || u.Role == access.NationalAnalyst
	switch {
	case u.Username == "" || len(u.Username) > maxUsername ||
		strings.Trim(u.Username, "abcdefghijklmnopqrstuvwxyz0123456789._-@") != "":
		return jalin.Invalid("username", "user.username_invalid")
	case u.Email != "" && !strings.Contains(u.Email, "@"):
		return jalin.Invalid("email", "user.email_invalid")
	case !slices.Contains(access.Roles, u.Role):
		return jalin.Invalid("role", "user.role_invalid")
	case national && u.Region != "":
		return jalin.Invalid("region", "user.region_not_allowed")
	case !national && u.Region == "":
		return jalin.Invalid("region", "user.region_required")
	case u.Role == access.ThirdParty && u.OrgID == 0:
		return jalin.Invalid("org_id", "user.org_required")
	case u.Role != access.ThirdParty && u.OrgID != 0:
		return jalin.Invalid("org_id", "user.org_not_allowed")
	}
	return nil
}

// checkUserRefs checks, inside tx, that u's username is free (for any user
// but u itself) and that its region and organisation exist.
func (tx *Tx) checkUserRefs(ctx context.Context, u *User) error {
	taken, err := tx.exists(ctx, "SELECT COUNT(*) FROM app_user WHERE username = ? AND id <> ?", u.Username, u.ID)
	if err != nil {
		return err
	}
	if taken {
		return usernameTaken(nil)
	}
	if u.Region != "" {
		ok, err := tx.exists(ctx, "SELECT COUNT(*) FROM region WHERE code = ?", u.Region)
		if err != nil {
			return err
		}
		if !ok {
			return jalin.Invalid("region", "user.region_unknown")
		}
	}
	if u.OrgID != 0 {
		ok, err := tx.exists(ctx, "SELECT COUNT(*) FROM organization WHERE id = ?", u.OrgID)
		if err != nil {
			return err
		}
		if !ok {
			return jalin.Invalid("org_id", "user.org_unknown")
		}
	}
	return nil
}

func usernameTaken(cause error) error {
	return &jalin.Error{Code: jalin.EConflict, Msg: "user.username_taken", Field: "username", Err: cause}
}

// CreateUser stores a new user (ID, the times and Version are set here)
// and records "user.create" in the audit trail in the same transaction.
// A username already taken, in any case, is EConflict "user.username_taken"
// on field "username"; invalid fields are EInvalid naming the field.
func (db *DB) CreateUser(ctx context.Context, u User, meta AuditMeta) (User, error) {
	u.ID = 0
	if err := normalizeUser(&u); err != nil {
		return User{}, err
	}
	err := db.Tx(ctx, func(tx *Tx) error {
		if err := tx.checkUserRefs(ctx, &u); err != nil {
			return err
		}
		id, err := tx.nextID(ctx, "app_user")
		if err != nil {
			return err
		}
		now := tx.db.Now()
		u.ID, u.CreatedAt, u.UpdatedAt, u.PasswordChangedAt, u.Version = id, now, now, now, 1
		_, err = tx.Exec(ctx, "INSERT INTO app_user ("+userCols+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			u.ID, u.Username, u.DisplayName, u.Email, u.PasswordHash, string(u.Role), nullString(u.Region),
			nullID(u.OrgID), u.Lang, u.Disabled, u.CreatedAt, u.UpdatedAt, u.PasswordChangedAt, u.Version)
		if isUniqueViolation(err) { // a concurrent CreateUser won
			return usernameTaken(err)
		}
		if err != nil {
			return jalin.Wrap(err, "db.query")
		}
		return tx.appendAudit(ctx, meta, AuditEntry{
			Action: "user.create", ObjectKind: "user", ObjectID: idString(u.ID), Region: u.Region,
			After: u.view(),
		})
	})
	if err != nil {
		return User{}, err
	}
	return u, nil
}

// UserForLogin returns the user named username (in any case), disabled or
// not: the caller checks the password and Disabled. It is the only lookup
// without a scope, for signing in; anything else uses GetUser. No such user
// gives an error wrapping jalin.ErrNotFound.
func (db *DB) UserForLogin(ctx context.Context, username string) (User, error) {
	name := normalizeUsername(username)
	u, err := scanUser(db.QueryRow(ctx, "SELECT "+userCols+" FROM app_user WHERE username = ?", name))
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, notFound("user", name)
	}
	if err != nil {
		return User{}, jalin.Wrap(err, "db.query")
	}
	return u, nil
}

// GetUser returns user id if scope covers it: All covers every user, a
// Prefix scope the users whose region is in its subtree (national users,
// without a region, only All), a third party's OrgID scope the users of its
// organisation, PublicOnly none. A user out of scope is not found, like one
// that does not exist: the error wraps jalin.ErrNotFound.
func (db *DB) GetUser(ctx context.Context, scope access.Scope, id int64) (User, error) {
	return getUser(ctx, db.queryRowCached, scope, id)
}

func getUser(ctx context.Context, queryRow func(context.Context, string, ...any) *sql.Row,
	scope access.Scope, id int64) (User, error) {
	cond, args := scopeCond(scope, "region_code", "org_id")
	u, err := scanUser(queryRow(ctx, "SELECT "+userCols+" FROM app_user WHERE id = ? AND "+cond,
		append([]any{id}, args...)...))
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, notFound("user", idString(id))
	}
	if err != nil {
		return User{}, jalin.Wrap(err, "db.query")
	}
	return u, nil
}

// ListUsers returns one page of the users in scope (see GetUser) that match
// f, by username, and how many match in all. Query matches case-
// insensitively (for ASCII letters on SQLite, whose lower() knows only
// those).
func (db *DB) ListUsers(ctx context.Context, scope access.Scope, f UserFilter) ([]User, int, error) {
	cond, args := scopeCond(scope, "region_code", "org_id")
	where := []string{cond}
	if q := strings.ToLower(strings.TrimSpace(f.Query)); q != "" {
		p := likeContains(q)
		where = append(where, `(username LIKE ? ESCAPE '\' OR lower(display_name) LIKE ? ESCAPE '\')`)
		args = append(args, p, p)
	}
	if f.Role != "" {
		where, args = append(where, "role = ?"), append(args, string(f.Role))
	}
	if f.Region != "" {
		c, a := subtreeCond("region_code", f.Region)
		where, args = append(where, c), append(args, a...)
	}
	w := " WHERE " + strings.Join(where, " AND ")
	var total int
	if err := db.QueryRow(ctx, "SELECT COUNT(*) FROM app_user"+w, args...).Scan(&total); err != nil {
		return nil, 0, jalin.Wrap(err, "db.query")
	}
	out := []User{}
	args = append(args, pageLimit(f.Limit), max(f.Offset, 0))
	err := db.eachRow(ctx, "SELECT "+userCols+" FROM app_user"+w+" ORDER BY username LIMIT ? OFFSET ?", args,
		func(rows *sql.Rows) error {
			u, err := scanUser(rows)
			out = append(out, u)
			return err
		})
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// CountUsers counts all users, unscoped: the setup asks it to know whether
// a first administrator is still to be created.
func (db *DB) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := db.QueryRow(ctx, "SELECT COUNT(*) FROM app_user").Scan(&n)
	return n, jalin.Wrap(err, "db.query")
}

package sqlstore

import (
	"context"
	"errors"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
)

// errStale is what an update at an outdated version gets.
func errStale() error {
	return &jalin.Error{Code: jalin.EConflict, Msg: "error.stale", Field: "version"}
}

// UpdateUser changes user id, which scope must cover (see GetUser), in one
// transaction: it loads the user, refuses it if its Version is not version
// (someone changed it since the caller read it: EConflict "error.stale" on
// field "version"), lets change edit a copy, checks the result like
// CreateUser does, writes it with Version one higher and UpdatedAt now
// (PasswordChangedAt too if PasswordHash changed) and appends "user.update"
// to the audit trail with the user before and after, the password hash
// replaced by "password_changed": true. Any error, from change or later,
// rolls everything back: the user and the trail stay as they were.
//
// change cannot change ID, CreatedAt, UpdatedAt, PasswordChangedAt or
// Version. A change that would move the user out of scope (to another
// region or organisation) is EForbidden "user.out_of_scope". A change that
// changes nothing returns the user as it is, without writing.
func (db *DB) UpdateUser(ctx context.Context, scope access.Scope, id, version int64,
	change func(*User) error, meta AuditMeta) (User, error) {
	var out User
	err := db.Tx(ctx, func(tx *Tx) error {
		before, err := getUser(ctx, tx.QueryRow, scope, id)
		if err != nil {
			return err
		}
		if before.Version != version {
			return errStale()
		}
		u := before
		if err := change(&u); err != nil {
			return err
		}
		u.ID, u.CreatedAt, u.UpdatedAt, u.PasswordChangedAt, u.Version =
			before.ID, before.CreatedAt, before.UpdatedAt, before.PasswordChangedAt, before.Version
		if err := normalizeUser(&u); err != nil {
			return err
		}
		if u == before {
			out = before
			return nil
		}
		if err := tx.checkUserRefs(ctx, &u); err != nil {
			return err
		}
		now := tx.db.Now()
		passwordChanged := u.PasswordHash != before.PasswordHash
		if passwordChanged {
			u.PasswordChangedAt = now
		}
		u.UpdatedAt, u.Version = now, before.Version+1
		n, err := affected(tx.Exec(ctx, `UPDATE app_user SET username = ?, display_name = ?, email = ?,
			password_hash = ?, role = ?, region_code = ?, org_id = ?, lang = ?, disabled = ?,
			updated_at = ?, password_changed_at = ?, version = ? WHERE id = ? AND version = ?`,
			u.Username, u.DisplayName, u.Email, u.PasswordHash, string(u.Role), nullString(u.Region),
			nullID(u.OrgID), u.Lang, u.Disabled, u.UpdatedAt, u.PasswordChangedAt, u.Version,
			u.ID, before.Version))
		if isUniqueViolation(err) {
			return usernameTaken(err)
		}
		if err != nil {
			return err
		}
		if n == 0 {
			return errStale()
		}
		if _, err := getUser(ctx, tx.QueryRow, scope, id); errors.Is(err, jalin.ErrNotFound) {
			return &jalin.Error{Code: jalin.EForbidden, Msg: "user.out_of_scope", Field: "region"}
		} else if err != nil {
			return err
		}
		bv, av := before.view(), u.view()
		av.PasswordChanged = passwordChanged
		if err := tx.appendAudit(ctx, meta, AuditEntry{
			Action: "user.update", ObjectKind: "user", ObjectID: idString(id), Region: u.Region,
			Before: bv, After: av,
		}); err != nil {
			return err
		}
		out = u
		return nil
	})
	if err != nil {
		return User{}, err
	}
	return out, nil
}

package sqlstore_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

func TestUpdateUser(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		clock := fixture(t, db)
		u := mustUser(t, db, "citra", access.RegencyAdmin, "32.73", 0)
		mustUser(t, db, "dewi", access.RegencyAdmin, "35.78", 0)
		clock.Advance(time.Hour)
		t1 := t0.Add(time.Hour)
		meta := sqlstore.AuditMeta{Actor: access.Actor{UserID: 9, Name: "jabar"}, IP: "198.51.100.7"}

		got, err := db.UpdateUser(ctx, prov32, u.ID, 1, func(u *sqlstore.User) error {
			u.DisplayName = "Citra Lestari"
			u.PasswordHash = "new-hash"
			u.Version = 77 // ignored
			return nil
		}, meta)
		if err != nil {
			t.Fatal(err)
		}
		if got.Version != 2 || got.DisplayName != "Citra Lestari" || !got.UpdatedAt.Equal(t1) ||
			!got.PasswordChangedAt.Equal(t1) || !got.CreatedAt.Equal(t0) {
			t.Errorf("updated %+v", got)
		}
		if again, _ := db.GetUser(ctx, national, u.ID); again != got {
			t.Errorf("stored %+v\nreturned %+v", again, got)
		}
		recs, err := db.AuditHistory(ctx, city3273, "user", "1", 10)
		if err != nil || len(recs) != 2 {
			t.Fatalf("history = %v, %v", recs, err)
		}
		r := recs[0]
		if r.Action != "user.update" || r.ActorID != 9 || r.ActorName != "jabar" || r.IP != "198.51.100.7" ||
			!r.At.Equal(t1) || r.Region != "32.73" {
			t.Errorf("record %+v", r)
		}
		var before, after map[string]any
		if err := json.Unmarshal(r.Before, &before); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(r.After, &after); err != nil {
			t.Fatal(err)
		}
		if before["display_name"] != "User citra" || after["display_name"] != "Citra Lestari" ||
			after["password_changed"] != true || before["password_changed"] != nil {
			t.Errorf("before %v\nafter %v", before, after)
		}
		if strings.Contains(string(r.Before)+string(r.After), "hash") {
			t.Errorf("audit record holds a password hash: %s %s", r.Before, r.After)
		}

		// A stale version is refused, and changes nothing.
		_, err = db.UpdateUser(ctx, national, u.ID, 1, func(u *sqlstore.User) error {
			u.DisplayName = "Lost update"
			return nil
		}, meta)
		wantCode(t, err, jalin.EConflict, "error.stale", "version")

		// Out of scope is not found; so is moving a user out of one's scope.
		_, err = db.UpdateUser(ctx, access.Scope{Prefix: "35"}, u.ID, 2, func(*sqlstore.User) error { return nil }, meta)
		wantNotFound(t, err)
		_, err = db.UpdateUser(ctx, prov32, u.ID, 2, func(u *sqlstore.User) error {
			u.Region = "35.78"
			return nil
		}, meta)
		wantCode(t, err, jalin.EForbidden, "user.out_of_scope", "")

		// Renaming to a taken username is a conflict.
		_, err = db.UpdateUser(ctx, national, u.ID, 2, func(u *sqlstore.User) error {
			u.Username = "DEWI"
			return nil
		}, meta)
		wantCode(t, err, jalin.EConflict, "user.username_taken", "username")

		// A change that changes nothing writes nothing.
		same, err := db.UpdateUser(ctx, national, u.ID, 2, func(*sqlstore.User) error { return nil }, meta)
		if err != nil || same != got {
			t.Errorf("no-op update = %+v, %v", same, err)
		}
		if again, _ := db.GetUser(ctx, national, u.ID); again != got {
			t.Errorf("after refused updates: %+v\nwant %+v", again, got)
		}
		if n := auditCount(t, db); n != 3 {
			t.Errorf("%d audit records, want 3", n)
		}
	})
}

// TestUpdateUserAtomic fails updates at each step after loading: in the
// change func, after the UPDATE (moving out of scope) and in the audit
// append. Each leaves the user and the trail as they were.
func TestUpdateUserAtomic(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		fixture(t, db)
		u := mustUser(t, db, "citra", access.RegencyAdmin, "32.73", 0)
		boom := errors.New("boom")
		rename := func(u *sqlstore.User) error {
			u.DisplayName = "Changed"
			return nil
		}
		check := func(step string, err error, want error) {
			t.Helper()
			if !errors.Is(err, want) && jalin.ErrorCode(err) != jalin.ErrorCode(want) {
				t.Errorf("%s: error %v, want %v", step, err, want)
			}
			if got, _ := db.GetUser(ctx, national, u.ID); got != u {
				t.Errorf("%s: user changed to %+v", step, got)
			}
			if n := auditCount(t, db); n != 1 {
				t.Errorf("%s: %d audit records, want 1", step, n)
			}
		}

		_, err := db.UpdateUser(ctx, national, u.ID, 1, func(u *sqlstore.User) error {
			u.DisplayName = "Changed"
			return boom
		}, admin)
		check("change func", err, boom)

		_, err = db.UpdateUser(ctx, city3273, u.ID, 1, func(u *sqlstore.User) error {
			u.DisplayName, u.Region = "Changed", "32"
			return nil
		}, admin)
		check("out of scope after update", err, &jalin.Error{Code: jalin.EForbidden})

		if _, err := db.Exec(ctx, "DELETE FROM audit_head"); err != nil {
			t.Fatal(err)
		}
		_, err = db.UpdateUser(ctx, national, u.ID, 1, rename, admin)
		check("audit append", err, &jalin.Error{Code: jalin.EInternal})
	})
}

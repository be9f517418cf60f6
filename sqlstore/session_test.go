package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

func TestSessions(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		fixture(t, db)
		u := mustUser(t, db, "citra", access.RegencyAdmin, "32.73", 0)
		v := mustUser(t, db, "dewi", access.RegencyAdmin, "35.78", 0)
		anon := sqlstore.Session{IDHash: []byte{0, 1, 2}, CSRF: "c0", ExpiresAt: t0.Add(time.Hour), IP: "192.0.2.9"}
		s1 := sqlstore.Session{IDHash: []byte{1}, UserID: u.ID, CSRF: "c1", CreatedAt: t0,
			ExpiresAt: t0.Add(2 * time.Hour), LastSeenAt: t0, IP: "192.0.2.1", UserAgent: "Firefox"}
		s2 := sqlstore.Session{IDHash: []byte{2}, UserID: u.ID, CSRF: "c2", ExpiresAt: t0.Add(2 * time.Hour)}
		s3 := sqlstore.Session{IDHash: []byte{3}, UserID: v.ID, CSRF: "c3", ExpiresAt: t0.Add(2 * time.Hour)}
		for _, s := range []sqlstore.Session{anon, s1, s2, s3} {
			if err := db.CreateSession(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		wantCode(t, db.CreateSession(ctx, s1), jalin.EConflict, "session.exists", "")
		wantCode(t, db.CreateSession(ctx, sqlstore.Session{IDHash: []byte{9}, UserID: 99, ExpiresAt: t0.Add(time.Hour)}),
			jalin.EInvalid, "session.user_unknown", "user_id")
		wantCode(t, db.CreateSession(ctx, sqlstore.Session{IDHash: []byte{9}}), jalin.EInvalid, "", "expires_at")

		got, err := db.SessionByHash(ctx, s1.IDHash, t0.Add(time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		if string(got.IDHash) != string(s1.IDHash) || got.UserID != u.ID || got.CSRF != "c1" ||
			!got.CreatedAt.Equal(t0) || !got.ExpiresAt.Equal(s1.ExpiresAt) || got.UserAgent != "Firefox" {
			t.Errorf("SessionByHash = %+v", got)
		}
		got, err = db.SessionByHash(ctx, anon.IDHash, t0)
		if err != nil || got.UserID != 0 || !got.CreatedAt.Equal(t0) || !got.LastSeenAt.Equal(t0) {
			t.Errorf("anonymous session = %+v, %v", got, err)
		}

		// Expiry: at and after ExpiresAt the session is gone.
		_, err = db.SessionByHash(ctx, anon.IDHash, anon.ExpiresAt)
		wantNotFound(t, err)
		_, err = db.SessionByHash(ctx, []byte{42}, t0)
		wantNotFound(t, err)

		// Touching slides the expiry, but does not revive an expired one.
		later := t0.Add(90 * time.Minute)
		if err := db.TouchSession(ctx, s1.IDHash, later, later.Add(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
		got, err = db.SessionByHash(ctx, s1.IDHash, t0.Add(3*time.Hour))
		if err != nil || !got.LastSeenAt.Equal(later) || !got.ExpiresAt.Equal(later.Add(2*time.Hour)) {
			t.Errorf("touched session = %+v, %v", got, err)
		}
		wantNotFound(t, db.TouchSession(ctx, anon.IDHash, later, later.Add(time.Hour)))

		if err := db.DeleteSession(ctx, s3.IDHash); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteSession(ctx, s3.IDHash); err != nil {
			t.Errorf("deleting twice: %v", err)
		}
		_, err = db.SessionByHash(ctx, s3.IDHash, t0)
		wantNotFound(t, err)

		if n, err := db.DeleteUserSessions(ctx, u.ID); err != nil || n != 2 {
			t.Errorf("DeleteUserSessions = %d, %v; want 2", n, err)
		}
		_, err = db.SessionByHash(ctx, s2.IDHash, t0)
		wantNotFound(t, err)

		// Only the expired anonymous session is left.
		if n, err := db.DeleteExpiredSessions(ctx, t0.Add(30*time.Minute)); err != nil || n != 0 {
			t.Errorf("DeleteExpiredSessions before expiry = %d, %v", n, err)
		}
		if n, err := db.DeleteExpiredSessions(ctx, t0.Add(time.Hour)); err != nil || n != 1 {
			t.Errorf("DeleteExpiredSessions = %d, %v; want 1", n, err)
		}
	})
}

func TestSessionCascade(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		fixture(t, db)
		u := mustUser(t, db, "citra", access.RegencyAdmin, "32.73", 0)
		if err := db.CreateSession(ctx, sqlstore.Session{IDHash: []byte{1}, UserID: u.ID, ExpiresAt: t0.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateToken(ctx, sqlstore.APIToken{UserID: u.ID, Name: "ci", Hash: []byte{7}}, admin); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, "DELETE FROM app_user WHERE id = ?", u.ID); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := db.QueryRow(ctx, "SELECT (SELECT COUNT(*) FROM session) + (SELECT COUNT(*) FROM api_token)").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("%d sessions and tokens left after deleting their user", n)
		}
	})
}

package sqlstore_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

func TestTokens(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		fixture(t, db)
		u := mustUser(t, db, "citra", access.RegencyAdmin, "32.73", 0)
		v := mustUser(t, db, "dewi", access.RegencyAdmin, "35.78", 0)
		meta := sqlstore.AuditMeta{Actor: access.Actor{UserID: u.ID, Name: u.Username}}

		forever, err := db.CreateToken(ctx, sqlstore.APIToken{UserID: u.ID, Name: "ci", Hash: []byte("h1")}, meta)
		if err != nil {
			t.Fatal(err)
		}
		if forever.ID != 1 || !forever.CreatedAt.Equal(t0) || forever.ExpiresAt != nil {
			t.Errorf("created %+v", forever)
		}
		exp := t0.Add(24 * time.Hour).In(time.FixedZone("WITA", 8*3600))
		expiring, err := db.CreateToken(ctx, sqlstore.APIToken{UserID: u.ID, Name: "laptop", Hash: []byte("h2"),
			ExpiresAt: &exp}, meta)
		if err != nil {
			t.Fatal(err)
		}
		other, err := db.CreateToken(ctx, sqlstore.APIToken{UserID: v.ID, Name: "x", Hash: []byte("h3")}, meta)
		if err != nil {
			t.Fatal(err)
		}
		_, err = db.CreateToken(ctx, sqlstore.APIToken{UserID: v.ID, Name: "dup", Hash: []byte("h3")}, meta)
		wantCode(t, err, jalin.EConflict, "token.exists", "")
		_, err = db.CreateToken(ctx, sqlstore.APIToken{UserID: 99, Name: "x", Hash: []byte("h4")}, meta)
		wantCode(t, err, jalin.EInvalid, "token.user_unknown", "user_id")
		_, err = db.CreateToken(ctx, sqlstore.APIToken{UserID: u.ID, Hash: []byte("h4")}, meta)
		wantCode(t, err, jalin.EInvalid, "", "name")

		got, err := db.TokenByHash(ctx, []byte("h2"), t0.Add(time.Hour))
		if err != nil || got.ID != expiring.ID || got.UserID != u.ID || string(got.Hash) != "h2" ||
			!got.ExpiresAt.Equal(t0.Add(24*time.Hour)) || got.ExpiresAt.Location() != time.UTC ||
			got.LastUsedAt != nil || got.RevokedAt != nil {
			t.Errorf("TokenByHash = %+v, %v", got, err)
		}
		_, err = db.TokenByHash(ctx, []byte("h2"), t0.Add(24*time.Hour))
		wantNotFound(t, err) // expired
		// The same with its user, in one read.
		tok, owner, err := db.TokenUser(ctx, []byte("h2"), t0.Add(time.Hour))
		if err != nil || !reflect.DeepEqual(tok, got) || !reflect.DeepEqual(owner, u) {
			t.Errorf("TokenUser = %+v, %+v, %v; want %+v, %+v", tok, owner, err, got, u)
		}
		_, _, err = db.TokenUser(ctx, []byte("h2"), t0.Add(24*time.Hour))
		wantNotFound(t, err)
		_, _, err = db.TokenUser(ctx, []byte("nope"), t0)
		wantNotFound(t, err)
		if _, err := db.TokenByHash(ctx, []byte("h1"), t0.Add(1000*time.Hour)); err != nil {
			t.Errorf("token without expiry: %v", err)
		}

		if err := db.TouchToken(ctx, forever.ID, t0.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		wantNotFound(t, db.TouchToken(ctx, 99, t0))

		// Revoking another user's token is not found, and leaves it alone.
		wantNotFound(t, db.RevokeToken(ctx, u.ID, other.ID, t0, meta))
		if _, err := db.TokenByHash(ctx, []byte("h3"), t0); err != nil {
			t.Errorf("other user's token after refused revoke: %v", err)
		}
		if err := db.RevokeToken(ctx, u.ID, forever.ID, t0.Add(2*time.Minute), meta); err != nil {
			t.Fatal(err)
		}
		if err := db.RevokeToken(ctx, u.ID, forever.ID, t0.Add(3*time.Minute), meta); err != nil {
			t.Errorf("revoking twice: %v", err)
		}
		_, err = db.TokenByHash(ctx, []byte("h1"), t0)
		wantNotFound(t, err)
		_, _, err = db.TokenUser(ctx, []byte("h1"), t0)
		wantNotFound(t, err) // revoked

		list, err := db.ListTokens(ctx, u.ID)
		if err != nil || len(list) != 2 {
			t.Fatalf("ListTokens = %+v, %v", list, err)
		}
		if l := list[0]; l.ID != forever.ID || l.LastUsedAt == nil || !l.LastUsedAt.Equal(t0.Add(time.Minute)) ||
			l.RevokedAt == nil || !l.RevokedAt.Equal(t0.Add(2*time.Minute)) || l.Hash != nil {
			t.Errorf("listed %+v", l)
		}
		if l := list[1]; l.ID != expiring.ID || l.RevokedAt != nil || l.LastUsedAt != nil || l.ExpiresAt == nil {
			t.Errorf("listed %+v", l)
		}

		recs, _, err := db.AuditList(ctx, city3273, sqlstore.AuditFilter{ObjectKind: "api_token"})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, r := range recs {
			actions = append(actions, r.Action+" "+r.ObjectID)
		}
		if want := "[token.revoke 1 token.create 2 token.create 1]"; "["+strings.Join(actions, " ")+"]" != want {
			t.Errorf("token records in 32.73 = %v, want %s", actions, want)
		}
	})
}

package sqlstore_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

func usernames(us []sqlstore.User) []string {
	var out []string
	for _, u := range us {
		out = append(out, u.Username)
	}
	return out
}

func TestUserScope(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		fixture(t, db)
		org, err := db.CreateOrg(ctx, sqlstore.Org{Name: "Universitas", Kind: sqlstore.OrgUniversity, Region: "32"}, admin)
		if err != nil {
			t.Fatal(err)
		}
		nat := mustUser(t, db, "nasional", access.NationalAdmin, "", 0)
		jabar := mustUser(t, db, "jabar", access.ProvinceAdmin, "32", 0)
		bandung := mustUser(t, db, "bandung", access.RegencyAdmin, "32.73", 0)
		surabaya := mustUser(t, db, "surabaya", access.RegencyAdmin, "35.78", 0)
		third := mustUser(t, db, "kampus", access.ThirdParty, "32", org.ID)

		for _, tc := range []struct {
			name  string
			scope access.Scope
			want  []string
		}{
			{"all", national, []string{"bandung", "jabar", "kampus", "nasional", "surabaya"}},
			{"province", prov32, []string{"bandung", "jabar", "kampus"}},
			{"regency", city3273, []string{"bandung"}},
			{"org", access.Scope{OrgID: org.ID}, []string{"kampus"}},
			{"public", access.Scope{All: true, PublicOnly: true}, nil},
			{"zero", access.Scope{}, nil},
			{"prefix is not a string prefix", access.Scope{Prefix: "3"}, nil},
		} {
			got, total, err := db.ListUsers(ctx, tc.scope, sqlstore.UserFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(usernames(got), tc.want) || total != len(tc.want) {
				t.Errorf("%s: ListUsers = %v (%d), want %v", tc.name, usernames(got), total, tc.want)
			}
			for _, u := range []sqlstore.User{nat, jabar, bandung, surabaya, third} {
				got, err := db.GetUser(ctx, tc.scope, u.ID)
				in := slices.Contains(tc.want, u.Username)
				switch {
				case in && (err != nil || got != u):
					t.Errorf("%s: GetUser(%s) = %+v, %v; want %+v", tc.name, u.Username, got, err, u)
				case !in && !errors.Is(err, jalin.ErrNotFound):
					t.Errorf("%s: GetUser(%s) out of scope: %v, want ErrNotFound", tc.name, u.Username, err)
				}
			}
		}
		if _, err := db.GetUser(ctx, national, 999); !errors.Is(err, jalin.ErrNotFound) {
			t.Errorf("GetUser(999) = %v", err)
		}
		if n, err := db.CountUsers(ctx); err != nil || n != 5 {
			t.Errorf("CountUsers = %d, %v", n, err)
		}
	})
}

func TestCreateUser(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		fixture(t, db)
		u := mustUser(t, db, "  Ani.Wijaya ", access.ProvinceMember, "32", 0)
		want := sqlstore.User{
			ID: 1, Username: "ani.wijaya", DisplayName: "User   Ani.Wijaya", Email: "  Ani.Wijaya @example.id",
			PasswordHash: "hash-  Ani.Wijaya ", Role: access.ProvinceMember, Region: "32", Lang: "id",
			CreatedAt: t0, UpdatedAt: t0, PasswordChangedAt: t0, Version: 1,
		}
		want.DisplayName = strings.TrimSpace(want.DisplayName)
		want.Email = strings.TrimSpace(want.Email)
		if u != want {
			t.Errorf("created %+v\nwant    %+v", u, want)
		}
		got, err := db.UserForLogin(ctx, "ANI.wijaya")
		if err != nil || got != want {
			t.Errorf("UserForLogin = %+v, %v", got, err)
		}
		_, err = db.UserForLogin(ctx, "nobody")
		wantNotFound(t, err)

		_, err = db.CreateUser(ctx, sqlstore.User{Username: "ANI.WIJAYA", Role: access.RegencyAdmin, Region: "35.78"}, admin)
		wantCode(t, err, jalin.EConflict, "user.username_taken", "username")

		for _, bad := range []struct {
			u     sqlstore.User
			field string
		}{
			{sqlstore.User{Username: "", Role: access.NationalAdmin}, "username"},
			{sqlstore.User{Username: "a b", Role: access.NationalAdmin}, "username"},
			{sqlstore.User{Username: "x", Role: "king"}, "role"},
			{sqlstore.User{Username: "x", Role: access.NationalAdmin, Region: "32"}, "region"},
			{sqlstore.User{Username: "x", Role: access.RegencyAdmin}, "region"},
			{sqlstore.User{Username: "x", Role: access.RegencyAdmin, Region: "99"}, "region"},
			{sqlstore.User{Username: "x", Role: access.ThirdParty, Region: "32"}, "org_id"},
			{sqlstore.User{Username: "x", Role: access.ThirdParty, Region: "32", OrgID: 7}, "org_id"},
			{sqlstore.User{Username: "x", Role: access.RegencyAdmin, Region: "32", OrgID: 7}, "org_id"},
			{sqlstore.User{Username: "x", Role: access.NationalAdmin, Email: "no-at"}, "email"},
		} {
			_, err := db.CreateUser(ctx, bad.u, admin)
			wantCode(t, err, jalin.EInvalid, "", bad.field)
		}
		if n, _ := db.CountUsers(ctx); n != 1 {
			t.Errorf("CountUsers = %d after refused creations", n)
		}
		recs, err := db.AuditHistory(ctx, national, "user", "1", 0)
		if err != nil || len(recs) != 1 || recs[0].Action != "user.create" || recs[0].Region != "32" {
			t.Fatalf("history = %+v, %v", recs, err)
		}
		if strings.Contains(string(recs[0].After), "hash-") {
			t.Errorf("audit record holds the password hash: %s", recs[0].After)
		}
	})
}

func TestListUsersFilter(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		fixture(t, db)
		mustUser(t, db, "budi", access.ProvinceAdmin, "32", 0)
		mustUser(t, db, "citra", access.RegencyMember, "32.73", 0)
		mustUser(t, db, "dewi", access.RegencyMember, "35.78", 0)
		if _, err := db.UpdateUser(ctx, national, 3, 1, func(u *sqlstore.User) error {
			u.DisplayName = "Dewi Budiman"
			return nil
		}, admin); err != nil {
			t.Fatal(err)
		}
		mustUser(t, db, "x_y", access.RegencyViewer, "32.73", 0)
		for _, tc := range []struct {
			f    sqlstore.UserFilter
			want []string
		}{
			{sqlstore.UserFilter{Query: "BUDI"}, []string{"budi", "dewi"}},
			{sqlstore.UserFilter{Query: "_"}, []string{"x_y"}},
			{sqlstore.UserFilter{Query: "%"}, nil},
			{sqlstore.UserFilter{Role: access.RegencyMember}, []string{"citra", "dewi"}},
			{sqlstore.UserFilter{Region: "32"}, []string{"budi", "citra", "x_y"}},
			{sqlstore.UserFilter{Region: "32.73", Role: access.RegencyMember}, []string{"citra"}},
			{sqlstore.UserFilter{Limit: 2, Offset: 1}, []string{"citra", "dewi"}},
		} {
			got, total, err := db.ListUsers(ctx, national, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(usernames(got), tc.want) {
				t.Errorf("ListUsers(%+v) = %v, want %v", tc.f, usernames(got), tc.want)
			}
			if tc.f.Limit == 0 && total != len(tc.want) || tc.f.Limit != 0 && total != 4 {
				t.Errorf("ListUsers(%+v) total %d", tc.f, total)
			}
		}
	})
}

package sqlstore_test

import (
	"context"
	"slices"
	"testing"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

func TestOrgs(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		fixture(t, db)
		var orgs []sqlstore.Org
		for _, o := range []sqlstore.Org{
			{Name: "PT Maju", Kind: sqlstore.OrgCompany, LegalID: "01.234.567.8-901.000", Region: "32"},
			{Name: "ITB", Kind: sqlstore.OrgUniversity, Region: "32.73"},
			{Name: "Yayasan Surabaya", Kind: sqlstore.OrgNGO, Region: "35.78"},
		} {
			got, err := db.CreateOrg(ctx, o, admin)
			if err != nil {
				t.Fatal(err)
			}
			if got.ID != int64(len(orgs)+1) || got.Version != 1 || !got.CreatedAt.Equal(t0) {
				t.Errorf("created %+v", got)
			}
			orgs = append(orgs, got)
		}
		for _, bad := range []struct {
			o     sqlstore.Org
			field string
		}{
			{sqlstore.Org{Kind: sqlstore.OrgNGO, Region: "32"}, "name"},
			{sqlstore.Org{Name: "x", Kind: "club", Region: "32"}, "kind"},
			{sqlstore.Org{Name: "x", Kind: sqlstore.OrgNGO}, "region"},
			{sqlstore.Org{Name: "x", Kind: sqlstore.OrgNGO, Region: "99"}, "region"},
		} {
			_, err := db.CreateOrg(ctx, bad.o, admin)
			wantCode(t, err, jalin.EInvalid, "", bad.field)
		}

		names := func(os []sqlstore.Org) []string {
			var out []string
			for _, o := range os {
				out = append(out, o.Name)
			}
			return out
		}
		for _, tc := range []struct {
			scope access.Scope
			want  []string
		}{
			{national, []string{"ITB", "PT Maju", "Yayasan Surabaya"}},
			{prov32, []string{"ITB", "PT Maju"}},
			{city3273, []string{"ITB"}},
			{access.Scope{OrgID: 3}, []string{"Yayasan Surabaya"}},
			{access.Scope{PublicOnly: true}, nil},
		} {
			got, total, err := db.ListOrgs(ctx, tc.scope, 0, 0)
			if err != nil || !slices.Equal(names(got), tc.want) || total != len(tc.want) {
				t.Errorf("ListOrgs(%+v) = %v, %d, %v; want %v", tc.scope, names(got), total, err, tc.want)
			}
		}
		if page, total, _ := db.ListOrgs(ctx, national, 1, 1); total != 3 || !slices.Equal(names(page), []string{"PT Maju"}) {
			t.Errorf("page = %v of %d", names(page), total)
		}
		if got, err := db.GetOrg(ctx, prov32, 1); err != nil || got != orgs[0] {
			t.Errorf("GetOrg = %+v, %v", got, err)
		}
		_, err := db.GetOrg(ctx, city3273, 1)
		wantNotFound(t, err)
		_, err = db.GetOrg(ctx, access.Scope{OrgID: 2}, 1)
		wantNotFound(t, err)
		recs, err := db.AuditHistory(ctx, prov32, "org", "2", 0)
		if err != nil || len(recs) != 1 || recs[0].Action != "org.create" {
			t.Errorf("org history = %+v, %v", recs, err)
		}
	})
}

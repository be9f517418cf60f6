package web

import (
	"encoding/json"
	"html"
	"strings"
	"testing"

	"github.com/jalin-ksd/jalin/analysis"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

// clusterPanel makes Kota Bandung and Kabupaten Bandung (which border each
// other) both base regions for C: (40/50)/(90/150) = 1.33 each; Bandung
// Barat (which borders only Kota Bandung) is a base region for A alone
// ((40/50)/(60/150) = 2), so C has one base cluster of the two Bandungs
// with a combined GRDP of 5,000 + 5,000 (values in hundreds, so that the
// pages group thousands).
func clusterPanel() (*analysis.Panel, error) {
	var rows []analysis.Row
	add := func(code string, a, c float64) {
		for _, y := range []int{2019, 2020} {
			rows = append(rows, analysis.Row{Region: code, Indicator: "A", Year: y, Value: 100 * a},
				analysis.Row{Region: code, Indicator: "C", Year: y, Value: 100 * c})
		}
	}
	add("32", 60, 90)
	add("32.73", 10, 40)
	add("32.04", 10, 40)
	add("32.17", 40, 10)
	return analysis.FromRows(rows, analysis.Options{ReferenceOf: map[string]string{"32.73": "32", "32.04": "32", "32.17": "32"},
		Unit: "miliar Rp", Vintage: "test"})
}

func clusterFixture(t *testing.T, db *sqlstore.DB) *fixture {
	t.Helper()
	f := opportunityFixture(t, db)
	f.server.Geo = econGeo{GeoReader: db, fakeEcon: &fakeEcon{version: "clusters", panel: clusterPanel}}
	return f
}

func TestClusterAPI(t *testing.T) {
	sp := loadSpec(t)
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := clusterFixture(t, db)
		cases := []apiCase{
			{"/opportunities/clusters", "/api/v1/opportunities/clusters?basis=base", 200, `"members":[{"code":"32.04","name":"Kabupaten Bandung"},{"code":"32.73","name":"Kota Bandung"}]`},
			{"/opportunities/clusters", "/api/v1/opportunities/clusters?region=32.17", 200, `"total":0`},
			{"/opportunities/clusters", "/api/v1/opportunities/clusters?sector=A&basis=base", 200, `"total":0`},
			{"/opportunities/clusters", "/api/v1/opportunities/clusters?basis=hh", 400, `"field":"basis"`},
			{"/opportunities/clusters", "/api/v1/opportunities/clusters?sector=ZZ", 400, `"field":"sector"`},
			{"/opportunities/clusters", "/api/v1/opportunities/clusters?region=32", 400, `"field":"region"`},
			{"/opportunities/clusters", "/api/v1/opportunities/clusters?province=99", 400, `"field":"province"`},
			{"/opportunities/clusters/geometry", "/api/v1/opportunities/clusters/geometry?region=32.73&basis=base", 200, `"role":"self"`},
			{"/opportunities/clusters/geometry", "/api/v1/opportunities/clusters/geometry?basis=x", 400, `"field":"basis"`},
		}
		f.getAPI(t, sp, cases)
		r := f.do("anon", request{method: "GET", path: "/api/v1/opportunities/clusters?basis=base&province=32"})
		var out apiClusters
		if err := json.Unmarshal([]byte(r.Body), &out); err != nil {
			t.Fatal(err)
		}
		if out.Total != 1 || out.Year != 2020 || len(out.Items) != 1 {
			t.Fatalf("clusters: %+v", out)
		}
		c := out.Items[0]
		if c.ID != "C.base.32.04" || c.GRDP != 10000 || c.CrossBorder || c.MissingGRDP != 0 || c.MeanLQ < 1.33 || c.MeanLQ > 1.34 {
			t.Errorf("cluster: %+v", c)
		}
		// The English problem names the parameter too.
		r = f.do("anon", request{method: "GET", path: "/api/v1/opportunities/clusters?basis=hh&lang=en"})
		if !strings.Contains(r.Body, "Parameter basis") {
			t.Errorf("English problem: %s", r.Body)
		}
	})
}

func TestClusterPagesAndDraft(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := clusterFixture(t, db)
		cases := []pageCase{
			{"anon", "/regions/32.73/opportunities", 200,
				[]string{`id="opportunity-cluster-map" data-fit="all" data-geo-url="/api/v1/opportunities/clusters/geometry?region=32.73"`, `id="opportunity-clusters"`, "Sektor basis bersama (LQ &gt; 1)", "Kabupaten Bandung"},
				[]string{"Buat prakarsa bersama", "Buat prakarsa KSDD wajib"}},
			{"rm", "/regions/32.73/opportunities", 200,
				[]string{"Buat prakarsa bersama", "kind=ksdd_sukarela", "partner=32.04", "Buat prakarsa KSDD wajib", "kind=ksdd_wajib"}, nil},
			// Kota Bandung's team on its neighbour's page: offers to the
			// neighbour, never to itself.
			{"rm", "/regions/32.04/opportunities", 200, []string{"partner=32.04", "Buat prakarsa bersama", `id="opportunity-access-out"`}, []string{"partner=32.73"}},
			{"anon", "/regions/32.17/opportunities?lang=en", 200, []string{"No potential cluster for this choice."}, nil},
			{"anon", "/opportunities/clusters?sector=C", 200, []string{`data-geo-url="/api/v1/opportunities/clusters/geometry?sector=C"`, `id="clusters-table"`, "1 klaster", `href="/opportunities/clusters/export?sector=C"`}, nil},
			// Numbers in the page's language, in the table and in the
			// rationale the draft link carries.
			{"anon", "/opportunities/clusters?sector=C&lang=en", 200, []string{">1.33<", ">10,000<"}, []string{">1,33<", ">10.000<"}},
			{"anon", "/opportunities/clusters?sector=C", 200, []string{">1,33<", ">10.000<"}, []string{">1.33<", ">10,000<"}},
			{"rm", "/regions/32.73/opportunities?lang=en", 200, []string{"GRDP&#43;of&#43;10%2C000&#43;billion"}, nil},
			{"rm", "/regions/32.73/opportunities", 200, []string{"PDRB&#43;gabungan&#43;10.000&#43;miliar"}, nil},
			{"anon", "/opportunities/clusters?basis=nope", 400, []string{"basis"}, nil},
			{"anon", "/opportunities/clusters?province=32.73", 400, []string{"province"}, nil},
		}
		f.getPages(t, cases)
		// The cluster's link opens the form with the other member, the kind,
		// the sector and the rationale filled in.
		page := f.do("rm", request{method: "GET", path: "/regions/32.73/opportunities"}).Body
		i := strings.Index(page, `href="/cooperations/new?kind=ksdd_sukarela`)
		if i < 0 {
			t.Fatal("no cluster create link")
		}
		j := strings.Index(page[i+6:], `"`)
		link := html.UnescapeString(page[i+6 : i+6+j])
		if !strings.Contains(link, "sector=C") {
			t.Fatalf("first create link is not the cluster's: %s", link)
		}
		form := f.do("rm", request{method: "GET", path: link})
		for _, w := range []string{`value="32.04"`, "Kerja sama klaster Industri Pengolahan", "Kabupaten Bandung, Kota Bandung (2 daerah", "PDRB gabungan 10.000 miliar rupiah",
			`value="ksdd_sukarela" selected`} {
			if !strings.Contains(form.Body, w) {
				t.Errorf("prefilled form: no %q in %.300s", w, form.Body)
			}
		}
		// CSV export: a header and the cluster.
		r := f.do("anon", request{method: "GET", path: "/opportunities/clusters/export?sector=C&basis=base"})
		lines := strings.Split(strings.TrimSpace(r.Body), "\n")
		if r.Status != 200 || len(lines) != 2 || !strings.HasPrefix(lines[0], "id,year,sector,basis") || !strings.Contains(lines[1], "C.base.32.04,2020,C,base,2,32.04 32.73") {
			t.Errorf("export: %d %q", r.Status, r.Body)
		}
	})
}

func TestCoopNewPrefill(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		r := f.do("rm", request{method: "GET", path: "/cooperations/new?partner=32.04&partner=32.17&partner=99.99&kind=ksdd_wajib&title=Layanan+lintas+batas&objectives=Alasan+%3Cb%3E&sector=zz"})
		if r.Status != 200 {
			t.Fatalf("status %d", r.Status)
		}
		for _, w := range []string{`value="32.04"`, `value="32.17"`, `value="Layanan lintas batas"`, "Alasan &lt;b&gt;", `value="ksdd_wajib" selected`} {
			if !strings.Contains(r.Body, w) {
				t.Errorf("no %q", w)
			}
		}
		if strings.Contains(r.Body, `value="99.99"`) {
			t.Error("an unknown region was prefilled")
		}
	})
}

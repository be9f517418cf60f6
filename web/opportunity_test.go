package web

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/jalin-ksd/jalin/geo"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

// opportunityPoints replace the fixture's points: the seats of Kota
// Bandung and Kabupaten Bandung, and Cileunyi (a district of the regency)
// with one of its villages, both nearer to the city's seat.
var opportunityPoints = []geo.Point{
	{Code: "32.73", Lon: 107.6, Lat: -6.91, Kind: "capital-seat"},
	{Code: "32.04", Lon: 107.53, Lat: -7.03, Kind: "capital-seat"},
	{Code: "32.04.05", Lon: 107.59, Lat: -6.93, Kind: "centroid"},
	{Code: "32.04.05.2001", Lon: 107.595, Lat: -6.935, Kind: "point-on-surface"},
}

func opportunityFixture(t *testing.T, db *sqlstore.DB) *fixture {
	t.Helper()
	f := newFixture(t, db)
	if _, err := db.ReplaceGeo(context.Background(), &geo.Dataset{Points: opportunityPoints}, "test"); err != nil {
		t.Fatal(err)
	}
	f.server.Geo = econGeo{GeoReader: db, fakeEcon: &fakeEcon{version: "1"}}
	return f
}

// pageCase is a GET of path as actor: the status it answers, what its
// body must hold and what it must not.
type pageCase struct {
	actor, path string
	status      int
	want, not   []string
}

// getPages runs the cases one after the other.
func (f *fixture) getPages(t *testing.T, cases []pageCase) {
	t.Helper()
	for _, c := range cases {
		r := f.do(c.actor, request{method: "GET", path: c.path})
		if r.Status != c.status {
			t.Errorf("%s as %s: status %d, want %d: %.300s", c.path, c.actor, r.Status, c.status, r.Body)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(r.Body, w) {
				t.Errorf("%s as %s: no %q", c.path, c.actor, w)
			}
		}
		for _, w := range c.not {
			if strings.Contains(r.Body, w) {
				t.Errorf("%s as %s: unexpected %q", c.path, c.actor, w)
			}
		}
	}
}

// apiCase is an anonymous GET of url: the status it answers, what its body
// must hold, and the path template of the OpenAPI document it answers to.
type apiCase struct {
	template, url string
	status        int
	want          string
}

// getAPI runs the cases one after the other and checks each answer
// against the OpenAPI document.
func (f *fixture) getAPI(t *testing.T, sp *spec, cases []apiCase) {
	t.Helper()
	for _, c := range cases {
		r := f.do("anon", request{method: "GET", path: c.url})
		if r.Status != c.status {
			t.Errorf("GET %s: status %d, want %d: %s", c.url, r.Status, c.status, r.Body)
			continue
		}
		if !strings.Contains(r.Body, c.want) {
			t.Errorf("GET %s: no %s in %.400s", c.url, c.want, r.Body)
		}
		sp.check(t, c.template, "GET", r)
	}
}

func TestOpportunityPage(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := opportunityFixture(t, db)
		cases := []pageCase{
			{"anon", "/regions/32.73/opportunities", 200,
				[]string{"Peluang kerja sama Kota Bandung", "Kabupaten Bandung", "Anda daerah basis Industri Pengolahan (LQ 1,53) dan Kabupaten Bandung pasarnya (LQ 0,41)",
					"berbatasan langsung dengan Anda", `id="opportunity-access-in"`, "Sumber: PDRB BPS tahun 2020", "capital-seat: 2"},
				[]string{"Buat prakarsa"}},
			{"rm", "/regions/32.73/opportunities?sector=C", 200,
				[]string{"Buat prakarsa", `href="/cooperations/new?partner=32.04&amp;sector=C"`}, nil},
			{"rv", "/regions/32.73/opportunities", 200, nil, []string{"Buat prakarsa"}},
			{"anon", "/regions/32.04/opportunities?lang=en", 200,
				[]string{"Cooperation opportunities for Kabupaten Bandung", "Kota Bandung is a base region for Manufacturing", `id="opportunity-access-out"`}, nil},
			{"anon", "/regions/32.73/opportunities?sector=ZZ", 400, []string{"sector", "ZZ"}, nil},
			{"anon", "/regions/99.99/opportunities", 404, []string{"99.99"}, nil},
			{"anon", "/regions/32/opportunities", 400, []string{"bukan kabupaten/kota"}, nil},
		}
		f.getPages(t, cases)
	})
}

func TestOpportunityAPI(t *testing.T) {
	sp := loadSpec(t)
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := opportunityFixture(t, db)
		cases := []apiCase{
			{"/regions/{code}/partners", "/api/v1/regions/32.73/partners", 200, `"partner":"32.04"`},
			{"/regions/{code}/partners", "/api/v1/regions/32.73/partners?sector=C&limit=2", 200, `"key":"partner.reason.market"`},
			{"/regions/{code}/partners", "/api/v1/regions/32.73/partners?limit=abc", 400, `"field":"limit"`},
			{"/regions/{code}/partners", "/api/v1/regions/32.73/partners?limit=500", 400, `"field":"limit"`},
			{"/regions/{code}/partners", "/api/v1/regions/32.73/partners?sector=ZZ", 400, `"field":"sector"`},
			{"/regions/{code}/partners", "/api/v1/regions/99.99/partners", 404, "99.99"},
			{"/regions/{code}/access", "/api/v1/regions/32.73/access", 200, `"incoming":[{"home":"32.04","home_name":"Kabupaten Bandung","other":"32.73","other_name":"Kota Bandung","districts":1,"villages":1}]`},
			{"/regions/{code}/access", "/api/v1/regions/32.04/access", 200, `"outgoing":[{"home":"32.04"`},
			{"/regions/{code}/access", "/api/v1/regions/32.73.01/access", 400, `"field":"code"`},
			{"/regions/{code}/access", "/api/v1/regions/99.99/access", 404, "99.99"},
		}
		f.getAPI(t, sp, cases)
		r := f.do("anon", request{method: "GET", path: "/api/v1/regions/32.73/partners?limit=3"})
		var out apiPartners
		if err := json.Unmarshal([]byte(r.Body), &out); err != nil {
			t.Fatal(err)
		}
		if len(out.Items) != 3 || out.Year != 2020 || out.Items[0].Explanation == "" {
			t.Errorf("partners: %+v", out)
		}
		for i := 1; i < len(out.Items); i++ {
			if out.Items[i].Score > out.Items[i-1].Score {
				t.Errorf("not best first: %+v", out.Items)
			}
		}
	})
}

func TestOpportunityCreateLinkPrefills(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := opportunityFixture(t, db)
		r := f.do("rm", request{method: "GET", path: "/cooperations/new?partner=32.04&sector=C&urusan=3.31"})
		if r.Status != 200 {
			t.Fatalf("status %d: %.300s", r.Status, r.Body)
		}
		for _, w := range []string{`value="C" selected`, `value="3.31" selected`} {
			if !strings.Contains(r.Body, w) {
				t.Errorf("no %s", w)
			}
		}
	})
}

// TestOpportunityAccessTravelTimes: an imported travel time replaces the
// estimate for its leg. Kecamatan 32.04.05 lies nearer to Kota Bandung's
// seat as the crow flies, but the matrix says its own seat is quicker.
func TestOpportunityAccessTravelTimes(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := opportunityFixture(t, db)
		tt := []geo.TravelTime{{Place: "32.04.05", Seat: "32.04", Minutes: 15}, {Place: "32.04.05", Seat: "32.73", Minutes: 50}}
		if _, err := db.ReplaceGeo(context.Background(), &geo.Dataset{TravelTimes: tt}, "travel_times.csv"); err != nil {
			t.Fatal(err)
		}
		r := f.do("anon", request{method: "GET", path: "/api/v1/regions/32.73/access"})
		var out apiAccess
		if err := json.Unmarshal([]byte(r.Body), &out); err != nil || r.Status != 200 {
			t.Fatalf("%d %v", r.Status, err)
		}
		loadSpec(t).check(t, "/regions/{code}/access", "GET", r)
		if out.TravelTimes != 2 || len(out.Incoming) != 1 || out.Incoming[0].Districts != 0 || out.Incoming[0].Villages != 1 {
			t.Errorf("with travel times: %+v", out)
		}
		page := f.do("anon", request{method: "GET", path: "/regions/32.73/opportunities"})
		if !strings.Contains(page.Body, "waktu tempuh yang diimpor (2 ruas") {
			t.Errorf("the page does not say travel times are in use: %.300s", page.Body)
		}
	})
}

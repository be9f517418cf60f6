package web

import (
	"context"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/geo"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

// The network follows the cooperation list's scope: the public sees the
// published East Java cooperation only; Kota Bandung's team also its own
// unpublished one with Kabupaten Bandung; the national administrator all
// three.
func TestNetworkScopeAndAPI(t *testing.T) {
	sp := loadSpec(t)
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := opportunityFixture(t, db)
		f.addCoops(t)
		pairs := func(actor, query string) (string, apiNetwork) {
			t.Helper()
			r := f.do(actor, request{method: "GET", path: "/api/v1/opportunities/network" + query})
			if r.Status != 200 {
				t.Fatalf("%s %s: %d %s", actor, query, r.Status, r.Body)
			}
			sp.check(t, "/opportunities/network", "GET", r)
			var n apiNetwork
			if err := json.Unmarshal([]byte(r.Body), &n); err != nil {
				t.Fatal(err)
			}
			var ps []string
			for _, l := range n.Links {
				ps = append(ps, l.A.Code+"-"+l.B.Code+":"+string(l.State))
			}
			return strings.Join(ps, " "), n
		}
		for _, c := range []struct{ actor, query, want string }{
			{"anon", "", "35.06-35.13:planned"},
			{"ra", "", "32.04-32.73:planned 35.06-35.13:planned"},
			{"na", "", "32.04-32.73:planned 35.06-35.13:planned 35.15-35.78:planned"},
			{"na", "?province=35", "35.06-35.13:planned 35.15-35.78:planned"},
			{"na", "?state=active", ""},
			{"anon", "?province=32", ""},
		} {
			if got, _ := pairs(c.actor, c.query); got != c.want {
				t.Errorf("%s %s: links %q, want %q", c.actor, c.query, got, c.want)
			}
		}
		// In West Java, the Bandungs cooperate (for who may see it); the
		// other regencies stand out as isolated.
		_, n := pairs("ra", "?province=32")
		iso := map[string]bool{}
		for _, r := range n.Isolated {
			iso[r.Code] = true
		}
		if iso["32.73"] || iso["32.04"] || !iso["32.17"] || len(n.Isolated) != 27-2 {
			t.Errorf("isolated in 32 for ra: %d %v", len(n.Isolated), n.Isolated)
		}
		_, n = pairs("anon", "?province=32")
		if len(n.Isolated) != 27 {
			t.Errorf("isolated in 32 for the public: %d", len(n.Isolated))
		}
		for _, c := range []struct{ url, field string }{
			{"/api/v1/opportunities/network?province=32.73", "province"},
			{"/api/v1/opportunities/network?state=done", "state"},
			{"/api/v1/opportunities/network/geometry?state=done", "state"},
		} {
			r := f.do("anon", request{method: "GET", path: c.url})
			if r.Status != 400 || !strings.Contains(r.Body, `"field":"`+c.field+`"`) {
				t.Errorf("%s: %d %s", c.url, r.Status, r.Body)
			}
			sp.check(t, strings.TrimPrefix(strings.Split(c.url, "?")[0], "/api/v1"), "GET", r)
		}
		// The map: a line between the Bandungs' seats for their team, and a
		// point at every isolated regency with a seat.
		r := f.do("ra", request{method: "GET", path: "/api/v1/opportunities/network/geometry?province=32"})
		sp.check(t, "/opportunities/network/geometry", "GET", r)
		// The background: the province's regencies, the Bandungs plain and
		// Bandung Barat (which cooperates with no other region) marked, before
		// the lines.
		if i, j := strings.Index(r.Body, `"code":"32.17","name":"Kabupaten Bandung Barat","role":"parent","url":"/regions/32.17/opportunities","class":"net-area-isolated"`),
			strings.Index(r.Body, "LineString"); i < 0 || j < i || !strings.Contains(r.Body, `"code":"32.73","name":"Kota Bandung","role":"parent","url":"/regions/32.73/opportunities","class":"net-area"`) {
			t.Errorf("background: %d %d %.600s", i, j, r.Body)
		}
		if !strings.Contains(r.Body, `"type":"LineString","coordinates":[[107.53,-7.03],[107.6,-6.91]]`) || !strings.Contains(r.Body, `"class":"net-planned"`) {
			t.Errorf("geometry: %.500s", r.Body)
		}
		r = f.do("anon", request{method: "GET", path: "/api/v1/opportunities/network/geometry?province=32"})
		if strings.Contains(r.Body, "LineString") || !strings.Contains(r.Body, `"class":"net-isolated"`) {
			t.Errorf("public geometry: %.500s", r.Body)
		}
		// Without a province, the thinned province outlines are the
		// background, each a link to its province's network in the same state.
		r = f.do("ra", request{method: "GET", path: "/api/v1/opportunities/network/geometry?state=planned"})
		sp.check(t, "/opportunities/network/geometry", "GET", r)
		if i, j := strings.Index(r.Body, `"code":"32","name":"Jawa Barat","role":"parent","url":"/opportunities/network?province=32\u0026state=planned","class":"net-province"`),
			strings.Index(r.Body, "LineString"); i < 0 || j < i || strings.Contains(r.Body, `"net-area`) {
			t.Errorf("national background: %d %d %.600s", i, j, r.Body)
		}
	})
}

func TestNetworkPageAndExport(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := opportunityFixture(t, db)
		f.addCoops(t)
		r := f.do("ra", request{method: "GET", path: "/opportunities/network?province=32"})
		for _, w := range []string{`id="network-map" data-geo-url="/api/v1/opportunities/network/geometry?province=32"`, `href="/opportunities/network/export?province=32"`, "Pengelolaan sampah Bandung Raya", `id="network-isolated"`, "Kabupaten Bandung Barat", "1 pasangan daerah bekerja sama; 25 kabupaten/kota"} {
			if r.Status != 200 || !strings.Contains(r.Body, w) {
				t.Errorf("network page as ra: %d, no %q", r.Status, w)
			}
		}
		r = f.do("anon", request{method: "GET", path: "/opportunities/network?province=32&lang=en"})
		if r.Status != 200 || strings.Contains(r.Body, "Pengelolaan sampah") || !strings.Contains(r.Body, "No cooperation between regions is on record") {
			t.Errorf("network page for the public: %d", r.Status)
		}
		r = f.do("anon", request{method: "GET", path: "/opportunities/network?state=x"})
		if r.Status != 400 || !strings.Contains(r.Body, "state") {
			t.Errorf("bad state: %d", r.Status)
		}
		r = f.do("na", request{method: "GET", path: "/opportunities/network/export"})
		lines := strings.Split(strings.TrimSpace(r.Body), "\n")
		if r.Status != 200 || !strings.HasPrefix(lines[0], "a,a_name,b,b_name,link_state,cooperation_id") || len(lines) != 1+3+(514-6) {
			t.Errorf("export: %d, %d lines, %q", r.Status, len(lines), lines[0])
		}
		if !strings.Contains(r.Body, "32.04,Kabupaten Bandung,32.73,Kota Bandung,planned,") || !strings.Contains(r.Body, "32.17,Kabupaten Bandung Barat,,,none") {
			t.Errorf("export rows: %.400s", r.Body)
		}
	})
}

// networkFeature is a feature of the network geometry as the test reads it.
type networkFeature struct {
	Geometry struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	} `json:"geometry"`
	Properties potFeatureProps `json:"properties"`
}

// networkGeometry gets the network geometry of query as actor, checks it
// against the OpenAPI document and returns its features.
func networkGeometry(t *testing.T, f *fixture, sp *spec, actor, query string) []networkFeature {
	t.Helper()
	r := f.do(actor, request{method: "GET", path: "/api/v1/opportunities/network/geometry" + query})
	if r.Status != 200 {
		t.Fatalf("geometry %s: %d %s", query, r.Status, r.Body)
	}
	sp.check(t, "/opportunities/network/geometry", "GET", r)
	var fc struct {
		Features []networkFeature `json:"features"`
	}
	if err := json.Unmarshal([]byte(r.Body), &fc); err != nil {
		t.Fatal(err)
	}
	return fc.Features
}

// A link with a province party is listed and drawn: the province's end is
// a point inside its boundary (the test geography's 32 is the square
// 107–107.1 E, 7–6.9 S, far from Kota Bandung's seat), where the province
// itself is drawn too, as a link to its network. A regency seat put on
// that point moves it, once the new geography is imported.
func TestNetworkProvinceLink(t *testing.T) {
	sp := loadSpec(t)
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := opportunityFixture(t, db)
		if _, err := db.CreateCooperation(context.Background(), cooperation.Cooperation{
			Title: "Jalan provinsi Bandung", Kind: cooperation.KindSukarela, Stage: cooperation.Persiapan, Published: true,
			Parties:     []cooperation.Party{regionParty("32", "Jawa Barat", true), regionParty("32.73", "Kota Bandung", false)},
			RuleVersion: cooperation.Defaults().Version,
		}, sys); err != nil {
			t.Fatal(err)
		}
		f.getPages(t, []pageCase{
			{"anon", "/opportunities/network?province=32&lang=en", 200,
				[]string{"Jalan provinsi Bandung", `id="network-province-links"`, "Links with a province (1) end at a point inside the province",
					`<span class="swatch net-province-point"></span>Province (a point inside it)`}, []string{"only in the list"}},
			{"anon", "/opportunities/network?province=32", 200, []string{"Provinsi (titik di dalam wilayahnya)"}, nil},
			{"anon", "/opportunities/network?province=35", 200, nil, []string{`id="network-province-links"`, "net-province-point"}},
		})
		inProvince := func(p [2]float64) bool { return p[0] > 107 && p[0] < 107.1 && p[1] > -7 && p[1] < -6.9 }
		// provinceEnd returns the province's end of the line, after checking
		// the line and the province's point.
		provinceEnd := func(query string) [2]float64 {
			t.Helper()
			var line [][2]float64
			var point [2]float64
			points := 0
			for _, ft := range networkGeometry(t, f, sp, "anon", query) {
				switch {
				case ft.Geometry.Type == "LineString" && ft.Properties.Code == "32-32.73":
					if err := json.Unmarshal(ft.Geometry.Coordinates, &line); err != nil {
						t.Fatal(err)
					}
					if ft.Properties.Class != "net-planned" || ft.Properties.Name != "Jawa Barat – Kota Bandung" {
						t.Errorf("%s: line %+v", query, ft.Properties)
					}
				case ft.Properties.Class == "net-province-point":
					points++
					if err := json.Unmarshal(ft.Geometry.Coordinates, &point); err != nil {
						t.Fatal(err)
					}
					want := potFeatureProps{Code: "32", Name: "Jawa Barat", Role: "child", URL: "/opportunities/network?province=32", Class: "net-province-point"}
					if ft.Geometry.Type != "Point" || ft.Properties != want {
						t.Errorf("%s: province point %s %+v", query, ft.Geometry.Type, ft.Properties)
					}
				}
			}
			if len(line) != 2 || points != 1 {
				t.Fatalf("%s: line %v, %d province points", query, line, points)
			}
			if line[0] == line[1] || line[1] != [2]float64{107.6, -6.91} || line[0] != point || !inProvince(point) {
				t.Errorf("%s: line %v, province point %v", query, line, point)
			}
			return point
		}
		p := provinceEnd("?province=32")
		if q := provinceEnd(""); q != p {
			t.Errorf("national view: province at %v, in its own view at %v", q, p)
		}
		// The square's centroid, with no seat near it.
		if math.Abs(p[0]-107.05) > 1e-9 || math.Abs(p[1]+6.95) > 1e-9 {
			t.Errorf("province point %v, want the centroid (107.05, -6.95)", p)
		}
		// A seat on the centroid (as West Java's is next to Kota Bandung's):
		// the point moves away from it, still inside, once the data version
		// changes; until then the points of the last version stand.
		pts := append(slices.Clone(opportunityPoints), geo.Point{Code: "32.17", Lon: 107.05, Lat: -6.95, Kind: "capital-seat"})
		if _, err := db.ReplaceGeo(context.Background(), &geo.Dataset{Points: pts}, "test"); err != nil {
			t.Fatal(err)
		}
		if q := provinceEnd("?province=32"); q != p {
			t.Errorf("province point %v, want %v until the data version changes", q, p)
		}
		f.server.Geo.(econGeo).setVersion("2")
		if q := provinceEnd("?province=32"); math.Hypot(q[0]-107.05, q[1]+6.95) < 0.005 {
			t.Errorf("province point %v on the seat of 32.17", q)
		}
	})
}

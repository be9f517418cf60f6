package web

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/analysis"
	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

// fakeEcon is a hand-made econ source: three West Java regencies (those of
// testGeo) and their province, sectors A and C, 2019–2020, population for
// 2020 only. It counts the panels it builds.
type fakeEcon struct {
	mu      sync.Mutex
	version string
	panels  int
	empty   bool
	panel   func() (*analysis.Panel, error) // nil: testPanel
}

func (f *fakeEcon) EconVersion(context.Context) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.version, nil
}

func (f *fakeEcon) EconPanel(_ context.Context, level region.Level, _, _ int, _ *region.Directory) (*analysis.Panel, error) {
	f.mu.Lock()
	f.panels++
	f.mu.Unlock()
	if level != region.Regency || f.empty {
		return nil, jalin.ErrNotFound
	}
	if f.panel != nil {
		return f.panel()
	}
	return testPanel()
}

func (f *fakeEcon) setVersion(v string) { f.mu.Lock(); f.version = v; f.mu.Unlock() }
func (f *fakeEcon) count() int          { f.mu.Lock(); defer f.mu.Unlock(); return f.panels }

// The LQ of sector C in 2020: Kota Bandung (40/50)/(120/230) = 1.5333…,
// Kabupaten Bandung (12/56)/(120/230) = 0.4107…
const (
	lqBandungCity = 0.8 * 230 / 120
	lqBandungReg  = (12.0 / 56) * 230 / 120
)

func testPanel() (*analysis.Panel, error) {
	var rows []analysis.Row
	add := func(code string, year int, a, c float64) {
		rows = append(rows, analysis.Row{Region: code, Indicator: "A", Year: year, Value: a},
			analysis.Row{Region: code, Indicator: "C", Year: year, Value: c})
	}
	add("32", 2019, 100, 100)
	add("32", 2020, 110, 120)
	add("32.73", 2019, 10, 30)
	add("32.73", 2020, 10, 40)
	add("32.04", 2019, 40, 10)
	add("32.04", 2020, 44, 12)
	add("32.17", 2019, 20, 20)
	add("32.17", 2020, 22, 24)
	for code, pop := range map[string]float64{"32.73": 2.5, "32.04": 3.6, "32.17": 1.7} {
		rows = append(rows, analysis.Row{Region: code, Indicator: analysis.IndicatorPopulation, Year: 2020, Value: pop})
	}
	return analysis.FromRows(rows, analysis.Options{ReferenceOf: map[string]string{"32.73": "32", "32.04": "32", "32.17": "32"},
		Unit: "miliar Rp", Vintage: "test"})
}

// econGeo is the geography of the tests with an econ source beside it, as
// *sqlstore.DB is in production.
type econGeo struct {
	GeoReader
	*fakeEcon
}

// newPotentialServer is newTestServer with econ as the econ source.
func newPotentialServer(t *testing.T, db *sqlstore.DB, econ *fakeEcon) *httptest.Server {
	t.Helper()
	s, _ := newTestServer(t, db)
	d := s.Deps
	d.Geo = econGeo{GeoReader: db, fakeEcon: econ}
	s2, err := New(d)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s2.Handler())
	t.Cleanup(ts.Close)
	return ts
}

func TestPotentialPages(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ts := newPotentialServer(t, db, &fakeEcon{version: "1"})
		cases := []struct {
			path   string
			status int
			want   []string
		}{
			{"/regions/32.73/potential", 200, []string{"Potensi ekonomi Kota Bandung", "1,53", "Industri Pengolahan", "Sumber: BPS", "konstan 2010",
				`data-chart="chart-lqdlq"`, `id="chart-trend"`, "4,5 % – 5,3 %", `"label":"C"`}},
			{"/regions/32.04/potential", 200, []string{"0,41"}},
			{"/regions/32/potential", 200, []string{"Pilih salah satu kabupaten/kota", `href="/regions/32.73/potential"`}},
			{"/regions/11.01/potential", 200, []string{`id="potential-empty"`, "tidak tersedia"}},
			{"/regions/32.73.01/potential", 200, []string{`href="/regions/32.73/potential"`}},
			{"/regions/99.99/potential", 404, []string{"99.99"}},
			{"/potential?sector=C&year=2020", 200, []string{"Kota Bandung", "1,53", "Moran&#39;s I", `layer=lq`, `layer=lisa`, "export?sector=C"}},
			{"/potential", 200, []string{"Pertanian"}},
			{"/potential?sector=ZZ", 400, []string{"ZZ"}},
			{"/potential?sector=C&year=abc", 400, []string{"year"}},
			{"/potential?sector=C&year=2015", 400, []string{"2015", "2019–2020"}},
			{"/inequality", 200, []string{"Indeks Williamson", "dipecah menjadi bagian antarprovinsi", "Data penduduk kabupaten/kota tidak tersedia", "2019"}},
			{"/inequality?province=32", 200, []string{"Jawa Barat", "Di dalam satu provinsi indeks ini satu angka"}},
			{"/inequality?province=99", 400, []string{"99"}},
			{"/potential/export?sector=Q&format=pdf", 400, []string{"pdf"}},
		}
		for _, c := range cases {
			r := get(t, ts, c.path)
			if r.Status != c.status {
				t.Errorf("GET %s: status %d, want %d: %.300s", c.path, r.Status, c.status, r.Body)
				continue
			}
			for _, w := range c.want {
				if !strings.Contains(r.Body, w) {
					t.Errorf("GET %s: no %q in the page", c.path, w)
				}
			}
		}
		// English.
		if r := get(t, ts, "/regions/32.73/potential?lang=en"); !strings.Contains(r.Body, "Economic potential of Kota Bandung") {
			t.Errorf("English page: %.300s", r.Body)
		}
	})
}

func TestPotentialAPI(t *testing.T) {
	sp := loadSpec(t)
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ts := newPotentialServer(t, db, &fakeEcon{version: "1"})
		cases := []struct {
			template, url string
			status        int
			field         string
		}{
			{"/regions/{code}/potential", "/api/v1/regions/32.73/potential", 200, ""},
			{"/regions/{code}/potential", "/api/v1/regions/32/potential", 404, ""},
			{"/regions/{code}/potential", "/api/v1/regions/99.99/potential", 404, ""},
			{"/potential/sectors/{sector}", "/api/v1/potential/sectors/C?year=2020", 200, ""},
			{"/potential/sectors/{sector}", "/api/v1/potential/sectors/m,n", 404, ""},
			{"/potential/sectors/{sector}", "/api/v1/potential/sectors/X1", 400, "sector"},
			{"/potential/sectors/{sector}", "/api/v1/potential/sectors/C?year=1999", 400, "year"},
			{"/potential/sectors/{sector}", "/api/v1/potential/sectors/C?year=soon", 400, "year"},
			{"/potential/sectors/{sector}/geometry", "/api/v1/potential/sectors/C/geometry?year=2020", 200, ""},
			{"/potential/sectors/{sector}/geometry", "/api/v1/potential/sectors/C/geometry?layer=lisa", 200, ""},
			{"/potential/sectors/{sector}/geometry", "/api/v1/potential/sectors/C/geometry?layer=x", 400, "layer"},
			{"/inequality", "/api/v1/inequality", 200, ""},
			{"/inequality", "/api/v1/inequality?province=32&from=2020&to=2020", 200, ""},
			{"/inequality", "/api/v1/inequality?province=3", 400, "province"},
			{"/inequality", "/api/v1/inequality?from=x", 400, "from"},
		}
		bodies := map[string]string{}
		for _, c := range cases {
			r := get(t, ts, c.url)
			if r.Status != c.status {
				t.Errorf("GET %s: status %d, want %d: %s", c.url, r.Status, c.status, r.Body)
				continue
			}
			sp.check(t, c.template, "GET", r)
			if c.field != "" && !strings.Contains(r.Body, `"field":"`+c.field+`"`) {
				t.Errorf("GET %s: the problem does not name %q: %s", c.url, c.field, r.Body)
			}
			bodies[c.url] = r.Body
		}
		var pot potentialRegion
		if err := json.Unmarshal([]byte(bodies["/api/v1/regions/32.73/potential"]), &pot); err != nil {
			t.Fatal(err)
		}
		for _, s := range pot.Sectors {
			if s.Sector == "C" && (s.LQ == nil || !near(*s.LQ, lqBandungCity)) {
				t.Errorf("LQ of C in Kota Bandung = %v, want %v", s.LQ, lqBandungCity)
			}
		}
		var sec apiSectorPotential
		if err := json.Unmarshal([]byte(bodies["/api/v1/potential/sectors/C?year=2020"]), &sec); err != nil {
			t.Fatal(err)
		}
		if len(sec.Items) != 3 || sec.Items[0].Code != "32.73" || !near(*sec.Items[0].LQ, lqBandungCity) || sec.Items[0].LQClass != 4 {
			t.Errorf("sector items = %+v", sec.Items)
		}
		// The choropleth carries the class of each regency's LQ.
		geo := bodies["/api/v1/potential/sectors/C/geometry?year=2020"]
		for _, want := range []string{`"code":"32.73"`, `"class":"lq-4"`, `"class":"lq-1"`, `"url":"/regions/32.73/potential"`} {
			if !strings.Contains(geo, want) {
				t.Errorf("geometry: no %s in %s", want, geo)
			}
		}
		if lisa := bodies["/api/v1/potential/sectors/C/geometry?layer=lisa"]; !strings.Contains(lisa, `"class":"lisa-`) {
			t.Errorf("LISA geometry has no lisa class: %s", lisa)
		}
		// 2019 has no population: the index is null, not 0 or NaN.
		var ineq inequalitySeries
		if err := json.Unmarshal([]byte(bodies["/api/v1/inequality"]), &ineq); err != nil {
			t.Fatal(err)
		}
		if len(ineq.Years) != 2 || ineq.Years[0].Williamson != nil || ineq.Years[0].NoPopulation != 3 || ineq.Years[1].Williamson == nil {
			t.Errorf("inequality = %+v", ineq.Years)
		}
	})
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

func TestPotentialExport(t *testing.T) {
	db := sqlstoretest.Open(t, sqlstore.SQLite)
	ts := newPotentialServer(t, db, &fakeEcon{version: "1"})
	r := get(t, ts, "/potential/export?sector=C&year=2020&format=csv")
	if r.Status != 200 || !strings.HasPrefix(r.Body, "code,name,province_code,sector,year,lq") || !strings.Contains(r.Body, "32.73,Kota Bandung,32,C,2020,1.533333,4,") {
		t.Errorf("CSV: %d %s", r.Status, r.Body)
	}
	r = get(t, ts, "/potential/export?sector=C&format=xlsx")
	if r.Status != 200 || !strings.Contains(r.Header.Get("Content-Type"), "spreadsheetml") || !strings.HasPrefix(r.Body, "PK") {
		t.Errorf("XLSX: %d %s", r.Status, r.Header)
	}
	if got := safeCell("=HYPERLINK(1)"); got != "'=HYPERLINK(1)" {
		t.Errorf("safeCell = %q", got)
	}
}

// TestPotentialCache: the results are computed once per data version,
// again when the version changes, and once for requests that arrive
// together.
func TestPotentialCache(t *testing.T) {
	db := sqlstoretest.Open(t, sqlstore.SQLite)
	econ := &fakeEcon{version: "1"}
	ts := newPotentialServer(t, db, econ)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if r := get(t, ts, "/api/v1/potential/sectors/C"); r.Status != 200 {
				t.Errorf("status %d", r.Status)
			}
		}()
	}
	wg.Wait()
	get(t, ts, "/regions/32.73/potential")
	if n := econ.count(); n != 2 { // one regency and one province panel
		t.Fatalf("panels built = %d, want 2", n)
	}
	econ.setVersion("2")
	get(t, ts, "/regions/32.73/potential")
	get(t, ts, "/inequality")
	if n := econ.count(); n != 4 {
		t.Fatalf("panels built after a new version = %d, want 4", n)
	}
}

func TestPotentialNoData(t *testing.T) {
	db := sqlstoretest.Open(t, sqlstore.SQLite)
	for _, econ := range []*fakeEcon{{version: ""}, {version: "1", empty: true}} {
		ts := newPotentialServer(t, db, econ)
		for _, path := range []string{"/regions/32.73/potential", "/potential?sector=C", "/inequality"} {
			if r := get(t, ts, path); r.Status != 200 || !strings.Contains(r.Body, "belum diimpor") {
				t.Errorf("GET %s without data: %d %.300s", path, r.Status, r.Body)
			}
		}
		if r := get(t, ts, "/api/v1/regions/32.73/potential"); r.Status != 404 {
			t.Errorf("API without data: %d", r.Status)
		}
		// A bad parameter is still a 400, data or not.
		if r := get(t, ts, "/potential?sector=nope"); r.Status != 400 {
			t.Errorf("bad sector without data: %d", r.Status)
		}
	}
}

func TestPotentialCacheUnit(t *testing.T) {
	var c potentialCache
	ctx := context.Background()
	calls := 0
	f := func(context.Context) (any, error) { calls++; return calls, nil }
	c.get(ctx, "a", "k", f)
	c.get(ctx, "a", "k", f)
	if calls != 1 {
		t.Fatalf("calls = %d", calls)
	}
	c.get(ctx, "b", "k", f)
	if v, _ := c.get(ctx, "b", "k", f); v != 2 || calls != 2 {
		t.Fatalf("after a new version: v %v, calls %d", v, calls)
	}
	for i := range potentialCacheMax * 2 {
		c.get(ctx, "b", "x"+string(rune('a'+i%26))+string(rune('a'+i/26)), f)
	}
	if len(c.entries) > potentialCacheMax {
		t.Fatalf("%d entries, bounded by %d", len(c.entries), potentialCacheMax)
	}
}

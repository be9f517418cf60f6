package web

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/jalin-ksd/jalin/config"
	"github.com/jalin-ksd/jalin/document"
	"github.com/jalin-ksd/jalin/geo"
	"github.com/jalin-ksd/jalin/i18n"
	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
	"github.com/jalin-ksd/jalin/workday"
)

var loadRegions = sync.OnceValues(region.Load)

func directory(t testing.TB) *region.Directory {
	t.Helper()
	d, err := loadRegions()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// square returns a closed polygon ring around (lon, lat).
func square(lon, lat float64) json.RawMessage {
	b, _ := json.Marshal(map[string]any{"type": "Polygon", "coordinates": [][][2]float64{{
		{lon, lat}, {lon + .1, lat}, {lon + .1, lat + .1}, {lon, lat + .1}, {lon, lat},
	}}})
	return b
}

// testGeo is a small hand-made geography around Kota Bandung (32.73): the
// province 32, Bandung city and two regencies that border it, and one
// border with Banten's Kota Tangerang to give West Java a neighbour province.
var testGeo = &geo.Dataset{
	Boundaries: []geo.Boundary{
		{Code: "32", Geometry: square(107, -7)}, {Code: "32.73", Geometry: square(107.6, -6.9)},
		{Code: "32.04", Geometry: square(107.5, -7.1)}, {Code: "32.17", Geometry: square(107.4, -6.9)},
	},
	Points: []geo.Point{
		{Code: "32.73", Lon: 107.6, Lat: -6.91, Kind: "capital-seat"},
		{Code: "32.73.01", Lon: 107.61, Lat: -6.92, Kind: "centroid"},
	},
	Adjacency: []geo.Adjacency{
		{A: "32.04", B: "32.73", SharedBorderKm: 40.5}, {A: "32.17", B: "32.73", SharedBorderKm: 12},
		{A: "32.16", B: "36.71", SharedBorderKm: 3},
	},
}

// newServer returns a test server on a fresh database of the engine, with
// the full region reference and testGeo loaded.
func newServer(t *testing.T, db *sqlstore.DB) *httptest.Server {
	t.Helper()
	_, ts := newTestServer(t, db)
	return ts
}

func newTestServer(t *testing.T, db *sqlstore.DB) (*Server, *httptest.Server) {
	t.Helper()
	dir := directory(t)
	ctx := context.Background()
	if err := db.LoadRegions(ctx, dir.All(), region.Version()); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ReplaceGeo(ctx, testGeo, "test"); err != nil {
		t.Fatal(err)
	}
	holidays, err := workday.Load()
	if err != nil {
		t.Fatal(err)
	}
	blobs, err := document.NewDirStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Deps{
		Config: config.Default(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Catalog: i18n.MustLoad(), Regions: dir, Geo: db, Accounts: db, Coops: db, TKKSD: db, Holidays: holidays, Blobs: blobs,
		Ready: db.Ping, Version: "test", Now: db.Now,
	})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return s, ts
}

type response struct {
	Status int
	Header http.Header
	Body   string
}

func get(t *testing.T, ts *httptest.Server, path string, header ...string) response {
	t.Helper()
	req, err := http.NewRequest("GET", ts.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{Status: res.StatusCode, Header: res.Header, Body: string(b)}
}

func TestPages(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ts := newServer(t, db)
		cases := []struct {
			path   string
			status int
			want   []string
		}{
			{"/", 200, []string{"Jawa Barat", "83.762", "Wilayah administrasi"}},
			{"/regions", 200, []string{"Aceh", "38 wilayah ditemukan", "1–20 dari 38", `rel="next" href="/regions?page=2"`}},
			{"/regions?page=2", 200, []string{"Papua Barat Daya", "21–38 dari 38"}},
			{"/regions?q=kota+bandung", 200, []string{"Kota Bandung", "32.73"}},
			{"/regions?q=32.73.01&level=3", 200, []string{"32.73.01"}},
			{"/regions?parent=32&level=3&page=2", 200, []string{"rel=\"prev\""}},
			{"/regions?q=zzzzqqq", 200, []string{"Tidak ada wilayah yang cocok"}},
			{"/regions/32.73", 200, []string{"Kota Bandung", "Jawa Barat", "Kabupaten Bandung", "40,5", `data-geo-url="/api/v1/regions/32.73/geometry"`}},
			{"/regions/32", 200, []string{"Jawa Barat", "Banten", "Kota Bandung"}},
			{"/regions/32.73.01.1001", 200, []string{"Kelurahan", "Data ketetanggaan tidak tersedia"}},
			{"/regions/11.01", 200, []string{"Aceh Selatan", "Data geografi belum diimpor"}},
			{"/regions/99.99", 404, []string{"99.99", "tidak ditemukan"}},
			{"/regions/abc", 404, []string{"bukan kode wilayah"}},
			{"/regions?limit=abc", 400, []string{"limit"}},
			{"/no/such/page", 404, []string{"/no/such/page"}},
		}
		for _, c := range cases {
			r := get(t, ts, c.path)
			if r.Status != c.status {
				t.Errorf("GET %s: status %d, want %d", c.path, r.Status, c.status)
			}
			for _, w := range c.want {
				if !strings.Contains(r.Body, w) {
					t.Errorf("GET %s: body lacks %q", c.path, w)
				}
			}
		}
	})
}

func TestLanguage(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ts := newServer(t, db)
		if r := get(t, ts, "/api/v1/regions/99.99", "Accept-Language", "en-GB,en;q=0.9"); !strings.Contains(r.Body, "No region with code 99.99") {
			t.Errorf("Accept-Language en not honoured by the API: %s", r.Body)
		}
		if r := get(t, ts, "/regions/99.99", "Accept-Language", "en-GB,en;q=0.9"); !strings.Contains(r.Body, "tidak ditemukan") {
			t.Errorf("pages must stay Indonesian until the user switches: %s", r.Body)
		}
		if r := get(t, ts, "/regions?lang=en"); !strings.Contains(r.Body, "Search regions by name or code") || !strings.Contains(r.Body, `<html lang="en">`) {
			t.Error("?lang=en not honoured")
		}
		if r := get(t, ts, "/", "Cookie", "lang=en"); !strings.Contains(r.Body, "Administrative regions") {
			t.Error("lang cookie not honoured")
		}
		r := get(t, ts, "/lang/en?next=/regions%3Fq%3Dbandung")
		if r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/regions?q=bandung" || !strings.Contains(r.Header.Get("Set-Cookie"), "lang=en") {
			t.Errorf("switch: %d %v", r.Status, r.Header)
		}
		for _, evil := range []string{"//evil.example", "https://evil.example", "/\\evil.example"} {
			if r := get(t, ts, "/lang/id?next="+evil); r.Header.Get("Location") != "/" {
				t.Errorf("open redirect via %q: %s", evil, r.Header.Get("Location"))
			}
		}
	})
}

func TestSecurityHeaders(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ts := newServer(t, db)
		for _, p := range []string{"/", "/api/v1/regions", "/regions/99"} {
			r := get(t, ts, p)
			csp := r.Header.Get("Content-Security-Policy")
			if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe") {
				t.Errorf("%s: CSP %q", p, csp)
			}
			for _, h := range []string{"X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "X-Request-Id"} {
				if r.Header.Get(h) == "" {
					t.Errorf("%s: missing %s", p, h)
				}
			}
		}
		// Pages must not carry inline scripts, handlers or styles: the CSP
		// would block them.
		for _, p := range []string{"/", "/regions", "/regions/32.73", "/regions/32"} {
			body := get(t, ts, p).Body
			for _, bad := range []string{"<script>", " onclick=", " onload=", " style=", "<style"} {
				if strings.Contains(body, bad) {
					t.Errorf("%s contains %q", p, bad)
				}
			}
		}
	})
}

func TestCompressionAndStatic(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ts := newServer(t, db)
		body := get(t, ts, "/").Body
		j := strings.Index(body, "/app.css")
		i := strings.LastIndex(body[:max(j, 0)], "/static/")
		if j < 0 || i < 0 {
			t.Fatal("no app.css URL on the home page")
		}
		url := body[i : j+len("/app.css")]
		r := get(t, ts, url, "Accept-Encoding", "gzip")
		if r.Status != 200 || !strings.Contains(r.Header.Get("Cache-Control"), "immutable") {
			t.Errorf("%s: %d %q", url, r.Status, r.Header.Get("Cache-Control"))
		}
		if r.Header.Get("Content-Encoding") != "gzip" {
			t.Errorf("%s not compressed: %v", url, r.Header)
		}
		stale := "/static/0000000000/" + url[len("/static/")+11:]
		if r := get(t, ts, stale); r.Status != 200 || strings.Contains(r.Header.Get("Cache-Control"), "immutable") {
			t.Errorf("stale hash: %d %q", r.Status, r.Header.Get("Cache-Control"))
		}
		if r := get(t, ts, "/static/x/nope.js"); r.Status != 404 {
			t.Errorf("missing asset: %d", r.Status)
		}
	})
}

func TestHealthAndMetrics(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ts := newServer(t, db)
		if r := get(t, ts, "/healthz"); r.Status != 200 || !strings.Contains(r.Body, `"ok"`) {
			t.Errorf("healthz: %d %s", r.Status, r.Body)
		}
		if r := get(t, ts, "/readyz"); r.Status != 200 {
			t.Errorf("readyz: %d %s", r.Status, r.Body)
		}
		get(t, ts, "/api/v1/regions/32")
		r := get(t, ts, "/metrics")
		if !strings.Contains(r.Body, `jalin_http_requests_total{method="GET",route="GET /api/v1/regions/{code}",status="200"} 1`) {
			t.Errorf("metrics lack the request: %s", r.Body[:min(len(r.Body), 500)])
		}
		db.Close()
		if r := get(t, ts, "/readyz"); r.Status != 503 {
			t.Errorf("readyz with the database closed: %d", r.Status)
		}
	})
}

func TestPanicIsA500(t *testing.T) {
	dir := directory(t)
	var logs strings.Builder
	s, err := New(Deps{Config: config.Default(), Logger: slog.New(slog.NewTextHandler(&logs, nil)), Catalog: i18n.MustLoad(), Regions: dir, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	h := s.middleware(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/x", nil))
	if rec.Code != 500 || !strings.Contains(rec.Header().Get("Content-Type"), "problem+json") || strings.Contains(rec.Body.String(), "boom") {
		t.Errorf("panic answer: %d %s", rec.Code, rec.Body)
	}
	if !strings.Contains(logs.String(), "boom") {
		t.Error("panic not logged")
	}
}

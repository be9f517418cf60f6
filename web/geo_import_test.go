package web

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/geo"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

// travelCSV says Kecamatan 32.04.05 (Cileunyi) reaches its own seat in 15
// minutes and Kota Bandung's in 50, and names a place (99.01.01) that is
// in no region on line 4.
const travelCSV = "place,seat,minutes\n32.04.05,32.04,15\n32.04.05,32.73,50\n99.01.01,32.73,5\n"

func init() {
	matrixExtensions = append(matrixExtensions, func(f *fixture) []matrixCase {
		upload := func(*fixture, string) request {
			return request{method: "POST", path: "/geo/import", files: map[string][]byte{"file": []byte(travelCSV)}}
		}
		return []matrixCase{
			{"GET /geo/import", "", getReq("/geo/import"), "200 403 403 403 403 403 403 403 403 303"},
			{"POST /geo/import", "a travel-time matrix", upload, "200 403 403 403 403 403 403 403 403 403"},
			{"POST /geo/import/confirm", "no file", func(*fixture, string) request {
				return request{method: "POST", path: "/geo/import/confirm", form: url.Values{}}
			}, "400 403 403 403 403 403 403 403 403 403"},
		}
	})
}

// sameGeo says whether two GeoStats count the same rows after the same
// import (LastImport is a pointer, so == would compare addresses).
func sameGeo(a, b sqlstore.GeoStats) bool {
	a.LastImport, b.LastImport = nil, nil
	return a == b
}

// uploadGeo posts one file as the national administrator.
func uploadGeo(f *fixture, name, body string) response {
	return f.do("na", request{method: "POST", path: "/geo/import",
		files: map[string][]byte{"file": []byte(body)}, fileNames: map[string]string{"file": name}})
}

// confirmForm reads the hidden fields of the preview's confirmation form.
func confirmForm(t *testing.T, body string) url.Values {
	t.Helper()
	i := strings.Index(body, `id="geo-confirm"`)
	if i < 0 {
		t.Fatalf("no confirmation form: %s", problemsOf(body))
	}
	form := url.Values{}
	for _, name := range []string{"key", "name", "after"} {
		m := `name="` + name + `" value="`
		j := strings.Index(body[i:], m)
		if j < 0 {
			t.Fatalf("no %s in the confirmation form", name)
		}
		rest := body[i+j+len(m):]
		form.Set(name, rest[:strings.IndexByte(rest, '"')])
	}
	return form
}

// accessIn reads how many districts and villages of other regencies are
// nearer to Kota Bandung's seat, and how many travel times were used.
func accessIn(t *testing.T, f *fixture) (districts, villages, travel int) {
	t.Helper()
	r := f.do("anon", request{method: "GET", path: "/api/v1/regions/32.73/access"})
	var out apiAccess
	if err := json.Unmarshal([]byte(r.Body), &out); err != nil || r.Status != 200 {
		t.Fatalf("access: %d %v", r.Status, err)
	}
	for _, p := range out.Incoming {
		districts += p.Districts
		villages += p.Villages
	}
	return districts, villages, out.TravelTimes
}

// A travel-time matrix is checked, shown, confirmed and stored alone; the
// access analysis, already cached, then uses its minutes.
func TestGeoImportTravelTimes(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		if _, err := db.ReplaceGeo(ctx, &geo.Dataset{Points: opportunityPoints}, "points"); err != nil {
			t.Fatal(err)
		}
		if d, v, tt := accessIn(t, f); d != 1 || v != 1 || tt != 0 {
			t.Fatalf("before the import: %d districts, %d villages, %d travel times", d, v, tt)
		}
		before, _ := db.GeoStats(ctx)

		r := uploadGeo(f, "waktu tempuh.csv", travelCSV)
		if r.Status != 200 || !strings.Contains(r.Body, `id="geo-preview"`) {
			t.Fatalf("preview: %d %s", r.Status, problemsOf(r.Body))
		}
		for _, w := range []string{"Waktu tempuh", "2 baris akan disimpan, menggantikan 0 baris", `<td>waktu tempuh.csv:4</td><td>99.01.01</td>`} {
			if !strings.Contains(r.Body, w) {
				t.Errorf("the preview does not say %q", w)
			}
		}
		if st, _ := db.GeoStats(ctx); !sameGeo(st, before) {
			t.Fatalf("the preview stored something: %+v, was %+v", st, before)
		}

		form := confirmForm(t, r.Body)
		r = f.do("na", request{method: "POST", path: "/geo/import/confirm", form: form})
		if r.Status != 303 {
			t.Fatalf("confirm: %d %s", r.Status, problemsOf(r.Body))
		}
		st, err := db.GeoStats(ctx)
		if err != nil || st.TravelTimes != 2 || st.Points != before.Points || st.Boundaries != before.Boundaries || st.Adjacency != before.Adjacency {
			t.Errorf("after the import %+v (was %+v), %v", st, before, err)
		}
		imps, err := db.GeoImports(ctx, 1)
		if err != nil || len(imps) != 1 || imps[0].Source != "waktu tempuh.csv" || imps[0].TravelTimes != 2 ||
			imps[0].Points != sqlstore.Kept || imps[0].Unmatched != 1 || imps[0].ActorName != f.users["na"].Username {
			t.Errorf("history: %+v, %v", imps, err)
		}
		recs, err := db.AuditHistory(ctx, access.Scope{All: true}, "geo_import", idOf(imps[0].ID), 5)
		if err != nil || len(recs) != 1 || recs[0].ActorID != f.users["na"].ID {
			t.Errorf("audit: %+v, %v", recs, err)
		}
		if d, v, tt := accessIn(t, f); d != 0 || v != 1 || tt != 2 {
			t.Errorf("after the import: %d districts, %d villages, %d travel times; want 0, 1, 2", d, v, tt)
		}
		page := f.do("na", request{method: "GET", path: "/geo/import"})
		for _, w := range []string{`id="geo-imports"`, "<td>" + html.EscapeString(f.users["na"].Username) + "</td><td>waktu tempuh.csv</td>", ">tetap<"} {
			if !strings.Contains(page.Body, w) {
				t.Errorf("the page does not show %q", w)
			}
		}

		// The same confirmation again is stale: nothing more is stored.
		r = f.do("na", request{method: "POST", path: "/geo/import/confirm", form: form})
		if r.Status != 409 || !strings.Contains(r.Body, "Impor geografi lain") {
			t.Errorf("replayed confirm: %d %s", r.Status, problemsOf(r.Body))
		}
		if imps, _ := db.GeoImports(ctx, 10); len(imps) != 3 {
			t.Errorf("%d imports after a replay, want 3", len(imps))
		}
	})
}

// Boundaries named .csv are still boundaries; cancelling stores nothing.
func TestGeoImportKindFromContent(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		gj := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"32.73"},"geometry":` +
			string(square(107.6, -6.9)) + `}]}`
		r := uploadGeo(f, "regencies.csv", gj)
		if r.Status != 200 || !strings.Contains(r.Body, "Isi regencies.csv: Batas wilayah.") ||
			!strings.Contains(r.Body, "1 baris akan disimpan, menggantikan 4 baris") {
			t.Fatalf("preview: %d %s", r.Status, problemsOf(r.Body))
		}
		before, _ := db.GeoStats(ctx)
		if !strings.Contains(r.Body, `id="geo-cancel" href="/geo/import"`) && !strings.Contains(r.Body, `href="/geo/import" id="geo-cancel"`) {
			t.Error("no cancel link back to the page")
		}
		if page := f.do("na", request{method: "GET", path: "/geo/import"}); page.Status != 200 {
			t.Fatalf("cancel: %d", page.Status)
		}
		if st, _ := db.GeoStats(ctx); !sameGeo(st, before) || st.Boundaries != 4 {
			t.Errorf("after cancelling: %+v, was %+v", st, before)
		}
	})
}

// A file with an error is refused with its place, and nothing is stored.
func TestGeoImportRefusesBadFile(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		before, _ := db.GeoStats(ctx)
		r := uploadGeo(f, "tt.csv", "place,seat,minutes\n32.04.05,32.04,15\n32.04.05,32.73,lama\n")
		if r.Status != 400 || !strings.Contains(r.Body, "tt.csv, baris 3, kolom 16:") {
			t.Errorf("bad minutes: %d %s", r.Status, problemsOf(r.Body))
		}
		// The parser's detail is in the page's language too, and the
		// Indonesian page has no English left in it.
		if body := html.UnescapeString(r.Body); !strings.Contains(body, `tt.csv, baris 3, kolom 16: minutes: "lama" bukan bilangan`) ||
			strings.Contains(body, "invalid number") {
			t.Errorf("bad minutes, Indonesian detail: %s", problemsOf(r.Body))
		}
		r = f.do("na", request{method: "POST", path: "/geo/import?lang=en",
			files:     map[string][]byte{"file": []byte("place,seat,minutes\n32.04.05,32.04,15\n32.04.05,32.73,lama\n")},
			fileNames: map[string]string{"file": "tt.csv"}})
		if body := html.UnescapeString(r.Body); r.Status != 400 ||
			!strings.Contains(body, `tt.csv, line 3, column 16: minutes: invalid number "lama"`) || strings.Contains(body, "bukan bilangan") {
			t.Errorf("bad minutes, English detail: %d %s", r.Status, problemsOf(r.Body))
		}
		r = uploadGeo(f, "what.geojson", "a,b\n1,2\n")
		if r.Status != 400 || !strings.Contains(r.Body, "what.geojson, baris 1, kolom 1:") ||
			!strings.Contains(r.Body, "baris judul tidak memuat kolom lon/lat (titik)") {
			t.Errorf("unknown header: %d %s", r.Status, problemsOf(r.Body))
		}
		// A GeoJSON detail names the feature and the ring in Indonesian.
		r = uploadGeo(f, "b.geojson", `{"type":"FeatureCollection","features":[{"type":"Feature",`+
			`"properties":{"code":"32.04"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}}]}`)
		if body := html.UnescapeString(r.Body); r.Status != 400 ||
			!strings.Contains(body, `fitur 0 (kode "32.04"): ring (cincin batas) 0 berisi 3 posisi, seharusnya paling sedikit 4`) {
			t.Errorf("short ring: %d %s", r.Status, problemsOf(r.Body))
		}
		// Syntax errors found by Go's decoders are told in Indonesian too.
		r = uploadGeo(f, "c.geojson", `{"type":"FeatureCollection","features":[{"type":"Feature",`+
			`"properties":{"code":"32.04",},"geometry":null}]}`)
		if body := html.UnescapeString(r.Body); r.Status != 400 ||
			!strings.Contains(body, `c.geojson, baris 1, kolom 88: fitur 0 (kode "32.04"): JSON tidak sah: karakter '}' tidak diharapkan di tempat awal nama anggota objek`) ||
			strings.Contains(body, "invalid character") {
			t.Errorf("JSON syntax: %d %s", r.Status, problemsOf(r.Body))
		}
		r = uploadGeo(f, "q.csv", "place,seat,minutes\n32.04.05,\"32.04\"x,15\n")
		if body := html.UnescapeString(r.Body); r.Status != 400 ||
			!strings.Contains(body, `q.csv, baris 2, kolom 16: CSV tidak sah: kolom yang diawali tanda kutip ganda (") tidak ditutup`) ||
			strings.Contains(body, "quoted-field") {
			t.Errorf("CSV quote: %d %s", r.Status, problemsOf(r.Body))
		}
		if st, _ := db.GeoStats(ctx); !sameGeo(st, before) {
			t.Errorf("a refused file changed the geography: %+v, was %+v", st, before)
		}
	})
}

// The upload and the confirmation need the CSRF token like every form.
func TestGeoImportCSRF(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		form := confirmForm(t, uploadGeo(f, "tt.csv", travelCSV).Body)
		cookie, _ := f.session("na")
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, _ := mw.CreateFormFile("file", "tt.csv")
		_, _ = fw.Write([]byte(travelCSV))
		_ = mw.Close()
		for _, rq := range []struct {
			path, ctype string
			body        *strings.Reader
		}{
			{"/geo/import", mw.FormDataContentType(), strings.NewReader(buf.String())},
			{"/geo/import/confirm", "application/x-www-form-urlencoded", strings.NewReader(form.Encode())},
		} {
			req, _ := http.NewRequest("POST", f.ts.URL+rq.path, rq.body)
			req.Header.Set("Content-Type", rq.ctype)
			req.AddCookie(&http.Cookie{Name: sessionCookie, Value: cookie})
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusForbidden {
				t.Errorf("%s without a CSRF token: %d", rq.path, res.StatusCode)
			}
		}
		if st, _ := db.GeoStats(context.Background()); st.TravelTimes != 0 {
			t.Errorf("stored without a CSRF token: %+v", st)
		}
	})
}

// The full-resolution regency boundaries (3.6 MB) fit the upload limit
// and are previewed as boundaries.
func TestGeoImportRegencyBoundaries(t *testing.T) {
	dir := os.Getenv("JALIN_SHARED_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "data")
	}
	data, err := os.ReadFile(filepath.Join(dir, "geo", "regencies.geojson"))
	if err != nil {
		t.Skipf("shared geography absent (%v); set JALIN_SHARED_DATA", err)
	}
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		r := uploadGeo(f, "regencies.geojson", string(data))
		if r.Status != 200 || !strings.Contains(r.Body, "Isi regencies.geojson: Batas wilayah.") {
			t.Fatalf("preview of %d bytes: %d %s", len(data), r.Status, problemsOf(r.Body))
		}
	})
}

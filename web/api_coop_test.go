package web

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/auth"
	"github.com/jalin-ksd/jalin/document"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
	"github.com/jalin-ksd/jalin/workday"
)

// coopDeps gives the fixture's server the cooperation store, the calendar
// and a blob directory if the shared test server does not.
func coopDeps(t *testing.T, f *fixture) {
	t.Helper()
	if f.server.Coops == nil {
		f.server.Coops = f.db
	}
	if f.server.Holidays == nil {
		cal, err := workday.Load()
		if err != nil {
			t.Fatal(err)
		}
		f.server.Holidays = cal
	}
	if f.server.Blobs == nil {
		b, err := document.NewDirStore(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		f.server.Blobs = b
	}
}

// addActor adds a user with an API token under the short name.
func addActor(t *testing.T, f *fixture, name string, role access.Role, region string) {
	t.Helper()
	ctx := context.Background()
	u, err := f.db.CreateUser(ctx, sqlstore.User{Username: "user." + name, DisplayName: "User " + name, Role: role, Region: region, Lang: "id"}, sys)
	if err != nil {
		t.Fatal(err)
	}
	raw, hash := auth.NewToken()
	if _, err := f.db.CreateToken(ctx, sqlstore.APIToken{UserID: u.ID, Name: "t", Hash: hash}, sys); err != nil {
		t.Fatal(err)
	}
	f.users[name], f.tokens[name] = u, raw
}

// minimalPDF is the smallest file the detector takes for a PDF.
func minimalPDF() []byte {
	return []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
}

// upload posts a multipart document as actor.
func (f *fixture) upload(actor, path string, fields map[string]string, name string, data []byte) response {
	f.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile("file", name)
	_, _ = fw.Write(data)
	_ = mw.Close()
	req, _ := http.NewRequest("POST", f.ts.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if actor != "anon" {
		req.Header.Set("Authorization", "Bearer "+f.tokens[actor])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{Status: res.StatusCode, Header: res.Header, Body: string(b)}
}

// coopTest carries one cooperation through the API.
type coopTest struct {
	*fixture
	sp   *spec
	id   string
	etag string
}

func (c *coopTest) path(rest string) string { return "/api/v1/cooperations/" + c.id + rest }

// call does rq as actor, checks the status and the OpenAPI schema, keeps
// the ETag and decodes the body into out (if not nil).
func (c *coopTest) call(actor, template string, rq request, want int, out any) response {
	c.t.Helper()
	r := c.do(actor, rq)
	if r.Status != want {
		c.t.Fatalf("%s %s as %s: status %d, want %d: %s", rq.method, rq.path, actor, r.Status, want, r.Body)
	}
	c.sp.check(c.t, template, rq.method, r)
	if e := r.Header.Get("ETag"); e != "" {
		c.etag = e
	}
	if out != nil {
		if err := json.Unmarshal([]byte(r.Body), out); err != nil {
			c.t.Fatal(err)
		}
	}
	return r
}

func (c *coopTest) step(actor, step string, in map[string]any, want int) apiCoop {
	c.t.Helper()
	var got apiCoop
	var out any = &got
	if want != http.StatusOK {
		out = nil
	}
	c.call(actor, "/cooperations/{id}/transitions/{step}", request{method: "POST", path: c.path("/transitions/" + step),
		json: in, header: map[string]string{"If-Match": c.etag}}, want, out)
	return got
}

func (c *coopTest) doc(actor, typ, party string) {
	c.t.Helper()
	r := c.upload(actor, c.path("/documents"), map[string]string{"type": typ, "party": party}, typ+".pdf", minimalPDF())
	if r.Status != http.StatusCreated {
		c.t.Fatalf("upload %s as %s: %d %s", typ, actor, r.Status, r.Body)
	}
	c.sp.check(c.t, "/cooperations/{id}/documents", "POST", r)
}

func newCoopTest(t *testing.T, db *sqlstore.DB) *coopTest {
	f := newFixture(t, db)
	coopDeps(t, f)
	addActor(t, f, "ka", access.RegencyAdmin, "32.04")
	addActor(t, f, "km", access.RegencyMember, "32.04")
	addActor(t, f, "sa", access.RegencyAdmin, "35.78")
	return &coopTest{fixture: f, sp: loadSpec(t)}
}

var draftBody = map[string]any{
	"title": "Pengelolaan sampah regional Bandung Raya", "kind": "ksdd_wajib",
	"partners": []map[string]any{{"kind": "region", "region_code": "32.04"}},
	"urusan":   []string{"1.03"}, "sector": "E", "value_idr": 1500000000,
}

func (c *coopTest) create(actor string) apiCoop {
	c.t.Helper()
	var got apiCoop
	r := c.call(actor, "/cooperations", request{method: "POST", path: "/api/v1/cooperations", json: draftBody}, http.StatusCreated, &got)
	c.id = strconv.FormatInt(got.ID, 10)
	if loc := r.Header.Get("Location"); loc != "/api/v1/cooperations/"+c.id {
		c.t.Errorf("Location %q", loc)
	}
	return got
}

func TestAPICoopLifecycle(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		c := newCoopTest(t, db)
		got := c.create("ra")
		if got.Stage != "persiapan" || len(got.Parties) != 2 || !got.Parties[0].Initiator || got.Parties[1].Name == "" || got.RuleVersion == "" {
			t.Fatalf("created %+v", got)
		}

		// Review too early: every unmet requirement at once.
		r := c.do("ra", request{method: "POST", path: c.path("/transitions/tkksd_review"), json: map[string]any{},
			header: map[string]string{"If-Match": c.etag, "Accept-Language": "en"}})
		if r.Status != http.StatusUnprocessableEntity {
			t.Fatalf("early review: %d %s", r.Status, r.Body)
		}
		c.sp.check(t, "/cooperations/{id}/transitions/{step}", "POST", r)
		var ref refusalProblem
		_ = json.Unmarshal([]byte(r.Body), &ref)
		rules := map[string]bool{}
		for _, p := range ref.Problems {
			rules[p.Rule] = true
			if p.Message == "" || p.Message == p.Key {
				t.Errorf("problem %+v has no message", p)
			}
		}
		if len(ref.Problems) < 3 || !rules["V-07"] || !rules["V-17"] || !rules["V-22"] {
			t.Errorf("refusal lists %+v", ref.Problems)
		}

		// Options show the same obstacles.
		var opts apiOptions
		c.call("ra", "/cooperations/{id}/options", request{method: "GET", path: c.path("/options")}, 200, &opts)
		if len(opts.Items) == 0 || opts.Items[0].Step != "tkksd_review" || opts.Items[0].Ready {
			t.Errorf("options %+v", opts)
		}

		// PATCH: If-Match missing, stale, then good.
		fill := map[string]any{
			"mapping":           map[string]any{"ref": "BA-01/2026", "date": "2026-01-10"},
			"tech_coordination": map[string]any{"ref": "BA-02/2026", "date": "2026-01-20", "level": "provincial", "heads_agreed": true},
			"liaisons": []map[string]any{
				{"name": "Asep", "nip_or_nik": "1987", "phone": "0812", "email": "asep@bandung.go.id", "letter_ref": "ST-1"},
				{"name": "Euis", "nip_or_nik": "1990", "phone": "0813", "email": "euis@bandung.go.id", "letter_ref": "ST-2"}},
			"in_plans": true, "plan_ref": "RPJMD 2025-2029", "start_date": "2026-03-01", "end_date": "2029-02-28",
		}
		c.call("ra", "/cooperations/{id}", request{method: "PATCH", path: c.path(""), json: fill}, 400, nil)
		c.call("ra", "/cooperations/{id}", request{method: "PATCH", path: c.path(""), json: fill, header: map[string]string{"If-Match": `"99"`}}, 412, nil)
		c.call("ra", "/cooperations/{id}", request{method: "PATCH", path: c.path(""), json: fill, header: map[string]string{"If-Match": c.etag}}, 200, &got)
		if got.Title != draftBody["title"] || got.Mapping == nil || len(got.Parties[0].Liaisons) != 2 {
			t.Fatalf("patched %+v", got)
		}

		c.doc("ra", "kak", "")
		// Both TKKSDs must have submitted their mapping of the urusan.
		r = c.do("ra", request{method: "POST", path: c.path("/transitions/tkksd_review"), json: map[string]any{},
			header: map[string]string{"If-Match": c.etag}})
		if r.Status != http.StatusUnprocessableEntity || strings.Count(r.Body, "coop.v07_region_not_mapped") != 2 {
			t.Fatalf("review without the TKKSD mappings: %d %s", r.Status, r.Body)
		}
		submitMappings(t, db, "1.03", "32.73", "32.04")
		recordConsideration(t, db, got.ID, "32.73")
		c.step("ra", "tkksd_review", nil, 200)
		// Preparation is over: the fields are fixed.
		r = c.do("ra", request{method: "PATCH", path: c.path(""), json: map[string]any{"title": "x"}, header: map[string]string{"If-Match": c.etag}})
		if r.Status != http.StatusConflict || !strings.Contains(r.Body, "adendum") {
			t.Errorf("patch after review: %d %s", r.Status, r.Body)
		}
		c.doc("ra", "surat_penawaran", "")
		c.doc("ra", "draft_kb", "")
		got = c.step("ra", "send_offer", nil, 200)
		if len(got.Deadlines) != 1 || got.Deadlines[0].Name != "offer_answer_deadline" || !got.Deadlines[0].Running {
			t.Errorf("offer out, deadlines %+v", got.Deadlines)
		}
		// A party files its own documents only.
		if r := c.upload("ra", c.path("/documents"), map[string]string{"type": "surat_tanggapan", "party": "32.04"}, "t.pdf", minimalPDF()); r.Status != http.StatusForbidden || !strings.Contains(r.Body, `"party"`) {
			t.Errorf("Kota Bandung files Kab. Bandung's answer: %d %s", r.Status, r.Body)
		}
		c.doc("ka", "surat_tanggapan", "32.04")
		// The initiator cannot answer its own offer.
		c.step("ra", "accept_offer", nil, http.StatusForbidden)
		got = c.step("ka", "accept_offer", nil, 200)
		if got.Stage != "penyusunan_kb" || got.Parties[1].Answer != "accepted" {
			t.Fatalf("after accept: %s %+v", got.Stage, got.Parties[1])
		}
		if len(got.Deadlines) != 1 || got.Deadlines[0].Running {
			t.Errorf("offer answered, deadlines %+v", got.Deadlines)
		}
		sig := func(name, office string) map[string]any {
			return map[string]any{"signer_name": name, "office": office, "on": workday.DateOf(db.Now()).String()}
		}
		c.step("ra", "sign_kb", map[string]any{"signature": sig("Wali Kota", "Wali Kota Bandung"), "dprd": map[string]any{}}, 200)
		// The last signature needs the KB signed by both on file.
		c.step("ka", "sign_kb", map[string]any{"signature": sig("Bupati", "Bupati Bandung"),
			"dprd": map[string]any{"burdens_community": true}}, http.StatusUnprocessableEntity)
		c.doc("ka", "kb", "")
		got = c.step("ka", "sign_kb", map[string]any{"signature": sig("Bupati", "Bupati Bandung"),
			"dprd": map[string]any{"burdens_community": true}}, 200)
		if got.Stage != "kb_ditandatangani" || !got.Parties[1].DPRDRequired || got.Parties[1].Signatures.KB == nil {
			t.Fatalf("after KB: %s %+v", got.Stage, got.Parties[1])
		}
		c.step("ka", "request_dprd", nil, 200)
		c.doc("ka", "keputusan_dprd", "32.04")
		got = c.step("ka", "record_dprd", map[string]any{"decision": map[string]any{"ref": "KEP-DPRD 5/2026", "date": workday.DateOf(db.Now()).String()}}, 200)
		if got.Stage != "penyusunan_pks" || got.Parties[1].DPRD != "approved" || got.Parties[1].DPRDDecision == nil {
			t.Fatalf("after DPRD: %s %+v", got.Stage, got.Parties[1])
		}
		c.doc("ra", "draft_pks", "")
		c.step("ra", "sign_pks", map[string]any{"signature": sig("Muhammad Farhan", "Wali Kota Bandung")}, 200)
		c.doc("ra", "pks", "")
		got = c.step("km", "sign_pks", map[string]any{"signature": sig("Dadang Supriatna", "Bupati Bandung")}, 200)
		if got.Stage != "pelaksanaan" {
			t.Fatalf("after PKS: %s", got.Stage)
		}
		if len(got.Documents) != 8 {
			t.Errorf("documents %+v", got.Documents)
		}

		var evs struct{ Items []apiEvent }
		c.call("ra", "/cooperations/{id}/events", request{method: "GET", path: c.path("/events")}, 200, &evs)
		if n := len(evs.Items); n != 10 || evs.Items[0].Type != "create" || evs.Items[n-1].To != "pelaksanaan" {
			t.Errorf("timeline %+v", evs.Items)
		}
		var docs struct{ Items []apiDocVersion }
		c.call("ka", "/cooperations/{id}/documents", request{method: "GET", path: c.path("/documents")}, 200, &docs)
		if len(docs.Items) != 8 {
			t.Errorf("%d document versions", len(docs.Items))
		}
		// A party reports on the implementation; the answer lists it.
		c.doc("ka", "laporan", "32.04")
		got = c.step("ka", "record_report", map[string]any{"doc_ref": "LAP-1/2026"}, 200)
		if len(got.Reports) != 1 || got.Reports[0].DocRef != "LAP-1/2026" || got.Reports[0].Party != "32.04" {
			t.Errorf("reports %+v", got.Reports)
		}
		// An unknown step is not found; a stale If-Match is 412 on steps too.
		c.call("ra", "/cooperations/{id}/transitions/{step}", request{method: "POST", path: c.path("/transitions/fly"), json: map[string]any{},
			header: map[string]string{"If-Match": c.etag}}, 404, nil)
		c.call("ra", "/cooperations/{id}/transitions/{step}", request{method: "POST", path: c.path("/transitions/dispute"),
			json: map[string]any{"reason": "x"}, header: map[string]string{"If-Match": `"1"`}}, 412, nil)
	})
}

func TestAPICoopScopeAndUpload(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		c := newCoopTest(t, db)
		c.create("ra")
		// Out of scope (Surabaya's team, the public for a draft): 404.
		for _, actor := range []string{"sa", "anon"} {
			c.call(actor, "/cooperations/{id}", request{method: "GET", path: c.path("")}, 404, nil)
		}
		c.call("sa", "/cooperations/{id}", request{method: "PATCH", path: c.path(""), json: map[string]any{"title": "x"},
			header: map[string]string{"If-Match": c.etag}}, 404, nil)
		var page apiPage[apiCoopSummary]
		c.call("sa", "/cooperations", request{method: "GET", path: "/api/v1/cooperations"}, 200, &page)
		if page.Total != 0 {
			t.Errorf("Surabaya sees %d", page.Total)
		}
		c.call("ka", "/cooperations", request{method: "GET", path: "/api/v1/cooperations?kind=ksdd_wajib&partner=32.04&sort=title"}, 200, &page)
		if page.Total != 1 || page.Items[0].Parties[1].Name == "" {
			t.Errorf("list %+v", page)
		}
		for _, bad := range []string{"kind=x", "stage=x", "province=32.73", "partner=x", "urusan=9", "sector=Z", "year=x", "expiring_within=0", "sort=x", "limit=101", "offset=-1"} {
			r := c.do("ra", request{method: "GET", path: "/api/v1/cooperations?" + bad})
			field := strings.SplitN(bad, "=", 2)[0]
			if r.Status != 400 || !strings.Contains(r.Body, `"field":"`+field+`"`) {
				t.Errorf("%s: %d %s", bad, r.Status, r.Body)
			}
		}

		// A PDF is taken, an executable named .pdf is not.
		c.doc("ra", "kak", "")
		elf := append([]byte("\x7fELF\x02\x01\x01\x00"), bytes.Repeat([]byte{0}, 64)...)
		r := c.upload("ra", c.path("/documents"), map[string]string{"type": "kak"}, "kak.pdf", elf)
		if r.Status != 400 || !strings.Contains(r.Body, `"field":"file"`) {
			t.Errorf("ELF upload: %d %s", r.Status, r.Body)
		}
		c.sp.check(t, "/cooperations/{id}/documents", "POST", r)
		r = c.upload("ra", c.path("/documents"), map[string]string{"type": "nope"}, "a.pdf", minimalPDF())
		if r.Status != 400 || !strings.Contains(r.Body, `"field":"type"`) {
			t.Errorf("bad type: %d %s", r.Status, r.Body)
		}
		r = c.upload("sa", c.path("/documents"), map[string]string{"type": "kak"}, "a.pdf", minimalPDF())
		if r.Status != 404 {
			t.Errorf("out-of-scope upload: %d", r.Status)
		}
		big := append(minimalPDF(), bytes.Repeat([]byte(" "), document.DefaultMaxSize)...)
		r = c.upload("ra", c.path("/documents"), map[string]string{"type": "kak"}, "big.pdf", big)
		if r.Status != http.StatusRequestEntityTooLarge {
			t.Errorf("oversized upload: %d %.200s", r.Status, r.Body)
		}
	})
}

func TestAPIHolidaysAndParams(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		c := newCoopTest(t, db)
		var list apiHolidayList
		c.call("anon", "/holidays", request{method: "GET", path: "/api/v1/holidays?year=2026"}, 200, &list)
		if len(list.Items) == 0 || !list.Covered {
			t.Fatalf("2026: %+v", list)
		}
		c.call("anon", "/holidays", request{method: "GET", path: "/api/v1/holidays?year=x"}, 400, nil)
		day := map[string]any{"date": "2026-08-18", "kind": "cuti_bersama", "name_id": "Cuti bersama HUT RI", "source": "SKB uji"}
		c.call("ra", "/holidays", request{method: "POST", path: "/api/v1/holidays", json: day}, 403, nil)
		c.call("na", "/holidays", request{method: "POST", path: "/api/v1/holidays", json: map[string]any{"date": "2026-02-30", "kind": "libur", "name_id": "x"}}, 400, nil)
		c.call("na", "/holidays", request{method: "POST", path: "/api/v1/holidays", json: day}, 201, nil)
		c.call("anon", "/holidays", request{method: "GET", path: "/api/v1/holidays?year=2026"}, 200, &list)
		found := false
		for _, h := range list.Items {
			found = found || h.Date.String() == "2026-08-18" && h.Added
		}
		if !found {
			t.Error("added day not listed")
		}
		if r := c.do("na", request{method: "DELETE", path: "/api/v1/holidays/2026-08-18"}); r.Status != 204 {
			t.Errorf("delete: %d %s", r.Status, r.Body)
		}
		c.call("na", "/holidays/{date}", request{method: "DELETE", path: "/api/v1/holidays/2026-08-18"}, 404, nil)
		c.call("na", "/holidays/{date}", request{method: "DELETE", path: "/api/v1/holidays/nope"}, 400, nil)

		var params struct{ Items []apiParamVersion }
		c.call("rv", "/params", request{method: "GET", path: "/api/v1/params"}, 200, &params)
		inForce := 0
		for _, v := range params.Items {
			if v.InForce {
				inForce++
			}
			for _, p := range v.Values {
				if p.Confidence == "P" && !p.Unverified {
					t.Errorf("%s: unsure but not flagged", p.Name)
				}
			}
		}
		if len(params.Items) == 0 || inForce != 1 {
			t.Errorf("params %+v", params.Items)
		}
		c.call("anon", "/params", request{method: "GET", path: "/api/v1/params"}, 401, nil)
	})
}

func TestCoopExport(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		c := newCoopTest(t, db)
		c.create("ra")
		draftBody := map[string]any{"title": "=HYPERLINK(\"http://x\")", "kind": "ksdd_sukarela",
			"partners": []map[string]any{{"kind": "region", "region_code": "32.17"}}, "value_idr": 42,
			"start_date": "2026-01-05", "end_date": "2027-01-04"}
		c.call("ra", "/cooperations", request{method: "POST", path: "/api/v1/cooperations", json: draftBody}, 201, nil)
		c.call("sa", "/cooperations", request{method: "POST", path: "/api/v1/cooperations", json: map[string]any{"title": "Surabaya",
			"kind": "ksdd_sukarela", "partners": []map[string]any{{"kind": "region", "region_code": "35.15"}}}}, 201, nil)

		r := c.do("ra", request{method: "GET", path: "/cooperations/export?format=csv&sort=title"})
		if r.Status != 200 || !strings.HasPrefix(r.Body, "\uFEFF") || !strings.Contains(r.Header.Get("Content-Disposition"), `attachment; filename="jalin-kerja-sama-`) {
			t.Fatalf("csv: %d %v %.100q", r.Status, r.Header, r.Body)
		}
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(r.Body, "\uFEFF"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		// Columns and codes read in the user's language (Indonesian here).
		if len(recs) != 3 || strings.Join(recs[0], ",") != "ID,Judul,Jenis,Tahap,Pihak,Urusan pemerintahan,Lapangan usaha,Mulai,Berakhir,Nilai (Rp)" ||
			recs[1][3] != "Persiapan" {
			t.Fatalf("csv rows %q", recs)
		}
		if recs[1][1] != `'=HYPERLINK("http://x")` || recs[1][7] != "2026-01-05" || recs[1][9] != "42" || !strings.Contains(recs[1][4], "; ") {
			t.Errorf("csv row %q", recs[1])
		}

		r = c.do("ra", request{method: "GET", path: "/cooperations/export?format=xlsx&kind=ksdd_sukarela"})
		if r.Status != 200 || !strings.Contains(r.Header.Get("Content-Disposition"), ".xlsx") {
			t.Fatalf("xlsx: %d %v", r.Status, r.Header)
		}
		x, err := excelize.OpenReader(strings.NewReader(r.Body))
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		rows, err := x.GetRows("Kerja sama")
		if err != nil || len(rows) != 2 || rows[0][0] != "ID" || rows[0][1] != "Judul" {
			t.Fatalf("xlsx rows %q %v", rows, err)
		}
		if typ, _ := x.GetCellType("Kerja sama", "J2"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Errorf("value cell is text")
		}
		if v, _ := x.GetCellValue("Kerja sama", "H2", excelize.Options{RawCellValue: true}); v != "46027" {
			t.Errorf("start date cell raw %q, want the serial 46027", v)
		}
		if v, _ := x.GetCellValue("Kerja sama", "B2"); v != `'=HYPERLINK("http://x")` {
			t.Errorf("title cell %q", v)
		}

		// The list page's export links carry its filters: the CSV of
		// the sukarela list has that one row, the XLSX link asks for XLSX.
		page := c.do("ra", request{method: "GET", path: "/cooperations?kind=ksdd_sukarela&sort=title"})
		links := map[string]string{}
		for _, m := range regexp.MustCompile(`href="([^"]*)" id="(export-csv|export-xlsx)"`).FindAllStringSubmatch(page.Body, -1) {
			links[m[2]] = html.UnescapeString(m[1])
		}
		if u, err := url.Parse(links["export-xlsx"]); err != nil || u.Query().Get("format") != "xlsx" || u.Query().Get("kind") != "ksdd_sukarela" {
			t.Errorf("XLSX link %q", links["export-xlsx"])
		}
		r = c.do("ra", request{method: "GET", path: links["export-csv"]})
		if recs, _ := csv.NewReader(strings.NewReader(strings.TrimPrefix(r.Body, "\uFEFF"))).ReadAll(); r.Status != 200 || len(recs) != 2 || recs[1][2] != "KSDD sukarela" {
			t.Errorf("CSV link %q: %d %q", links["export-csv"], r.Status, recs)
		}

		// In English, English columns and names.
		r = c.do("ra", request{method: "GET", path: "/cooperations/export?format=csv&kind=ksdd_sukarela&lang=en"})
		if recs, _ := csv.NewReader(strings.NewReader(strings.TrimPrefix(r.Body, "\uFEFF"))).ReadAll(); len(recs) != 2 || recs[0][1] != "Title" || recs[1][2] != "Voluntary KSDD" {
			t.Errorf("English export: %q", recs)
		}

		// The public sees published cooperations only; a bad format is named.
		r = c.do("anon", request{method: "GET", path: "/cooperations/export"})
		if recs, _ := csv.NewReader(strings.NewReader(strings.TrimPrefix(r.Body, "\uFEFF"))).ReadAll(); r.Status != 200 || len(recs) != 1 {
			t.Errorf("public export: %d %d rows", r.Status, len(recs))
		}
		if r = c.do("ra", request{method: "GET", path: "/cooperations/export?format=pdf"}); r.Status != 400 {
			t.Errorf("format=pdf: %d", r.Status)
		}
	})
}

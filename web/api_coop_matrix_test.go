package web

import (
	"context"
	"net/url"
	"strconv"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/sqlstore"
)

func init() { matrixExtensions = append(matrixExtensions, coopAPIMatrix) }

// coopAPIMatrix covers the cooperation API, the calendar, the parameters
// and the export: one draft between Kota and Kabupaten Bandung (in the
// West Java actors' scope) and one between Surabaya and Sidoarjo (out).
func coopAPIMatrix(f *fixture) []matrixCase {
	coopDeps(f.t, f)
	mk := func(a, b string) string {
		c, err := f.db.CreateCooperation(context.Background(), cooperation.Cooperation{Title: "Matrix " + a, Kind: cooperation.KindWajib,
			Stage: cooperation.Persiapan, Parties: []cooperation.Party{initiatorParty(f.server.Regions, a),
				{Kind: cooperation.PartyRegion, Region: b, Name: "Partner"}}}, sys)
		if err != nil {
			f.t.Fatal(err)
		}
		return strconv.FormatInt(c.ID, 10)
	}
	in, out := mk("32.73", "32.04"), mk("35.78", "35.15")
	inID, _ := strconv.ParseInt(in, 10, 64)
	key, err := f.server.Blobs.Put(context.Background(), minimalPDF())
	if err != nil {
		f.t.Fatal(err)
	}
	doc, err := f.db.AddDocument(context.Background(), access.Scope{All: true}, inID, sqlstore.DocumentVersion{
		CooperationID: inID, Type: cooperation.DocKAK, FileName: "kak.pdf", Size: int64(len(minimalPDF())), SHA256: key,
		MIME: "application/pdf", Kind: "pdf"}, sys)
	if err != nil {
		f.t.Fatal(err)
	}
	etag := func(id string) map[string]string {
		n, _ := strconv.ParseInt(id, 10, 64)
		c, err := f.db.GetCooperation(context.Background(), access.Scope{All: true}, n)
		if err != nil {
			f.t.Fatal(err)
		}
		return map[string]string{"If-Match": etagOf(c.Version)}
	}
	patch := func(id string) func(*fixture, string) request {
		return func(_ *fixture, actor string) request {
			return request{method: "PATCH", path: "/api/v1/cooperations/" + id, header: etag(id), json: map[string]any{"title": "Patched by " + actor}}
		}
	}
	const (
		inCoop  = "200 200 200 200 200 200 200 200 404 404"
		outCoop = "200 200 404 404 404 404 404 404 404 404"
	)
	base := "/api/v1/cooperations/"
	return []matrixCase{
		{"GET /api/v1/cooperations", "", getReq(base[:len(base)-1]), all200},
		{"POST /api/v1/cooperations", "partner 32.04", func(_ *fixture, actor string) request {
			return request{method: "POST", path: "/api/v1/cooperations", json: map[string]any{"title": "New by " + actor, "kind": "ksdd_sukarela",
				"partners": []map[string]any{{"kind": "region", "region_code": "32.04"}}}}
		}, "403 403 201 201 403 201 201 403 403 401"},
		{"GET /api/v1/cooperations/{id}", "in scope", getReq(base + in), inCoop},
		{"GET /api/v1/cooperations/{id}", "out of scope", getReq(base + out), outCoop},
		{"PATCH /api/v1/cooperations/{id}", "in scope", patch(in), "403 403 200 200 403 200 200 403 404 401"},
		{"PATCH /api/v1/cooperations/{id}", "out of scope", patch(out), "403 403 404 404 404 404 404 404 404 401"},
		{"GET /api/v1/cooperations/{id}/options", "in scope", getReq(base + in + "/options"), inCoop},
		{"GET /api/v1/cooperations/{id}/options", "out of scope", getReq(base + out + "/options"), outCoop},
		{"POST /api/v1/cooperations/{id}/transitions/{step}", "review refused", func(*fixture, string) request {
			return request{method: "POST", path: base + in + "/transitions/tkksd_review", header: etag(in), json: map[string]any{}}
		}, "403 403 403 403 403 422 422 403 404 401"},
		{"POST /api/v1/cooperations/{id}/transitions/{step}", "out of scope", func(*fixture, string) request {
			return request{method: "POST", path: base + out + "/transitions/tkksd_review", header: etag(out), json: map[string]any{}}
		}, "403 403 404 404 404 404 404 404 404 401"},
		{"GET /api/v1/cooperations/{id}/events", "in scope", getReq(base + in + "/events"), inCoop},
		{"GET /api/v1/cooperations/{id}/events", "out of scope", getReq(base + out + "/events"), outCoop},
		{"GET /api/v1/cooperations/{id}/documents", "in scope", getReq(base + in + "/documents"), inCoop},
		{"GET /api/v1/cooperations/{id}/documents", "out of scope", getReq(base + out + "/documents"), outCoop},
		// Authorised callers reach the body check: a form is not multipart.
		{"POST /api/v1/cooperations/{id}/documents", "in scope, not multipart", func(*fixture, string) request {
			return request{method: "POST", path: base + in + "/documents", form: url.Values{"type": {"kak"}}}
		}, "400 403 400 400 403 400 400 403 404 401"},
		{"POST /api/v1/cooperations/{id}/documents", "out of scope", func(*fixture, string) request {
			return request{method: "POST", path: base + out + "/documents", form: url.Values{"type": {"kak"}}}
		}, "400 403 404 404 404 404 404 404 404 401"},
		{"GET /api/v1/cooperations/{id}/documents/{doc}", "in scope", getReq(base + in + "/documents/" + strconv.FormatInt(doc.ID, 10)), "200 200 200 200 200 200 200 200 404 401"},
		{"GET /api/v1/holidays", "", getReq("/api/v1/holidays?year=2026"), all200},
		{"POST /api/v1/holidays", "", func(*fixture, string) request {
			return request{method: "POST", path: "/api/v1/holidays", json: map[string]any{"date": "2026-08-19", "kind": "libur", "name_id": "Uji"}}
		}, "201 403 403 403 403 403 403 403 403 401"},
		{"DELETE /api/v1/holidays/{date}", "not added", func(*fixture, string) request {
			return request{method: "DELETE", path: "/api/v1/holidays/2026-12-30"}
		}, "404 403 403 403 403 403 403 403 403 401"},
		{"GET /api/v1/params", "", getReq("/api/v1/params"), apiSignedIn},
		{"GET /cooperations/export", "csv", getReq("/cooperations/export?format=csv"), all200},
		{"GET /cooperations/export", "xlsx", getReq("/cooperations/export?format=xlsx&kind=ksdd_wajib"), all200},
	}
}

func etagOf(v int64) string { return `"` + strconv.FormatInt(v, 10) + `"` }

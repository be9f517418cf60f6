package web

import (
	"net/url"
	"strconv"
)

func init() { matrixExtensions = append(matrixExtensions, coopPageMatrix) }

// coopPageMatrix covers the cooperation pages: a cooperation of Kota
// Bandung and Kabupaten Bandung (in West Java's scope), one in East Java,
// and a published one that everybody may read.
func coopPageMatrix(f *fixture) []matrixCase {
	cf := f.addCoops(f.t)
	id := func(c int64) string { return strconv.FormatInt(c, 10) }
	in, out, pub := id(cf.in.ID), id(cf.out.ID), id(cf.pub.ID)
	draft := func(coop int64) func(*fixture, string) request {
		return func(f *fixture, actor string) request {
			return request{method: "POST", path: "/cooperations/" + id(coop), form: url.Values{
				"version": {f.coopVersion(coop)}, "title": {"Diubah oleh " + actor}, "kind": {"ksdd_sukarela"},
				"partner_kind": {"region"}, "partner_region": {"32.04"}}}
		}
	}
	consider := func(coop int64) func(*fixture, string) request {
		return func(_ *fixture, actor string) request {
			return request{method: "POST", path: "/cooperations/" + id(coop) + "/considerations", form: url.Values{
				"recommendation": {"proceed"}, "reasoning": {"Layak, oleh " + actor}, "decided_by": {"Ketua TKKSD"},
				"decided_on": {"2025-01-02"}}}
		}
	}
	return []matrixCase{
		{"GET /cooperations", "", getReq("/cooperations"), all200},
		{"GET /inbox", "", getReq("/inbox"), "200 403 200 200 403 200 200 403 200 303"},
		{"GET /params", "", getReq("/params"), userOnly},
		{"GET /holidays", "", getReq("/holidays?year=2025"), all200},
		{"POST /holidays", "a regional day", func(*fixture, string) request {
			return request{method: "POST", path: "/holidays", form: url.Values{"date": {"2025-06-02"}, "kind": {"libur"}, "name_id": {"Uji"}}}
		}, "303 403 403 403 403 403 403 403 403 403"},
		{"GET /cooperations/new", "", getReq("/cooperations/new"), "403 403 200 200 403 200 200 403 403 303"},
		{"POST /cooperations", "with Kabupaten Bandung", func(_ *fixture, actor string) request {
			return request{method: "POST", path: "/cooperations", form: url.Values{"title": {"Prakarsa " + actor}, "kind": {"ksdd_sukarela"},
				"partner_kind": {"region"}, "partner_region": {"32.04"}}}
		}, "403 403 303 303 403 303 303 403 403 403"},
		{"GET /cooperations/{id}", "in West Java", getReq("/cooperations/" + in), "200 200 200 200 200 200 200 200 404 404"},
		{"GET /cooperations/{id}", "in East Java", getReq("/cooperations/" + out), "200 200 404 404 404 404 404 404 404 404"},
		{"GET /cooperations/{id}", "published", getReq("/cooperations/" + pub), all200},
		{"POST /cooperations/{id}", "in West Java", draft(cf.in.ID), "403 403 303 303 403 303 303 403 404 403"},
		// Only a party region's working team records its consideration.
		{"POST /cooperations/{id}/considerations", "Kota Bandung is a party", consider(cf.in.ID), "403 403 403 403 403 303 303 403 404 403"},
		{"POST /cooperations/{id}/considerations", "in East Java", consider(cf.out.ID), "403 403 404 404 404 404 404 404 404 403"},
		{"POST /cooperations/{id}", "in East Java", draft(cf.out.ID), "403 403 404 404 404 404 404 404 404 403"},
		// Only the initiating region's team may review, so only it sees the
		// form: the supervisors are told the step is not theirs.
		{"GET /cooperations/{id}/act/{step}", "review", getReq("/cooperations/" + in + "/act/tkksd_review"), "403 403 403 403 403 200 200 403 404 303"},
		{"POST /cooperations/{id}/act/{step}", "review, unmet", func(f *fixture, _ string) request {
			return request{method: "POST", path: "/cooperations/" + in + "/act/tkksd_review", form: url.Values{"version": {f.coopVersion(cf.in.ID)}}}
		}, "403 403 403 403 403 422 422 403 404 403"},
		{"POST /cooperations/{id}/documents", "a PDF", func(_ *fixture, _ string) request {
			return request{method: "POST", path: "/cooperations/" + in + "/documents", form: url.Values{"type": {"kak"}},
				files: map[string][]byte{"file": samplePDF}}
		}, "303 403 303 303 403 303 303 403 404 403"},
		{"GET /cooperations/{id}/documents/{doc}", "", getReq("/cooperations/" + in + "/documents/" + id(cf.doc.ID)), "200 200 200 200 200 200 200 200 404 303"},
	}
}

func init() {
	matrixExtensions = append(matrixExtensions, func(f *fixture) []matrixCase {
		return []matrixCase{{"POST /api/v1/params", "a new version", func(_ *fixture, actor string) request {
			return request{method: "POST", path: "/api/v1/params", json: map[string]any{"version": "uji-" + actor,
				"effective_from": "2027-01-01", "values": map[string]int{"offer_answer_deadline": 20}, "source": "Permendagri 22/2020 Pasal 9 (uji)"}}
		}, "201 403 403 403 403 403 403 403 403 401"}}
	})
}

func init() {
	matrixExtensions = append(matrixExtensions, func(f *fixture) []matrixCase {
		return []matrixCase{{"POST /params", "a new version", func(_ *fixture, actor string) request {
			return request{method: "POST", path: "/params", form: url.Values{"version": {"form-" + actor},
				"effective_from": {"2027-02-01"}, "value_offer_answer_deadline": {"25"}}}
		}, "303 403 403 403 403 403 403 403 403 403"}}
	})
}

func init() {
	matrixExtensions = append(matrixExtensions, func(f *fixture) []matrixCase {
		return []matrixCase{{"GET /guide", "", getReq("/guide"), all200}}
	})
}

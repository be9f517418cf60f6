package web

import (
	"context"
	"strconv"
	"time"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
)

func init() { matrixExtensions = append(matrixExtensions, tkksdAPIMatrix) }

// tkksdAPIMatrix covers the TKKSD API with the same rules as the pages:
// the public gets 401, and a success is 200 or 201.
func tkksdAPIMatrix(f *fixture) []matrixCase {
	tf := newTKKSDFixture(f)
	in, out := strconv.FormatInt(tf.in.ID, 10), strconv.FormatInt(tf.out.ID, 10)
	c, err := f.db.CreateCooperation(context.Background(), cooperation.Cooperation{Title: "Matrix TKKSD", Kind: cooperation.KindSukarela,
		Stage: cooperation.Persiapan, Parties: []cooperation.Party{initiatorParty(f.server.Regions, "32.73"),
			{Kind: cooperation.PartyRegion, Region: "32.04", Name: "Partner"}}}, sys)
	if err != nil {
		f.t.Fatal(err)
	}
	coop := strconv.FormatInt(c.ID, 10)
	const (
		viewHome = "200 200 200 200 200 200 200 200 403 401"
		viewIn   = "200 200 200 200 200 200 200 200 404 401"
		viewOut  = "200 200 404 404 404 404 404 404 404 401"
	)
	record := func(f *fixture, actor string) request {
		return request{method: "PUT", path: "/api/v1/tkksd/meetings/" + in + "/record",
			header: map[string]string{"If-Match": `"` + f.meetingVersion(tf.in.ID) + `"`},
			json: map[string]any{"minutes": "Notulen " + actor, "decisions": []string{"Lanjut"},
				"attendance": []map[string]any{{"region_code": "32.73", "name": "Peserta " + actor, "presence": "online"}}}}
	}
	toggle := func(f *fixture, actor string) request {
		rq := actionToggle(tf.inAction.ID)(f, actor)
		return request{method: "PATCH", path: "/api/v1/tkksd/actions/" + strconv.FormatInt(tf.inAction.ID, 10),
			header: map[string]string{"If-Match": `"` + rq.form.Get("version") + `"`}, json: map[string]any{"status": rq.form.Get("status")}}
	}
	mapping := func(f *fixture, actor string) request {
		m, err := f.db.GetMapping(context.Background(), access.Scope{All: true}, "32.73")
		if err != nil {
			f.t.Fatal(err)
		}
		return request{method: "PUT", path: "/api/v1/tkksd/mapping/32.73", header: map[string]string{"If-Match": `"` + strconv.FormatInt(m.Version, 10) + `"`},
			json: map[string]any{"submit": true, "entries": []map[string]any{{"urusan": "1.03", "offer": "TPA " + actor, "priority": 1}}}}
	}
	start := f.server.now().Add(240 * time.Hour).UTC().Format(time.RFC3339)
	end := f.server.now().Add(242 * time.Hour).UTC().Format(time.RFC3339)
	return []matrixCase{
		{"GET /api/v1/tkksd/meetings", "", getReq("/api/v1/tkksd/meetings"), viewHome},
		{"POST /api/v1/tkksd/meetings", "assistance to Kota Bandung", func(_ *fixture, actor string) request {
			return request{method: "POST", path: "/api/v1/tkksd/meetings", json: map[string]any{"kind": "assistance",
				"title": "API " + actor, "mode": "online", "link": "https://meet.example/api", "start": start, "end": end,
				"invited_regions": []string{"32.73"}}}
		}, "201 403 201 201 403 400 400 403 403 401"},
		{"GET /api/v1/tkksd/meetings/{id}", "in", getReq("/api/v1/tkksd/meetings/" + in), viewIn},
		{"GET /api/v1/tkksd/meetings/{id}", "out", getReq("/api/v1/tkksd/meetings/" + out), viewOut},
		{"PATCH /api/v1/tkksd/meetings/{id}", "in", func(f *fixture, actor string) request {
			return request{method: "PATCH", path: "/api/v1/tkksd/meetings/" + in,
				header: map[string]string{"If-Match": `"` + f.meetingVersion(tf.in.ID) + `"`},
				json: map[string]any{"title": "Rencana " + actor, "mode": "online", "link": "https://meet.example/p",
					"start": start, "end": end, "invited_regions": []string{"32.73", "32.04"}}}
		}, "200 403 200 200 403 403 403 403 404 401"},
		{"PUT /api/v1/tkksd/meetings/{id}/record", "in", record, "200 403 200 200 403 403 403 403 404 401"},
		{"PATCH /api/v1/tkksd/meetings/{id}/invitees", "in", func(f *fixture, actor string) request {
			return request{method: "PATCH", path: "/api/v1/tkksd/meetings/" + in + "/invitees",
				header: map[string]string{"If-Match": `"` + f.meetingVersion(tf.in.ID) + `"`},
				json:   map[string]any{"invitees": []map[string]any{{"region_code": "32.73", "name": "Undangan " + actor}}}}
		}, "200 403 200 200 403 403 403 403 404 401"},
		{"POST /api/v1/tkksd/meetings/{id}/actions", "in", func(_ *fixture, actor string) request {
			return request{method: "POST", path: "/api/v1/tkksd/meetings/" + in + "/actions", json: map[string]any{
				"title": "API " + actor, "owner_region": "32.04", "due_date": "2030-02-01"}}
		}, "201 403 201 201 403 403 403 403 404 401"},
		{"PATCH /api/v1/tkksd/actions/{id}", "Kota Bandung's action", toggle, "200 403 200 200 403 200 200 403 404 401"},
		{"GET /api/v1/tkksd/mapping", "", getReq("/api/v1/tkksd/mapping"), viewHome},
		{"GET /api/v1/tkksd/mapping/{code}", "Kota Bandung", getReq("/api/v1/tkksd/mapping/32.73"), viewIn},
		{"GET /api/v1/tkksd/mapping/{code}", "Surabaya", getReq("/api/v1/tkksd/mapping/35.78"), viewOut},
		{"PUT /api/v1/tkksd/mapping/{code}", "Kota Bandung's own", mapping, "403 403 403 403 403 200 200 403 404 401"},
		{"GET /api/v1/cooperations/{id}/considerations", "", getReq("/api/v1/cooperations/" + coop + "/considerations"), viewIn},
		{"POST /api/v1/cooperations/{id}/considerations", "Kota Bandung is a party", func(_ *fixture, actor string) request {
			return request{method: "POST", path: "/api/v1/cooperations/" + coop + "/considerations", json: map[string]any{
				"recommendation": "revise", "reasoning": "Lengkapi KAK (" + actor + ")", "decided_by": "Ketua TKKSD", "decided_on": "2025-01-02"}}
		}, "403 403 403 403 403 201 201 403 404 401"},
	}
}

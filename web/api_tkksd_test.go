package web

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
	"github.com/jalin-ksd/jalin/tkksd"
)

// TestAPITKKSD drives the TKKSD workspace through the API as a script
// would, checking every answer against the OpenAPI document: a province
// schedules an assistance meeting, records attendance under If-Match, adds
// an action that the city closes; the city submits its mapping, which the
// province's overview then lists; errors name the field in English.
func TestAPITKKSD(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		sp := loadSpec(t)
		call := func(actor, template string, rq request, want int, out any) response {
			t.Helper()
			r := f.do(actor, rq)
			if r.Status != want {
				t.Fatalf("%s %s as %s: %d, want %d: %s", rq.method, rq.path, actor, r.Status, want, r.Body)
			}
			sp.check(t, template, rq.method, r)
			if out != nil {
				if err := json.Unmarshal([]byte(r.Body), out); err != nil {
					t.Fatal(err)
				}
			}
			return r
		}
		start := f.server.now().Add(96 * time.Hour).UTC().Truncate(time.Hour)
		body := map[string]any{"kind": "assistance", "title": "Asistensi API", "mode": "hybrid", "link": "https://meet.example/a",
			"zone": "WITA", "start": start, "end": start.Add(time.Hour), "invited_regions": []string{"32.73", "32.04"}}
		r := call("pa", "/tkksd/meetings", request{method: "POST", path: "/api/v1/tkksd/meetings?lang=en", json: body}, 400, nil)
		if !strings.Contains(r.Body, `"field":"venue"`) || !strings.Contains(r.Body, "needs its venue") {
			t.Errorf("no venue: %s", r.Body)
		}
		body["venue"] = "Gedung Sate"
		body["invitees"] = []map[string]any{{"region_code": "32.04", "name": "Kabag KS Kab. Bandung"}}
		var m apiMeeting
		r = call("pa", "/tkksd/meetings", request{method: "POST", path: "/api/v1/tkksd/meetings", json: body}, 201, &m)
		if m.ID == 0 || m.Zone != tkksd.WITA || r.Header.Get("ETag") != `"1"` || len(m.Invitees) != 1 {
			t.Fatalf("created %+v etag %s", m, r.Header.Get("ETag"))
		}
		base := "/api/v1/tkksd/meetings/" + strconv.FormatInt(m.ID, 10)
		rec := map[string]any{"minutes": "Sepakat", "attendance": []map[string]any{{"region_code": "32.04", "name": "Budi", "presence": "online"}}}
		call("pa", "/tkksd/meetings/{id}/record", request{method: "PUT", path: base + "/record", json: rec}, 400, nil)
		call("pa", "/tkksd/meetings/{id}/record", request{method: "PUT", path: base + "/record", json: rec,
			header: map[string]string{"If-Match": `"1"`}}, 200, &m)
		call("pm", "/tkksd/meetings/{id}/record", request{method: "PUT", path: base + "/record", json: rec,
			header: map[string]string{"If-Match": `"1"`}}, 412, nil)
		if len(m.Attendance) != 1 || m.Version != 2 {
			t.Fatalf("recorded %+v", m.Meeting)
		}
		later := map[string]any{"title": "Asistensi API (diundur)", "mode": "online", "link": "https://meet.example/b",
			"zone": "WITA", "start": start.Add(24 * time.Hour), "end": start.Add(25 * time.Hour), "invited_regions": []string{"32.73"}}
		call("pa", "/tkksd/meetings/{id}", request{method: "PATCH", path: base, json: later,
			header: map[string]string{"If-Match": `"1"`}}, 412, nil)
		// Dropping a region whose people attended is refused, naming the row.
		r = call("pa", "/tkksd/meetings/{id}", request{method: "PATCH", path: base, json: later,
			header: map[string]string{"If-Match": `"2"`}}, 400, nil)
		if !strings.Contains(r.Body, `"field":"attendance.0.region_code"`) {
			t.Errorf("dropping an attending region: %s", r.Body)
		}
		later["invited_regions"] = []string{"32.73", "32.04"}
		call("pa", "/tkksd/meetings/{id}", request{method: "PATCH", path: base, json: later,
			header: map[string]string{"If-Match": `"2"`}}, 200, &m)
		if m.Version != 3 || m.Kind != tkksd.Assistance || !m.Start.Equal(start.Add(24*time.Hour)) || m.Zone != tkksd.WITA {
			t.Fatalf("new plan %+v", m.Meeting)
		}
		// The people invited by name, as the page's invitee form changes them.
		const inv = "/tkksd/meetings/{id}/invitees"
		people := map[string]any{"invitees": []map[string]any{{"region_code": "32.73", "name": "Ani", "office": "Kabag KS"},
			{"region_code": "32.04", "name": "Budi", "presence": "online"}}}
		call("pa", inv, request{method: "PATCH", path: base + "/invitees", json: people}, 400, nil)
		r = call("pa", inv, request{method: "PATCH", path: base + "/invitees?lang=en", json: map[string]any{},
			header: map[string]string{"If-Match": `"3"`}}, 400, nil)
		if !strings.Contains(r.Body, `"field":"invitees"`) || !strings.Contains(r.Body, "send an empty list to clear it") {
			t.Errorf("no invitees: %s", r.Body)
		}
		outsider := map[string]any{"invitees": []map[string]any{{"region_code": "32.73", "name": "Ani"},
			{"region_code": "35.78", "name": "Citra"}}}
		r = call("pa", inv, request{method: "PATCH", path: base + "/invitees", json: outsider,
			header: map[string]string{"If-Match": `"3"`}}, 400, nil)
		if !strings.Contains(r.Body, `"field":"invitees.1.region_code"`) {
			t.Errorf("an invitee from a region not taking part: %s", r.Body)
		}
		call("ra", inv, request{method: "PATCH", path: base + "/invitees", json: people,
			header: map[string]string{"If-Match": `"3"`}}, 403, nil)
		r = call("pa", inv, request{method: "PATCH", path: base + "/invitees", json: people,
			header: map[string]string{"If-Match": `"3"`}}, 200, &m)
		if m.Version != 4 || r.Header.Get("ETag") != `"4"` || len(m.Invitees) != 2 || m.Invitees[1].Name != "Budi" ||
			m.Invitees[1].Presence != "" || m.Title != "Asistensi API (diundur)" || len(m.Attendance) != 1 {
			t.Fatalf("invitees changed: %+v etag %s", m.Meeting, r.Header.Get("ETag"))
		}
		call("pa", inv, request{method: "PATCH", path: base + "/invitees", json: people,
			header: map[string]string{"If-Match": `"3"`}}, 412, nil)
		hist, err := db.AuditHistory(context.Background(), access.Scope{All: true}, "tkksd_meeting",
			strconv.FormatInt(m.ID, 10), 10)
		if err != nil || len(hist) == 0 || hist[0].Action != "tkksd_meeting.invite" {
			t.Errorf("the invitees' change is not audited: %+v %v", hist, err)
		}
		// Refused changes left the meeting as it was.
		if len(hist) != 4 {
			t.Errorf("%d audit records of the meeting, want create, record, plan and invite", len(hist))
		}
		var cleared apiMeeting
		call("pa", inv, request{method: "PATCH", path: base + "/invitees", json: map[string]any{"invitees": []any{}},
			header: map[string]string{"If-Match": `"4"`}}, 200, &cleared)
		if cleared.Version != 5 || len(cleared.Invitees) != 0 {
			t.Fatalf("cleared: %+v", cleared.Meeting)
		}
		m = cleared

		var x tkksd.Action
		call("pa", "/tkksd/meetings/{id}/actions", request{method: "POST", path: base + "/actions",
			json: map[string]any{"title": "Kirim data", "owner_region": "32.73", "due_date": "2030-02-01"}}, 201, &x)
		r = call("pa", "/tkksd/meetings/{id}/actions", request{method: "POST", path: base + "/actions?lang=en",
			json: map[string]any{"title": "Kirim data", "owner_region": "35.78", "due_date": "2030-02-01"}}, 400, nil)
		if !strings.Contains(r.Body, `"field":"owner_region"`) || !strings.Contains(r.Body, "does not take part") {
			t.Errorf("owner outside the meeting: %s", r.Body)
		}
		path := "/api/v1/tkksd/actions/" + strconv.FormatInt(x.ID, 10)
		call("ra", "/tkksd/actions/{id}", request{method: "PATCH", path: path, json: map[string]any{"status": "cancelled"},
			header: map[string]string{"If-Match": `"1"`}}, 400, nil)
		call("ra", "/tkksd/actions/{id}", request{method: "PATCH", path: path, json: map[string]any{"status": "done", "note": "Terkirim"},
			header: map[string]string{"If-Match": `"1"`}}, 200, &x)
		call("rm", "/tkksd/actions/{id}", request{method: "PATCH", path: path, json: map[string]any{"status": "open"},
			header: map[string]string{"If-Match": `"1"`}}, 412, nil)
		if x.Status != tkksd.Done || x.ClosedAt == nil {
			t.Fatalf("closed %+v", x)
		}
		call("ra", "/tkksd/meetings/{id}", request{method: "GET", path: base}, 200, &m)
		if len(m.Actions) != 1 || m.Actions[0].Status != tkksd.Done {
			t.Errorf("meeting actions %+v", m.Actions)
		}
		var list apiPage[tkksd.Meeting]
		call("rv", "/tkksd/meetings", request{method: "GET", path: "/api/v1/tkksd/meetings"}, 200, &list)
		if len(list.Items) != 1 {
			t.Errorf("the city's meetings %+v", list.Items)
		}

		var mp sqlstore.Mapping
		call("ra", "/tkksd/mapping/{code}", request{method: "GET", path: "/api/v1/tkksd/mapping/32.73"}, 200, &mp)
		entries := map[string]any{"submit": true, "entries": []map[string]any{{"urusan": "1.03", "need": "Lahan TPA", "priority": 1}}}
		call("ra", "/tkksd/mapping/{code}", request{method: "PUT", path: "/api/v1/tkksd/mapping/32.73", json: entries,
			header: map[string]string{"If-Match": `"0"`}}, 200, &mp)
		call("rm", "/tkksd/mapping/{code}", request{method: "PUT", path: "/api/v1/tkksd/mapping/32.73", json: entries,
			header: map[string]string{"If-Match": `"0"`}}, 412, nil)
		if mp.Version != 1 || mp.Submitted == nil {
			t.Fatalf("mapping %+v", mp)
		}
		var ov struct {
			Regions []sqlstore.MappingStatus `json:"regions"`
		}
		call("pa", "/tkksd/mapping", request{method: "GET", path: "/api/v1/tkksd/mapping"}, 200, &ov)
		if len(ov.Regions) != 1 || ov.Regions[0].Region != "32.73" {
			t.Errorf("overview %+v", ov.Regions)
		}
		if r := f.do("ra", request{method: "GET", path: "/api/v1/tkksd/mapping/32.04"}); r.Status != http.StatusNotFound {
			t.Errorf("a city reads another city's mapping: %d", r.Status)
		}
	})
}

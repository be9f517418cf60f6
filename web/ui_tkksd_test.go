package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/jobs"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
	"github.com/jalin-ksd/jalin/tkksd"
	"github.com/jalin-ksd/jalin/workday"
)

// TestTKKSDMeetingPages: West Java schedules an assistance meeting with
// Kota Bandung and Kabupaten Bandung, records attendance, minutes and an
// action for Kota Bandung; Kota Bandung finds it on its desk and closes
// it. Bad input comes back naming the field; a stale form is refused.
func TestTKKSDMeetingPages(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		form := url.Values{"kind": {"assistance"}, "title": {"Asistensi KSDD persampahan"}, "agenda": {"Pemetaan; jadwal"},
			"mode": {"hybrid"}, "venue": {""}, "link": {"https://meet.example/abc"}, "zone": {"WIB"},
			"date": {"2030-03-04"}, "start_time": {"09:00"}, "end_time": {"11:30"}, "invited": {"32.73", "32.04"}}
		r := f.do("pa", request{method: "POST", path: "/tkksd/meetings", form: form})
		if r.Status != http.StatusBadRequest || !strings.Contains(r.Body, "Tempat rapat wajib diisi") ||
			!strings.Contains(r.Body, `value="Asistensi KSDD persampahan"`) {
			t.Fatalf("hybrid without venue: %d %.300s", r.Status, problemsOf(r.Body))
		}
		form.Set("venue", "Gedung Sate, Bandung")
		form["invited"] = []string{"32.73", "35.78"}
		r = f.do("pa", request{method: "POST", path: "/tkksd/meetings", form: form})
		if r.Status != http.StatusBadRequest || !strings.Contains(r.Body, "Asistensi diberikan provinsi") {
			t.Fatalf("inviting another province's city: %d", r.Status)
		}
		form["invited"] = []string{"32.73", "32.04"}
		r = f.do("pa", request{method: "POST", path: "/tkksd/meetings", form: form})
		loc := r.Header.Get("Location")
		if r.Status != http.StatusSeeOther || !strings.HasPrefix(loc, "/tkksd/meetings/") {
			t.Fatalf("create: %d %s", r.Status, loc)
		}
		id := atoi(strings.TrimPrefix(loc, "/tkksd/meetings/"))
		m, err := db.GetMeeting(context.Background(), access.Scope{All: true}, id)
		if err != nil || m.Start.Format("2006-01-02T15:04Z07:00") != "2030-03-04T02:00Z" || len(m.Invited) != 2 {
			t.Fatalf("stored %v %+v", err, m)
		}
		page := f.do("ra", request{method: "GET", path: loc})
		if page.Status != 200 || !strings.Contains(page.Body, "2030-03-04 09:00 WIB") || strings.Contains(page.Body, `id="record-form"`) {
			t.Fatalf("invited city's view: %d (the record form is the host's)", page.Status)
		}

		ics := f.do("rm", request{method: "GET", path: loc + "/calendar.ics"})
		if ics.Status != 200 || !strings.HasPrefix(ics.Header.Get("Content-Type"), "text/calendar") ||
			!strings.Contains(ics.Body, "DTSTART:20300304T020000Z\r\n") || !strings.Contains(ics.Body, `SUMMARY:Asistensi KSDD persampahan`) ||
			!strings.Contains(ics.Body, `DESCRIPTION:Pemetaan\; jadwal`) {
			t.Fatalf("ics: %d %q", ics.Status, ics.Body)
		}

		// The host moves the meeting an hour later; the calendar file's
		// SEQUENCE follows so calendars replace their copy.
		plan := url.Values{"version": {"1"}, "title": {"Asistensi KSDD persampahan"}, "agenda": {"Pemetaan; jadwal"},
			"mode": {"hybrid"}, "venue": {"Gedung Sate, Bandung"}, "link": {"https://meet.example/abc"}, "zone": {"WIB"},
			"date": {"2030-03-04"}, "start_time": {"10:00"}, "end_time": {"09:30"}, "invited": {"32.73", "32.04"}}
		r = f.do("pa", request{method: "POST", path: loc + "/plan", form: plan})
		if r.Status != http.StatusBadRequest || !strings.Contains(r.Body, "Waktu selesai harus setelah waktu mulai") {
			t.Fatalf("plan ending before it starts: %d %s", r.Status, problemsOf(r.Body))
		}
		plan.Set("end_time", "12:30")
		if r = f.do("ra", request{method: "POST", path: loc + "/plan", form: plan}); r.Status != http.StatusForbidden {
			t.Fatalf("an invited city changes the plan: %d", r.Status)
		}
		if r = f.do("pa", request{method: "POST", path: loc + "/plan", form: plan}); r.Status != http.StatusSeeOther {
			t.Fatalf("plan: %d %s", r.Status, problemsOf(r.Body))
		}
		if r = f.do("pm", request{method: "POST", path: loc + "/plan", form: plan}); r.Status != http.StatusConflict {
			t.Fatalf("stale plan: %d", r.Status)
		}
		ics = f.do("rm", request{method: "GET", path: loc + "/calendar.ics"})
		if !strings.Contains(ics.Body, "DTSTART:20300304T030000Z\r\n") || !strings.Contains(ics.Body, "SEQUENCE:1\r\n") {
			t.Fatalf("ics after the new plan: %q", ics.Body)
		}
		inv := url.Values{"version": {"2"}, "inv_name": {"Sekretaris Kota Bandung", "Tamu"}, "inv_region": {"32.73", "35.78"},
			"inv_office": {"Bagian KS", ""}}
		r = f.do("pa", request{method: "POST", path: loc + "/invitees", form: inv})
		if r.Status != http.StatusBadRequest || !strings.Contains(r.Body, `data-field="invitees.1.region_code"`) {
			t.Fatalf("invitee from another province: %d %s", r.Status, problemsOf(r.Body))
		}
		inv["inv_region"] = []string{"32.73", "32.04"}
		if r = f.do("pa", request{method: "POST", path: loc + "/invitees", form: inv}); r.Status != http.StatusSeeOther {
			t.Fatalf("invite: %d %s", r.Status, problemsOf(r.Body))
		}
		page = f.do("pa", request{method: "GET", path: loc})
		if !strings.Contains(section(page.Body, `id="invitees"`), "Sekretaris Kota Bandung") ||
			!strings.Contains(page.Body, `id="an1" name="att_name" value="Tamu"`) {
			t.Fatalf("invitees not listed or not starting the attendance list")
		}
		// The calendar file names the regions and the people invited by name
		// in the reader's language (iTIP forbids ATTENDEE in a PUBLISH object).
		for lang, want := range map[string]string{
			"id": `\n\nPeserta:\n- Jawa Barat (tuan rumah)\n- Kabupaten Bandung: Tamu\n- Kota Bandung: Sekretaris Kota Bandung (Bagian KS)`,
			"en": `\n\nParticipants:\n- Jawa Barat (host)\n- Kabupaten Bandung: Tamu\n- Kota Bandung: Sekretaris Kota Bandung (Bagian KS)`,
		} {
			ics = f.do("rm", request{method: "GET", path: loc + "/calendar.ics?lang=" + lang})
			desc := strings.ReplaceAll(ics.Body, "\r\n ", "")
			if !strings.Contains(desc, want+"\r\n") || strings.Contains(desc, "ATTENDEE") {
				t.Errorf("ics participants (%s): want %q in %q", lang, want, desc)
			}
		}
		rec := url.Values{"version": {"3"}, "minutes": {"Disepakati jadwal penyusunan KB."}, "decisions": {"Draf KB minggu depan\nRapat lanjutan April"},
			"att_name":   {"Kabag KS Jabar", "Sekretaris Kota Bandung", "Sekretaris Kab. Bandung", ""},
			"att_region": {"32", "32.73", "32.04", "32"}, "att_office": {"Biro Pemerintahan", "Bagian KS", "Bagian KS", ""},
			"att_presence": {"room", "room", "online", "room"}}
		bad := url.Values{}
		for k, v := range rec {
			bad[k] = v
		}
		bad["att_presence"] = []string{"room", "late", "online", "room"}
		r = f.do("pa", request{method: "POST", path: loc + "/record", form: bad})
		if r.Status != http.StatusBadRequest || !strings.Contains(r.Body, `data-field="attendance.1.presence"`) {
			t.Fatalf("bad presence: %d %s", r.Status, problemsOf(r.Body))
		}
		r = f.do("ra", request{method: "POST", path: loc + "/record", form: rec})
		if r.Status != http.StatusForbidden {
			t.Fatalf("an invited city records the host's minutes: %d", r.Status)
		}
		if r = f.do("pa", request{method: "POST", path: loc + "/record", form: rec}); r.Status != http.StatusSeeOther {
			t.Fatalf("record: %d %s", r.Status, problemsOf(r.Body))
		}
		r = f.do("pm", request{method: "POST", path: loc + "/record", form: rec})
		if r.Status != http.StatusConflict || !strings.Contains(r.Body, "telah diubah orang lain") {
			t.Fatalf("stale record: %d", r.Status)
		}
		m, _ = db.GetMeeting(context.Background(), access.Scope{All: true}, id)
		if len(m.Attendance) != 3 || m.Attendance[2].Presence != tkksd.Remote || len(m.Decisions) != 2 || m.Version != 4 || len(m.Invitees) != 2 {
			t.Fatalf("recorded %+v", m)
		}

		r = f.do("pa", request{method: "POST", path: loc + "/actions", form: url.Values{"title": {"Kirim draf KB"},
			"owner_region": {"32.73"}, "owner_name": {"Kabag KS Kota Bandung"},
			"due_date": {workday.DateOf(db.Now()).AddDays(-1).String()}}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("add action: %d %s", r.Status, problemsOf(r.Body))
		}
		r = f.do("pa", request{method: "POST", path: loc + "/actions", form: url.Values{"title": {"x"},
			"owner_region": {"32.73"}, "due_date": {"1 Maret"}}})
		if r.Status != http.StatusBadRequest || !strings.Contains(r.Body, "Tanggal tidak valid") {
			t.Fatalf("bad due date: %d", r.Status)
		}

		desk := f.do("ra", request{method: "GET", path: "/tkksd"})
		if desk.Status != 200 || !strings.Contains(section(desk.Body, `id="desk-overdue"`), "Kirim draf KB") {
			t.Fatalf("the city's desk does not list the overdue action: %d %.500s", desk.Status, section(desk.Body, `id="desk-overdue"`))
		}
		// The reminder job tells the owner city, in its inbox with the
		// other notifications, that the action is overdue.
		if _, err := jobs.RunActions(context.Background(), jobs.Deps{DB: db}, db.Now()); err != nil {
			t.Fatal(err)
		}
		inbox := section(f.do("ra", request{method: "GET", path: "/inbox"}).Body, `id="notifications"`)
		if !strings.Contains(inbox, "Tindak lanjut &#34;Kirim draf KB&#34; TKKSD Anda jatuh tempo pada") ||
			!strings.Contains(inbox, `<a href="/tkksd">`) {
			t.Errorf("no overdue action reminder, linking to the desk, in the city's inbox: %s", inbox)
		}
		xs, _ := db.Actions(context.Background(), access.Scope{All: true}, sqlstore.ActionFilter{MeetingID: id})
		if len(xs) != 1 {
			t.Fatalf("actions %+v", xs)
		}
		r = f.do("ra", request{method: "POST", path: "/tkksd/actions/" + itoa(xs[0].ID) + "/status",
			form: url.Values{"status": {"cancelled"}, "version": {"1"}}})
		if r.Status != http.StatusBadRequest {
			t.Fatalf("cancel without a note: %d", r.Status)
		}
		r = f.do("ra", request{method: "POST", path: "/tkksd/actions/" + itoa(xs[0].ID) + "/status",
			form: url.Values{"status": {"done"}, "note": {"Terkirim"}, "version": {"1"}, "next": {"/tkksd"}}})
		if r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/tkksd" {
			t.Fatalf("close: %d %s", r.Status, r.Header.Get("Location"))
		}
		desk = f.do("ra", request{method: "GET", path: "/tkksd"})
		if strings.Contains(desk.Body, "Kirim draf KB") {
			t.Error("a closed action is still on the desk")
		}
		// The ministry sees every province and opens West Java's regencies.
		nat := f.do("na", request{method: "GET", path: "/tkksd"})
		if !strings.Contains(nat.Body, `href="/tkksd?province=32"`) || !strings.Contains(nat.Body, `data-region="35"`) {
			t.Error("the national desk does not list the provinces")
		}
		if r := f.do("na", request{method: "GET", path: "/tkksd?province=32"}); !strings.Contains(r.Body, `data-region="32.73"`) {
			t.Error("the ministry cannot open a province's regencies")
		}
		if r := f.do("na", request{method: "GET", path: "/tkksd?province=99"}); r.Status != http.StatusBadRequest {
			t.Errorf("unknown province: %d", r.Status)
		}
		prov := f.do("pa", request{method: "GET", path: "/tkksd"})
		if !strings.Contains(prov.Body, `data-region="32.73"`) || !strings.Contains(prov.Body, `data-region="32.04"`) {
			t.Error("the province's desk does not list its regencies")
		}
	})
}

// section returns the part of an HTML page from marker to the next </section>.
func section(body, marker string) string {
	i := strings.Index(body, marker)
	if i < 0 {
		return ""
	}
	j := strings.Index(body[i:], "</section>")
	if j < 0 {
		return body[i:]
	}
	return body[i : i+j]
}

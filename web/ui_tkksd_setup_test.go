package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
	"github.com/jalin-ksd/jalin/tkksd"
	"github.com/jalin-ksd/jalin/workday"
)

// TestTKKSDMappingAndTeamPages: Kota Bandung records its mapping of
// affairs and its team by decree in forms, without a spreadsheet; the
// province sees both its cities' submissions, a city only its own.
func TestTKKSDMappingAndTeamPages(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		form := url.Values{"version": {"0"}, "submit": {"1"}, "offer_1.03": {"TPA regional Legok Nangka"},
			"priority_1.03": {"9"}}
		r := f.do("ra", request{method: "POST", path: "/tkksd/mapping", form: form})
		if r.Status != http.StatusBadRequest || !strings.Contains(r.Body, "Prioritas harus 1") ||
			!strings.Contains(r.Body, "TPA regional Legok Nangka") {
			t.Fatalf("bad priority: %d %s", r.Status, problemsOf(r.Body))
		}
		form.Set("priority_1.03", "2")
		if r = f.do("ra", request{method: "POST", path: "/tkksd/mapping", form: form}); r.Status != http.StatusSeeOther {
			t.Fatalf("submit: %d %s", r.Status, problemsOf(r.Body))
		}
		if r = f.do("rm", request{method: "POST", path: "/tkksd/mapping", form: form}); r.Status != http.StatusConflict {
			t.Fatalf("stale mapping form: %d", r.Status)
		}
		page := f.do("rv", request{method: "GET", path: "/tkksd/mapping"})
		if !strings.Contains(page.Body, "1 dari 32 urusan") || !strings.Contains(page.Body, "Terkirim") || strings.Contains(page.Body, `id="mapping-submit"`) {
			t.Fatalf("mapping page for a viewer: %.300s", section(page.Body, `id="mapping-state"`))
		}
		submitMappings(t, db, "1.03", "32.04")
		overview := f.do("pa", request{method: "GET", path: "/tkksd/mapping/overview"})
		if !strings.Contains(overview.Body, `data-region="32.73"`) || !strings.Contains(overview.Body, `data-region="32.04"`) {
			t.Fatalf("province overview: %.500s", section(overview.Body, `id="mapping-status"`))
		}
		if strings.Contains(f.do("ra", request{method: "GET", path: "/tkksd/mapping/overview"}).Body, `data-region="32.04"`) {
			t.Error("a city sees another city's mapping")
		}
		// The province opens the city's mapping from the overview, read-only.
		if !strings.Contains(overview.Body, `href="/tkksd/mapping?region=32.73"`) {
			t.Error("the overview does not link the city's mapping")
		}
		read := f.do("pa", request{method: "GET", path: "/tkksd/mapping?region=32.73"})
		if read.Status != 200 || !strings.Contains(read.Body, "TPA regional Legok Nangka") || strings.Contains(read.Body, `id="mapping-form"`) {
			t.Errorf("the province's read of the city's mapping: %d", read.Status)
		}

		team := url.Values{"version": {"0"}, "decree_number": {"188.45/Kep.101-Bag.KS/2025"}, "decree_date": {"2025-01-06"},
			"term_start": {"2025-01-06"}, "seat_position": {"anggota", "sekretaris"}, "seat_name": {"Sekda", "Kabag KS"},
			"seat_office": {"Setda", "Bagian Kerja Sama"}, "seat_user": {"", idOf(f.users["ra"].ID)}}
		r = f.do("ra", request{method: "POST", path: "/tkksd/team", form: team})
		if r.Status != http.StatusBadRequest || !strings.Contains(r.Body, "tepat satu ketua") {
			t.Fatalf("team without a chair: %d %s", r.Status, problemsOf(r.Body))
		}
		team["seat_position"] = []string{"ketua", "sekretaris"}
		if r = f.do("ra", request{method: "POST", path: "/tkksd/team", form: team}); r.Status != http.StatusSeeOther {
			t.Fatalf("team: %d %s", r.Status, problemsOf(r.Body))
		}
		team.Set("version", "1")
		team.Set("decree_number", "188.45/Kep.7/2026")
		exe := append([]byte("MZ\x90\x00"), make([]byte, 200)...)
		r = f.do("ra", request{method: "POST", path: "/tkksd/team", form: team, files: map[string][]byte{"decree_file": exe}})
		if r.Status < 400 || r.Status >= 500 {
			t.Fatalf("an executable as the decree: %d", r.Status)
		}
		if r = f.do("ra", request{method: "POST", path: "/tkksd/team", form: team,
			files: map[string][]byte{"decree_file": minimalPDF()}}); r.Status != http.StatusSeeOther {
			t.Fatalf("second decree: %d %s", r.Status, problemsOf(r.Body))
		}
		page = f.do("rv", request{method: "GET", path: "/tkksd/team"})
		link := regexp.MustCompile(`href="(/tkksd/team/\d+/decree)"`).FindStringSubmatch(page.Body)
		if link == nil {
			t.Fatal("no link to the uploaded decree")
		}
		if dl := f.do("pv", request{method: "GET", path: link[1]}); dl.Status != 200 || dl.Header.Get("Content-Type") != "application/pdf" ||
			dl.Body != string(minimalPDF()) {
			t.Errorf("decree download as the province: %d %s", dl.Status, dl.Header.Get("Content-Type"))
		}
		if !strings.Contains(page.Body, "Susunan berlaku: SK 188.45/Kep.7/2026") || !strings.Contains(page.Body, "Susunan terdahulu: SK 188.45/Kep.101-Bag.KS/2025") {
			t.Fatalf("team page lacks the current or past decree")
		}
		desk := f.do("ra", request{method: "GET", path: "/tkksd"})
		if !strings.Contains(section(desk.Body, `id="desk-state"`), "188.45/Kep.7/2026") {
			t.Error("the desk does not show the decree in force")
		}
	})
}

// TestTKKSDDeskDeadlines: the desk lists the deadlines still awaiting
// their event (a late one marked) and a term ending within 90 days, not
// the deadline of an offer already answered nor those of an ended
// cooperation.
func TestTKKSDDeskDeadlines(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		today := workday.DateOf(db.Now())
		mk := func(title string, stage cooperation.Stage, end workday.Date, due workday.Date) {
			_, err := db.CreateCooperation(context.Background(), cooperation.Cooperation{Title: title, Kind: cooperation.KindSukarela,
				Stage: stage, EndDate: end, Parties: []cooperation.Party{initiatorParty(f.server.Regions, "32.73"),
					{Kind: cooperation.PartyRegion, Region: "32.04", Name: "Kabupaten Bandung"}},
				Deadlines: []cooperation.Deadline{{Name: cooperation.POfferAnswer, Start: today.AddDays(-20), Due: due}}}, sys)
			if err != nil {
				t.Fatal(err)
			}
		}
		mk("Penawaran air minum", cooperation.Penawaran, workday.Date{}, today.AddDays(5))
		mk("Angkutan aglomerasi", cooperation.Pelaksanaan, today.AddDays(30), today.AddDays(-300))
		mk("Kerja sama usai", cooperation.Berakhir, today.AddDays(10), today.AddDays(8))
		mk("Penawaran dijawab", cooperation.PenyusunanKB, workday.Date{}, today.AddDays(7))
		mk("Penawaran terlambat", cooperation.Penawaran, workday.Date{}, today.AddDays(-3))
		got := section(f.do("rm", request{method: "GET", path: "/tkksd"}).Body, `id="desk-deadlines"`)
		for _, want := range []string{"Penawaran air minum", today.AddDays(5).String(), "Angkutan aglomerasi", today.AddDays(30).String(),
			"Penawaran terlambat", today.AddDays(-3).String() + ` <span class="badge badge-warn">Lewat waktu`} {
			if !strings.Contains(got, want) {
				t.Errorf("desk deadlines lack %q: %s", want, got)
			}
		}
		for _, not := range []string{"Kerja sama usai", today.AddDays(-300).String(), "Penawaran dijawab", today.AddDays(7).String()} {
			if strings.Contains(got, not) {
				t.Errorf("desk deadlines list %q (ended, or its event happened): %s", not, got)
			}
		}
	})
}

// TestTKKSDHandoverPage: a member leaves Kota Bandung's team; the
// secretary moves the member's open action to a successor, and the team
// page keeps the record.
func TestTKKSDHandoverPage(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		tf := newTKKSDFixture(f)
		leaving, successor := f.users["rm"], f.users["ra"]
		if _, err := db.UpdateAction(context.Background(), access.Scope{All: true}, tf.inAction.ID, tf.inAction.Version, "owner",
			func(x *tkksd.Action, _ tkksd.Meeting) error {
				x.OwnerUserID, x.OwnerName = leaving.ID, leaving.DisplayName
				return nil
			}, sys); err != nil {
			t.Fatal(err)
		}
		form := url.Values{"from_user_id": {idOf(leaving.ID)}, "to_user_id": {idOf(f.users["pa"].ID)}, "reason": {"mutasi"}}
		r := f.do("ra", request{method: "POST", path: "/tkksd/handover", form: form})
		if r.Status != http.StatusBadRequest || !strings.Contains(r.Body, "bukan pengguna aktif daerah ini") {
			t.Fatalf("successor from the province: %d %s", r.Status, problemsOf(r.Body))
		}
		form.Set("to_user_id", idOf(successor.ID))
		if r = f.do("ra", request{method: "POST", path: "/tkksd/handover", form: form}); r.Status != http.StatusSeeOther {
			t.Fatalf("handover: %d %s", r.Status, problemsOf(r.Body))
		}
		x, _, err := db.GetAction(context.Background(), access.Scope{All: true}, tf.inAction.ID)
		if err != nil || x.OwnerUserID != successor.ID || x.OwnerName != successor.DisplayName {
			t.Fatalf("action after the handover: %v %+v", err, x)
		}
		page := section(f.do("rv", request{method: "GET", path: "/tkksd/team"}).Body, `id="handovers"`)
		if !strings.Contains(page, "mutasi") || !strings.Contains(page, leaving.DisplayName) || !strings.Contains(page, successor.DisplayName) {
			t.Errorf("the team page lacks the handover record: %s", page)
		}
	})
}

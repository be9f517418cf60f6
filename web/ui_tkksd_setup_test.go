package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
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
		if r = f.do("ra", request{method: "POST", path: "/tkksd/team", form: team}); r.Status != http.StatusSeeOther {
			t.Fatalf("second decree: %d %s", r.Status, problemsOf(r.Body))
		}
		page = f.do("rv", request{method: "GET", path: "/tkksd/team"})
		if !strings.Contains(page.Body, "Susunan berlaku: SK 188.45/Kep.7/2026") || !strings.Contains(page.Body, "Susunan terdahulu: SK 188.45/Kep.101-Bag.KS/2025") {
			t.Fatalf("team page lacks the current or past decree")
		}
		desk := f.do("ra", request{method: "GET", path: "/tkksd"})
		if !strings.Contains(section(desk.Body, `id="desk-state"`), "188.45/Kep.7/2026") {
			t.Error("the desk does not show the decree in force")
		}
	})
}

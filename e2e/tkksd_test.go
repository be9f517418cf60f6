package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin/internal/browsertest"
)

// TestBrowserTKKSDAssistance: West Java's TKKSD schedules a hybrid
// assistance meeting with Kota Bandung and Kabupaten Bandung, records who
// attended (in the room and online) and a follow-up action for Kota
// Bandung; Kota Bandung's TKKSD finds the action on its desk and closes it;
// the ministry sees every province, opens West Java's regencies and the
// national mapping overview.
func TestBrowserTKKSDAssistance(t *testing.T) {
	for _, engine := range engines() {
		t.Run(engine, func(t *testing.T) {
			a := start(t, engine)
			b := browsertest.New(t)
			const title = "Asistensi KSDD air minum Bandung Raya"
			const task = "Kirim data cakupan layanan air minum perbatasan"

			signIn(t, b, a.URL(), "jabar.admin")
			b.ClickAndWait(`nav.main a[href="/tkksd"]`)
			if !strings.Contains(b.Text("#desk-regions"), "Kota Bandung") {
				t.Fatalf("the province's desk does not list its cities: %.300s", b.Text("main"))
			}
			b.ClickAndWait("#new-meeting")
			b.SetValue("#m-kind", "assistance")
			b.SetValue("#m-title", title)
			b.SetValue("#m-agenda", "1. Pemetaan urusan air minum\n2. Rencana aksi")
			b.SetValue("#m-mode", "hybrid")
			b.SetValue("#m-venue", "Gedung Sate, Bandung")
			b.SetValue("#m-link", "https://vicon.jabarprov.go.id/air-minum")
			b.Click(`#m-invited input[value="32.73"]`)
			b.Click(`#m-invited input[value="32.04"]`)
			b.SubmitAndWait("#meeting-form")
			if got := b.Text("#meeting-title"); !strings.Contains(got, title) {
				t.Fatalf("meeting not created: %q; page: %.400s", got, b.Text("main"))
			}
			if inv := b.Text("#meeting-invited"); !strings.Contains(inv, "Kota Bandung") || !strings.Contains(inv, "Kabupaten Bandung") {
				t.Errorf("invited regions %q", inv)
			}
			if href, _ := b.Attr("#meeting-ics", "href"); !strings.HasSuffix(href, "/calendar.ics") {
				t.Errorf("calendar link %q", href)
			}
			meetingURL := b.Location()
			shot(b, "tkksd-meeting-new")

			b.SetValue("#an0", "Kepala Biro Pemerintahan dan Kerja Sama")
			b.SetValue("#ar0", "32")
			b.SetValue("#ap0", "room")
			b.SetValue("#an1", "Kepala Bagian Kerja Sama Kota Bandung")
			b.SetValue("#ar1", "32.73")
			b.SetValue("#ap1", "online")
			b.SetValue("#an2", "Kepala Bagian Kerja Sama Kabupaten Bandung")
			b.SetValue("#ar2", "32.04")
			b.SetValue("#ap2", "room")
			b.SetValue("#minutes", "Cakupan layanan air minum di perbatasan dibahas.")
			b.SetValue("#decisions", "Kota Bandung mengirim data cakupan layanan.")
			b.SubmitAndWait("#record-form")
			if att := b.Text("#attendance-list"); !strings.Contains(att, "Hadir daring") || !strings.Contains(att, "Kepala Bagian Kerja Sama Kota Bandung") {
				t.Fatalf("attendance not recorded: %q; page: %.300s", att, b.Text("main"))
			}

			due := time.Now().In(time.FixedZone("WIB", 7*3600)).AddDate(0, 0, 3).Format("2006-01-02")
			b.SetValue("#x-title", task)
			b.SetValue("#x-owner", "32.73")
			b.SetValue("#x-name", "Kepala Bagian Kerja Sama Kota Bandung")
			b.SetValue("#x-due", due)
			b.SubmitAndWait("#action-form")
			if !strings.Contains(b.Text("#actions"), task) {
				t.Fatalf("action not added: %.400s", b.Text("main"))
			}
			shot(b, "tkksd-meeting-recorded")
			signOut(t, b)

			signIn(t, b, a.URL(), "kotabandung.admin")
			b.ClickAndWait(`nav.main a[href="/tkksd"]`)
			soon := b.Text("#desk-soon")
			if !strings.Contains(soon, task) || !strings.Contains(soon, due) {
				t.Fatalf("the action is not on Kota Bandung's desk: %q", soon)
			}
			id := browsertest.Eval[string](b, `(function(){
				for (const tr of document.querySelectorAll('#desk-soon tr[data-action]')) {
					if (tr.textContent.includes(`+"`"+task+"`"+`)) return tr.dataset.action;
				}
				return "";
			})()`)
			if id == "" {
				t.Fatal("no row for the action")
			}
			b.SetValue("#note-"+id, "Data dikirim melalui surat 500/123")
			b.ClickAndWait(`tr[data-action="` + id + `"] button[value="done"]`)
			if strings.Contains(b.Text("main"), task) {
				t.Errorf("the closed action is still on the desk")
			}
			shot(b, "tkksd-desk-closed")

			// The host sees it done on the meeting page.
			b.Navigate(meetingURL)
			row := b.Text(`tr[data-action="` + id + `"] .action-status`)
			if !strings.Contains(row, "Selesai") || !strings.Contains(row, "surat 500/123") {
				t.Errorf("the meeting page shows the action as %q", row)
			}
			signOut(t, b)

			// The ministry sees every province on one page, opens West
			// Java's regencies, and the mapping of every region.
			signIn(t, b, a.URL(), "kemendagri.admin")
			b.ClickAndWait(`nav.main a[href="/tkksd"]`)
			if n := b.Count("#desk-regions tr[data-region]"); n != 38 {
				t.Errorf("the national desk lists %d provinces, want 38", n)
			}
			b.ClickAndWait(`#desk-regions a[href="/tkksd?province=32"]`)
			if got := b.Text(`#desk-regions tr[data-region="32.04"]`); !strings.Contains(got, "Kabupaten Bandung") {
				t.Errorf("West Java's regencies: %q", got)
			}
			shot(b, "tkksd-national-province")
			b.Navigate(a.URL() + "/tkksd/mapping/overview")
			if !strings.Contains(b.Text("#mapping-count"), "daerah telah mengirim") || b.Count("#mapping-matches tbody tr") < 2 {
				t.Errorf("national mapping overview: %q, %d matches", b.Text("#mapping-count"), b.Count("#mapping-matches tbody tr"))
			}
		})
	}
}

package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin/internal/browsertest"
	"github.com/jalin-ksd/jalin/workday"
)

// TestBrowserCooperationLifecycle: Kota Bandung prepares a mandatory
// cooperation with its neighbour Kabupaten Bandung and offers it; the
// neighbour accepts; both sign the KB; Kabupaten Bandung needs its DPRD's
// approval and records it; both sign the PKS; the cooperation is in
// implementation; and a stale form in a second tab is refused.
func TestBrowserCooperationLifecycle(t *testing.T) {
	for _, engine := range engines() {
		t.Run(engine, func(t *testing.T) {
			a := start(t, engine)
			pdf := tempFile(t, "dokumen.pdf", "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
			b := browsertest.New(t)
			kota, kab := "kotabandung.admin", "kabbandung.admin"

			signIn(t, b, a.URL(), kota)
			b.ClickAndWait(`nav.main a[href="/cooperations"]`)
			b.ClickAndWait("#new-coop")
			b.SetValue("#title", "Pengelolaan persampahan Bandung Raya")
			b.SetValue("#kind", "ksdd_wajib")
			browsertest.Eval[bool](b, `(function(){var o=document.querySelector('#urusan option[value="1.03"]'); o.selected=true; return true})()`)
			b.SetValue("#pk0", "region")
			b.SetValue("#pr0", "32.04")
			b.SetValue("#start_date", "2026-12-01")
			b.SetValue("#end_date", "2030-11-30")
			b.Click(`input[name="in_plans"]`)
			b.SetValue("#plan_ref", "RPJMD Kota Bandung 2025-2029")
			b.SetValue("#mapping_ref", "BA Pemetaan 01/2026")
			b.SetValue(`input[name="mapping_date"]`, "2026-10-01")
			b.SetValue("#coord_ref", "BA Koordinasi Teknis Provinsi 02/2026")
			b.SetValue(`input[name="coord_date"]`, "2026-10-15")
			b.Click(`input[name="coord_heads_agreed"]`)
			for i, name := range []string{"Asep Saepudin", "Euis Kurniasih"} {
				n := string(rune('0' + i))
				b.SetValue("#ln"+n, name)
				b.SetValue("#lnip"+n, "19800101200501100"+n)
				b.SetValue("#lp"+n, "08112345678"+n)
				b.SetValue("#le"+n, "ppksd"+n+"@bandung.go.id")
				b.SetValue("#ll"+n, "ST/0"+n+"/2026")
			}
			b.SubmitAndWait("#coop-new-form")
			if got := b.Text("#coop-stage"); got != "Persiapan" {
				t.Fatalf("new cooperation stage %q; page: %.300s", got, b.Text("main"))
			}
			coopURL := b.Location()
			shot(b, "coop-new")

			upload := func(docType string) {
				t.Helper()
				b.Navigate(coopURL)
				b.SetValue("#doc-type", docType)
				b.SetFiles("#doc-file", pdf)
				b.SubmitAndWait("#upload-form")
				if !b.Exists("#coop-saved") {
					t.Fatalf("upload %s: %s", docType, b.Text("main"))
				}
			}
			step := func(name string, fill func()) {
				t.Helper()
				b.Navigate(coopURL)
				b.ClickAndWait(`#next-steps a[data-step="` + name + `"]`)
				if fill != nil {
					fill()
				}
				b.SubmitAndWait("#step-form")
				if !b.Exists("#coop-saved") {
					t.Fatalf("step %s refused: %s", name, b.Text("main"))
				}
			}
			sign := func(who, office string) func() {
				return func() {
					b.SetValue("#signer_name", who)
					b.SetValue("#office", office)
				}
			}

			upload("kak")
			// The TKKSD records its consideration, from its meeting, on the page.
			b.Navigate(coopURL)
			b.SetValue("#k-rec", "proceed")
			b.SetValue("#k-reason", "Usulan sesuai RPJMD; KAK lengkap.")
			b.SetValue("#k-by", "Ketua TKKSD (Sekretaris Daerah)")
			b.SubmitAndWait("#consider-form")
			if !b.Exists("#coop-saved") || !strings.Contains(b.Text("#considerations"), "Dilanjutkan") {
				t.Fatalf("consideration not recorded: %.300s", b.Text("main"))
			}
			step("tkksd_review", nil)
			upload("surat_penawaran")
			upload("draft_kb")
			step("send_offer", nil)
			if got := b.Text("#coop-stage"); got != "Penawaran" {
				t.Errorf("after the offer: %q", got)
			}
			signOut(t, b)

			signIn(t, b, a.URL(), kab)
			upload("surat_tanggapan")
			step("accept_offer", nil)
			step("sign_kb", func() {
				sign("Dadang Supriatna", "Bupati Bandung")()
				b.Click("#not_budgeted")
			})
			signOut(t, b)

			signIn(t, b, a.URL(), kota)
			// The last signature needs the KB signed by both on file.
			upload("kb")
			step("sign_kb", sign("Muhammad Farhan", "Wali Kota Bandung"))
			signOut(t, b)

			signIn(t, b, a.URL(), kab)
			step("request_dprd", nil)
			upload("keputusan_dprd")
			step("record_dprd", func() {
				b.SetValue("#decision_ref", "Keputusan DPRD Kab. Bandung 21/2026")
				// Decided today: not before the request, not in the future.
				b.SetValue("#decision_date", workday.DateOf(time.Now()).String())
			})
			upload("draft_pks")
			step("sign_pks", sign("Dadang Supriatna", "Bupati Bandung"))
			signOut(t, b)

			signIn(t, b, a.URL(), kota)
			upload("pks")
			step("sign_pks", sign("Muhammad Farhan", "Wali Kota Bandung"))
			if got := b.Text("#coop-stage"); got != "Pelaksanaan" {
				t.Fatalf("after both PKS signatures: %q", got)
			}
			if !strings.Contains(b.Text("#parties"), "Disetujui") {
				t.Error("the DPRD approval is not shown")
			}
			shot(b, "coop-implementation")

			// Two tabs open the same step; the first to submit wins, the
			// other is refused as stale and changes nothing.
			tab := b.NewTab()
			b.Navigate(coopURL + "/act/dispute")
			tab.Navigate(coopURL + "/act/dispute")
			tab.SetValue("#reason", "Perbedaan tafsir ruang lingkup (tab kedua)")
			tab.SubmitAndWait("#step-form")
			if !tab.Exists("#coop-saved") {
				t.Fatalf("first tab's dispute: %s", tab.Text("main"))
			}
			b.SetValue("#reason", "Tab pertama, sudah usang")
			b.AllowHTTPError("/act/dispute")
			b.SubmitAndWait("#step-form")
			if !b.Exists("#step-stale") {
				t.Fatalf("the stale tab was not refused: %s", b.Text("main"))
			}
			b.Navigate(coopURL)
			if tl := b.Text("#timeline"); strings.Contains(tl, "sudah usang") || !strings.Contains(tl, "tab kedua") {
				t.Errorf("timeline after the stale submit: %s", tl)
			}
			shot(b, "coop-stale")
		})
	}
}

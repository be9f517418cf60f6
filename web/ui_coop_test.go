package web

import (
	"context"
	"errors"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/jobs"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
	"github.com/jalin-ksd/jalin/workday"
)

// TestCooperationPagesLifecycle runs a mandatory KSDD between Kota Bandung
// and Kabupaten Bandung through the pages, as their two teams would: every
// step through its guided form, every document through the upload form.
func TestCooperationPagesLifecycle(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		// The teams work in November 2025; offer deadlines count from then.
		db.SetNow(func() time.Time { return time.Date(2025, 11, 3, 2, 0, 0, 0, time.UTC) })
		f := newFixture(t, db)
		hash := f.users["ra"].PasswordHash
		kab, err := db.CreateUser(context.Background(), sqlstore.User{Username: "kab.admin", DisplayName: "Kab Bandung", Role: access.RegencyAdmin,
			Region: "32.04", Lang: "id", PasswordHash: hash}, sys)
		if err != nil {
			t.Fatal(err)
		}
		f.users["kab"] = kab

		// Kota Bandung prepares the initiative.
		r := f.do("ra", request{method: "POST", path: "/cooperations", form: url.Values{
			"title": {"Pengelolaan persampahan lintas batas"}, "kind": {"ksdd_wajib"}, "urusan": {"1.03"},
			"partner_kind": {"region"}, "partner_region": {"32.04"}, "in_plans": {"on"}, "plan_ref": {"RPJMD 2025-2029"},
			"start_date": {"2026-01-01"}, "end_date": {"2030-12-31"},
			"mapping_ref": {"BA-01/2025"}, "mapping_date": {"2025-10-01"}, "coord_ref": {"BA-02/2025"}, "coord_date": {"2025-10-20"},
			"coord_level": {"provincial"}, "coord_heads_agreed": {"on"},
			"liaison_name": {"Asep", "Euis"}, "liaison_nip": {"1971", "1980"}, "liaison_phone": {"0811", "0812"},
			"liaison_email": {"a@x.id", "e@x.id"}, "liaison_letter": {"ST-1", "ST-2"}}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("create: %d %.500s", r.Status, r.Body)
		}
		path := r.Header.Get("Location")
		id := strings.TrimPrefix(path, "/cooperations/")
		page := f.do("ra", request{method: "GET", path: path})
		for _, want := range []string{"Pengelolaan persampahan lintas batas", "Persiapan", `data-step="tkksd_review"`, "Kerangka Acuan Kerja", "1.03 Pekerjaan Umum"} {
			if !strings.Contains(page.Body, want) {
				t.Errorf("cooperation page lacks %q", want)
			}
		}
		// Only the initiating side is offered the draft to edit; the partner
		// is not shown a form it could not save.
		if !strings.Contains(page.Body, `id="coop-edit-form"`) {
			t.Error("the initiator is not offered the draft's form")
		}
		if kabPage := f.do("kab", request{method: "GET", path: path}); kabPage.Status != http.StatusOK || strings.Contains(kabPage.Body, `id="coop-edit-form"`) {
			t.Errorf("the partner's page: %d, draft form shown: %v", kabPage.Status, strings.Contains(kabPage.Body, `id="coop-edit-form"`))
		}
		// Nor the form of a step that is not its to take.
		if r := f.do("kab", request{method: "GET", path: path + "/act/tkksd_review"}); r.Status != http.StatusForbidden {
			t.Errorf("the partner opens the initiator's review form: %d", r.Status)
		}
		upload := func(actor, docType string) {
			t.Helper()
			r := f.do(actor, request{method: "POST", path: path + "/documents", form: url.Values{"type": {docType}}, files: map[string][]byte{"file": samplePDF}})
			if r.Status != http.StatusSeeOther {
				t.Fatalf("upload %s as %s: %d %.300s", docType, actor, r.Status, r.Body)
			}
		}
		step := func(actor, name string, form url.Values, want int) response {
			t.Helper()
			if form == nil {
				form = url.Values{}
			}
			var c, _ = db.GetCooperation(context.Background(), access.Scope{All: true}, atoi(id))
			form.Set("version", itoa(c.Version))
			r := f.do(actor, request{method: "POST", path: path + "/act/" + name, form: form})
			if r.Status != want {
				t.Fatalf("%s as %s: %d, want %d: %s", name, actor, r.Status, want, problemsOf(r.Body))
			}
			return r
		}
		// The review is refused while the KAK is missing, naming it.
		r = step("ra", "tkksd_review", nil, http.StatusUnprocessableEntity)
		if !strings.Contains(r.Body, `data-rule="V-17"`) || !strings.Contains(problemsOf(r.Body), "Dokumen Kerangka Acuan Kerja (KAK) yang berlaku belum ada") {
			t.Errorf("missing KAK not named: %s", problemsOf(r.Body))
		}
		upload("ra", "kak")
		submitMappings(t, db, "1.03", "32.73", "32.04")
		// The TKKSD's consideration, recorded on the cooperation's page:
		// "revise" keeps it in preparation, a later "proceed" releases it.
		consider := func(rec string) {
			t.Helper()
			r := f.do("ra", request{method: "POST", path: path + "/considerations", form: url.Values{"recommendation": {rec},
				"reasoning": {"Kajian TKKSD: " + rec}, "decided_by": {"Ketua TKKSD"}, "decided_on": {workday.DateOf(db.Now()).String()}}})
			if r.Status != http.StatusSeeOther {
				t.Fatalf("consideration %s: %d %s", rec, r.Status, problemsOf(r.Body))
			}
		}
		consider("revise")
		r = step("ra", "tkksd_review", nil, http.StatusUnprocessableEntity)
		if !strings.Contains(r.Body, `data-rule="TKKSD"`) {
			t.Errorf("review without a favourable consideration: %s", problemsOf(r.Body))
		}
		consider("proceed")
		if page := f.do("rv", request{method: "GET", path: path}); !strings.Contains(section(page.Body, `id="tkksd"`), "Kajian TKKSD: proceed") ||
			strings.Contains(page.Body, `id="consider-form"`) {
			t.Error("the page does not show the considerations, or offers a viewer the form")
		}
		step("ra", "tkksd_review", nil, http.StatusSeeOther)
		upload("ra", "surat_penawaran")
		upload("ra", "draft_kb")
		step("ra", "send_offer", url.Values{"on": {"2025-11-03"}}, http.StatusSeeOther)
		// The offer waits in the neighbour's inbox, with its deadline, and
		// the background job has told its team.
		if _, err := jobs.RunOffers(context.Background(), jobs.Deps{DB: db}, db.Now()); err != nil {
			t.Fatal(err)
		}
		inbox := f.do("kab", request{method: "GET", path: "/inbox"})
		if !strings.Contains(inbox.Body, "menunggu jawaban Anda paling lambat") {
			t.Errorf("no offer notification in the neighbour's inbox")
		}
		if i := strings.Index(inbox.Body, `id="inbox-received"`); i < 0 || !strings.Contains(inbox.Body[i:], "Pengelolaan persampahan lintas batas") || !strings.Contains(inbox.Body, "/act/accept_offer") {
			t.Errorf("the offer is not in Kabupaten Bandung's inbox")
		}
		if sent := f.do("ra", request{method: "GET", path: "/inbox"}); !strings.Contains(sent.Body[strings.Index(sent.Body, `id="inbox-sent"`):], "Pengelolaan persampahan") {
			t.Errorf("the offer is not in Kota Bandung's sent box")
		}
		// While the offer is out its answer deadline runs.
		if got := section(f.do("ra", request{method: "GET", path: path}).Body, `id="deadlines"`); !strings.Contains(got, `data-deadline="offer_answer_deadline"`) {
			t.Errorf("the offer's answer deadline is not running: %s", got)
		}
		// The neighbour answers from its own account.
		upload("kab", "surat_tanggapan")
		// Acts are recorded once they happen: the days pass.
		at := func(day string) {
			t.Helper()
			d, err := time.Parse(time.DateOnly, day)
			if err != nil {
				t.Fatal(err)
			}
			db.SetNow(func() time.Time { return d.Add(2 * time.Hour) })
		}
		r = step("kab", "accept_offer", url.Values{"on": {"2025-11-10"}}, http.StatusUnprocessableEntity)
		if !strings.Contains(r.Body, "Tanggal 2025-11-10 belum terjadi") || !strings.Contains(r.Body, `<span class="badge badge-warn">ISIAN</span>`) {
			t.Errorf("an answer dated next week: %s", problemsOf(r.Body))
		}
		at("2025-11-10")
		step("kab", "accept_offer", url.Values{"on": {"2025-11-10"}}, http.StatusSeeOther)
		// Kota Bandung's team is told of the answer in its inbox, by names.
		if notes := section(f.do("ra", request{method: "GET", path: "/inbox"}).Body, `class="notes"`); !strings.Contains(notes,
			"Kerja sama &#34;Pengelolaan persampahan lintas batas&#34;: langkah &#34;Terima penawaran&#34; dicatat oleh Kabupaten Bandung.") ||
			!strings.Contains(notes, `href="/cooperations/`+id+`"`) {
			t.Errorf("Kota Bandung is not told of the acceptance: %s", notes)
		} else if !strings.Contains(notes, `<li class="new"><span class="badge badge-info">Baru masuk</span> Kerja sama &#34;Pengelolaan persampahan lintas batas&#34;: langkah`) {
			t.Errorf("the acceptance, arrived since Kota Bandung last opened its inbox, is not marked new: %s", notes)
		}
		// Seen once, it is no longer new.
		if notes := section(f.do("ra", request{method: "GET", path: "/inbox"}).Body, `class="notes"`); strings.Contains(notes, "Baru masuk") {
			t.Errorf("a notification already seen is still marked new: %s", notes)
		}
		if notes := section(f.do("kab", request{method: "GET", path: "/inbox"}).Body, `class="notes"`); strings.Contains(notes, "Terima penawaran") {
			t.Errorf("Kabupaten Bandung is told of its own answer: %s", notes)
		}
		if page := f.do("ra", request{method: "GET", path: path}); strings.Contains(page.Body, `id="deadlines"`) || !strings.Contains(page.Body, "Tidak ada tenggat berjalan.") {
			t.Errorf("an answered offer's deadline still runs: %s", section(page.Body, `id="deadlines"`))
		}
		at("2025-11-21")
		// A signature is not dated before the acceptance.
		r = step("ra", "sign_kb", url.Values{"signer_name": {"Kepala Daerah"}, "office": {"Wali Kota Bandung"}, "sig_on": {"2025-11-07"}}, http.StatusUnprocessableEntity)
		if !strings.Contains(r.Body, "Tanggal 2025-11-07 lebih awal dari tindakan yang membawa kerja sama ke tahap ini (2025-11-10)") {
			t.Errorf("a signature before the acceptance: %s", problemsOf(r.Body))
		}
		sign := url.Values{"signer_name": {"Kepala Daerah"}, "office": {"Wali Kota Bandung"}, "sig_on": {"2025-11-20"}}
		step("ra", "sign_kb", sign, http.StatusSeeOther)
		kabSign := url.Values{"signer_name": {"Bupati"}, "office": {"Bupati Bandung"}, "sig_on": {"2025-11-21"}, "not_budgeted": {"on"}}
		// The last signature needs the KB signed by both on file, and the
		// page says so.
		if needs := section(f.do("kab", request{method: "GET", path: path}).Body, `id="doc-needs"`); !strings.Contains(needs, "Kesepakatan bersama (KB) <span") {
			t.Errorf("the last signer is not told the signed KB is needed: %s", needs)
		}
		r = step("kab", "sign_kb", kabSign, http.StatusUnprocessableEntity)
		if !strings.Contains(r.Body, "yang ditandatangani semua pihak belum diunggah") {
			t.Errorf("the last KB signature without the signed KB: %s", problemsOf(r.Body))
		}
		// One party cannot file a document in the other's name, and is
		// not offered to.
		r = f.do("kab", request{method: "POST", path: path + "/documents", form: url.Values{"type": {"kb"}, "party": {"32.73"}}, files: map[string][]byte{"file": samplePDF}})
		if r.Status != http.StatusForbidden || !strings.Contains(r.Body, "hanya dapat mengunggah dokumen atas nama pihak yang Anda wakili") {
			t.Errorf("Kab. Bandung files Kota Bandung's KB: %d %s", r.Status, problemsOf(r.Body))
		}
		if sel := section(f.do("kab", request{method: "GET", path: path}).Body, `id="doc-party"`); strings.Contains(sel, `value="32.73"`) || !strings.Contains(sel, `value="32.04"`) {
			t.Errorf("Kab. Bandung's party choices: %s", sel)
		}
		upload("ra", "kb")
		step("kab", "sign_kb", kabSign, http.StatusSeeOther)
		step("kab", "request_dprd", nil, http.StatusSeeOther)
		// Kota Bandung has nothing to do while Kabupaten Bandung's DPRD
		// decides, and is told so.
		if got := section(f.do("ra", request{method: "GET", path: path}).Body, `id="awaiting"`); !strings.Contains(got, "Kabupaten Bandung") {
			t.Errorf("Kota Bandung's page while the DPRD decides: %q", got)
		}
		upload("kab", "keputusan_dprd")
		at("2025-12-05")
		step("kab", "record_dprd", url.Values{"decision_ref": {"Kep DPRD 12/2025"}, "decision_date": {"2025-12-05"}}, http.StatusSeeOther)
		upload("ra", "draft_pks")
		at("2025-12-16")
		// A secretary without a surat kuasa may not sign; the Wali Kota does.
		r = step("ra", "sign_pks", url.Values{"signer_name": {"Sekda"}, "office": {"Sekretaris Daerah"}, "sig_on": {"2025-12-15"}}, http.StatusUnprocessableEntity)
		if !strings.Contains(r.Body, `data-rule="V-10"`) {
			t.Errorf("a PKS signed by the secretary without a surat kuasa: %s", problemsOf(r.Body))
		}
		step("ra", "sign_pks", url.Values{"signer_name": {"Muhammad Farhan"}, "office": {"Wali Kota Bandung"}, "sig_on": {"2025-12-15"}}, http.StatusSeeOther)
		upload("kab", "pks")
		step("kab", "sign_pks", url.Values{"signer_name": {"Bupati"}, "office": {"Bupati Bandung"}, "sig_on": {"2025-12-16"}}, http.StatusSeeOther)

		page = f.do("kab", request{method: "GET", path: path})
		// In execution the signed PKS is asked for, for the steps that
		// change it.
		if needs := section(page.Body, `id="doc-needs"`); !strings.Contains(needs, "Perjanjian kerja sama (PKS) <span class=\"muted\">(untuk langkah: ") {
			t.Errorf("execution's document needs: %s", needs)
		}
		// In execution the one date ahead is the term's end.
		if got := section(page.Body, `id="deadlines"`); !strings.Contains(got, `data-deadline="end_date"`) || !strings.Contains(got, "2030-12-31") ||
			strings.Contains(got, "offer_answer_deadline") || !strings.Contains(got, `data-deadline="report_due"`) || !strings.Contains(got, "2026-01-07") {
			t.Errorf("deadlines in execution: %s", got)
		}
		for _, want := range []string{`id="coop-stage">Pelaksanaan`, "Disetujui", "Tandatangani PKS", "v1"} {
			if !strings.Contains(page.Body, want) {
				t.Errorf("page after signing lacks %q", want)
			}
		}
		// A change of regional head is never an ending reason.
		r = step("ra", "terminate", url.Values{"end_reason": {"change_of_head"}, "reason": {"Wali kota baru"}}, http.StatusUnprocessableEntity)
		if !strings.Contains(r.Body, "V-18") {
			t.Errorf("change of head not refused by V-18: %s", problemsOf(r.Body))
		}
		// A stale form (another tab) is refused and changes nothing.
		r = f.do("ra", request{method: "POST", path: path + "/act/dispute", form: url.Values{"version": {"1"}, "reason": {"x"}}})
		if r.Status != http.StatusConflict || !strings.Contains(r.Body, `id="step-stale"`) {
			t.Errorf("stale step: %d", r.Status)
		}
		// The list filters by stage and partner.
		r = f.do("pa", request{method: "GET", path: "/cooperations?stage=pelaksanaan&partner=32.04"})
		if !strings.Contains(r.Body, "Pengelolaan persampahan lintas batas") {
			t.Error("the province does not find the cooperation in its list")
		}
		if r := f.do("na", request{method: "GET", path: "/cooperations?stage=persiapan"}); strings.Contains(r.Body, "Pengelolaan persampahan") {
			t.Error("stage filter ignored")
		}
		// An executable named .pdf is refused by content.
		r = f.do("ra", request{method: "POST", path: path + "/documents", form: url.Values{"type": {"laporan"}}, files: map[string][]byte{"file": sampleELF}})
		if r.Status != http.StatusBadRequest || !strings.Contains(r.Body, "executable") {
			t.Errorf("ELF upload: %d %.300s", r.Status, problemsOf(r.Body))
		}
		// The timeline gives each act's own date beside when it was recorded.
		if tl := section(f.do("ra", request{method: "GET", path: path}).Body, `id="timeline"`); !strings.Contains(tl, "tanggal tindakan 2025-11-20") ||
			!strings.Contains(tl, "(Kabupaten Bandung)") || strings.Contains(tl, "(32.04)") {
			t.Errorf("timeline lacks the signature's date or the party's name: %s", tl)
		}
		// The history names steps and lists what changed.
		if h := section(f.do("ra", request{method: "GET", path: path}).Body, `id="history"`); !strings.Contains(h, `Tandatangani KB <span class="muted"><code>cooperation.sign_kb</code>`) ||
			!strings.Contains(h, `<ul class="changes">`) {
			t.Errorf("history: %.600s", h)
		}
		// Timeline and audit trail hold every step.
		evs, err := db.CooperationEvents(context.Background(), access.Scope{All: true}, atoi(id))
		if err != nil || len(evs) != 10 { // create, review, offer, accept, 2 KB signatures, DPRD request and record, 2 PKS signatures
			t.Errorf("timeline: %d events, %v", len(evs), err)
		}
		v, err := db.VerifyAudit(context.Background())
		if err != nil || !v.OK {
			t.Errorf("audit chain after the lifecycle: %+v %v", v, err)
		}
		// The yearly report: filed and recorded, it moves the next one a
		// year on.
		at("2026-01-05")
		upload("kab", "laporan")
		step("kab", "record_report", url.Values{"doc_ref": {"LAP-01/2026"}, "on": {"2026-01-05"}}, http.StatusSeeOther)
		// Kabupaten Bandung's next report is a year on; Kota Bandung still
		// owes this one.
		if got := section(f.do("kab", request{method: "GET", path: path}).Body, `id="deadlines"`); !strings.Contains(got, "Kabupaten Bandung</td><td>2027-01-07") ||
			!strings.Contains(got, "Kota Bandung</td><td>2026-01-07") {
			t.Errorf("deadlines after the report: %s", got)
		}
		// Early termination offers only the reasons it accepts (the end of
		// the term is the expiry step's), and the page then says why and
		// when the cooperation ended.
		form := f.do("ra", request{method: "GET", path: path + "/act/terminate"})
		if sel := section(form.Body, `id="end_reason"`); !strings.Contains(sel, `value="goal_achieved"`) || strings.Contains(sel, `value="term_expired"`) {
			t.Errorf("termination reasons offered: %s", sel)
		}
		at("2026-03-02")
		step("ra", "terminate", url.Values{"end_reason": {"goal_achieved"}, "reason": {"Sasaran tercapai"}, "on": {"2026-03-02"}}, http.StatusSeeOther)
		page = f.do("kab", request{method: "GET", path: path})
		if !strings.Contains(page.Body, `id="coop-ended">2026-03-02`) || !strings.Contains(section(page.Body, `id="coop-end-reason"`), "Sasaran tercapai") {
			t.Errorf("ended cooperation's facts: %s", section(page.Body, `id="coop-ended"`))
		}
	})
}

// problemsOf extracts the problem list or error message of a page, for
// failure messages.
func problemsOf(body string) string {
	for _, marker := range []string{`id="step-problems"`, `id="coop-errors"`, `id="error-message"`, `class="field-error"`} {
		if i := strings.Index(body, marker); i >= 0 {
			end := min(len(body), i+600)
			return body[i:end]
		}
	}
	return body[:min(len(body), 300)]
}

// A new initiative with several faults comes back with every fault named
// and everything the user typed still in the form.
func TestCooperationFormKeepsInput(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		r := f.do("ra", request{method: "POST", path: "/cooperations", form: url.Values{
			"title": {""}, "kind": {"ksdd_sukarela"}, "urusan": {"1.03"},
			"partner_kind": {"region"}, "partner_region": {"32.04"},
			"start_date": {"2027-02-30"}, "end_date": {"2030-12-31"}, "value_idr": {"Rp 1,5 miliar"},
			"liaison_name": {"Asep"}, "liaison_nip": {"abc"}, "liaison_phone": {"0811"}, "liaison_email": {"bukan-email"}, "liaison_letter": {"ST-1"}}})
		if r.Status != http.StatusBadRequest {
			t.Fatalf("faulty form: %d", r.Status)
		}
		body := html.UnescapeString(r.Body)
		for _, want := range []string{
			"Isian Judul tidak sah", // the empty title, by its label
			"2027-02-30",            // the impossible date, named
			`value="Rp 1,5 miliar"`, // the unreadable value, as typed
			`value="2030-12-31"`,    // the good date, kept
			`value="32.04"`,         // the partner, kept
			"Alamat surel petugas penghubung Asep tidak sah", // the liaison, checked
		} {
			if !strings.Contains(body, want) {
				t.Errorf("the form lacks %q", want)
			}
		}
		if n := strings.Count(r.Body, `class="field-error"`); n < 4 {
			t.Errorf("%d field errors, want one for each of title, start date, value, liaison: %s", n, body)
		}
		if strings.Contains(r.Body, "0000-00-00") {
			t.Error("an empty date shows as 0000-00-00")
		}
	})
}

func TestCheckLiaison(t *testing.T) {
	ok := cooperation.Liaison{Name: "Ani", NIPOrNIK: "198701012010012001", Phone: "+62 811-2345-678", Email: "ani@bandung.go.id", LetterRef: "ST-1"}
	if err := checkLiaison(ok); err != nil {
		t.Errorf("a good liaison: %v", err)
	}
	for _, tc := range []struct {
		name string
		edit func(*cooperation.Liaison)
		key  string
	}{
		{"e-mail", func(l *cooperation.Liaison) { l.Email = "bukan-email" }, "coop.liaison_email_invalid"},
		{"e-mail with a name", func(l *cooperation.Liaison) { l.Email = "Ani <ani@x.id>" }, "coop.liaison_email_invalid"},
		{"NIP letters", func(l *cooperation.Liaison) { l.NIPOrNIK = "abc" }, "coop.liaison_nip_invalid"},
		{"NIP too long", func(l *cooperation.Liaison) { l.NIPOrNIK = "1234567890123456789" }, "coop.liaison_nip_invalid"},
		{"phone letters", func(l *cooperation.Liaison) { l.Phone = "xyz" }, "coop.liaison_phone_invalid"},
		{"phone punctuation only", func(l *cooperation.Liaison) { l.Phone = "+--" }, "coop.liaison_phone_invalid"},
	} {
		l := ok
		tc.edit(&l)
		var e *jalin.Error
		if err := checkLiaison(l); !errors.As(err, &e) || e.Msg != tc.key {
			t.Errorf("%s: %v, want %s", tc.name, err, tc.key)
		}
	}
}

// A third party's pages name its organisation as its scope, not the region
// its organisation sits in.
func TestThirdPartyScopeIsItsOrganisation(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		body := f.do("tp", request{method: "GET", path: "/cooperations"}).Body
		if !strings.Contains(body, "Lingkup: Universitas Uji") || strings.Contains(body, "Lingkup: Kota Bandung") {
			t.Errorf("third party's list subtitle: %s", section(body, `class="page-title"`))
		}
		if !strings.Contains(section(body, `class="user-menu"`), "Universitas Uji") {
			t.Errorf("third party's user menu: %s", section(body, `class="user-menu"`))
		}
		if !strings.Contains(f.do("ra", request{method: "GET", path: "/cooperations"}).Body, "Lingkup: Kota Bandung") {
			t.Error("a region user's scope is no longer its region")
		}
	})
}

// A ministry has no users of its own: Kota Bandung's team records its
// answer from the cooperation's page, where the step is offered "for" the
// ministry, and the form comes with the ministry chosen.
func TestUserlessPartyStepsFromThePage(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		coopDeps(t, f)
		ministry := cooperation.Party{Kind: cooperation.PartyCentral, Name: "Kementerian Pertanian"}
		today := workday.DateOf(db.Now())
		c, err := db.CreateCooperation(context.Background(), cooperation.Cooperation{
			Title: "Lumbung pangan kota", Kind: cooperation.KindSinergi, Stage: cooperation.Penawaran,
			Parties:     []cooperation.Party{initiatorParty(f.server.Regions, "32.73"), ministry},
			StageOn:     today,
			Deadlines:   []cooperation.Deadline{{Name: cooperation.POfferAnswer, Start: today, Due: today.AddDays(40)}},
			RuleVersion: cooperation.Defaults().Version,
		}, sys)
		if err != nil {
			t.Fatal(err)
		}
		path := "/cooperations/" + idOf(c.ID)
		key := ministry.Key()
		r := f.do("ra", request{method: "POST", path: path + "/documents", form: url.Values{"type": {"surat_tanggapan"}, "party": {key}},
			files: map[string][]byte{"file": samplePDF}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("the ministry's answer letter, filed by Kota Bandung: %d %s", r.Status, problemsOf(r.Body))
		}
		page := f.do("ra", request{method: "GET", path: path})
		m := regexp.MustCompile(`href="(/cooperations/\d+/act/accept_offer\?party=([^"]+))"`).FindStringSubmatch(page.Body)
		if m == nil || !strings.Contains(page.Body, "atas nama Kementerian Pertanian") {
			t.Fatalf("the ministry's answer is not offered: %s", section(page.Body, `id="next-steps"`))
		}
		if p, err := url.QueryUnescape(m[2]); err != nil || p != key {
			t.Errorf("the link names party %q (%v), want %q", p, err, key)
		}
		link := html.UnescapeString(m[1])
		form := f.do("ra", request{method: "GET", path: link})
		if form.Status != http.StatusOK || !strings.Contains(html.UnescapeString(form.Body), `value="`+key+`" selected`) {
			t.Fatalf("the answer's form: %d %s", form.Status, section(form.Body, `id="party"`))
		}
		r = f.do("ra", request{method: "POST", path: path + "/act/accept_offer", form: url.Values{"version": {f.coopVersion(c.ID)}, "party": {key}}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("accept for the ministry: %d %s", r.Status, problemsOf(r.Body))
		}
		got, err := db.GetCooperation(context.Background(), access.Scope{All: true}, c.ID)
		if err != nil || got.Stage != cooperation.PenyusunanNK || got.Parties[1].Answer != cooperation.AnswerAccepted {
			t.Errorf("after the ministry's answer: %v %s %+v", err, got.Stage, got.Parties[1])
		}
		// Another region is not offered, and may not open, the ministry's step.
		if r := f.do("sa", request{method: "GET", path: link}); r.Status == http.StatusOK {
			t.Errorf("Surabaya opens the ministry's answer form: %d", r.Status)
		}
	})
}

// A KSDPK that left preparation without its study recorded is not stuck:
// the page offers to record the study, and the form saves it.
func TestRecordStudyFromThePage(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		coopDeps(t, f)
		today := workday.DateOf(db.Now())
		uni := cooperation.Party{Kind: cooperation.PartyThirdParty, OrgID: f.org.ID, Name: "Universitas Uji", ThirdPartyType: cooperation.BadanUsaha}
		c, err := db.CreateCooperation(context.Background(), cooperation.Cooperation{
			Title: "Riset pangan lokal", Kind: cooperation.KindKSDPK, Stage: cooperation.PenyusunanKB, StageOn: today,
			Parties:     []cooperation.Party{initiatorParty(f.server.Regions, "32.73"), uni},
			RuleVersion: cooperation.Defaults().Version,
		}, sys)
		if err != nil {
			t.Fatal(err)
		}
		path := "/cooperations/" + idOf(c.ID)
		if r := f.do("ra", request{method: "POST", path: path + "/documents", form: url.Values{"type": {"studi_kelayakan"}},
			files: map[string][]byte{"file": samplePDF}}); r.Status != http.StatusSeeOther {
			t.Fatalf("upload the study: %d %s", r.Status, problemsOf(r.Body))
		}
		if page := f.do("ra", request{method: "GET", path: path}); !strings.Contains(page.Body, `data-step="record_feasibility"`) {
			t.Fatalf("the study step is not offered: %s", section(page.Body, `id="next-steps"`))
		}
		if form := f.do("ra", request{method: "GET", path: path + "/act/record_feasibility"}); !strings.Contains(form.Body, `id="fs_author"`) {
			t.Fatalf("the study form: %d", form.Status)
		}
		r := f.do("ra", request{method: "POST", path: path + "/act/record_feasibility", form: url.Values{"version": {f.coopVersion(c.ID)},
			"fs_ref": {"FS-07/2026"}, "fs_date": {today.String()}, "fs_author": {uni.Key()}, "fs_economic": {"on"}}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("record the study: %d %s", r.Status, problemsOf(r.Body))
		}
		got, err := db.GetCooperation(context.Background(), access.Scope{All: true}, c.ID)
		if err != nil || got.FeasibilityStudy == nil || got.FeasibilityStudy.Ref != "FS-07/2026" || got.FeasibilityStudy.Author != uni.Key() ||
			!got.FeasibilityStudy.EconomicallyFeasible || got.FeasibilityStudy.FinancialCapacity {
			t.Errorf("study after the step: %v %+v", err, got.FeasibilityStudy)
		}
	})
}

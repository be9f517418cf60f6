package cooperation

import (
	"slices"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin/access"
)

func withSig(kuasa bool, dprd *DPRDAssessment) func(*Input) {
	return func(in *Input) { in.Signature, in.DPRD = sig(kuasa), dprd }
}

var (
	noDPRD  = &DPRDAssessment{}
	budget  = &DPRDAssessment{NotBudgeted: true}
	decided = func(in *Input) { in.Decision = &Record{"DPRD-7/2024", D(2024, 3, 1)} }
)

func TestDomesticWajibWithDPRD(t *testing.T) {
	p := Defaults()
	c := run(t, wajib(), p, now0, []step{
		{TKKSDReview, kotaAdmin, nil, SiapDitawarkan},
		{SendOffer, kotaAdmin, nil, Penawaran},
		{AcceptOffer, kabMember, nil, PenyusunanKB},
		{SignKB, kotaAdmin, withSig(false, budget), PenyusunanKB},
		{SignKB, kabMember, withSig(false, noDPRD), KBDitandatangani},
		{RequestDPRD, kotaAdmin, nil, MenungguDPRD},
		{RecordDPRD, kotaAdmin, decided, PenyusunanPKS},
		{SignPKS, kotaAdmin, withSig(true, nil), PenyusunanPKS},
		{SignPKS, kabMember, withSig(false, nil), Pelaksanaan},
		{Amend, kabMember, func(in *Input) { in.Reason, in.DocRef = "lokasi", "ADD-1" }, Pelaksanaan},
		{Extend, kotaAdmin, func(in *Input) { in.NewEndDate, in.DocRef = D(2030, 4, 1), "ADD-2" }, Pelaksanaan},
		{RaiseDispute, kabMember, func(in *Input) { in.Reason = "tarif" }, Pelaksanaan},
		{RecordReport, kabMember, func(in *Input) { in.DocRef = "LAP-2024/1" }, Pelaksanaan},
		{Terminate, kotaAdmin, func(in *Input) { in.EndReason = EndGoalAchieved }, Berakhir},
	})
	if len(c.Reports) != 1 || c.Reports[0].Party != "32.04" || c.Reports[0].DocRef != "LAP-2024/1" {
		t.Errorf("report not recorded: %+v", c.Reports)
	}
	if got := c.Parties[0]; got.DPRD != DPRDApproved || !got.RequiresDPRD() || c.Parties[1].DPRD != DPRDNotRequired {
		t.Errorf("DPRD flags per party: %+v / %+v", got.DPRD, c.Parties[1].DPRD)
	}
	if c.Disputes[0].Forum != ForumGubernur || c.EndDate != D(2030, 4, 1) || c.Ending.Reason != EndGoalAchieved {
		t.Errorf("events not recorded: %+v %v %+v", c.Disputes, c.EndDate, c.Ending)
	}
	if dl, _ := c.OfferDeadline(); dl.Due != weekdays.AddWorkdays(weekdays{}, D(2024, 3, 1), 30) {
		t.Errorf("offer due %v", dl.Due)
	}
}

func TestDomesticSukarelaNoDPRDAndExpire(t *testing.T) {
	c := base(KindSukarela, kota(true), Party{Kind: PartyRegion, Region: "33", Name: "Jateng"})
	c.Mapping, c.TechCoordination = nil, nil // V-07 is for wajib only
	c = run(t, c, Defaults(), now0, []step{
		{TKKSDReview, kotaAdmin, nil, SiapDitawarkan},
		{SendOffer, kotaAdmin, nil, Penawaran},
		{AcceptOffer, jatengAdmin, nil, PenyusunanKB},
		{SignKB, jatengAdmin, withSig(false, noDPRD), PenyusunanKB},
		{SignKB, kotaAdmin, withSig(false, noDPRD), KBDitandatangani},
		{StartPKS, kotaAdmin, nil, PenyusunanPKS},
		{SignPKS, kotaAdmin, withSig(false, nil), PenyusunanPKS},
		{SignPKS, jatengAdmin, withSig(false, nil), Pelaksanaan},
		{RaiseDispute, jatengAdmin, func(in *Input) { in.Reason = "x" }, Pelaksanaan},
	})
	if c.Disputes[0].Forum != ForumMinister {
		t.Errorf("forum %s, want menteri", c.Disputes[0].Forum)
	}
	run(t, c, Defaults(), time.Date(2028, 4, 1, 9, 0, 0, 0, wib), []step{{Expire, national, nil, Berakhir}})
}

func TestKSDPKThirdPartyInitiative(t *testing.T) {
	c := run(t, ksdpk(), Defaults(), now0, []step{
		{TKKSDReview, kotaAdmin, nil, SiapDitawarkan},
		{SendOffer, kotaAdmin, nil, Penawaran},
		{AcceptOffer, tpUser, nil, PenyusunanKB},
		{SignKB, tpUser, withSig(false, nil), PenyusunanKB},
		{SignKB, kotaAdmin, withSig(false, noDPRD), KBDitandatangani},
		{StartPKS, tpUser, nil, PenyusunanPKS},
		{SignPKS, tpUser, withSig(false, nil), PenyusunanPKS},
		{SignPKS, kotaAdmin, withSig(false, nil), Pelaksanaan},
		{RecordResult, kotaAdmin, func(in *Input) { in.Result = &Result{Money: true, AmountIDR: 5e8, Ref: "STS-1"} }, Pelaksanaan},
		{Terminate, tpUser, func(in *Input) { in.EndReason = EndPartnerBankrupt }, Berakhir},
	})
	if len(c.Results) != 1 || c.Parties[1].Answer != AnswerAccepted {
		t.Errorf("results %+v", c.Results)
	}
}

func TestSinergi(t *testing.T) {
	c := base(KindSinergi, kota(true), ministry())
	central := ministry().Key()
	c = run(t, c, Defaults(), now0, []step{
		{TKKSDReview, kotaAdmin, nil, SiapDitawarkan},
		{SendOffer, kotaAdmin, nil, Penawaran},
		{AcceptOffer, kotaAdmin, func(in *Input) { in.Party = central }, PenyusunanNK},
		{SignNK, national, func(in *Input) { in.Party, in.Signature = central, sig(false) }, PenyusunanNK},
		{SignNK, kotaAdmin, func(in *Input) { in.Signature = sig(false) }, Pelaksanaan},
		{Amend, kotaAdmin, func(in *Input) { in.Reason, in.DocRef = "rk", "ADD" }, Pelaksanaan},
		{Extend, kotaAdmin, func(in *Input) { in.NewEndDate, in.DocRef = D(2029, 1, 1), "ADD" }, Pelaksanaan},
		{RaiseDispute, kotaAdmin, func(in *Input) { in.Reason = "x" }, Pelaksanaan},
		{Terminate, kotaAdmin, func(in *Input) { in.EndReason, in.DocRef = EndMutualAgreement, "KSP-PENGAKHIRAN-1" }, Berakhir},
	})
	if c.Parties[1].NK == nil {
		t.Error("central signature not recorded")
	}
	d := base(KindSinergi, kota(true), ministry())
	d.Stage = Pelaksanaan
	run(t, d, Defaults(), time.Date(2029, 1, 1, 0, 0, 0, 0, wib), []step{{Expire, kotaAdmin, nil, Berakhir}})
}

func foreignCoop() Cooperation {
	c := base(KindKSDPL, kota(true), foreignGov())
	c.StartDate, c.EndDate = D(2025, 1, 1), D(2030, 1, 1)
	return c
}

// foreignToDPRD takes foreignCoop from exploration to the DPRD request.
var foreignToDPRD = []step{
	{StartExploration, kotaAdmin, nil, Penjajakan},
	{PrepareStudy, kotaAdmin, nil, Kajian},
	{ConsultLoI, kotaAdmin, nil, KonsultasiLoI},
	{SignLoI, kotaAdmin, func(in *Input) { in.Signature = sig(false) }, LoIDitandatangani},
	{DraftPlan, kotaAdmin, nil, RencanaKerjaSama},
	{RequestDPRD, kotaAdmin, nil, MenungguDPRD},
}

func TestForeignKSDPL(t *testing.T) {
	fk := foreignGov().Key()
	c := run(t, foreignCoop(), Defaults(), now0, append(slices.Clone(foreignToDPRD), []step{
		{RecordDPRD, kotaAdmin, decided, MenungguDPRD},
		{SubmitToMinister, kotaAdmin, nil, DiajukanKeMenteri},
		{ForwardByGovernor, provAdmin, nil, DiajukanKeMenteri},
		{Verify, national, nil, Verifikasi},
		{ReturnPlan, national, func(in *Input) { in.Reason = "perbaiki sasaran" }, RencanaKerjaSama},
		{SubmitToMinister, kotaAdmin, nil, DiajukanKeMenteri},
	}...))
	// The Gubernur lets five working days pass: the kota sends directly.
	later := now0.AddDate(0, 0, 10)
	// The sending is dated: recorded late, it still may not predate the
	// Gubernur's deadline.
	early := facts()
	early.On = DateOf(now0).AddDays(2)
	if _, _, err := Apply(c, SendDirect, kotaAdmin, early, Defaults(), later); err == nil || rules(refusal(t, err))[RuleTime] == 0 {
		t.Errorf("a direct sending dated within the Gubernur's days: %v", err)
	}
	c = run(t, c, Defaults(), later, []step{{SendDirect, kotaAdmin, nil, DiajukanKeMenteri}})
	// The Minister's verification is not dated before the plan reached him.
	before := facts()
	before.On = DateOf(now0).AddDays(5)
	if _, _, err := Apply(c, Verify, national, before, Defaults(), later); err == nil ||
		!slices.ContainsFunc(refusal(t, err), func(p Problem) bool { return p.Msg == "coop.date_before_routing" }) {
		t.Errorf("a verification dated before the plan was sent: %v", err)
	}
	c = run(t, c, Defaults(), later, []step{
		{Verify, national, nil, Verifikasi},
		{ApproveDrafting, national, nil, RancanganNaskah},
		{SubmitDraft, kotaAdmin, nil, PembahasanAntarkementrian},
	})
	// The draft Naskah goes through the Gubernur too (Pasal 20(3)–(4)):
	// the ministry cannot discuss it before, and the kota may not send it
	// directly within the Gubernur's five new working days, though the
	// plan's deadline passed long ago.
	if dl, ok := c.latestDeadline(PGovernorForward); !ok || !c.Running(dl) || dl.Start != DateOf(later) {
		t.Errorf("the Gubernur's deadline for the draft: %+v running %v", dl, c.Running(dl))
	}
	baRef := func(in *Input) { in.DocRef = "BA-1" }
	for _, tr := range []struct {
		name TransitionName
		a    access.Actor
		rule string
	}{{RecordMeeting, national, "V-17"}, {SendDirect, kotaAdmin, RuleTime}} {
		in := facts()
		baRef(&in)
		if _, _, err := Apply(c, tr.name, tr.a, in, Defaults(), later); err == nil || rules(refusal(t, err))[tr.rule] == 0 {
			t.Errorf("%s before the draft was routed: %v", tr.name, err)
		}
	}
	c = run(t, c, Defaults(), later, []step{
		{ForwardByGovernor, provAdmin, nil, PembahasanAntarkementrian},
		{RecordMeeting, national, baRef, PembahasanMitra},
		{RecordConfirm, national, nil, SuratKonfirmasi},
		{ApproveMinister, national, nil, PersetujuanMenteri},
		{SignNaskah, kotaAdmin, func(in *Input) { in.Signature = sig(false) }, PersetujuanMenteri},
		{SignNaskah, kotaAdmin, func(in *Input) { in.Party, in.Signature = fk, sig(false) }, NaskahDitandatangani},
		{StartExecution, kotaAdmin, nil, Pelaksanaan},
		{Amend, kotaAdmin, func(in *Input) { in.Reason, in.DocRef = "x", "ADD" }, Pelaksanaan},
		{Extend, kotaAdmin, func(in *Input) { in.NewEndDate, in.DocRef = D(2034, 1, 1), "ADD" }, Pelaksanaan},
		{RaiseDispute, kotaAdmin, func(in *Input) { in.Reason = "x" }, Pelaksanaan},
		{Terminate, kotaAdmin, func(in *Input) { in.EndReason = EndReplaced }, Berakhir},
	})
	if c.Disputes[0].Forum != ForumConsultation {
		t.Errorf("forum %s", c.Disputes[0].Forum)
	}
	d := foreignCoop()
	d.Stage = Pelaksanaan
	run(t, d, Defaults(), time.Date(2030, 1, 2, 0, 0, 0, 0, wib), []step{{Expire, kotaAdmin, nil, Berakhir}})
}

func TestRefusalsAndSideExits(t *testing.T) {
	p := Defaults()
	offered := wajib()
	offered.Stage = Penawaran
	offered.Deadlines = []Deadline{{Name: POfferAnswer, Start: D(2024, 1, 1), Due: D(2024, 2, 12)}}
	offered.Parties[1].Answer = AnswerPending
	run(t, offered, p, now0, []step{{DeclineOffer, kabMember, func(in *Input) { in.Reason = "anggaran" }, Ditolak}})
	run(t, offered, p, now0, []step{{LapseOffer, kotaAdmin, nil, Ditolak}})
	if ps := Check(offered, AcceptOffer, kabMember, facts(), p, now0); rules(ps)[RuleTime] != 1 {
		t.Errorf("late acceptance: %v", ps)
	}
	waiting := wajib()
	waiting.Stage = MenungguDPRD
	waiting.Parties[1].NotBudgeted, waiting.Parties[1].DPRD = true, DPRDPending
	run(t, waiting, p, now0, []step{{RejectDPRD, kabMember, decided, DitolakDPRD}})

	// G-4: the Gubernur takes over a refused wajib of his kab/kota with
	// the Minister's approval; the centre takes over cross-province ones.
	rec := func(minister bool) func(*Input) {
		return func(in *Input) {
			in.Takeover = &Takeover{Guidance: Record{"PB-1", D(2024, 1, 1)}, Evaluation: Record{"EV-1", D(2024, 2, 1)}}
			if minister {
				in.Takeover.MinisterApproval = Record{"MDN-1", D(2024, 2, 15)}
			}
		}
	}
	refused := wajib()
	refused.Stage = Ditolak
	got := run(t, refused, p, now0, []step{{TakeOver, provAdmin, rec(true), Ditolak}})
	if got.Takeover.By != "governor" || got.Takeover.Province != "32" {
		t.Errorf("takeover %+v", got.Takeover)
	}
	if ps := Check(refused, TakeOver, provAdmin, Input{}, p, now0); rules(ps)[RuleInput] != 1 {
		t.Errorf("takeover without records: %v", ps)
	}
	in := Input{}
	rec(false)(&in)
	if ps := Check(refused, TakeOver, provAdmin, in, p, now0); rules(ps)["G-4"] != 1 {
		t.Errorf("governor takeover without Minister: %v", ps)
	}
	cross := base(KindWajib, kota(true), Party{Kind: PartyRegion, Region: "33.01", Name: "Cilacap"})
	if ps := Check(cross, TakeOver, provAdmin, in, p, now0); rules(ps)[RuleActor] != 1 {
		t.Errorf("province admin on a cross-province takeover: %v", ps)
	}
	run(t, cross, p, now0, []step{{TakeOver, national, rec(false), Persiapan}})
}

// A deadline runs until its event happens: the answer, the DPRD's
// decision, the Gubernur's forwarding. Only the running ones are the
// cooperation's current deadlines; all stay in c.Deadlines.
func TestRunningDeadlines(t *testing.T) {
	names := func(c Cooperation) []string {
		var out []string
		for _, d := range c.RunningDeadlines() {
			out = append(out, d.Name)
		}
		return out
	}
	p := Defaults()
	c := run(t, wajib(), p, now0, []step{
		{TKKSDReview, kotaAdmin, nil, SiapDitawarkan},
		{SendOffer, kotaAdmin, nil, Penawaran},
	})
	if got := names(c); len(got) != 1 || got[0] != POfferAnswer {
		t.Errorf("offer out: running %v", got)
	}
	c = run(t, c, p, now0, []step{{AcceptOffer, kabMember, nil, PenyusunanKB}})
	if got := names(c); len(got) != 0 || len(c.Deadlines) != 1 {
		t.Errorf("offer answered: running %v, all %v", got, c.Deadlines)
	}

	f := run(t, foreignCoop(), p, now0, foreignToDPRD)
	if got := names(f); len(got) != 1 || got[0] != PDPRDForeign {
		t.Errorf("DPRD asked: running %v", got)
	}
	f = run(t, f, p, now0, []step{{RecordDPRD, kotaAdmin, decided, MenungguDPRD}})
	if got := names(f); len(got) != 0 {
		t.Errorf("DPRD decided: running %v", got)
	}
	f = run(t, f, p, now0, []step{{SubmitToMinister, kotaAdmin, nil, DiajukanKeMenteri}})
	if got := names(f); len(got) != 1 || got[0] != PGovernorForward {
		t.Errorf("at the Gubernur: running %v", got)
	}
	f = run(t, f, p, now0, []step{{ForwardByGovernor, provAdmin, nil, DiajukanKeMenteri}})
	if got := names(f); len(got) != 0 || len(f.Deadlines) != 2 {
		t.Errorf("forwarded: running %v, all %v", got, f.Deadlines)
	}
}

// An act is recorded once it has happened: no date after today, none
// before the act that opened the stage.
func TestActDates(t *testing.T) {
	p := Defaults()
	c := run(t, wajib(), p, now0, []step{
		{TKKSDReview, kotaAdmin, func(in *Input) { in.On = D(2024, 2, 20) }, SiapDitawarkan},
		{SendOffer, kotaAdmin, func(in *Input) { in.On = D(2024, 2, 26) }, Penawaran},
	})
	if c.StageOn != D(2024, 2, 26) {
		t.Errorf("stage date after the offer: %v", c.StageOn)
	}
	rules := func(in Input) map[string]string {
		out := map[string]string{}
		for _, pr := range Check(c, AcceptOffer, kabMember, in, p, now0) {
			out[pr.Field] = pr.Msg
		}
		return out
	}
	if got := rules(Input{On: D(2024, 2, 20)}); got["on"] != "coop.date_before_stage" {
		t.Errorf("answer before the offer: %v", got)
	}
	if got := rules(Input{On: D(2024, 3, 4)}); got["on"] != "coop.date_future" {
		t.Errorf("answer dated after today: %v", got)
	}
	if got := rules(Input{On: D(2024, 2, 26)}); got["on"] != "" {
		t.Errorf("answer on the offer's day: %v", got)
	}
	c = run(t, c, p, now0, []step{{AcceptOffer, kabMember, func(in *Input) { in.On = D(2024, 2, 28) }, PenyusunanKB}})
	future := withSig(false, noDPRD)
	probs := Check(c, SignKB, kotaAdmin, func() Input { var in Input; future(&in); in.Signature.On = D(2024, 5, 1); return in }(), p, now0)
	if len(probs) != 1 || probs[0].Field != "signature" || probs[0].Msg != "coop.date_future" {
		t.Errorf("a signature dated in May: %v", probs)
	}
}

// In execution each party's yearly report falls due in the first week of
// January after execution began; each report it records settles a year.
// A report needs its number and the report on file.
func TestReportsFallDueYearly(t *testing.T) {
	p := Defaults()
	c := at(wajib(), Pelaksanaan)
	c.StageOn = D(2024, 2, 20)
	due := func(c Cooperation) map[string]Date {
		out := map[string]Date{}
		for _, d := range c.ReportsDue(p) {
			out[d.Party] = d.Due
		}
		return out
	}
	if got := due(c); len(got) != 2 || got["32.73"] != D(2025, 1, 7) || got["32.04"] != D(2025, 1, 7) {
		t.Errorf("first reports due %v", got)
	}
	// Kota Bandung reports early, in November: that settles its 2025 report.
	c.Reports = []Report{{On: D(2024, 11, 6), DocRef: "LAP-1", Party: "32.73"}}
	if got := due(c); got["32.73"] != D(2026, 1, 7) || got["32.04"] != D(2025, 1, 7) {
		t.Errorf("after Kota Bandung's report: %v", got)
	}
	if got := at(wajib(), PenyusunanPKS).ReportsDue(p); got != nil {
		t.Errorf("reports due before execution: %v", got)
	}
	probs := Check(c, RecordReport, kotaAdmin, Input{}, p, now0)
	if len(probs) != 1 || probs[0].Field != "doc_ref" {
		t.Errorf("a report without its number: %v", probs)
	}
	c = withoutDoc(c, DocLaporan)
	found := false
	for _, pr := range Check(c, RecordReport, kotaAdmin, Input{DocRef: "LAP-2"}, p, now0) {
		found = found || pr.Msg == "coop.doc_missing"
	}
	if !found {
		t.Error("a report without the report on file")
	}
}

// A cooperation says whom it waits for: at the KB, the parties yet to
// sign; at the DPRD, the party whose DPRD must decide.
func TestAwaiting(t *testing.T) {
	c := at(wajib(), PenyusunanKB)
	c.Parties[0].KB = sig(false)
	got := Awaiting(c)
	if len(got) != 1 || got[0].Name != SignKB || len(got[0].Parties) != 1 || got[0].Parties[0] != "Kab. Bandung" {
		t.Errorf("at the KB: %+v", got)
	}
	d := at(wajib(), MenungguDPRD)
	d.Parties[1].NotBudgeted, d.Parties[1].DPRD = true, DPRDPending
	var names []TransitionName
	var dprd Awaited
	for _, w := range Awaiting(d) {
		names = append(names, w.Name)
		if w.Name == RecordDPRD {
			dprd = w
		}
	}
	if len(dprd.Parties) != 1 || dprd.Parties[0] != "Kab. Bandung" || slices.Contains(names, Amend) {
		t.Errorf("at the DPRD: %v, record_dprd %+v", names, dprd)
	}
}

// A ministry has no users: the initiating team is offered its answer and,
// once its own signature is in, the ministry's.
func TestAvailableForUserlessParty(t *testing.T) {
	c := base(KindSinergi, kota(true), ministry())
	mk := c.Parties[1].Key()
	c.Stage = Penawaran
	find := func(opts []Option, name TransitionName) (Option, bool) {
		for _, o := range opts {
			if o.Name == name {
				return o, true
			}
		}
		return Option{}, false
	}
	in := Input{Calendar: weekdays{}}
	if o, ok := find(Available(c, kotaAdmin, in, Defaults(), now0), AcceptOffer); !ok || o.Party != mk {
		t.Errorf("the ministry's answer is not offered to the initiating team: %+v", o)
	}
	if _, ok := find(Available(c, otherRegion, in, Defaults(), now0), AcceptOffer); ok {
		t.Error("another region is offered the ministry's answer")
	}
}

// Once a foreign plan's DPRD has decided, deciding again is not offered.
func TestForeignDPRDDecidesOnce(t *testing.T) {
	f := run(t, foreignCoop(), Defaults(), now0, append(slices.Clone(foreignToDPRD), step{RecordDPRD, kotaAdmin, decided, MenungguDPRD}))
	for _, o := range Available(f, kotaAdmin, Input{Calendar: weekdays{}}, Defaults(), now0) {
		if o.Name == RecordDPRD || o.Name == RejectDPRD || o.Name == DeemDPRD {
			t.Errorf("%s offered after the DPRD decided", o.Name)
		}
	}
}

// A KSDPK whose study was not recorded in preparation is not stuck at the
// KB: the initiating side records the study, then signs.
func TestStudyRecordedAfterPreparation(t *testing.T) {
	c := ksdpk()
	c.FeasibilityStudy = nil
	c.Stage = PenyusunanKB
	tp := c.Parties[1].Key()
	has := func(probs []Problem, rule string) bool {
		return slices.ContainsFunc(probs, func(p Problem) bool { return p.Rule == rule })
	}
	sign := Input{Signature: sig(false), DPRD: noDPRD}
	if !has(Check(c, SignKB, kotaAdmin, sign, Defaults(), now0), "V-08") {
		t.Fatal("KB signed without the study")
	}
	if probs := Check(c, RecordStudy, tpUser, Input{}, Defaults(), now0); !slices.ContainsFunc(probs, func(p Problem) bool { return p.Field == "feasibility" }) {
		t.Errorf("a study step without the study: %v", probs)
	}
	study := &Feasibility{Record{"SK-FS-1", D(2023, 7, 1)}, tp, true, true, true}
	c = run(t, c, Defaults(), now0, []step{{RecordStudy, tpUser, func(in *Input) { in.Study = study }, PenyusunanKB}})
	if c.FeasibilityStudy == nil || c.FeasibilityStudy.Ref != "SK-FS-1" {
		t.Fatalf("study not recorded: %+v", c.FeasibilityStudy)
	}
	if has(Check(c, SignKB, kotaAdmin, sign, Defaults(), now0), "V-08") {
		t.Error("V-08 still refuses after the study is recorded")
	}
}

// TestForeignMinisterialDocuments: the LoI is signed after the Ministers'
// written response to the consultation (PMDN25 Pasal 13–14), and the
// verification ends in the Minister's written consideration either way
// (Pasal 19(3)); without the document on file the step is refused, naming it.
func TestForeignMinisterialDocuments(t *testing.T) {
	for _, tt := range []struct {
		t     TransitionName
		stage Stage
		a     access.Actor
		doc   DocType
	}{
		{SignLoI, KonsultasiLoI, kotaAdmin, DocTanggapanLoI},
		{ApproveDrafting, Verifikasi, national, DocPertimbanganMen},
		{ReturnPlan, Verifikasi, national, DocPertimbanganMen},
	} {
		c := foreignCoop()
		c.Stage = tt.stage
		in := facts()
		in.Signature, in.Reason = sig(false), "perbaiki sasaran"
		missing := func(c Cooperation) bool {
			return slices.ContainsFunc(Check(c, tt.t, tt.a, in, Defaults(), now0), func(p Problem) bool {
				return p.Msg == "coop.doc_missing" && len(p.Args) == 1 && p.Args[0] == string(tt.doc)
			})
		}
		if missing(c) {
			t.Errorf("%s with the %s on file: refused for it", tt.t, tt.doc)
		}
		if !missing(withoutDoc(c, tt.doc)) {
			t.Errorf("%s without the %s: not refused for it", tt.t, tt.doc)
		}
	}
}

// TestSinergiDocuments: a Sinergi offer carries the draft NK (the NK is
// signed only later), and the last signature needs the NK signed by every
// party on file, as the KB's does.
func TestSinergiDocuments(t *testing.T) {
	c := base(KindSinergi, kota(true), ministry())
	c.Stage = SiapDitawarkan
	in := facts()
	has := func(c Cooperation, name TransitionName, a access.Actor, in Input, msg string, doc DocType) bool {
		return slices.ContainsFunc(Check(c, name, a, in, Defaults(), now0), func(p Problem) bool {
			return p.Msg == msg && len(p.Args) == 1 && p.Args[0] == string(doc)
		})
	}
	if has(withoutDoc(c, DocNotaKesepakatan), SendOffer, kotaAdmin, in, "coop.doc_missing", DocNotaKesepakatan) {
		t.Error("the offer asks for the signed NK")
	}
	if !has(withoutDoc(c, DocDraftNK), SendOffer, kotaAdmin, in, "coop.doc_missing", DocDraftNK) {
		t.Error("the offer does not ask for the draft NK")
	}
	c = run(t, c, Defaults(), now0, []step{
		{SendOffer, kotaAdmin, nil, Penawaran},
		{AcceptOffer, kotaAdmin, func(in *Input) { in.Party = ministry().Key() }, PenyusunanNK},
	})
	in.Signature = sig(false)
	if has(withoutDoc(c, DocNotaKesepakatan), SignNK, kotaAdmin, in, "coop.doc_missing_final", DocNotaKesepakatan) {
		t.Error("the first signature asks for the NK signed by all")
	}
	in.Party = ministry().Key()
	c = run(t, c, Defaults(), now0, []step{{SignNK, national, func(in *Input) { in.Party, in.Signature = ministry().Key(), sig(false) }, PenyusunanNK}})
	in.Party = ""
	if !has(withoutDoc(c, DocNotaKesepakatan), SignNK, kotaAdmin, in, "coop.doc_missing_final", DocNotaKesepakatan) {
		t.Error("the last signature does not ask for the NK signed by all")
	}
}

// TestActingFor: a party without accounts is offered to act for only on
// its own acts (the foreign partner's signature), not on a step the actor
// takes for itself whatever party it names (the Gubernur's forwarding).
func TestActingFor(t *testing.T) {
	c := foreignCoop()
	names := func(ps []Party) []string {
		var out []string
		for _, p := range ps {
			out = append(out, p.Name)
		}
		return out
	}
	c.Stage = DiajukanKeMenteri
	c.Deadlines = []Deadline{{Name: PGovernorForward, Start: D(2024, 3, 1), Due: D(2024, 3, 8)}}
	if got := ActingFor(c, ForwardByGovernor, provAdmin, facts(), Defaults(), now0); len(got) != 0 {
		t.Errorf("the Gubernur's forwarding offered on behalf of %v", names(got))
	}
	c.Stage = PersetujuanMenteri
	if got := names(ActingFor(c, SignNaskah, kotaAdmin, facts(), Defaults(), now0)); !slices.Equal(got, []string{"Braunschweig"}) {
		t.Errorf("the foreign partner's signature: offered for %v", got)
	}
}

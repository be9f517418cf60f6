package cooperation

import (
	"slices"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
)

func at(c Cooperation, s Stage) Cooperation { c.Stage = s; return c }

func TestForbidden(t *testing.T) {
	p := Defaults()
	signing := at(wajib(), PenyusunanKB)
	signed := signing
	signed.Parties = append([]Party(nil), signing.Parties...)
	signed.Parties[0].KB = sig(false)
	cases := []struct {
		name string
		c    Cooperation
		t    TransitionName
		a    access.Actor
		in   func(*Input)
		code jalin.Code
		rule string
	}{
		{"wrong stage", wajib(), SendOffer, kotaAdmin, nil, jalin.EInvalid, RuleStage},
		{"unknown transition for kind", wajib(), SignNaskah, kotaAdmin, nil, jalin.EInvalid, RuleStage},
		{"viewer never acts", wajib(), TKKSDReview, kotaViewer, nil, jalin.EForbidden, RuleActor},
		{"analyst never acts", wajib(), TKKSDReview, analyst, nil, jalin.EForbidden, RuleActor},
		{"partner may not prepare", wajib(), TKKSDReview, kabMember, nil, jalin.EForbidden, RuleActor},
		{"province supervises, does not sign for its kota", signing, SignKB, provAdmin, withSig(false, noDPRD), jalin.EForbidden, RuleActor},
		{"unrelated region", wajib(), TKKSDReview, otherRegion, nil, jalin.ENotFound, ""},
		{"third party of another org", at(ksdpk(), Penawaran), AcceptOffer, tpOther, nil, jalin.ENotFound, ""},
		{"initiator cannot answer its own offer", at(wajib(), Penawaran), AcceptOffer, kotaAdmin, nil, jalin.EForbidden, RuleActor},
		{"PKS before KB", signing, SignPKS, kotaAdmin, withSig(false, nil), jalin.EInvalid, RuleStage},
		{"signing twice", signed, SignKB, kotaAdmin, withSig(false, noDPRD), jalin.EInvalid, RuleOrder},
		{"national admin is not a party", signing, SignKB, national, withSig(false, noDPRD), jalin.EForbidden, RuleActor},
		{"anonymous", wajib(), TKKSDReview, access.Anonymous, nil, jalin.ENotFound, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := facts()
			if tc.in != nil {
				tc.in(&in)
			}
			_, _, err := Apply(tc.c, tc.t, tc.a, in, p, now0)
			if code(err) != tc.code {
				t.Fatalf("code %q, want %q (%v)", code(err), tc.code, err)
			}
			if tc.rule != "" && rules(refusal(t, err))[tc.rule] == 0 {
				t.Errorf("no %s problem in %v", tc.rule, refusal(t, err))
			}
		})
	}
}

// vcase checks one V-rule once failing and once passing.
type vcase struct {
	rule string
	c    Cooperation
	t    TransitionName
	a    access.Actor
	in   func(*Input)
	now  time.Time
	p    func(*Params)
}

func TestVRules(t *testing.T) {
	mod := func(c Cooperation, f func(*Cooperation)) Cooperation {
		c.Parties = append([]Party(nil), c.Parties...)
		f(&c)
		return c
	}
	noBorders := func(in *Input) { in.Borders = func(a, b string) bool { return false } }
	three := base(KindWajib, kota(true), kab(), Party{Kind: PartyRegion, Region: "32.77", Name: "Cimahi"})
	chain := func(in *Input) { // 32.73–32.04 and 32.04–32.77 border, 32.73–32.77 not
		in.Borders = func(a, b string) bool { return a == "32.04" || b == "32.04" }
	}
	kbStage, pksStage := at(wajib(), PenyusunanKB), at(wajib(), PenyusunanPKS)
	pkAt := func(s Stage) Cooperation { return at(ksdpk(), s) }
	loi := at(foreignCoop(), LoIDitandatangani)
	loi.LoISignedOn = D(2023, 3, 1)
	exec := at(foreignCoop(), Pelaksanaan)
	pairs := []struct {
		name       string
		fail, pass vcase
	}{
		{"V-01 kind", vcase{rule: "V-01", c: mod(wajib(), func(c *Cooperation) { c.Kind = "ksdx" }), t: TKKSDReview},
			vcase{rule: "V-01", c: wajib(), t: TKKSDReview}},
		{"V-01 sinergi parties", vcase{rule: "V-01", c: base(KindSinergi, kota(true), kab()), t: TKKSDReview},
			vcase{rule: "V-01", c: base(KindSinergi, kota(true), ministry()), t: TKKSDReview}},
		{"V-02 pair", vcase{rule: "V-02", c: wajib(), t: TKKSDReview, in: noBorders},
			vcase{rule: "V-02", c: wajib(), t: TKKSDReview}},
		{"V-02 3+ every pair", vcase{rule: "V-02", c: three, t: TKKSDReview, in: chain, p: func(p *Params) {
			v := p.Values[PWajibBordering]
			v.Text = BorderEveryPair
			p.Values[PWajibBordering] = v
		}}, vcase{rule: "V-02", c: three, t: TKKSDReview, in: chain}},
		{"V-03", vcase{rule: "V-03", c: base(KindSukarela, kota(true), pt(false)), t: TKKSDReview},
			vcase{rule: "V-03", c: base(KindSukarela, kota(true), kab()), t: TKKSDReview}},
		{"V-04", vcase{rule: "V-04", c: mod(ksdpk(), func(c *Cooperation) { c.Parties[1] = ministry(); c.Parties[0].Initiator = true }), t: TKKSDReview},
			vcase{rule: "V-04", c: ksdpk(), t: TKKSDReview}},
		{"V-05", vcase{rule: "V-05", c: mod(wajib(), func(c *Cooperation) { c.Urusan = []string{"9.99"} }), t: TKKSDReview},
			vcase{rule: "V-05", c: wajib(), t: TKKSDReview}},
		{"V-06", vcase{rule: "V-06", c: mod(wajib(), func(c *Cooperation) { c.InPlans = false }), t: TKKSDReview},
			vcase{rule: "V-06", c: mod(wajib(), func(c *Cooperation) { c.InPlans, c.Justification = false, JustDarurat }), t: TKKSDReview}},
		{"V-07", vcase{rule: "V-07", c: mod(wajib(), func(c *Cooperation) { c.TechCoordination.Level = ForumNational }), t: TKKSDReview},
			vcase{rule: "V-07", c: wajib(), t: TKKSDReview}},
		{"TKKSD consideration", vcase{rule: RuleTKKSD, c: wajib(), t: TKKSDReview, in: considered(false)},
			vcase{rule: RuleTKKSD, c: wajib(), t: TKKSDReview, in: considered(true)}},
		{"TKKSD consideration, Sinergi", vcase{rule: RuleTKKSD, c: base(KindSinergi, kota(true), ministry()), t: TKKSDReview, in: considered(false)},
			vcase{rule: RuleTKKSD, c: base(KindSinergi, kota(true), ministry()), t: TKKSDReview, in: considered(true)}},
		{"TKKSD consideration, sukarela", vcase{rule: RuleTKKSD, c: base(KindSukarela, kota(true), kab()), t: TKKSDReview, in: considered(false)},
			vcase{rule: RuleTKKSD, c: base(KindSukarela, kota(true), kab()), t: TKKSDReview, in: considered(true)}},
		{"TKKSD consideration, KSDPK", vcase{rule: RuleTKKSD, c: ksdpk(), t: TKKSDReview, in: considered(false)},
			vcase{rule: RuleTKKSD, c: ksdpk(), t: TKKSDReview, in: considered(true)}},
		{"V-07 TKKSD mapping", vcase{rule: "V-07", c: wajib(), t: TKKSDReview, in: mappedOnly("32.73")},
			vcase{rule: "V-07", c: wajib(), t: TKKSDReview, in: mappedOnly("32.73", "32.04")}},
		{"V-08", vcase{rule: "V-08", c: mod(pkAt(PenyusunanKB), func(c *Cooperation) {
			c.FeasibilityStudy = &Feasibility{Record: Record{"S", D(2023, 1, 1)}, Author: "32.73"}
		}), t: SignKB, a: tpUser, in: withSig(false, nil)},
			vcase{rule: "V-08", c: pkAt(PenyusunanKB), t: SignKB, a: tpUser, in: withSig(false, nil)}},
		{"V-08 stage parameter", vcase{rule: "V-08", c: mod(ksdpk(), func(c *Cooperation) { c.FeasibilityStudy = nil }), t: TKKSDReview, p: func(p *Params) {
			v := p.Values[PFeasibilityBefore]
			v.Text = string(TKKSDReview)
			p.Values[PFeasibilityBefore] = v
		}}, vcase{rule: "V-08", c: mod(ksdpk(), func(c *Cooperation) { c.FeasibilityStudy = nil }), t: TKKSDReview}},
		{"V-09", vcase{rule: "V-09", c: mod(pkAt(PenyusunanPKS), func(c *Cooperation) { c.Clauses.Sanctions = false }), t: SignPKS, in: withSig(false, nil)},
			vcase{rule: "V-09", c: pkAt(PenyusunanPKS), t: SignPKS, in: withSig(false, nil)}},
		{"V-10 KB by kuasa", vcase{rule: "V-10", c: kbStage, t: SignKB, in: withSig(true, noDPRD)},
			vcase{rule: "V-10", c: pksStage, t: SignPKS, in: withSig(true, nil)}},
		{"V-10 LoI by kuasa", vcase{rule: "V-10", c: at(foreignCoop(), KonsultasiLoI), t: SignLoI, in: withSig(true, nil)},
			vcase{rule: "V-10", c: at(foreignCoop(), KonsultasiLoI), t: SignLoI, in: withSig(false, nil)}},
		{"V-11", vcase{rule: "V-11", c: mod(pksStage, func(c *Cooperation) { c.Parties[1].BurdensCommunity, c.Parties[1].DPRD = true, DPRDPending }), t: SignPKS, in: withSig(false, nil)},
			vcase{rule: "V-11", c: mod(pksStage, func(c *Cooperation) { c.Parties[1].BurdensCommunity, c.Parties[1].DPRD = true, DPRDApproved }), t: SignPKS, in: withSig(false, nil)}},
		{"V-12 forwarded KSDLL", vcase{rule: "V-12", c: mod(at(foreignCoop(), RencanaKerjaSama), func(c *Cooperation) {
			c.Kind, c.Forwarded, c.LoISignedOn = KindKSDLL, true, D(2024, 1, 1)
			c.Parties[1].Kind = PartyForeignInstitution
		}), t: RequestDPRD},
			vcase{rule: "V-12", c: mod(at(foreignCoop(), RencanaKerjaSama), func(c *Cooperation) { c.LoISignedOn = D(2024, 1, 1) }), t: RequestDPRD}},
		{"V-13", vcase{rule: "V-13", c: at(wajib(), Pelaksanaan), t: AttachSecr, in: func(in *Input) { in.DocRef = "SK" }},
			vcase{rule: "V-13", c: mod(at(three, Pelaksanaan), func(c *Cooperation) { c.Continuous = true; c.EndDate = D(2029, 4, 1) }), t: AttachSecr, in: func(in *Input) { in.DocRef = "SK" }}},
		{"V-14", vcase{rule: "V-14", c: mod(wajib(), func(c *Cooperation) { c.EndDate = D(2030, 1, 1) }), t: TKKSDReview},
			vcase{rule: "V-14", c: wajib(), t: TKKSDReview}},
		{"V-15", vcase{rule: "V-15", c: loi, t: DraftPlan},
			vcase{rule: "V-15", c: loi, t: LapseLoI}},
		{"V-16", vcase{rule: "V-16", c: exec, t: Extend, in: func(in *Input) { in.NewEndDate, in.DocRef = D(2031, 1, 1), "A" }, now: time.Date(2029, 8, 1, 0, 0, 0, 0, wib)},
			vcase{rule: "V-16", c: exec, t: Extend, in: func(in *Input) { in.NewEndDate, in.DocRef = D(2031, 1, 1), "A" }, now: time.Date(2029, 6, 1, 0, 0, 0, 0, wib)}},
		{"V-17", vcase{rule: "V-17", c: mod(at(foreignCoop(), DiajukanKeMenteri), func(c *Cooperation) { c.Documents = nil; c.GovernorForwarded = true; c.Parties[0].DPRD = DPRDApproved }), t: Verify, a: national},
			vcase{rule: "V-17", c: mod(at(foreignCoop(), DiajukanKeMenteri), func(c *Cooperation) { c.GovernorForwarded = true; c.Parties[0].DPRD = DPRDApproved }), t: Verify, a: national}},
		{"V-18", vcase{rule: "V-18", c: at(wajib(), Pelaksanaan), t: Terminate, in: func(in *Input) { in.EndReason = EndChangeOfHead }},
			vcase{rule: "V-18", c: at(wajib(), Pelaksanaan), t: Terminate, in: func(in *Input) { in.EndReason = EndPolicyChange }}},
		{"V-19", vcase{rule: "V-19", c: pkAt(Pelaksanaan), t: RecordResult, in: func(in *Input) { in.Result = &Result{Money: true} }},
			vcase{rule: "V-19", c: pkAt(Pelaksanaan), t: RecordResult, in: func(in *Input) { in.Result = &Result{Ref: "ASET-9"} }}},
		{"V-20", vcase{rule: "V-20", c: at(wajib(), SiapDitawarkan), t: SendOffer, in: func(in *Input) { in.Calendar = nil }},
			vcase{rule: "V-20", c: at(wajib(), SiapDitawarkan), t: SendOffer}},
		{"V-22", vcase{rule: "V-22", c: mod(wajib(), func(c *Cooperation) { c.Parties[0].Liaisons = c.Parties[0].Liaisons[:1] }), t: TKKSDReview},
			vcase{rule: "V-22", c: wajib(), t: TKKSDReview}},
	}
	for _, pr := range pairs {
		t.Run(pr.name, func(t *testing.T) {
			for i, vc := range []vcase{pr.fail, pr.pass} {
				p := Defaults()
				if vc.p != nil {
					vc.p(&p)
				}
				a := vc.a
				if a.UserID == 0 {
					a = kotaAdmin
				}
				when := vc.now
				if when.IsZero() {
					when = now0
				}
				in := facts()
				if vc.in != nil {
					vc.in(&in)
				}
				ps := Check(vc.c, vc.t, a, in, p, when)
				if got := rules(ps)[vc.rule] > 0; got != (i == 0) {
					t.Errorf("case %d (fail=%v): %s problems %v", i, i == 0, vc.rule, ps)
				}
			}
		})
	}
}

// mappedOnly supplies the TKKSD mapping fact: the given regions have
// mapped every urusan, the others none.
func mappedOnly(regions ...string) func(*Input) {
	return func(in *Input) {
		in.Mapped = func(r, _ string) bool { return slices.Contains(regions, r) }
	}
}

// considered supplies the TKKSD consideration fact: Kota Bandung's team
// has (or has not) recommended going on from preparation.
func considered(ok bool) func(*Input) {
	return func(in *Input) {
		in.Considered = func(r string, st Stage) bool { return ok && r == "32.73" && st == Persiapan }
	}
}

// TestTKKSDConsiderationStages pins where the lifecycle asks for the
// TKKSD's favourable consideration (docs/decisions/0007-tkksd.md): the
// review that releases a KSDD, KSDPK or Sinergi from preparation
// (REGULATION.md §3 row a and the Sinergi practice of §3, "TKKSD
// evaluation → NK + RK signed", both [S]), and nowhere else. Rows c and f
// (the KB and PKS drafts discussed in the TKKSD) have no decision, and the
// foreign lifecycle of Permendagri 25/2020 (§12, [C]) names no TKKSD step.
func TestTKKSDConsiderationStages(t *testing.T) {
	want := map[Kind][]TransitionName{
		KindWajib: {TKKSDReview}, KindSukarela: {TKKSDReview}, KindKSDPK: {TKKSDReview}, KindSinergi: {TKKSDReview},
		KindKSDPL: nil, KindKSDLL: nil,
	}
	for k, names := range want {
		tab := Table(k)
		if len(tab) == 0 {
			t.Fatalf("kind %s has no table", k)
		}
		var got []TransitionName
		for _, tr := range tab {
			for _, g := range tr.Guards {
				if g.Rule == RuleTKKSD {
					got = append(got, tr.Name)
				}
			}
		}
		if !slices.Equal(got, names) {
			t.Errorf("kind %s: the TKKSD consideration guards %v, want %v", k, got, names)
		}
	}
}

// A party's document is filed by that party; a joint one by anyone who may
// upload; a party without accounts by the initiating team or the ministry.
func TestMayFileFor(t *testing.T) {
	c := wajib()
	kotaKey, kabKey := c.Parties[0].Key(), c.Parties[1].Key()
	for _, tc := range []struct {
		a     access.Actor
		party string
		want  bool
	}{
		{kotaAdmin, "", true},
		{kotaAdmin, kotaKey, true},
		{kotaAdmin, kabKey, false},
		{kabMember, kabKey, true},
		{kabMember, kotaKey, false},
		{provAdmin, kotaKey, false},
		{provAdmin, "", true},
		{national, kabKey, false},
		{kotaAdmin, "region:99.99", false},
	} {
		if got := MayFileFor(tc.a, c, tc.party); got != tc.want {
			t.Errorf("%s for %q: %v, want %v", tc.a.Name, tc.party, got, tc.want)
		}
	}
	s := base(KindSinergi, kota(true), ministry())
	mk := s.Parties[1].Key()
	if !MayFileFor(kotaAdmin, s, mk) || !MayFileFor(national, s, mk) || MayFileFor(kabMember, s, mk) {
		t.Error("a ministry's document: the initiating team and the national admin file it, nobody else")
	}
	if got := FilingParties(kabMember, c); len(got) != 1 || got[0] != kabKey {
		t.Errorf("FilingParties(kab) = %v", got)
	}
}

// Execution rests on the signed PKS: an addendum or an extension needs it
// on file (REGULATION.md §3 h).
func TestChangesNeedSignedPKS(t *testing.T) {
	c := at(wajib(), Pelaksanaan)
	c = withoutDoc(c, DocPKS)
	for _, tc := range []struct {
		name TransitionName
		in   Input
	}{
		{Amend, Input{Reason: "lokasi", DocRef: "ADD-1"}},
		{Extend, Input{NewEndDate: D(2030, 4, 1), DocRef: "ADD-2"}},
	} {
		found := false
		for _, pr := range Check(c, tc.name, kotaAdmin, tc.in, Defaults(), now0) {
			found = found || pr.Msg == "coop.doc_missing" && len(pr.Args) == 1 && pr.Args[0] == string(DocPKS)
		}
		if !found {
			t.Errorf("%s without the signed PKS is not refused by V-17", tc.name)
		}
	}
}

// One party's word does not end or extend a cooperation of several: an
// ending by agreement names the agreement, an extension needs the signed
// addendum; and a region asks only its own DPRD.
func TestAgreementsOfTheParties(t *testing.T) {
	c := at(wajib(), Pelaksanaan)
	has := func(probs []Problem, key string) bool {
		for _, pr := range probs {
			if pr.Msg == key {
				return true
			}
		}
		return false
	}
	if !has(Check(c, Terminate, kotaAdmin, Input{EndReason: EndMutualAgreement}, Defaults(), now0), "coop.v18_agreement_ref") {
		t.Error("ending by agreement without the agreement")
	}
	if has(Check(c, Terminate, kotaAdmin, Input{EndReason: EndMutualAgreement, DocRef: "KSP-1"}, Defaults(), now0), "coop.v18_agreement_ref") ||
		has(Check(c, Terminate, kotaAdmin, Input{EndReason: EndGoalAchieved}, Defaults(), now0), "coop.v18_agreement_ref") {
		t.Error("an agreement is asked where it is given, or for another reason")
	}
	c = withoutDoc(c, DocAddendum)
	probs := Check(c, Extend, kotaAdmin, Input{NewEndDate: D(2030, 4, 1), DocRef: "ADD-2"}, Defaults(), now0)
	if !has(probs, "coop.doc_missing") {
		t.Errorf("an extension without the addendum: %v", probs)
	}

	d := at(wajib(), KBDitandatangani)
	d.Parties[1].NotBudgeted, d.Parties[1].DPRDAssessed = true, true // only Kab. Bandung needs its DPRD
	if !has(Check(d, RequestDPRD, kotaAdmin, Input{}, Defaults(), now0), "coop.v11_dprd_not_own") {
		t.Error("Kota Bandung asks a DPRD approval only Kab. Bandung needs")
	}
	if has(Check(d, RequestDPRD, kabMember, Input{}, Defaults(), now0), "coop.v11_dprd_not_own") {
		t.Error("Kab. Bandung may not ask its own DPRD")
	}
}

// An empty extension form is told both what it lacks.
func TestExtensionNamesEveryGap(t *testing.T) {
	fields := map[string]bool{}
	for _, pr := range Check(at(wajib(), Pelaksanaan), Extend, kotaAdmin, Input{}, Defaults(), now0) {
		fields[pr.Field] = true
	}
	if !fields["new_end_date"] || !fields["doc_ref"] {
		t.Errorf("empty extension: fields named %v", fields)
	}
}

func TestHeadOfRegionOffice(t *testing.T) {
	for office, want := range map[string]bool{
		"Wali Kota Bandung": true, "Walikota Surabaya": true, "Bupati Bandung": true, "Gubernur Jawa Barat": true,
		"Pj. Bupati Bekasi": true, "Plt. Wali Kota Medan": true, "Penjabat Gubernur DKI Jakarta": true, "bupati  sleman": true,
		"Wakil Bupati Bandung": false, "Sekretaris Daerah": false, "Kepala Bagian Kerja Sama": false, "Bupatiku": false, "": false,
	} {
		if got := HeadOfRegionOffice(office); got != want {
			t.Errorf("HeadOfRegionOffice(%q) = %v, want %v", office, got, want)
		}
	}
	c := at(wajib(), PenyusunanKB)
	s := sig(false)
	s.Office = "Kepala Bagian Kerja Sama"
	probs := Check(c, SignKB, kotaAdmin, Input{Signature: s, DPRD: noDPRD}, Defaults(), now0)
	if !slices.ContainsFunc(probs, func(p Problem) bool { return p.Msg == "coop.v10_not_head" }) {
		t.Errorf("a KB signed by a head of section: %v", probs)
	}
}

// The agreement signed by every party is on file before the last
// signature moves the cooperation on; the first signature needs only the
// draft.
func TestLastSignatureNeedsTheSignedAgreement(t *testing.T) {
	c := at(wajib(), PenyusunanKB)
	c = withoutDoc(c, DocKB)
	in := Input{Signature: sig(false), DPRD: noDPRD}
	final := func(probs []Problem) bool {
		return slices.ContainsFunc(probs, func(p Problem) bool { return p.Msg == "coop.doc_missing_final" })
	}
	if final(Check(c, SignKB, kotaAdmin, in, Defaults(), now0)) {
		t.Error("the first signature asks for the signed KB")
	}
	c.Parties[1].KB = sig(false)
	if !final(Check(c, SignKB, kotaAdmin, in, Defaults(), now0)) {
		t.Error("the last signature does not ask for the signed KB")
	}
}

package cooperation

import (
	"slices"
	"strings"
)

// v10: who may sign (V-10). The Kepala Daerah may delegate by surat kuasa
// only the signing of the perjanjian kerja sama / kontrak (PP 28/2018
// Pasal 2(2), 13(2)); the KB and NK (as applied by Yogyakarta [S]) and the
// LoI and Naskah (PMDN25 Pasal 14(4), 25(1)) are signed by the Kepala
// Daerah himself. The rule binds regions; other parties sign as they are
// represented.
var v10 = Guard{"V-10", func(x *ctx) []Problem {
	s := x.in.Signature
	if s == nil || s.SignerName == "" || s.Office == "" {
		return []Problem{prob(RuleInput, "coop.signature_missing", "signature")}
	}
	if x.party < 0 || x.c.Parties[x.party].Kind != PartyRegion {
		return nil
	}
	if !s.ByKuasa {
		// Without a surat kuasa the region's head signs: his office must
		// say so (an acting head included).
		if !HeadOfRegionOffice(s.Office) {
			return []Problem{prob("V-10", "coop.v10_not_head", "signature", s.Office)}
		}
		return nil
	}
	if x.t.Name != SignPKS {
		return []Problem{prob("V-10", "coop.v10_kuasa_not_allowed", "signature", string(x.t.Name))}
	}
	if s.KuasaRef == "" || !x.c.HasDoc(DocSuratKuasa, x.partyKey()) {
		return []Problem{prob("V-10", "coop.v10_kuasa_missing", "signature")}
	}
	return nil
}}

// v11Assess: each region says, when it signs the KB, whether the plan
// burdens the community and the region or is not yet budgeted in this
// year's APBD (PP 28/2018 Pasal 6(2)); that sets its own DPRD flag (per
// region: an inference, [S]).
var v11Assess = Guard{"V-11", func(x *ctx) []Problem {
	if x.party >= 0 && x.c.Parties[x.party].Kind == PartyRegion && x.in.DPRD == nil {
		return []Problem{prob(RuleInput, "coop.v11_assessment_missing", "dprd")}
	}
	return nil
}}

// dprdParties lists the parties whose DPRD must approve (V-11).
func (c Cooperation) dprdParties() []int {
	var out []int
	for i, p := range c.Parties {
		if p.Kind == PartyRegion && p.RequiresDPRD() {
			out = append(out, i)
		}
	}
	return out
}

// v11NoneRequired: the PKS may be drafted straight after the KB only when
// no party needs its DPRD.
var v11NoneRequired = Guard{"V-11", func(x *ctx) []Problem {
	var out []Problem
	for _, i := range x.c.dprdParties() {
		out = append(out, prob("V-11", "coop.v11_dprd_required", "dprd", x.c.Parties[i].Name))
	}
	return out
}}

// v11SomeRequired: asking the DPRD makes sense only if a party needs it,
// and it is that party's team that asks its own DPRD.
var v11SomeRequired = Guard{"V-11", func(x *ctx) []Problem {
	need := x.c.dprdParties()
	if len(need) == 0 {
		return []Problem{prob("V-11", "coop.v11_dprd_not_required", "dprd")}
	}
	if x.party >= 0 && !slices.Contains(need, x.party) {
		return []Problem{prob("V-11", "coop.v11_dprd_not_own", "dprd", x.c.Parties[x.party].Name)}
	}
	return nil
}}

// v11Approved: the PKS is signed only after every DPRD that must approve
// has approved (PP 28/2018 Pasal 6(2)).
var v11Approved = Guard{"V-11", func(x *ctx) []Problem {
	var out []Problem
	for _, i := range x.c.dprdParties() {
		if s := x.c.Parties[i].DPRD; s != DPRDApproved {
			out = append(out, prob("V-11", "coop.v11_dprd_not_approved", "dprd", x.c.Parties[i].Name))
		}
	}
	return out
}}

// foreignDPRD reports whether a foreign cooperation needs DPRD approval:
// always for KSDPL and the KSDLL "other form" (PP 28/2018 Pasal 30; PMDN25
// Pasal 16); for a KSDLL forwarding central cooperation the parameter
// decides (PP 28/2018 Pasal 38 vs PMDN25 Pasal 16; V-12).
func foreignDPRD(c Cooperation, p Params) bool {
	return c.Kind == KindKSDPL || !c.Forwarded || p.Bool(PDPRDForwardedKSDLL)
}

// dprdDecided: the acting party's DPRD is awaited and the decision is given.
var dprdDecided = Guard{"V-11", func(x *ctx) []Problem {
	var out []Problem
	// A per-party step (domestic) tells an approval already recorded by
	// its own Done; otherwise (foreign) only a pending DPRD may decide.
	if s := x.party; s >= 0 && x.c.Parties[s].DPRD != DPRDPending && (x.t.Step != nil && x.c.Parties[s].DPRD != DPRDApproved || x.t.Step == nil) {
		out = append(out, prob(RuleOrder, "coop.dprd_not_pending", "dprd", x.c.Parties[x.party].Name))
	}
	if !x.in.Decision.Present() {
		out = append(out, prob(RuleInput, "coop.dprd_decision_missing", "decision"))
	}
	return out
}}

// v12Required: a foreign DPRD request only where approval is required.
var v12Required = Guard{"V-12", func(x *ctx) []Problem {
	if !foreignDPRD(x.c, x.p) {
		return []Problem{prob("V-12", "coop.v12_dprd_not_required", "dprd")}
	}
	return nil
}}

// v12Approved: the plan goes to the Minister only with every region's
// DPRD approval, given or deemed (PMDN25 Pasal 16–19).
var v12Approved = Guard{"V-12", func(x *ctx) []Problem {
	if !foreignDPRD(x.c, x.p) {
		return nil
	}
	var out []Problem
	for _, i := range x.c.regionParties() {
		if s := x.c.Parties[i].DPRD; s != DPRDApproved && s != DPRDDeemed {
			out = append(out, prob("V-12", "coop.v12_dprd_not_approved", "dprd", x.c.Parties[i].Name))
		}
	}
	return out
}}

// v12Deemed: the DPRD that has not decided within 45 working days of
// receiving the request is deemed to approve (PMDN25 Pasal 17).
var v12Deemed = Guard{"V-12", func(x *ctx) []Problem {
	if x.party < 0 {
		return nil
	}
	p := x.c.Parties[x.party]
	if p.DPRD != DPRDPending || p.DPRDReceived.IsZero() {
		return []Problem{prob(RuleOrder, "coop.dprd_not_pending", "dprd", p.Name)}
	}
	if x.in.Calendar == nil {
		return []Problem{prob("V-20", "coop.calendar_missing", "", PDPRDForeign)}
	}
	due := x.p.dueDate(PDPRDForeign, p.DPRDReceived, x.in.Calendar)
	if !x.on().After(due) { // the deeming is dated after the 45 days
		return []Problem{prob("V-12", "coop.v12_deadline_not_passed", "dprd", due.String())}
	}
	return nil
}}

// loiExpiry is the first day the LoI no longer holds.
func loiExpiry(c Cooperation, p Params) Date { return c.LoISignedOn.AddMonths(p.Int(PLoIValidity)) }

// v15: an LoI holds at most one year from signing; later steps are blocked
// once it has lapsed (PMDN25 Pasal 13(3)).
var v15 = Guard{"V-15", func(x *ctx) []Problem {
	if x.c.LoISignedOn.IsZero() {
		return []Problem{prob("V-15", "coop.v15_loi_missing", "loi")}
	}
	if exp := loiExpiry(x.c, x.p); !x.today.Before(exp) {
		return []Problem{prob("V-15", "coop.v15_loi_expired", "loi", exp.String())}
	}
	return nil
}}

// v15Lapsed: a new LoI is sought only when the old one has lapsed.
var v15Lapsed = Guard{"V-15", func(x *ctx) []Problem {
	if exp := loiExpiry(x.c, x.p); !x.c.LoISignedOn.IsZero() && x.today.Before(exp) {
		return []Problem{prob("V-15", "coop.v15_loi_still_valid", "loi", exp.String())}
	}
	return nil
}}

// v16: a foreign extension is sent at least six months before the end
// (PMDN25 Pasal 33).
var v16 = Guard{"V-16", func(x *ctx) []Problem {
	latest := x.c.EndDate.AddMonths(-x.p.Int(PExtensionNotice))
	if x.on().After(latest) {
		return []Problem{prob("V-16", "coop.v16_too_late", "new_end_date", latest.String())}
	}
	return nil
}}

// offerOpen: an answer counts only until the deadline (the deadline
// itself is a parameter: REGULATION.md §3 b, [?]).
var offerOpen = Guard{RuleTime, func(x *ctx) []Problem {
	if dl, ok := x.c.OfferDeadline(); ok && x.on().After(dl.Due) { // the answer's own date
		return []Problem{prob(RuleTime, "coop.offer_lapsed", "answer", dl.Due.String())}
	}
	return nil
}}

// offerLapsed: the offer lapses only after the deadline with a partner
// still silent (§14.2: "no answer by [P] deadline").
var offerLapsed = Guard{RuleTime, func(x *ctx) []Problem {
	dl, ok := x.c.OfferDeadline()
	if !ok || !x.on().After(dl.Due) {
		return []Problem{prob(RuleTime, "coop.offer_not_lapsed", "answer", dl.Due.String())}
	}
	return nil
}}

// needReason: refusals, disputes and amendments say why.
var needReason = Guard{RuleInput, func(x *ctx) []Problem {
	if x.in.Reason == "" {
		return []Problem{prob(RuleInput, "coop.reason_missing", "reason")}
	}
	return nil
}}

// HeadOfRegionOffice reports whether office names a region's head, the
// Gubernur, Bupati or Wali Kota, also when acting (Penjabat, Pj., Pelaksana
// Tugas, Plt.), as the signer of a region's KB, NK, LoI or Naskah must be.
// A deputy (Wakil) is not the head.
func HeadOfRegionOffice(office string) bool {
	o := strings.ToLower(strings.Join(strings.Fields(office), " "))
	for _, acting := range []string{"penjabat ", "pj. ", "pj ", "pelaksana tugas ", "plt. ", "plt "} {
		o = strings.TrimPrefix(o, acting)
	}
	for _, head := range []string{"gubernur", "bupati", "wali kota", "walikota"} {
		if o == head || strings.HasPrefix(o, head+" ") {
			return true
		}
	}
	return false
}

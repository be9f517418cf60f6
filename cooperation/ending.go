package cooperation

import (
	"slices"

	"github.com/jalin-ksd/jalin/region"
)

// EndReason is why a cooperation ends (V-18).
type EndReason string

const (
	EndTermExpired        EndReason = "term_expired"
	EndGoalAchieved       EndReason = "goal_achieved"
	EndMutualAgreement    EndReason = "mutual_agreement"
	EndPolicyChange       EndReason = "policy_change"
	EndObjectLost         EndReason = "object_lost"
	EndCourtJudgment      EndReason = "court_judgment_final"
	EndPartnerBankrupt    EndReason = "partner_bankrupt"
	EndAgreementPerNaskah EndReason = "mutual_agreement_per_naskah"
	EndReplaced           EndReason = "replaced_by_new_agreement"
	// EndChangeOfHead is named only to be refused: a new Kepala Daerah or
	// signer does not end a KSDD or KSDPK (PP 28/2018 Pasal 9(2), 22(1)).
	EndChangeOfHead EndReason = "change_of_head"
)

// EndReasons lists the lawful reasons per kind: PP 28/2018 Pasal 9(1) for
// KSDD (and Sinergi, by analogy [S]), plus Pasal 22(2) for KSDPK, and
// PMDN25 Pasal 34 for foreign cooperation (whose term also runs out,
// Pasal 32).
func EndReasons(k Kind) []EndReason {
	ksdd := []EndReason{EndTermExpired, EndGoalAchieved, EndMutualAgreement, EndPolicyChange, EndObjectLost}
	switch {
	case k == KindKSDPK:
		return append(ksdd, EndCourtJudgment, EndPartnerBankrupt)
	case k.IsForeign():
		return []EndReason{EndTermExpired, EndAgreementPerNaskah, EndGoalAchieved, EndReplaced}
	}
	return ksdd
}

// TerminationReasons lists the reasons an early termination may give: the
// lawful ones of EndReasons but the end of the term, which the expiry step
// records by itself.
func TerminationReasons(k Kind) []EndReason {
	var out []EndReason
	for _, r := range EndReasons(k) {
		if r != EndTermExpired {
			out = append(out, r)
		}
	}
	return out
}

// v18: early termination needs a lawful reason other than the end of the
// term (which is "expire"); a change of head is refused by name.
var v18 = Guard{"V-18", func(x *ctx) []Problem {
	r := x.in.EndReason
	switch {
	case r == "":
		return []Problem{prob("V-18", "coop.v18_reason_missing", "end_reason")}
	case r == EndChangeOfHead:
		return []Problem{prob("V-18", "coop.v18_change_of_head", "end_reason")}
	case r == EndTermExpired:
		return []Problem{prob("V-18", "coop.v18_use_expire", "end_reason")}
	case !slices.Contains(EndReasons(x.c.Kind), r):
		return []Problem{prob("V-18", "coop.v18_reason_invalid", "end_reason", string(r))}
	}
	return nil
}}

// mutualAgreementRef: ending by the parties' agreement rests on that
// agreement, which the step names (PP 28/2018 Pasal 9(1)(c)); one party's
// word alone does not end a cooperation of several.
var mutualAgreementRef = Guard{"V-18", func(x *ctx) []Problem {
	if (x.in.EndReason == EndMutualAgreement || x.in.EndReason == EndAgreementPerNaskah) && x.in.DocRef == "" {
		return []Problem{prob("V-18", "coop.v18_agreement_ref", "doc_ref")}
	}
	return nil
}}

// termOver: a cooperation expires on its end date, not before.
var termOver = Guard{"V-18", func(x *ctx) []Problem {
	if x.c.EndDate.IsZero() || x.today.Before(x.c.EndDate) {
		return []Problem{prob("V-18", "coop.v18_term_not_over", "end_date", x.c.EndDate.String())}
	}
	return nil
}}

// extension: filed before the end date, later than it, and each period
// within the maximum term (V-14; the reading "each period at most the
// maximum" is ours, REGULATION.md §6).
var extension = Guard{"V-14", func(x *ctx) []Problem {
	c, n := x.c, x.in.NewEndDate
	var out []Problem
	if x.today.After(c.EndDate) {
		out = append(out, prob("V-14", "coop.extend_after_end", "new_end_date", c.EndDate.String()))
	}
	if n.IsZero() || !n.After(c.EndDate) {
		out = append(out, prob(RuleInput, "coop.extend_new_end", "new_end_date"))
	} else if y := x.p.Int(maxTermParam(c.Kind)); n.After(c.EndDate.AddMonths(12 * y)) {
		out = append(out, prob("V-14", "coop.v14_term_too_long", "new_end_date", y))
	}
	if x.in.DocRef == "" {
		out = append(out, prob(RuleInput, "coop.doc_ref_missing", "doc_ref"))
	}
	return out
}}

// Forum is who settles a dispute (G-5).
type Forum string

const (
	ForumGubernur     Forum = "gubernur"              // kab/kota within one province (UU 23/2014 Pasal 370(1))
	ForumMinister     Forum = "menteri"               // every other KSDD (Pasal 370(2)); final
	ForumContract     Forum = "contract"              // KSDPK: musyawarah, then the contract (PP 28/2018 Pasal 21)
	ForumConsultation Forum = "consultation_minister" // foreign: negotiation, then the Minister (PP 28/2018 Pasal 34, 41)
	ForumCentral      Forum = "central_coordination"  // Sinergi: not set by law [?]
)

// DisputeForum returns the competent forum for c.
func DisputeForum(c Cooperation) Forum {
	switch {
	case c.Kind == KindKSDPK:
		return ForumContract
	case c.Kind.IsForeign():
		return ForumConsultation
	case c.Kind == KindSinergi:
		return ForumCentral
	}
	if _, ok := c.sameProvinceRegencies(); ok {
		return ForumGubernur
	}
	return ForumMinister
}

// takeoverRecords: the takeover of an unexecuted mandatory cooperation
// follows pembinaan and evaluation; the Gubernur's needs the Minister's
// approval too (UU 23/2014 Pasal 364(3)–(4); PP 28/2018 Pasal 10–11; G-4).
var takeoverRecords = Guard{"G-4", func(x *ctx) []Problem {
	if x.c.Takeover != nil {
		return []Problem{prob(RuleOrder, "coop.takeover_done", "takeover")}
	}
	t := x.in.Takeover
	if t == nil {
		return []Problem{prob(RuleInput, "coop.takeover_missing", "takeover")}
	}
	var out []Problem
	if !t.Guidance.Present() {
		out = append(out, prob("G-4", "coop.takeover_guidance", "takeover"))
	}
	if !t.Evaluation.Present() {
		out = append(out, prob("G-4", "coop.takeover_evaluation", "takeover"))
	}
	if _, ok := x.c.sameProvinceRegencies(); ok && !t.MinisterApproval.Present() {
		out = append(out, prob("G-4", "coop.takeover_minister_approval", "takeover"))
	}
	return out
}}

// takeoverEffect records the takeover and who carried it out.
func takeoverEffect(x *ctx, c *Cooperation, data map[string]string) {
	t := *x.in.Takeover
	t.On = x.on()
	t.By = "central"
	if prov, ok := c.sameProvinceRegencies(); ok {
		t.By, t.Province = "governor", prov
	}
	c.Takeover = &t
	data["by"] = t.By
}

// isRegency is a helper for tables.
func isRegency(code string) bool { return region.LevelOf(code) == region.Regency }

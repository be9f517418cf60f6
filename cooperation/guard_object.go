package cooperation

import (
	"slices"

	"github.com/jalin-ksd/jalin/taxonomy"
)

// v05: the object is an urusan of the UU 23/2014 Pasal 12 catalogue and,
// where the caller knows the annex, of each region's authority (V-05; PP
// 28/2018 Pasal 4(1), 16(1)).
var v05 = Guard{"V-05", func(x *ctx) []Problem {
	c := x.c
	var out []Problem
	if len(c.Urusan) == 0 {
		out = append(out, prob("V-05", "coop.v05_urusan_missing", "urusan"))
	}
	for _, u := range c.Urusan {
		if _, ok := taxonomy.UrusanByCode(u); !ok {
			out = append(out, prob("V-05", "coop.v05_urusan_unknown", "urusan", u))
			continue
		}
		if x.in.Authority == nil {
			continue
		}
		for _, i := range c.regionParties() {
			if r := c.Parties[i].Region; !x.in.Authority(r, u) {
				out = append(out, prob("V-05", "coop.v05_not_authority", "urusan", u, r))
			}
		}
	}
	if c.Sector != "" {
		if _, ok := taxonomy.SectorByCode(c.Sector); !ok {
			out = append(out, prob("V-05", "coop.v05_sector_unknown", "sector", c.Sector))
		}
	}
	return out
}}

// Justifications are the three grounds PP 28/2018 Pasal 4(3) and 16(3)
// allow for an object outside the planning documents.
var Justifications = []Justification{JustDarurat, JustStrategisNasional, JustTugasPembantuan}

// v06: an object outside the RPJMD/RKPD needs one of the three grounds
// (V-06); one inside names the plan.
var v06 = Guard{"V-06", func(x *ctx) []Problem {
	c := x.c
	if c.InPlans {
		if c.PlanRef == "" {
			return []Problem{prob("V-06", "coop.v06_plan_ref_missing", "plan_ref")}
		}
		return nil
	}
	if !slices.Contains(Justifications, c.Justification) {
		return []Problem{prob("V-06", "coop.v06_justification", "justification", string(c.Justification))}
	}
	return nil
}}

// v07: a mandatory KSDD rests on a recorded mapping of affairs discussed in
// the technical-coordination forum of the right level (provincial for
// kab/kota of one province, national otherwise) and agreed by the heads
// (V-07, G-1; PP 28/2018 Pasal 5). Where the caller supplies the TKKSDs'
// mappings (Facts.Mapped), every party region's submitted mapping must
// record each urusan of the cooperation.
var v07 = Guard{"V-07", func(x *ctx) []Problem {
	c := x.c
	var out []Problem
	if !c.Mapping.Present() {
		out = append(out, prob("V-07", "coop.v07_mapping_missing", "mapping"))
	}
	if x.in.Mapped != nil {
		for _, i := range c.regionParties() {
			for _, u := range c.Urusan {
				if r := c.Parties[i].Region; !x.in.Mapped(r, u) {
					out = append(out, prob("V-07", "coop.v07_region_not_mapped", "mapping", u, r))
				}
			}
		}
	}
	want := ForumNational
	if _, ok := c.sameProvinceRegencies(); ok {
		want = ForumProvincial
	}
	tc := c.TechCoordination
	switch {
	case tc == nil || !tc.Present():
		out = append(out, prob("V-07", "coop.v07_coordination_missing", "tech_coordination", want))
	case tc.Level != want:
		out = append(out, prob("V-07", "coop.v07_coordination_level", "tech_coordination", tc.Level, want))
	case !tc.HeadsAgreed:
		out = append(out, prob("V-07", "coop.v07_heads_not_agreed", "tech_coordination"))
	}
	return out
}}

// domesticOrder is the order of the steps before execution, used to place
// the feasibility_before_stage parameter.
var domesticOrder = []TransitionName{TKKSDReview, SendOffer, AcceptOffer, SignKB, RequestDPRD, StartPKS, SignPKS}

// v08: a KSDPK is preceded by a feasibility study (UU 23/2014 Pasal
// 366(3)); the law does not say by which step, so the parameter
// feasibility_before_stage names the first step that needs it. A
// third-party initiative needs the three criteria of PP 28/2018 Pasal 18(1)
// and a study prepared by that third party (Pasal 18(2)).
var v08 = Guard{"V-08", func(x *ctx) []Problem {
	at := slices.Index(domesticOrder, x.t.Name)
	from := slices.Index(domesticOrder, TransitionName(x.p.Text(PFeasibilityBefore)))
	if at < 0 || from < 0 || at < from {
		return nil
	}
	c := x.c
	f := c.FeasibilityStudy
	if f == nil || !f.Present() || !c.HasDoc(DocStudiKelayakan, "") {
		return []Problem{prob("V-08", "coop.v08_study_missing", "feasibility")}
	}
	i := c.initiator()
	if i < 0 || c.Parties[i].Kind != PartyThirdParty {
		return nil
	}
	var out []Problem
	if f.Author != c.Parties[i].Key() {
		out = append(out, prob("V-08", "coop.v08_author_not_initiator", "feasibility"))
	}
	if !f.MasterPlanIntegration {
		out = append(out, prob("V-08", "coop.v08_master_plan", "feasibility"))
	}
	if !f.EconomicallyFeasible {
		out = append(out, prob("V-08", "coop.v08_economic", "feasibility"))
	}
	if !f.FinancialCapacity {
		out = append(out, prob("V-08", "coop.v08_capacity", "feasibility"))
	}
	return out
}}

// v09: the KSDPK contract has the four minimum clauses (UU 23/2014 Pasal
// 366(2); PP 28/2018 Pasal 19(2)).
var v09 = Guard{"V-09", func(x *ctx) []Problem {
	cl := x.c.Clauses
	var out []Problem
	for _, m := range []struct {
		ok   bool
		name string
	}{{cl.RightsObligations, "hak_kewajiban"}, {cl.Term, "jangka_waktu"},
		{cl.DisputeSettlement, "penyelesaian_perselisihan"}, {cl.Sanctions, "sanksi"}} {
		if !m.ok {
			out = append(out, prob("V-09", "coop.v09_clause_missing", "clauses", m.name))
		}
	}
	return out
}}

// maxTermParam is the V-14 parameter for c's kind.
func maxTermParam(k Kind) string {
	if k.IsForeign() {
		return PMaxTermForeign
	}
	return PMaxTermDomestic
}

// v14: the term has a start and end and does not exceed the maximum (V-14;
// PMDN25 Pasal 32(1) for foreign; a parameter for the others).
var v14 = Guard{"V-14", func(x *ctx) []Problem {
	c := x.c
	if c.StartDate.IsZero() || c.EndDate.IsZero() || !c.EndDate.After(c.StartDate) {
		return []Problem{prob("V-14", "coop.v14_term_missing", "end_date")}
	}
	years := x.p.Int(maxTermParam(c.Kind))
	if c.EndDate.After(c.StartDate.AddMonths(12 * years)) {
		return []Problem{prob("V-14", "coop.v14_term_too_long", "end_date", years)}
	}
	return nil
}}

// v13: a sekretariat kerja sama only for a continuous, complex (more than
// two regions or objects) mandatory KSDD of at least five years (PP
// 28/2018 Pasal 7(2) and Penjelasan).
var v13 = Guard{"V-13", func(x *ctx) []Problem {
	c := x.c
	var out []Problem
	if !c.Continuous {
		out = append(out, prob("V-13", "coop.v13_not_continuous", "continuous"))
	}
	if len(c.regionParties()) <= 2 && len(c.Urusan) <= 2 {
		out = append(out, prob("V-13", "coop.v13_not_complex", "parties"))
	}
	years := x.p.Int(PSecretariatMinYears)
	if c.StartDate.IsZero() || c.EndDate.Before(c.StartDate.AddMonths(12*years)) {
		out = append(out, prob("V-13", "coop.v13_term_short", "end_date", years))
	}
	if x.in.DocRef == "" {
		out = append(out, prob(RuleInput, "coop.doc_ref_missing", "doc_ref"))
	}
	return out
}}

// v19: a KSDPK result is recorded as revenue in the kas daerah (money) or
// in the asset register (goods) (PP 28/2018 Pasal 20).
var v19 = Guard{"V-19", func(x *ctx) []Problem {
	r := x.in.Result
	if r == nil {
		return []Problem{prob(RuleInput, "coop.result_missing", "result")}
	}
	var out []Problem
	if r.Ref == "" {
		out = append(out, prob("V-19", "coop.v19_ref_missing", "result"))
	}
	if r.Money && r.AmountIDR <= 0 {
		out = append(out, prob("V-19", "coop.v19_amount", "result"))
	}
	return out
}}

// v22: the proposing region names two complete liaison officers (PPKSD)
// before its offer goes out (V-22, [S]; switchable by parameter).
var v22 = Guard{"V-22", func(x *ctx) []Problem {
	h := x.c.home()
	if !x.p.Bool(PRequireLiaisons) || h < 0 {
		return nil
	}
	n := 0
	for _, l := range x.c.Parties[h].Liaisons {
		if l.Complete() {
			n++
		}
	}
	if n < 2 {
		return []Problem{prob("V-22", "coop.v22_liaisons", "liaisons", n)}
	}
	return nil
}}

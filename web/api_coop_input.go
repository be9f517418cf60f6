package web

import (
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/workday"
)

// apiCoopInput is the JSON of the editable fields (coopDraft) with the
// nested objects in the API's own snake_case names, the same shapes GET
// returns, so that a client can read, change and send back.
type apiCoopInput struct {
	Title         string                  `json:"title"`
	Kind          cooperation.Kind        `json:"kind"`
	Partners      []coopPartner           `json:"partners"`
	Urusan        []string                `json:"urusan"`
	Sector        string                  `json:"sector"`
	Objectives    string                  `json:"objectives"`
	Scope         string                  `json:"scope"`
	Locations     []string                `json:"locations"`
	ValueIDR      int64                   `json:"value_idr"`
	Financing     []cooperation.Financing `json:"financing"`
	StartDate     *workday.Date           `json:"start_date"`
	EndDate       *workday.Date           `json:"end_date"`
	InPlans       bool                    `json:"in_plans"`
	PlanRef       string                  `json:"plan_ref"`
	Justification string                  `json:"justification"`
	Continuous    bool                    `json:"continuous"`
	Published     bool                    `json:"published"`
	Mapping       *apiRecord              `json:"mapping"`
	Coordination  *apiCoordination        `json:"tech_coordination"`
	Feasibility   *apiFeasibility         `json:"feasibility_study"`
	Clauses       apiClauses              `json:"contract_clauses"`
	Liaisons      []apiLiaison            `json:"liaisons"`
}

func deref(d *workday.Date) workday.Date {
	if d == nil {
		return workday.Date{}
	}
	return *d
}

// draft converts the input to the draft the pages use, which checks and
// applies it.
func (in apiCoopInput) draft() coopDraft {
	d := coopDraft{Title: in.Title, Kind: in.Kind, Partners: in.Partners, Urusan: in.Urusan, Sector: in.Sector,
		Objectives: in.Objectives, Scope: in.Scope, Locations: in.Locations, ValueIDR: in.ValueIDR,
		Financing: in.Financing, StartDate: deref(in.StartDate), EndDate: deref(in.EndDate), InPlans: in.InPlans,
		PlanRef: in.PlanRef, Justification: cooperation.Justification(in.Justification), Continuous: in.Continuous,
		Published: in.Published, Mapping: in.Mapping.record(), Clauses: cooperation.ContractClauses(in.Clauses)}
	if c := in.Coordination; c != nil {
		d.Coordination = &cooperation.Coordination{Record: cooperation.Record{Ref: c.Ref, Date: deref(c.Date)},
			Level: c.Level, HeadsAgreed: c.HeadsAgreed}
	}
	if f := in.Feasibility; f != nil {
		d.Feasibility = &cooperation.Feasibility{Record: cooperation.Record{Ref: f.Ref, Date: deref(f.Date)}, Author: f.Author,
			MasterPlanIntegration: f.MasterPlanIntegration, EconomicallyFeasible: f.EconomicallyFeasible, FinancialCapacity: f.FinancialCapacity}
	}
	for _, l := range in.Liaisons {
		d.Liaisons = append(d.Liaisons, cooperation.Liaison(l))
	}
	return d
}

// inputOf is the input view of a stored cooperation: a PATCH body is read
// over it, so fields the client leaves out keep their values.
func (s *Server) inputOf(c cooperation.Cooperation) apiCoopInput {
	d := draftOf(c)
	v := s.toAPICoop(c, nil, true)
	in := apiCoopInput{Title: d.Title, Kind: d.Kind, Partners: d.Partners, Urusan: d.Urusan, Sector: d.Sector,
		Objectives: d.Objectives, Scope: d.Scope, Locations: d.Locations, ValueIDR: d.ValueIDR, Financing: d.Financing,
		StartDate: optDate(d.StartDate), EndDate: optDate(d.EndDate), InPlans: d.InPlans, PlanRef: d.PlanRef,
		Justification: string(d.Justification), Continuous: d.Continuous, Published: d.Published,
		Mapping: v.Mapping, Coordination: v.TechCoordination, Feasibility: v.Feasibility, Clauses: v.Clauses}
	for _, l := range d.Liaisons {
		in.Liaisons = append(in.Liaisons, apiLiaison(l))
	}
	return in
}

// apiStepInput is what a client gives with a lifecycle step
// (cooperation.Input without the outside facts, which the server adds).
type apiStepInput struct {
	Party     string        `json:"party"`
	On        *workday.Date `json:"on"`
	Reason    string        `json:"reason"`
	EndReason string        `json:"end_reason"`
	Signature *apiSignature `json:"signature"`
	DPRD      *struct {
		BurdensCommunity bool `json:"burdens_community"`
		NotBudgeted      bool `json:"not_budgeted"`
	} `json:"dprd"`
	Decision   *apiRecord    `json:"decision"`
	NewEndDate *workday.Date `json:"new_end_date"`
	DocRef     string        `json:"doc_ref"`
	Takeover   *apiTakeover  `json:"takeover"`
	Result     *apiResult    `json:"result"`
}

// fill copies the step's input into in.
func (st apiStepInput) fill(in *cooperation.Input) {
	in.Party, in.On, in.Reason, in.EndReason = st.Party, deref(st.On), st.Reason, cooperation.EndReason(st.EndReason)
	in.Signature, in.Decision, in.NewEndDate, in.DocRef = st.Signature.signature(), st.Decision.record(), deref(st.NewEndDate), st.DocRef
	if st.DPRD != nil {
		in.DPRD = &cooperation.DPRDAssessment{BurdensCommunity: st.DPRD.BurdensCommunity, NotBudgeted: st.DPRD.NotBudgeted}
	}
	if t := st.Takeover; t != nil {
		rec := func(r *apiRecord) cooperation.Record {
			if r == nil {
				return cooperation.Record{}
			}
			return *r.record()
		}
		in.Takeover = &cooperation.Takeover{On: deref(t.On), By: t.By, Province: t.Province, Guidance: rec(t.Guidance),
			Evaluation: rec(t.Evaluation), MinisterApproval: rec(t.MinisterApproval)}
	}
	if r := st.Result; r != nil {
		in.Result = &cooperation.Result{On: deref(r.On), Money: r.Money, AmountIDR: r.AmountIDR, Ref: r.Ref}
	}
}

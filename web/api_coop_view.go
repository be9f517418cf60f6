package web

import (
	"time"

	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/workday"
)

// The API's JSON for cooperations is written out here field by field, so
// that renaming a Go field never changes the API and internal fields never
// leak into it. Dates are "YYYY-MM-DD" or null.

type apiPartySummary struct {
	Key        string  `json:"key"`
	Kind       string  `json:"kind"`
	RegionCode *string `json:"region_code"`
	OrgID      *int64  `json:"org_id"`
	Name       string  `json:"name"`
	Initiator  bool    `json:"initiator"`
}

type apiCoopSummary struct {
	ID        int64             `json:"id"`
	Title     string            `json:"title"`
	Kind      cooperation.Kind  `json:"kind"`
	Stage     cooperation.Stage `json:"stage"`
	StartDate *workday.Date     `json:"start_date"`
	EndDate   *workday.Date     `json:"end_date"`
	ValueIDR  int64             `json:"value_idr"`
	Sector    string            `json:"sector"`
	Parties   []apiPartySummary `json:"parties"`
	Urusan    []string          `json:"urusan"`
	Published bool              `json:"published"`
	UpdatedAt time.Time         `json:"updated_at"`
	Version   int64             `json:"version"`
}

func optDate(d workday.Date) *workday.Date {
	if d.IsZero() {
		return nil
	}
	return &d
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func optID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

func (s *Server) toAPICoopSummary(c sqlstore.CoopSummary) apiCoopSummary {
	out := apiCoopSummary{ID: c.ID, Title: c.Title, Kind: c.Kind, Stage: c.Stage, StartDate: optDate(c.StartDate),
		EndDate: optDate(c.EndDate), ValueIDR: c.ValueIDR, Sector: c.Sector, Parties: []apiPartySummary{},
		Urusan: nonNil(c.Urusan), Published: c.Published, UpdatedAt: c.UpdatedAt.UTC(), Version: c.Version}
	for _, p := range c.Parties {
		out.Parties = append(out.Parties, apiPartySummary{Key: p.Key, Kind: p.Kind, RegionCode: optString(p.Region),
			OrgID: optID(p.OrgID), Name: s.partyName(p.Kind, p.Region, p.Name), Initiator: p.Initiator})
	}
	return out
}

// partyName names a region party from the reference when the stored name
// is empty (partners added by code only).
func (s *Server) partyName(kind, regionCode, name string) string {
	return partyName(s.Regions, kind, regionCode, name)
}

// partyName is a party's name: its own, or for a region party stored
// without one the region's name in dir (nil for none).
func partyName(dir *region.Directory, kind, regionCode, name string) string {
	if name == "" && kind == string(cooperation.PartyRegion) && dir != nil {
		if r, ok := dir.Get(regionCode); ok {
			return r.Name
		}
	}
	return name
}

func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

// apiRecord is a recorded fact: a letter, a meeting's minutes, a decree.
type apiRecord struct {
	Ref  string        `json:"ref"`
	Date *workday.Date `json:"date"`
}

func toAPIRecord(r *cooperation.Record) *apiRecord {
	if r == nil {
		return nil
	}
	return &apiRecord{Ref: r.Ref, Date: optDate(r.Date)}
}

func (r *apiRecord) record() *cooperation.Record {
	if r == nil {
		return nil
	}
	out := &cooperation.Record{Ref: r.Ref}
	if r.Date != nil {
		out.Date = *r.Date
	}
	return out
}

type apiCoordination struct {
	Ref         string        `json:"ref"`
	Date        *workday.Date `json:"date"`
	Level       string        `json:"level"`
	HeadsAgreed bool          `json:"heads_agreed"`
}

type apiFeasibility struct {
	Ref                   string        `json:"ref"`
	Date                  *workday.Date `json:"date"`
	Author                string        `json:"author"`
	MasterPlanIntegration bool          `json:"master_plan_integration"`
	EconomicallyFeasible  bool          `json:"economically_feasible"`
	FinancialCapacity     bool          `json:"financial_capacity"`
}

type apiClauses struct {
	RightsObligations bool `json:"rights_obligations"`
	Term              bool `json:"term"`
	DisputeSettlement bool `json:"dispute_settlement"`
	Sanctions         bool `json:"sanctions"`
}

type apiLiaison struct {
	Name      string `json:"name"`
	NIPOrNIK  string `json:"nip_or_nik"`
	Phone     string `json:"phone"`
	Email     string `json:"email"`
	LetterRef string `json:"letter_ref"`
}

type apiSignature struct {
	SignerName string        `json:"signer_name"`
	Office     string        `json:"office"`
	ByKuasa    bool          `json:"by_kuasa"`
	KuasaRef   string        `json:"kuasa_ref"`
	On         *workday.Date `json:"on"`
}

func toAPISignature(s *cooperation.Signature) *apiSignature {
	if !s.Signed() {
		return nil
	}
	return &apiSignature{SignerName: s.SignerName, Office: s.Office, ByKuasa: s.ByKuasa, KuasaRef: s.KuasaRef, On: optDate(s.On)}
}

func (s *apiSignature) signature() *cooperation.Signature {
	if s == nil {
		return nil
	}
	out := &cooperation.Signature{SignerName: s.SignerName, Office: s.Office, ByKuasa: s.ByKuasa, KuasaRef: s.KuasaRef}
	if s.On != nil {
		out.On = *s.On
	}
	return out
}

type apiSignatures struct {
	KB     *apiSignature `json:"kb"`
	PKS    *apiSignature `json:"pks"`
	NK     *apiSignature `json:"nk"`
	LoI    *apiSignature `json:"loi"`
	Naskah *apiSignature `json:"naskah"`
}

// apiParty is a party with its own progress: its answer to the offer, its
// DPRD approval and its signatures.
type apiParty struct {
	apiPartySummary
	ThirdPartyType   string        `json:"third_party_type"`
	Country          string        `json:"country"`
	Answer           string        `json:"answer"`
	AnswerReason     string        `json:"answer_reason"`
	AnsweredAt       *time.Time    `json:"answered_at"`
	BurdensCommunity bool          `json:"burdens_community"`
	NotBudgeted      bool          `json:"not_budgeted"`
	DPRDAssessed     bool          `json:"dprd_assessed"`
	DPRDRequired     bool          `json:"dprd_required"`
	DPRD             string        `json:"dprd"`
	DPRDDecision     *apiRecord    `json:"dprd_decision"`
	DPRDReceived     *workday.Date `json:"dprd_received"`
	Signatures       apiSignatures `json:"signatures"`
	// Liaisons are personal contacts: shown to signed-in users only.
	Liaisons []apiLiaison `json:"liaisons"`
}

type apiDeadline struct {
	Name    string       `json:"name"`
	Party   string       `json:"party"`
	Start   workday.Date `json:"start"`
	Due     workday.Date `json:"due"`
	Running bool         `json:"running"`
}

type apiAmendment struct {
	On      *workday.Date `json:"on"`
	DocRef  string        `json:"doc_ref"`
	Summary string        `json:"summary"`
}

type apiDispute struct {
	On     *workday.Date `json:"on"`
	Party  string        `json:"party"`
	Reason string        `json:"reason"`
	Forum  string        `json:"forum"`
}

type apiResult struct {
	On        *workday.Date `json:"on"`
	Money     bool          `json:"money"`
	AmountIDR int64         `json:"amount_idr"`
	Ref       string        `json:"ref"`
}

type apiReport struct {
	On     *workday.Date `json:"on"`
	DocRef string        `json:"doc_ref"`
	Party  string        `json:"party"`
}

type apiTakeover struct {
	On               *workday.Date `json:"on"`
	By               string        `json:"by"`
	Province         string        `json:"province"`
	Guidance         *apiRecord    `json:"guidance"`
	Evaluation       *apiRecord    `json:"evaluation"`
	MinisterApproval *apiRecord    `json:"minister_approval"`
}

type apiEnding struct {
	On     *workday.Date `json:"on"`
	Reason string        `json:"reason"`
	Note   string        `json:"note"`
}

// apiDocPresent is a document version the cooperation holds.
type apiDocPresent struct {
	ID      int64               `json:"id"`
	Type    cooperation.DocType `json:"type"`
	Party   string              `json:"party"`
	Version int                 `json:"version"`
	Current bool                `json:"current"`
}

// apiCoop is one cooperation in full.
type apiCoop struct {
	ID               int64                   `json:"id"`
	Title            string                  `json:"title"`
	Kind             cooperation.Kind        `json:"kind"`
	Stage            cooperation.Stage       `json:"stage"`
	Parties          []apiParty              `json:"parties"`
	Urusan           []string                `json:"urusan"`
	Sector           string                  `json:"sector"`
	Objectives       string                  `json:"objectives"`
	Scope            string                  `json:"scope"`
	Locations        []string                `json:"locations"`
	ValueIDR         int64                   `json:"value_idr"`
	Financing        []cooperation.Financing `json:"financing"`
	StartDate        *workday.Date           `json:"start_date"`
	EndDate          *workday.Date           `json:"end_date"`
	TermMonths       int                     `json:"term_months"`
	InPlans          bool                    `json:"in_plans"`
	PlanRef          string                  `json:"plan_ref"`
	Justification    string                  `json:"justification"`
	Continuous       bool                    `json:"continuous"`
	Published        bool                    `json:"published"`
	Forwarded        bool                    `json:"forwarded"`
	Mapping          *apiRecord              `json:"mapping"`
	TechCoordination *apiCoordination        `json:"tech_coordination"`
	Feasibility      *apiFeasibility         `json:"feasibility_study"`
	Clauses          apiClauses              `json:"contract_clauses"`
	OfferSentOn      *workday.Date           `json:"offer_sent_on"`
	LoISignedOn      *workday.Date           `json:"loi_signed_on"`
	Deadlines        []apiDeadline           `json:"deadlines"`
	Amendments       []apiAmendment          `json:"amendments"`
	Disputes         []apiDispute            `json:"disputes"`
	Results          []apiResult             `json:"results"`
	Reports          []apiReport             `json:"reports"`
	Takeover         *apiTakeover            `json:"takeover"`
	Secretariat      *apiRecord              `json:"secretariat"`
	Ending           *apiEnding              `json:"ending"`
	Documents        []apiDocPresent         `json:"documents"`
	RuleVersion      string                  `json:"rule_version"`
	CreatedAt        time.Time               `json:"created_at"`
	UpdatedAt        time.Time               `json:"updated_at"`
	Version          int64                   `json:"version"`
}

// toAPICoop renders c; liaisons only when withContacts, documents as
// given (the caller leaves them out for who may not see documents).
func (s *Server) toAPICoop(c cooperation.Cooperation, docs []sqlstore.DocumentVersion, withContacts bool) apiCoop {
	out := apiCoop{ID: c.ID, Title: c.Title, Kind: c.Kind, Stage: c.Stage, Parties: make([]apiParty, 0, len(c.Parties)),
		Urusan: nonNil(c.Urusan), Sector: c.Sector, Objectives: c.Objectives, Scope: c.Scope,
		Locations: nonNil(c.Locations), ValueIDR: c.ValueIDR, Financing: nonNil(c.Financing),
		StartDate: optDate(c.StartDate), EndDate: optDate(c.EndDate), TermMonths: c.TermMonths, InPlans: c.InPlans,
		PlanRef: c.PlanRef, Justification: string(c.Justification), Continuous: c.Continuous, Published: c.Published,
		Forwarded: c.Forwarded, Mapping: toAPIRecord(c.Mapping), Clauses: apiClauses(c.Clauses),
		OfferSentOn: optDate(c.OfferSentOn), LoISignedOn: optDate(c.LoISignedOn), Deadlines: make([]apiDeadline, 0, len(c.Deadlines)),
		Amendments: []apiAmendment{}, Disputes: []apiDispute{}, Results: []apiResult{}, Reports: []apiReport{},
		Secretariat: toAPIRecord(c.Secretariat), Documents: make([]apiDocPresent, 0, len(docs)), RuleVersion: c.RuleVersion,
		CreatedAt: c.CreatedAt.UTC(), UpdatedAt: c.UpdatedAt.UTC(), Version: c.Version}
	for _, p := range c.Parties {
		out.Parties = append(out.Parties, s.toAPIParty(p, withContacts))
	}
	if tc := c.TechCoordination; tc != nil {
		out.TechCoordination = &apiCoordination{Ref: tc.Ref, Date: optDate(tc.Date), Level: tc.Level, HeadsAgreed: tc.HeadsAgreed}
	}
	if f := c.FeasibilityStudy; f != nil {
		out.Feasibility = &apiFeasibility{Ref: f.Ref, Date: optDate(f.Date), Author: f.Author, MasterPlanIntegration: f.MasterPlanIntegration,
			EconomicallyFeasible: f.EconomicallyFeasible, FinancialCapacity: f.FinancialCapacity}
	}
	for _, d := range c.Deadlines {
		out.Deadlines = append(out.Deadlines, apiDeadline{Name: d.Name, Party: d.Party, Start: d.Start, Due: d.Due, Running: c.Running(d)})
	}
	for _, a := range c.Amendments {
		out.Amendments = append(out.Amendments, apiAmendment{On: optDate(a.On), DocRef: a.DocRef, Summary: a.Summary})
	}
	for _, d := range c.Disputes {
		out.Disputes = append(out.Disputes, apiDispute{On: optDate(d.On), Party: d.Party, Reason: d.Reason, Forum: string(d.Forum)})
	}
	for _, r := range c.Results {
		out.Results = append(out.Results, apiResult{On: optDate(r.On), Money: r.Money, AmountIDR: r.AmountIDR, Ref: r.Ref})
	}
	for _, r := range c.Reports {
		out.Reports = append(out.Reports, apiReport{On: optDate(r.On), DocRef: r.DocRef, Party: r.Party})
	}
	if t := c.Takeover; t != nil {
		out.Takeover = &apiTakeover{On: optDate(t.On), By: t.By, Province: t.Province, Guidance: toAPIRecord(&t.Guidance),
			Evaluation: toAPIRecord(&t.Evaluation), MinisterApproval: toAPIRecord(&t.MinisterApproval)}
	}
	if e := c.Ending; e != nil {
		out.Ending = &apiEnding{On: optDate(e.On), Reason: string(e.Reason), Note: e.Note}
	}
	for _, d := range docs {
		out.Documents = append(out.Documents, apiDocPresent{ID: d.ID, Type: d.Type, Party: d.Party, Version: d.VersionNo, Current: d.Current})
	}
	return out
}

func (s *Server) toAPIParty(p cooperation.Party, withContacts bool) apiParty {
	out := apiParty{
		apiPartySummary: apiPartySummary{Key: p.Key(), Kind: string(p.Kind), OrgID: optID(p.OrgID),
			Name: s.partyName(string(p.Kind), p.Region, p.Name), Initiator: p.Initiator},
		ThirdPartyType: string(p.ThirdPartyType), Country: p.Country, Answer: string(p.Answer), AnswerReason: p.AnswerReason,
		BurdensCommunity: p.BurdensCommunity, NotBudgeted: p.NotBudgeted, DPRDAssessed: p.DPRDAssessed,
		DPRDRequired: p.RequiresDPRD(), DPRD: string(p.DPRD), DPRDReceived: optDate(p.DPRDReceived),
		Signatures: apiSignatures{KB: toAPISignature(p.KB), PKS: toAPISignature(p.PKS), NK: toAPISignature(p.NK),
			LoI: toAPISignature(p.LoI), Naskah: toAPISignature(p.Naskah)},
		Liaisons: []apiLiaison{},
	}
	if p.Kind == cooperation.PartyRegion {
		out.RegionCode = optString(p.Region)
	}
	if !p.AnsweredAt.IsZero() {
		t := p.AnsweredAt.UTC()
		out.AnsweredAt = &t
	}
	if p.DPRDDecision.Present() {
		out.DPRDDecision = toAPIRecord(&p.DPRDDecision)
	}
	if withContacts {
		for _, l := range p.Liaisons {
			out.Liaisons = append(out.Liaisons, apiLiaison(l))
		}
	}
	return out
}

package web

import (
	"strings"
	"unicode/utf8"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/account"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/taxonomy"
	"github.com/jalin-ksd/jalin/workday"
)

// coopDraft is what a TKKSD writes about a cooperation while preparing it:
// the same fields from the page's form and from the API's JSON. Facts that
// the lifecycle steps record (answers, signatures, DPRD decisions) are not
// here; they change only through transitions.
type coopDraft struct {
	Title         string                      `json:"title"`
	Kind          cooperation.Kind            `json:"kind"`
	Partners      []coopPartner               `json:"partners"`
	Urusan        []string                    `json:"urusan"`
	Sector        string                      `json:"sector"`
	Objectives    string                      `json:"objectives"`
	Scope         string                      `json:"scope"`
	Locations     []string                    `json:"locations"`
	ValueIDR      int64                       `json:"value_idr"`
	Financing     []cooperation.Financing     `json:"financing"`
	StartDate     workday.Date                `json:"start_date"`
	EndDate       workday.Date                `json:"end_date"`
	InPlans       bool                        `json:"in_plans"`
	PlanRef       string                      `json:"plan_ref"`
	Justification cooperation.Justification   `json:"justification"`
	Continuous    bool                        `json:"continuous"`
	Published     bool                        `json:"published"`
	Mapping       *cooperation.Record         `json:"mapping"`
	Coordination  *cooperation.Coordination   `json:"tech_coordination"`
	Feasibility   *cooperation.Feasibility    `json:"feasibility_study"`
	Clauses       cooperation.ContractClauses `json:"contract_clauses"`
	Liaisons      []cooperation.Liaison       `json:"liaisons"`
}

// coopPartner names a party other than the initiating region.
type coopPartner struct {
	Kind           cooperation.PartyKind      `json:"kind"`
	Region         string                     `json:"region_code,omitempty"`
	OrgID          int64                      `json:"org_id,omitempty"`
	Name           string                     `json:"name,omitempty"`
	ThirdPartyType cooperation.ThirdPartyType `json:"third_party_type,omitempty"`
	Country        string                     `json:"country,omitempty"`
}

// check validates the draft's shape, naming the field at fault; the
// regulation's rules (V-rules) are the cooperation package's, checked at
// each step.
func (d coopDraft) check(dir *region.Directory) error {
	text := func(field, s string, max int, required bool) error {
		if (required && strings.TrimSpace(s) == "") || utf8.RuneCountInString(s) > max || strings.ContainsRune(s, 0) {
			return jalin.Invalid(field, "coop.field_invalid", field, max)
		}
		return nil
	}
	for _, e := range []error{text("title", d.Title, 200, true), text("objectives", d.Objectives, 4000, false),
		text("scope", d.Scope, 4000, false), text("plan_ref", d.PlanRef, 200, false)} {
		if e != nil {
			return e
		}
	}
	if account.HasControl(d.Title) {
		return jalin.Invalid("title", "coop.field_invalid", "title", 200)
	}
	if !d.Kind.Valid() {
		return jalin.Invalid("kind", "coop.kind_invalid", string(d.Kind))
	}
	for _, u := range d.Urusan {
		if _, ok := taxonomy.UrusanByCode(u); !ok {
			return jalin.Invalid("urusan", "coop.urusan_invalid", u)
		}
	}
	if d.Sector != "" {
		if _, ok := taxonomy.SectorByCode(d.Sector); !ok {
			return jalin.Invalid("sector", "coop.sector_invalid", d.Sector)
		}
	}
	for _, l := range d.Locations {
		if _, ok := dir.Get(l); !ok {
			return jalin.Invalid("locations", "error.region_unknown", l)
		}
	}
	if d.ValueIDR < 0 {
		return jalin.Invalid("value_idr", "coop.value_invalid")
	}
	if !d.StartDate.IsZero() && !d.EndDate.IsZero() && d.EndDate.Before(d.StartDate) {
		return jalin.Invalid("end_date", "coop.end_before_start")
	}
	if len(d.Partners) == 0 || len(d.Partners) > 20 {
		return jalin.Invalid("partners", "coop.partners_required")
	}
	for _, p := range d.Partners {
		switch p.Kind {
		case cooperation.PartyRegion:
			r, ok := dir.Get(p.Region)
			if !ok || r.Level > region.Regency {
				return jalin.Invalid("partners", "coop.partner_region_invalid", p.Region)
			}
		case cooperation.PartyThirdParty:
			if p.OrgID <= 0 {
				return jalin.Invalid("partners", "coop.partner_org_required")
			}
		case cooperation.PartyCentral, cooperation.PartyForeignGovernment, cooperation.PartyForeignInstitution:
			if err := text("partners", p.Name, 200, true); err != nil {
				return err
			}
		default:
			return jalin.Invalid("partners", "coop.partner_kind_invalid", string(p.Kind))
		}
	}
	return nil
}

// apply writes the draft into c. The initiating party (the actor's region)
// is kept; partners are replaced, keeping the progress of those that stay.
// Region parties are named from the reference, third parties from their
// organisation.
func (d coopDraft) apply(c *cooperation.Cooperation, dir *region.Directory, orgName func(int64) string) {
	c.Title, c.Kind, c.Urusan, c.Sector = strings.TrimSpace(d.Title), d.Kind, d.Urusan, d.Sector
	c.Objectives, c.Scope, c.Locations, c.ValueIDR, c.Financing = d.Objectives, d.Scope, d.Locations, d.ValueIDR, d.Financing
	c.StartDate, c.EndDate, c.InPlans, c.PlanRef, c.Justification = d.StartDate, d.EndDate, d.InPlans, d.PlanRef, d.Justification
	c.Continuous, c.Published, c.Mapping, c.TechCoordination, c.FeasibilityStudy = d.Continuous, d.Published, d.Mapping, d.Coordination, d.Feasibility
	c.Clauses = d.Clauses
	old := map[string]cooperation.Party{}
	var parties []cooperation.Party
	for _, p := range c.Parties {
		if p.Initiator {
			p.Liaisons = d.Liaisons
			parties = append(parties, p)
		} else {
			old[p.Key()] = p
		}
	}
	for _, in := range d.Partners {
		p := cooperation.Party{Kind: in.Kind, Region: in.Region, OrgID: in.OrgID, Name: in.Name, ThirdPartyType: in.ThirdPartyType, Country: in.Country}
		if in.Kind == cooperation.PartyThirdParty && orgName != nil {
			p.Name = orgName(in.OrgID)
		}
		if r, ok := dir.Get(in.Region); ok && in.Kind == cooperation.PartyRegion {
			p.Name = r.Name
		}
		if prev, ok := old[p.Key()]; ok {
			prev.ThirdPartyType, prev.Country = p.ThirdPartyType, p.Country
			p = prev
		}
		parties = append(parties, p)
	}
	c.Parties = parties
}

// draftOf is the draft view of a stored cooperation, for the edit form and
// the API.
func draftOf(c cooperation.Cooperation) coopDraft {
	d := coopDraft{Title: c.Title, Kind: c.Kind, Urusan: c.Urusan, Sector: c.Sector, Objectives: c.Objectives,
		Scope: c.Scope, Locations: c.Locations, ValueIDR: c.ValueIDR, Financing: c.Financing, StartDate: c.StartDate,
		EndDate: c.EndDate, InPlans: c.InPlans, PlanRef: c.PlanRef, Justification: c.Justification, Continuous: c.Continuous,
		Published: c.Published, Mapping: c.Mapping, Coordination: c.TechCoordination, Feasibility: c.FeasibilityStudy, Clauses: c.Clauses}
	for _, p := range c.Parties {
		if p.Initiator {
			d.Liaisons = p.Liaisons
			continue
		}
		d.Partners = append(d.Partners, coopPartner{Kind: p.Kind, Region: p.Region, OrgID: p.OrgID, Name: p.Name, ThirdPartyType: p.ThirdPartyType, Country: p.Country})
	}
	return d
}

// initiatorParty is the actor's own region as the initiating party.
func initiatorParty(dir *region.Directory, regionCode string) cooperation.Party {
	r, _ := dir.Get(regionCode)
	return cooperation.Party{Kind: cooperation.PartyRegion, Region: regionCode, Name: r.Name, Initiator: true}
}

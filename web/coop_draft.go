package web

import (
	"errors"
	"net/mail"
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

	// ValueText is what the user typed for the value when it could not be
	// read, to show it again with the error.
	ValueText string `json:"-"`
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
	// Every field at fault is named, the first fault of each.
	var errs []error
	seen := map[string]bool{}
	add := func(err error) {
		var e *jalin.Error
		if err != nil && errors.As(err, &e) && !seen[e.Field] {
			seen[e.Field] = true
			errs = append(errs, err)
		}
	}
	text := func(field, s string, max int, required bool) error {
		if (required && strings.TrimSpace(s) == "") || utf8.RuneCountInString(s) > max || strings.ContainsRune(s, 0) {
			return jalin.Invalid(field, "coop.field_invalid", field, max)
		}
		return nil
	}
	add(text("title", d.Title, 200, true))
	add(text("objectives", d.Objectives, 4000, false))
	add(text("scope", d.Scope, 4000, false))
	add(text("plan_ref", d.PlanRef, 200, false))
	if account.HasControl(d.Title) {
		add(jalin.Invalid("title", "coop.field_invalid", "title", 200))
	}
	if !d.Kind.Valid() {
		add(jalin.Invalid("kind", "coop.kind_invalid", string(d.Kind)))
	}
	for _, u := range d.Urusan {
		if _, ok := taxonomy.UrusanByCode(u); !ok {
			add(jalin.Invalid("urusan", "coop.urusan_invalid", u))
		}
	}
	if d.Sector != "" {
		if _, ok := taxonomy.SectorByCode(d.Sector); !ok {
			add(jalin.Invalid("sector", "coop.sector_invalid", d.Sector))
		}
	}
	for _, l := range d.Locations {
		if _, ok := dir.Get(l); !ok {
			add(jalin.Invalid("locations", "error.region_unknown", l))
		}
	}
	if d.ValueIDR < 0 {
		add(jalin.Invalid("value_idr", "coop.value_invalid"))
	}
	if !d.StartDate.IsZero() && !d.EndDate.IsZero() && d.EndDate.Before(d.StartDate) {
		add(jalin.Invalid("end_date", "coop.end_before_start"))
	}
	if len(d.Partners) == 0 || len(d.Partners) > 20 {
		add(jalin.Invalid("partners", "coop.partners_required"))
	}
	for _, p := range d.Partners {
		switch p.Kind {
		case cooperation.PartyRegion:
			r, ok := dir.Get(p.Region)
			if !ok || r.Level > region.Regency {
				add(jalin.Invalid("partners", "coop.partner_region_invalid", p.Region))
			}
		case cooperation.PartyThirdParty:
			if p.OrgID <= 0 {
				add(jalin.Invalid("partners", "coop.partner_org_required"))
			}
		case cooperation.PartyCentral, cooperation.PartyForeignGovernment, cooperation.PartyForeignInstitution:
			add(text("partners", p.Name, 200, true))
		default:
			add(jalin.Invalid("partners", "coop.partner_kind_invalid", string(p.Kind)))
		}
	}
	for _, l := range d.Liaisons {
		add(checkLiaison(l))
	}
	return errors.Join(errs...)
}

// checkLiaison checks what can be checked of a liaison officer's contact:
// an e-mail address, an NIP or NIK of digits, a telephone number.
func checkLiaison(l cooperation.Liaison) error {
	if l.Email != "" {
		if a, err := mail.ParseAddress(l.Email); err != nil || a.Address != l.Email {
			return jalin.Invalid("liaisons", "coop.liaison_email_invalid", l.Name, l.Email)
		}
	}
	if n := strings.ReplaceAll(l.NIPOrNIK, " ", ""); n != "" && (strings.Trim(n, "0123456789") != "" || len(n) > 18) {
		return jalin.Invalid("liaisons", "coop.liaison_nip_invalid", l.Name, l.NIPOrNIK)
	}
	if p := l.Phone; p != "" && (strings.Trim(p, "0123456789+-() ") != "" || strings.Count(p, "")-1 > 20 || strings.Trim(p, "+-() ") == "") {
		return jalin.Invalid("liaisons", "coop.liaison_phone_invalid", l.Name, l.Phone)
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

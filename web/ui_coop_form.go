package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/taxonomy"
	"github.com/jalin-ksd/jalin/workday"
)

// dateField parses an optional date input (YYYY-MM-DD), naming the field.
func dateField(r *http.Request, name string) (workday.Date, error) {
	s := strings.TrimSpace(r.PostFormValue(name))
	if s == "" {
		return workday.Date{}, nil
	}
	d, err := workday.ParseDate(s)
	if err != nil {
		return d, jalin.Invalid(name, "coop.date_invalid", s)
	}
	return d, nil
}

// recordField reads a recorded fact (reference and date) from prefix_ref
// and prefix_date; nil when both are empty.
func recordField(r *http.Request, prefix string) (*cooperation.Record, error) {
	ref := strings.TrimSpace(r.PostFormValue(prefix + "_ref"))
	d, err := dateField(r, prefix+"_date")
	if err != nil || (ref == "" && d.IsZero()) {
		return nil, err
	}
	return &cooperation.Record{Ref: ref, Date: d}, nil
}

// draftFromForm reads the preparation form. It reads every field even
// when one cannot be read, so that the form comes back with all the user
// typed and every unreadable field named (errors.Join of them).
func draftFromForm(r *http.Request) (coopDraft, error) {
	var errs []error
	f := r.PostForm
	on := func(name string) bool { return r.PostFormValue(name) == "on" }
	d := coopDraft{
		Title: strings.TrimSpace(r.PostFormValue("title")), Kind: cooperation.Kind(r.PostFormValue("kind")),
		Urusan: f["urusan"], Sector: r.PostFormValue("sector"), Objectives: r.PostFormValue("objectives"),
		Scope: r.PostFormValue("scope"), InPlans: on("in_plans"), PlanRef: strings.TrimSpace(r.PostFormValue("plan_ref")),
		Justification: cooperation.Justification(r.PostFormValue("justification")), Continuous: on("continuous"),
		Published: on("published"),
		Clauses: cooperation.ContractClauses{RightsObligations: on("clause_rights"), Term: on("clause_term"),
			DisputeSettlement: on("clause_dispute"), Sanctions: on("clause_sanctions")},
	}
	for _, fin := range f["financing"] {
		d.Financing = append(d.Financing, cooperation.Financing(fin))
	}
	for _, l := range strings.FieldsFunc(r.PostFormValue("locations"), func(r rune) bool { return r == ',' || r == ' ' }) {
		d.Locations = append(d.Locations, l)
	}
	if raw := strings.TrimSpace(r.PostFormValue("value_idr")); raw != "" {
		n, err := strconv.ParseInt(strings.ReplaceAll(raw, ".", ""), 10, 64)
		if err != nil {
			errs = append(errs, jalin.Invalid("value_idr", "coop.value_invalid"))
			d.ValueText = raw
		}
		d.ValueIDR = n
	}
	var err error
	if d.StartDate, err = dateField(r, "start_date"); err != nil {
		errs = append(errs, err)
	}
	if d.EndDate, err = dateField(r, "end_date"); err != nil {
		errs = append(errs, err)
	}
	kinds, regions, orgs, names := f["partner_kind"], f["partner_region"], f["partner_org"], f["partner_name"]
	tptypes, countries := f["partner_tptype"], f["partner_country"]
	at := func(xs []string, i int) string {
		if i < len(xs) {
			return strings.TrimSpace(xs[i])
		}
		return ""
	}
	for i, k := range kinds {
		if k == "" {
			continue
		}
		org, _ := strconv.ParseInt(at(orgs, i), 10, 64)
		d.Partners = append(d.Partners, coopPartner{Kind: cooperation.PartyKind(k), Region: at(regions, i), OrgID: org,
			Name: at(names, i), ThirdPartyType: cooperation.ThirdPartyType(at(tptypes, i)), Country: at(countries, i)})
	}
	if d.Mapping, err = recordField(r, "mapping"); err != nil {
		errs = append(errs, err)
	}
	coord, err := recordField(r, "coord")
	if err != nil {
		errs = append(errs, err)
	}
	if coord != nil {
		d.Coordination = &cooperation.Coordination{Record: *coord, Level: r.PostFormValue("coord_level"), HeadsAgreed: on("coord_heads_agreed")}
	}
	fs, err := recordField(r, "fs")
	if err != nil {
		errs = append(errs, err)
	}
	if fs != nil {
		d.Feasibility = &cooperation.Feasibility{Record: *fs, Author: r.PostFormValue("fs_author"),
			MasterPlanIntegration: on("fs_master_plan"), EconomicallyFeasible: on("fs_economic"), FinancialCapacity: on("fs_capacity")}
	}
	ln, lnip, lphone, lmail, lletter := f["liaison_name"], f["liaison_nip"], f["liaison_phone"], f["liaison_email"], f["liaison_letter"]
	for i, n := range ln {
		if strings.TrimSpace(n) == "" {
			continue
		}
		d.Liaisons = append(d.Liaisons, cooperation.Liaison{Name: strings.TrimSpace(n), NIPOrNIK: at(lnip, i),
			Phone: at(lphone, i), Email: at(lmail, i), LetterRef: at(lletter, i)})
	}
	return d, errors.Join(errs...)
}

// coopFormData is the state of the preparation form.
type coopFormData struct {
	Coop      cooperation.Cooperation
	Draft     coopDraft
	Partners  []coopPartner // at least three rows to fill
	Liaisons  []cooperation.Liaison
	Kinds     []cooperation.Kind
	Urusan    []taxonomy.Urusan
	Sectors   []taxonomy.Sector
	Orgs      []sqlstore.Org
	Financing []cooperation.Financing
	Errors    map[string]string
	New       bool
}

func (s *Server) coopForm(r *http.Request, c cooperation.Cooperation, d coopDraft, errs map[string]string, isNew bool) (coopFormData, error) {
	orgs, _, err := s.Accounts.ListOrgs(r.Context(), access.Scope{All: true}, 500, 0)
	if err != nil {
		return coopFormData{}, err
	}
	fd := coopFormData{Coop: c, Draft: d, Partners: d.Partners, Liaisons: d.Liaisons, Kinds: cooperation.Kinds,
		Urusan: taxonomy.Urusans(), Sectors: taxonomy.Sectors(), Orgs: orgs, Errors: errs, New: isNew,
		Financing: []cooperation.Financing{cooperation.FundAPBD, cooperation.FundAPBN, cooperation.FundThirdParty, cooperation.FundHibah, cooperation.FundOther}}
	for len(fd.Partners) < 3 {
		fd.Partners = append(fd.Partners, coopPartner{})
	}
	for len(fd.Liaisons) < 2 {
		fd.Liaisons = append(fd.Liaisons, cooperation.Liaison{})
	}
	return fd, nil
}

func (s *Server) coopNew(w http.ResponseWriter, r *http.Request) {
	a := info(r).Actor
	if !s.authorize(w, r, access.CreateCooperation, homeResource(a, "cooperation")) {
		return
	}
	d := coopDraft{Kind: cooperation.KindSukarela}
	prefillDraft(&d, r.URL.Query(), s.Regions)
	fd, err := s.coopForm(r, cooperation.Cooperation{}, d, nil, true)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, "coop_form", "coops", s.t(r, "coops.new"), fd)
}

// orgName names an organisation for a third-party party.
func (s *Server) orgName(r *http.Request) func(int64) string {
	return func(id int64) string {
		o, err := s.Accounts.GetOrg(r.Context(), access.Scope{All: true}, id)
		if err != nil {
			return ""
		}
		return o.Name
	}
}

// coopCreate starts a cooperation in preparation, with the actor's own
// region as the initiating party.
func (s *Server) coopCreate(w http.ResponseWriter, r *http.Request) {
	a := info(r).Actor
	if !s.authorize(w, r, access.CreateCooperation, homeResource(a, "cooperation")) {
		return
	}
	d, err := draftFromForm(r)
	err = errors.Join(err, d.check(s.Regions))
	var c cooperation.Cooperation
	if err == nil {
		c, err = s.createCoop(r, d)
	}
	if err != nil {
		s.formFail(w, r, err, func(errs map[string]string) {
			fd, ferr := s.coopForm(r, cooperation.Cooperation{}, d, errs, true)
			if ferr != nil {
				s.fail(w, r, ferr)
				return
			}
			s.renderStatus(w, r, statusOfErr(err), "coop_form", view{Nav: "coops", Title: s.t(r, "coops.new"), Data: fd})
		})
		return
	}
	http.Redirect(w, r, "/cooperations/"+idOf(c.ID), http.StatusSeeOther)
}

// createCoop stores a new cooperation from a checked draft (pages and API).
func (s *Server) createCoop(r *http.Request, d coopDraft) (cooperation.Cooperation, error) {
	a := info(r).Actor
	c := cooperation.Cooperation{Parties: []cooperation.Party{initiatorParty(s.Regions, a.Region)}}
	d.apply(&c, s.Regions, s.orgName(r))
	c.Stage = cooperation.InitialStage(c.Kind)
	p, err := s.coopParams(r.Context(), c)
	if err != nil {
		return c, err
	}
	c.RuleVersion = p.Version
	return s.Coops.CreateCooperation(r.Context(), c, meta(r))
}

// coopEdit changes the draft fields while the cooperation is still being
// prepared; afterwards only lifecycle steps (an amendment) change it.
func (s *Server) coopEdit(w http.ResponseWriter, r *http.Request) {
	if !s.requireUser(w, r) {
		return
	}
	c, err := s.loadCoop(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a := info(r).Actor
	if !s.authorize(w, r, access.EditCooperation, c.Resource()) {
		return
	}
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	d, err := draftFromForm(r)
	err = errors.Join(err, d.check(s.Regions))
	if err == nil {
		_, err = s.Coops.UpdateCooperation(r.Context(), a.Scope(), c.ID, version, func(x *cooperation.Cooperation) (*cooperation.Event, error) {
			return nil, editDraft(x, d, a, s.Regions, s.orgName(r))
		}, meta(r))
	}
	if err != nil {
		s.formFail(w, r, err, func(errs map[string]string) {
			s.renderCoop(w, r, statusOfErr(err), c, coopNotice{Errors: errs, Draft: &d})
		})
		return
	}
	http.Redirect(w, r, "/cooperations/"+idOf(c.ID)+"?saved=1", http.StatusSeeOther)
}

// editDraft applies a draft to a stored cooperation: only in its initial
// stage, and only by the initiating region's team.
func editDraft(c *cooperation.Cooperation, d coopDraft, a access.Actor, dir *region.Directory, orgName func(int64) string) error {
	if c.Stage != cooperation.InitialStage(c.Kind) {
		return &jalin.Error{Code: jalin.EConflict, Msg: "coop.not_editable", Field: "stage"}
	}
	if !initiatorSide(*c, a) {
		return &jalin.Error{Code: jalin.EForbidden, Msg: "coop.only_initiator_edits"}
	}
	d.apply(c, dir, orgName)
	c.Stage = cooperation.InitialStage(c.Kind)
	return nil
}

// initiatorSide reports whether a may edit c's draft: a region user whose
// scope covers the initiating region.
func initiatorSide(c cooperation.Cooperation, a access.Actor) bool {
	initiator := ""
	for _, p := range c.Parties {
		if p.Initiator {
			initiator = p.Region
		}
	}
	return a.Scope().Covers(initiator) && a.Role != access.ThirdParty
}

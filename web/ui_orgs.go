package web

import (
	"net/http"
	"strings"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/account"
	"github.com/jalin-ksd/jalin/sqlstore"
)

type orgsData struct {
	Orgs   []sqlstore.Org
	Total  int
	CanAdd bool
	Kinds  []string
	Form   sqlstore.Org
	Errors map[string]string
}

// orgsPage lists the third-party organisations a region works with and,
// for administrators, a form to register one.
func (s *Server) orgsPage(w http.ResponseWriter, r *http.Request) {
	a := info(r).Actor
	if !s.authorize(w, r, access.ViewOrg, homeResource(a, "org")) {
		return
	}
	s.renderOrgs(w, r, http.StatusOK, sqlstore.Org{Region: a.Region, Kind: "company"}, nil)
}

func (s *Server) renderOrgs(w http.ResponseWriter, r *http.Request, status int, form sqlstore.Org, errs map[string]string) {
	a := info(r).Actor
	orgs, total, err := s.Accounts.ListOrgs(r.Context(), a.Scope(), 500, 0)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := orgsData{Orgs: orgs, Total: total, Kinds: account.OrgKinds, Form: form, Errors: errs,
		CanAdd: access.Authorize(a, access.ManageOrg, homeResource(a, "org")) == nil}
	s.renderStatus(w, r, status, "orgs", view{Nav: "orgs", Title: s.t(r, "orgs.title"), Data: d})
}

func (s *Server) createOrgPost(w http.ResponseWriter, r *http.Request) {
	a := info(r).Actor
	if !s.authorize(w, r, access.ManageOrg, homeResource(a, "org")) {
		return
	}
	o := sqlstore.Org{
		Name:    strings.TrimSpace(r.PostFormValue("name")),
		Kind:    r.PostFormValue("kind"),
		LegalID: strings.TrimSpace(r.PostFormValue("legal_id")),
		Region:  strings.TrimSpace(r.PostFormValue("region")),
	}
	_, err := s.createOrg(r, o)
	if err != nil {
		s.formFail(w, r, err, func(errs map[string]string) { s.renderOrgs(w, r, statusOfErr(err), o, errs) })
		return
	}
	http.Redirect(w, r, "/orgs", http.StatusSeeOther)
}

// createOrg registers an organisation under a region the actor manages.
func (s *Server) createOrg(r *http.Request, o sqlstore.Org) (sqlstore.Org, error) {
	a := info(r).Actor
	if err := account.CheckOrg(o.Name, o.Kind, o.LegalID); err != nil {
		return o, err
	}
	if _, ok := s.Regions.Get(o.Region); !ok || len(o.Region) > 5 {
		return o, jalin.Invalid("region", "org.region_invalid")
	}
	if !a.Scope().Covers(o.Region) {
		return o, jalin.Invalid("region", "org.region_out_of_scope")
	}
	o.CreatedAt = s.now()
	return s.Accounts.CreateOrg(r.Context(), o, meta(r))
}

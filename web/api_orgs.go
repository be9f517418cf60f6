package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/sqlstore"
)

type apiOrg struct {
	ID         int64     `json:"id"`
	Name       string    `json:"name"`
	Kind       string    `json:"kind"`
	LegalID    string    `json:"legal_id"`
	RegionCode string    `json:"region_code"`
	CreatedAt  time.Time `json:"created_at"`
}

func toAPIOrg(o sqlstore.Org) apiOrg {
	return apiOrg{ID: o.ID, Name: o.Name, Kind: o.Kind, LegalID: o.LegalID, RegionCode: o.Region, CreatedAt: o.CreatedAt.UTC()}
}

func (s *Server) apiOrgList(w http.ResponseWriter, r *http.Request) {
	a := info(r).Actor
	if !s.authorize(w, r, access.ViewOrg, homeResource(a, "org")) {
		return
	}
	limit, err := intParam(r.URL.Query(), "limit", defaultLimit, 1, maxLimit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	offset, err := intParam(r.URL.Query(), "offset", 0, 0, maxOffset)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	orgs, total, err := s.Accounts.ListOrgs(r.Context(), a.Scope(), limit, offset)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	items := make([]apiOrg, len(orgs))
	for i, o := range orgs {
		items[i] = toAPIOrg(o)
	}
	writeJSON(w, http.StatusOK, apiPage[apiOrg]{Items: items, Total: total, Limit: limit, Offset: offset})
}

type apiOrgInput struct {
	Name       string `json:"name"`
	Kind       string `json:"kind"`
	LegalID    string `json:"legal_id"`
	RegionCode string `json:"region_code"`
}

func (s *Server) apiOrgCreate(w http.ResponseWriter, r *http.Request) {
	a := info(r).Actor
	if !s.authorize(w, r, access.ManageOrg, homeResource(a, "org")) {
		return
	}
	var in apiOrgInput
	if err := decodeJSON(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	o, err := s.createOrg(r, sqlstore.Org{Name: strings.TrimSpace(in.Name), Kind: in.Kind, LegalID: strings.TrimSpace(in.LegalID), Region: in.RegionCode})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, toAPIOrg(o))
}

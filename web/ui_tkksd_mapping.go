package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/taxonomy"
	"github.com/jalin-ksd/jalin/tkksd"
)

// mappingRow is one urusan in the mapping form.
type mappingRow struct {
	Urusan taxonomy.Urusan
	Entry  tkksd.MappingEntry
}

type mappingData struct {
	Region    string
	Mapping   sqlstore.Mapping
	Rows      []mappingRow
	Mapped    int
	Total     int
	CanEdit   bool
	Errors    map[string]string
	ErrUrusan string // the urusan whose row has the error
}

// mappingPage shows the actor's region's mapping of affairs as one form:
// every urusan of UU 23/2014 with what the region offers and needs.
func (s *Server) mappingPage(w http.ResponseWriter, r *http.Request) {
	a, ok := s.teamAccess(w, r, access.ViewTKKSD)
	if !ok {
		return
	}
	region := a.Region
	if q := r.URL.Query().Get("region"); q != "" {
		// A province or the ministry reads a region's mapping (read-only
		// unless it is the actor's own); out of scope is not found.
		region = q
	}
	if region == "" {
		http.Redirect(w, r, "/tkksd/mapping/overview", http.StatusSeeOther)
		return
	}
	m, err := s.TKKSD.GetMapping(r.Context(), a.Scope(), region)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderMapping(w, r, http.StatusOK, m, nil, "")
}

func (s *Server) renderMapping(w http.ResponseWriter, r *http.Request, status int, m sqlstore.Mapping, errs map[string]string, errUrusan string) {
	a := info(r).Actor
	d := mappingData{Region: m.Region, Mapping: m, Errors: errs, ErrUrusan: errUrusan,
		CanEdit: m.Region == a.Region && access.Authorize(a, access.ManageTKKSD, tkksdResource(a)) == nil}
	byUrusan := map[string]tkksd.MappingEntry{}
	for _, e := range m.Entries {
		byUrusan[e.Urusan] = e
	}
	for _, u := range taxonomy.Urusans() {
		e, ok := byUrusan[u.Code]
		if !ok {
			e = tkksd.MappingEntry{Urusan: u.Code, Priority: 2}
		}
		d.Rows = append(d.Rows, mappingRow{Urusan: u, Entry: e})
	}
	d.Mapped, d.Total = tkksd.Completeness(m.Entries)
	s.renderStatus(w, r, status, "tkksd_mapping", view{Nav: "tkksd", Title: s.t(r, "tkksd.mapping"), Data: d})
}

// mappingFromForm reads the rows that say something (an offer or a need).
func mappingFromForm(r *http.Request) ([]tkksd.MappingEntry, error) {
	var out []tkksd.MappingEntry
	for _, u := range taxonomy.Urusans() {
		offer := strings.TrimSpace(r.PostFormValue("offer_" + u.Code))
		need := strings.TrimSpace(r.PostFormValue("need_" + u.Code))
		notes := strings.TrimSpace(r.PostFormValue("notes_" + u.Code))
		if offer == "" && need == "" && notes == "" {
			continue
		}
		p, err := strconv.Atoi(r.PostFormValue("priority_" + u.Code))
		if err != nil {
			return nil, jalin.Invalid("priority", "tkksd.priority_range")
		}
		out = append(out, tkksd.MappingEntry{Urusan: u.Code, Offer: offer, Need: need, Priority: p, Notes: notes})
	}
	return out, nil
}

func (s *Server) mappingSave(w http.ResponseWriter, r *http.Request) {
	a, ok := s.ownTeam(w, r)
	if !ok {
		return
	}
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	entries, err := mappingFromForm(r)
	if err == nil {
		_, err = s.TKKSD.SaveMapping(r.Context(), a.Scope(), a.Region, version, entries, r.PostFormValue("submit") == "1", meta(r))
	}
	if err != nil {
		s.formFail(w, r, err, func(errs map[string]string) {
			// Show the form as typed, with the error on the row at fault.
			m := sqlstore.Mapping{Region: a.Region, Entries: entries, Version: version}
			if cur, e := s.TKKSD.GetMapping(r.Context(), a.Scope(), a.Region); e == nil {
				m.Submitted = cur.Submitted
			}
			var je *jalin.Error
			bad := ""
			if jalin.ErrorCode(err) == jalin.EInvalid && errors.As(err, &je) && len(je.Args) > 0 {
				bad, _ = je.Args[0].(string)
			}
			s.renderMapping(w, r, statusOfErr(err), m, errs, bad)
		})
		return
	}
	http.Redirect(w, r, "/tkksd/mapping", http.StatusSeeOther)
}

type mappingOverviewData struct {
	Status    []sqlstore.MappingStatus
	Missing   []string // regions in scope (the province's regencies, or the provinces) without a submitted mapping
	Matches   []tkksd.Match
	Submitted int
	Expected  int
}

// mappingOverview is what the province and the ministry collect: which
// regions have submitted their mapping, and where one region's offer
// meets another's need.
func (s *Server) mappingOverview(w http.ResponseWriter, r *http.Request) {
	status, matches, ok := s.readMappingOverview(w, r)
	if !ok {
		return
	}
	a := info(r).Actor
	d := mappingOverviewData{Status: status, Matches: matches}
	if len(d.Matches) > 300 {
		d.Matches = d.Matches[:300]
	}
	submitted := map[string]bool{}
	for _, st := range status {
		if st.Submitted != nil {
			submitted[st.Region] = true
			d.Submitted++
		}
	}
	var expected []string
	switch {
	case a.Region == "":
		for _, p := range s.Regions.Children("") {
			expected = append(expected, p.Code)
			for _, c := range s.Regions.Children(p.Code) {
				expected = append(expected, c.Code)
			}
		}
	default:
		expected = append(expected, a.Region)
		for _, c := range s.Regions.Children(a.Region) {
			if len(c.Code) == 5 {
				expected = append(expected, c.Code)
			}
		}
	}
	d.Expected = len(expected)
	for _, code := range expected {
		if !submitted[code] {
			d.Missing = append(d.Missing, code)
		}
	}
	s.render(w, r, "tkksd_mapping_overview", "tkksd", s.t(r, "tkksd.mapping_overview"), d)
}

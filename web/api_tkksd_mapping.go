package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/tkksd"
)

// apiMappingGet returns a region's mapping of affairs (the caller's own,
// or one below a province's or the ministry's scope).
func (s *Server) apiMappingGet(w http.ResponseWriter, r *http.Request) {
	if !s.tkksdOn(w, r) || !s.requireUser(w, r) {
		return
	}
	a := info(r).Actor
	code := r.PathValue("code")
	if !s.authorize(w, r, access.ViewTKKSD, access.Resource{Kind: "tkksd_mapping", Regions: []string{code}}) {
		return
	}
	m, err := s.TKKSD.GetMapping(r.Context(), a.Scope(), code)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("ETag", etag(m.Version))
	writeJSON(w, http.StatusOK, m)
}

// apiMappingPut replaces the caller's region's mapping. If-Match carries
// the version read ("0" for a region that has none yet).
func (s *Server) apiMappingPut(w http.ResponseWriter, r *http.Request) {
	if !s.tkksdOn(w, r) || !s.requireUser(w, r) {
		return
	}
	a := info(r).Actor
	code := r.PathValue("code")
	if !s.authorize(w, r, access.ManageTKKSD, access.Resource{Kind: "tkksd_mapping", Regions: []string{code}}) {
		return
	}
	if code != a.Region {
		// A team records its own mapping; the province and the ministry read.
		s.fail(w, r, forbidden())
		return
	}
	version, err := strconv.ParseInt(strings.Trim(r.Header.Get("If-Match"), `"`), 10, 64)
	if err != nil || version < 0 {
		s.fail(w, r, jalin.Invalid("If-Match", "api.if_match_required"))
		return
	}
	var in struct {
		Entries []tkksd.MappingEntry `json:"entries"`
		Submit  bool                 `json:"submit"`
	}
	if err := decodeJSON(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	m, err := s.TKKSD.SaveMapping(r.Context(), a.Scope(), code, version, in.Entries, in.Submit, meta(r))
	if err != nil {
		s.fail(w, r, preconditionFailed(err))
		return
	}
	w.Header().Set("ETag", etag(m.Version))
	writeJSON(w, http.StatusOK, m)
}

// readMappingOverview reads, for the actor's scope, every region's
// submission state and the offers that meet other regions' needs (never
// nil); when the actor may not see them, it answers the request itself
// and returns false.
func (s *Server) readMappingOverview(w http.ResponseWriter, r *http.Request) ([]sqlstore.MappingStatus, []tkksd.Match, bool) {
	a, ok := s.teamAccess(w, r, access.ViewTKKSD)
	if !ok {
		return nil, nil, false
	}
	status, entries, err := s.TKKSD.MappingOverview(r.Context(), a.Scope())
	if err != nil {
		s.fail(w, r, err)
		return nil, nil, false
	}
	matches := tkksd.Matches(entries)
	if matches == nil {
		matches = []tkksd.Match{}
	}
	return status, matches, true
}

// apiMappingOverview is the submission state of every region in the
// caller's scope and the offers that meet other regions' needs.
func (s *Server) apiMappingOverview(w http.ResponseWriter, r *http.Request) {
	status, matches, ok := s.readMappingOverview(w, r)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, struct {
		Regions []sqlstore.MappingStatus `json:"regions"`
		Matches []tkksd.Match            `json:"matches"`
	}{status, matches})
}

// apiConsiderations lists the TKKSDs' considerations on a cooperation.
func (s *Server) apiConsiderations(w http.ResponseWriter, r *http.Request) {
	if !s.tkksdOn(w, r) || !s.requireUser(w, r) {
		return
	}
	c, ok := s.coopForTKKSD(w, r, access.ViewTKKSD)
	if !ok {
		return
	}
	cs, err := s.TKKSD.Considerations(r.Context(), info(r).Actor.Scope(), c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, apiPage[tkksd.Consideration]{Items: cs, Total: len(cs), Limit: len(cs)})
}

// apiConsider records the caller's team's consideration on a cooperation
// at its current stage.
func (s *Server) apiConsider(w http.ResponseWriter, r *http.Request) {
	if !s.tkksdOn(w, r) || !s.requireUser(w, r) {
		return
	}
	c, ok := s.coopForTKKSD(w, r, access.ManageTKKSD)
	if !ok {
		return
	}
	a := info(r).Actor
	var in struct {
		Recommendation tkksd.Recommendation `json:"recommendation"`
		Reasoning      string               `json:"reasoning"`
		DecidedBy      string               `json:"decided_by"`
		DecidedOn      tkksd.Date           `json:"decided_on"`
		MeetingID      int64                `json:"meeting_id"`
	}
	if err := decodeJSON(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	region := s.considerRegion(a, c)
	if region == "" {
		s.fail(w, r, forbidden())
		return
	}
	x, err := s.TKKSD.AddConsideration(r.Context(), a.Scope(), tkksd.Consideration{CooperationID: c.ID, Region: region,
		Recommendation: in.Recommendation, Reasoning: in.Reasoning, DecidedBy: in.DecidedBy, DecidedOn: in.DecidedOn,
		MeetingID: in.MeetingID}, meta(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, x)
}

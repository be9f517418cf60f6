package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/tkksd"
)

// apiMeeting is a meeting with its follow-up actions.
type apiMeeting struct {
	tkksd.Meeting
	Actions []tkksd.Action `json:"actions"`
}

func (s *Server) writeMeeting(w http.ResponseWriter, r *http.Request, status int, m tkksd.Meeting) {
	xs, err := s.TKKSD.Actions(r.Context(), info(r).Actor.Scope(), sqlstore.ActionFilter{MeetingID: m.ID, Limit: 500})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("ETag", etag(m.Version))
	writeJSON(w, status, apiMeeting{Meeting: m, Actions: xs})
}

// apiMeetingList lists the meetings the caller's team takes part in that
// end after "from" (default: 90 days ago).
func (s *Server) apiMeetingList(w http.ResponseWriter, r *http.Request) {
	if !s.tkksdOn(w, r) {
		return
	}
	a := info(r).Actor
	if !s.authorize(w, r, access.ViewTKKSD, tkksdResource(a)) {
		return
	}
	from := s.now().Add(-90 * 24 * time.Hour)
	if v := r.URL.Query().Get("from"); v != "" {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			s.fail(w, r, jalin.Invalid("from", "tkksd.time_invalid"))
			return
		}
		from = t
	}
	ms, err := s.TKKSD.Meetings(r.Context(), a.Scope(), from, time.Time{}, 500)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, apiPage[tkksd.Meeting]{Items: ms, Total: len(ms), Limit: 500})
}

// apiMeetingInput is a new meeting; the host is the caller's region.
type apiMeetingInput struct {
	Kind     tkksd.MeetingKind `json:"kind"`
	Title    string            `json:"title"`
	Agenda   string            `json:"agenda"`
	Mode     tkksd.Mode        `json:"mode"`
	Venue    string            `json:"venue"`
	Link     string            `json:"link"`
	Zone     tkksd.Zone        `json:"zone"`
	Start    time.Time         `json:"start"`
	End      time.Time         `json:"end"`
	Invited  []string          `json:"invited_regions"`
	Invitees []tkksd.Attendee  `json:"invitees"`
}

func (s *Server) apiMeetingCreate(w http.ResponseWriter, r *http.Request) {
	if !s.tkksdOn(w, r) {
		return
	}
	a := info(r).Actor
	if !s.authorize(w, r, access.ManageTKKSD, tkksdResource(a)) {
		return
	}
	var in apiMeetingInput
	if err := decodeJSON(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	for _, code := range in.Invited {
		if _, ok := s.Regions.Get(code); !ok {
			s.fail(w, r, jalin.Invalid("invited_regions", "tkksd.region_unknown"))
			return
		}
	}
	m, err := s.createMeeting(r, tkksd.Meeting{Host: a.Region, Kind: in.Kind, Title: in.Title, Agenda: in.Agenda,
		Mode: in.Mode, Venue: in.Venue, Link: in.Link, Zone: in.Zone, Start: in.Start.UTC(), End: in.End.UTC(), Invited: in.Invited,
		Invitees: in.Invitees})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeMeeting(w, r, http.StatusCreated, m)
}

func (s *Server) apiMeetingGet(w http.ResponseWriter, r *http.Request) {
	if !s.requireUser(w, r) {
		return
	}
	if m, ok := s.loadMeeting(w, r); ok {
		s.writeMeeting(w, r, http.StatusOK, m)
	}
}

// apiMeetingRecordInput replaces the attendance, minutes and decisions.
type apiMeetingRecordInput struct {
	Attendance []tkksd.Attendee `json:"attendance"`
	Minutes    string           `json:"minutes"`
	Decisions  []string         `json:"decisions"`
}

func (s *Server) apiMeetingRecord(w http.ResponseWriter, r *http.Request) {
	if !s.requireUser(w, r) {
		return
	}
	m, ok := s.loadMeeting(w, r)
	if !ok || !s.authorize(w, r, access.ManageTKKSD, m.Resource()) {
		return
	}
	a := info(r).Actor
	version, err := ifMatch(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in apiMeetingRecordInput
	if err := decodeJSON(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	m, err = s.TKKSD.UpdateMeeting(r.Context(), a.Scope(), m.ID, version, "record", func(cur *tkksd.Meeting) error {
		if !tkksd.CanManage(a, *cur) {
			return forbidden()
		}
		cur.Attendance, cur.Minutes, cur.Decisions = in.Attendance, strings.TrimSpace(in.Minutes), in.Decisions
		return nil
	}, meta(r))
	if err != nil {
		s.fail(w, r, preconditionFailed(err))
		return
	}
	s.writeMeeting(w, r, http.StatusOK, m)
}

// apiActionInput is a new follow-up action.
type apiActionInput struct {
	Title         string     `json:"title"`
	OwnerRegion   string     `json:"owner_region"`
	OwnerUserID   int64      `json:"owner_user_id"`
	OwnerName     string     `json:"owner_name"`
	Due           tkksd.Date `json:"due_date"`
	CooperationID int64      `json:"cooperation_id"`
}

func (s *Server) apiActionCreate(w http.ResponseWriter, r *http.Request) {
	if !s.requireUser(w, r) {
		return
	}
	m, ok := s.loadMeeting(w, r)
	if !ok || !s.authorize(w, r, access.ManageTKKSD, m.Resource()) {
		return
	}
	var in apiActionInput
	if err := decodeJSON(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	x, err := s.addAction(r, m.ID, tkksd.Action{Title: in.Title, OwnerRegion: in.OwnerRegion, OwnerUserID: in.OwnerUserID,
		OwnerName: in.OwnerName, Due: in.Due, CooperationID: in.CooperationID})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("ETag", etag(x.Version))
	writeJSON(w, http.StatusCreated, x)
}

// apiActionUpdate changes an action's status (done, cancelled with a
// note, or open again) under If-Match.
func (s *Server) apiActionUpdate(w http.ResponseWriter, r *http.Request) {
	if !s.tkksdOn(w, r) || !s.requireUser(w, r) {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	version, err := ifMatch(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in struct {
		Status tkksd.Status `json:"status"`
		Note   string       `json:"note"`
	}
	if err := decodeJSON(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	x, err := s.setActionStatus(r, id, version, in.Status, in.Note)
	if err != nil {
		s.fail(w, r, preconditionFailed(err))
		return
	}
	w.Header().Set("ETag", etag(x.Version))
	writeJSON(w, http.StatusOK, x)
}

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

// apiMappingOverview is the submission state of every region in the
// caller's scope and the offers that meet other regions' needs.
func (s *Server) apiMappingOverview(w http.ResponseWriter, r *http.Request) {
	if !s.tkksdOn(w, r) {
		return
	}
	a := info(r).Actor
	if !s.authorize(w, r, access.ViewTKKSD, tkksdResource(a)) {
		return
	}
	status, entries, err := s.TKKSD.MappingOverview(r.Context(), a.Scope())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	matches := tkksd.Matches(entries)
	if matches == nil {
		matches = []tkksd.Match{}
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
	c, err := s.loadCoop(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !s.authorize(w, r, access.ViewTKKSD, c.Resource()) {
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
	c, err := s.loadCoop(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a := info(r).Actor
	if !s.authorize(w, r, access.ManageTKKSD, c.Resource()) {
		return
	}
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

// apiMeetingPlan changes a meeting's plan (the host only; If-Match).
// The body is a whole plan, as for scheduling; kind and invitees are
// ignored (a meeting keeps its kind; invitees are changed on the page).
func (s *Server) apiMeetingPlan(w http.ResponseWriter, r *http.Request) {
	if !s.requireUser(w, r) {
		return
	}
	m, ok := s.loadMeeting(w, r)
	if !ok || !s.authorize(w, r, access.ManageTKKSD, m.Resource()) {
		return
	}
	if !tkksd.CanManage(info(r).Actor, m) {
		s.fail(w, r, forbidden())
		return
	}
	version, err := ifMatch(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in apiMeetingInput
	if err := decodeJSON(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	for _, code := range in.Invited {
		if _, ok := s.Regions.Get(code); !ok {
			s.fail(w, r, jalin.Invalid("invited_regions", "tkksd.region_unknown"))
			return
		}
	}
	m, err = s.changePlan(r, m, version, tkksd.Meeting{Title: in.Title, Agenda: in.Agenda, Mode: in.Mode, Venue: in.Venue,
		Link: in.Link, Zone: in.Zone, Start: in.Start.UTC(), End: in.End.UTC(), Invited: in.Invited})
	if err != nil {
		s.fail(w, r, preconditionFailed(err))
		return
	}
	s.writeMeeting(w, r, http.StatusOK, m)
}

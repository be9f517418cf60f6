package web

import (
	"net/http"
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
	a, ok := s.teamAccess(w, r, access.ViewTKKSD)
	if !ok {
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

// meetingOf is the meeting in, its invited regions checked against the
// region reference (an unknown one is "invited_regions"). Its host is
// left to the caller; changePlan keeps the kind and invitees it had.
func (s *Server) meetingOf(in apiMeetingInput) (tkksd.Meeting, error) {
	for _, code := range in.Invited {
		if _, ok := s.Regions.Get(code); !ok {
			return tkksd.Meeting{}, jalin.Invalid("invited_regions", "tkksd.region_unknown")
		}
	}
	return tkksd.Meeting{Kind: in.Kind, Title: in.Title, Agenda: in.Agenda, Mode: in.Mode, Venue: in.Venue,
		Link: in.Link, Zone: in.Zone, Start: in.Start.UTC(), End: in.End.UTC(), Invited: in.Invited,
		Invitees: in.Invitees}, nil
}

func (s *Server) apiMeetingCreate(w http.ResponseWriter, r *http.Request) {
	a, ok := s.teamAccess(w, r, access.ManageTKKSD)
	if !ok {
		return
	}
	var in apiMeetingInput
	if err := decodeJSON(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	plan, err := s.meetingOf(in)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	plan.Host = a.Region
	m, err := s.createMeeting(r, plan)
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
	var in apiMeetingRecordInput
	s.apiChangeMeeting(w, r, false, &in, func(m tkksd.Meeting, version int64) (tkksd.Meeting, error) {
		a := info(r).Actor
		return s.TKKSD.UpdateMeeting(r.Context(), a.Scope(), m.ID, version, "record", func(cur *tkksd.Meeting) error {
			if !tkksd.CanManage(a, *cur) {
				return forbidden()
			}
			cur.Attendance, cur.Minutes, cur.Decisions = in.Attendance, strings.TrimSpace(in.Minutes), in.Decisions
			return nil
		}, meta(r))
	})
}

// apiChangeMeeting is the frame of the API's changes to a meeting: a
// signed-in caller, a meeting they may manage (and, with hostFirst, run:
// refused before anything else is read), the version from If-Match, the
// body decoded into in. change makes the change on that version; the
// meeting as changed is the answer, a stale version 412.
func (s *Server) apiChangeMeeting(w http.ResponseWriter, r *http.Request, hostFirst bool, in any,
	change func(m tkksd.Meeting, version int64) (tkksd.Meeting, error)) {
	if !s.requireUser(w, r) {
		return
	}
	m, ok := s.meetingToManage(w, r)
	if !ok {
		return
	}
	if hostFirst && !tkksd.CanManage(info(r).Actor, m) {
		s.fail(w, r, forbidden())
		return
	}
	version, err := ifMatch(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := decodeJSON(r, in); err != nil {
		s.fail(w, r, err)
		return
	}
	if m, err = change(m, version); err != nil {
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
	m, ok := s.meetingToManage(w, r)
	if !ok {
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

// apiMeetingPlan changes a meeting's plan (the host only; If-Match).
// The body is a whole plan, as for scheduling; kind and invitees are
// ignored (a meeting keeps its kind; the people invited by name are
// changed with apiMeetingInvite).
func (s *Server) apiMeetingPlan(w http.ResponseWriter, r *http.Request) {
	var in apiMeetingInput
	s.apiChangeMeeting(w, r, true, &in, func(m tkksd.Meeting, version int64) (tkksd.Meeting, error) {
		plan, err := s.meetingOf(in)
		if err != nil {
			return m, err
		}
		return s.changePlan(r, m, version, plan)
	})
}

// apiMeetingInvite replaces the people invited by name (the host only;
// If-Match), as the meeting page's invitee form does. The body must name
// the list: an empty one clears it, a missing one is refused rather than
// read as "nobody".
func (s *Server) apiMeetingInvite(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Invitees *[]tkksd.Attendee `json:"invitees"`
	}
	s.apiChangeMeeting(w, r, false, &in, func(m tkksd.Meeting, version int64) (tkksd.Meeting, error) {
		if in.Invitees == nil {
			return m, jalin.Invalid("invitees", "tkksd.invitees_required")
		}
		return s.setInvitees(r, m.ID, version, *in.Invitees)
	})
}

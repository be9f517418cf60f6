package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/tkksd"
)

// changePlan replaces meeting m's plan with plan's (its kind and host
// stay) on the version read, if the actor runs it and may invite the
// regions.
func (s *Server) changePlan(r *http.Request, m tkksd.Meeting, version int64, plan tkksd.Meeting) (tkksd.Meeting, error) {
	a := info(r).Actor
	if !tkksd.CanHost(a, m.Host, m.Kind, plan.Invited) {
		return m, jalin.Invalid("invited_regions", "tkksd.cannot_assist")
	}
	return s.TKKSD.UpdateMeeting(r.Context(), a.Scope(), m.ID, version, "plan", func(cur *tkksd.Meeting) error {
		if !tkksd.CanManage(a, *cur) {
			return forbidden()
		}
		cur.Title, cur.Agenda, cur.Mode, cur.Venue, cur.Link = plan.Title, plan.Agenda, plan.Mode, plan.Venue, plan.Link
		cur.Zone, cur.Start, cur.End, cur.Invited = plan.Zone, plan.Start, plan.End, plan.Invited
		return nil
	}, meta(r))
}

// formOf is meeting m as the plan form shows it, in its own zone.
func formOf(m tkksd.Meeting) meetingForm {
	loc := m.Zone.Location()
	return meetingForm{Kind: string(m.Kind), Title: m.Title, Agenda: m.Agenda, Mode: string(m.Mode), Venue: m.Venue,
		Link: m.Link, Zone: string(m.Zone), Date: m.Start.In(loc).Format("2006-01-02"),
		StartTime: m.Start.In(loc).Format("15:04"), EndTime: m.End.In(loc).Format("15:04"), Invited: m.Invited}
}

// meetingPlan changes a meeting's plan (title, agenda, time, mode, venue,
// link, invited regions): the host only, on the version read, with the
// same rules as scheduling. The calendar file's SEQUENCE follows, so
// calendars replace their copy.
func (s *Server) meetingPlan(w http.ResponseWriter, r *http.Request) {
	m, ok := s.meetingToManage(w, r)
	if !ok {
		return
	}
	a := info(r).Actor
	if !tkksd.CanManage(a, m) {
		s.fail(w, r, forbidden())
		return
	}
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	f, plan, err := s.meetingFromForm(r)
	if err == nil {
		_, err = s.changePlan(r, m, version, plan)
	}
	if err != nil {
		f.Kind = string(m.Kind)
		s.formFail(w, r, err, func(errs map[string]string) { s.renderMeetingPage(w, r, statusOfErr(err), nil, &f, errs) })
		return
	}
	http.Redirect(w, r, "/tkksd/meetings/"+idOf(m.ID), http.StatusSeeOther)
}

// meetingRecord saves the attendance list, the minutes and the decisions
// in one change of the meeting (stale versions are refused).
func (s *Server) meetingRecord(w http.ResponseWriter, r *http.Request) {
	m, ok := s.meetingToManage(w, r)
	if !ok {
		return
	}
	a := info(r).Actor
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	var rec tkksd.Meeting
	rec.Minutes = strings.TrimSpace(r.PostFormValue("minutes"))
	for _, line := range strings.Split(r.PostFormValue("decisions"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			rec.Decisions = append(rec.Decisions, line)
		}
	}
	rec.Attendance = attendeeRows(r, "att")
	rec.Invitees = m.Invitees
	_, err := s.TKKSD.UpdateMeeting(r.Context(), a.Scope(), m.ID, version, "record", func(cur *tkksd.Meeting) error {
		if !tkksd.CanManage(a, *cur) {
			return forbidden()
		}
		cur.Attendance, cur.Minutes, cur.Decisions = rec.Attendance, rec.Minutes, rec.Decisions
		return nil
	}, meta(r))
	if err != nil {
		s.formFail(w, r, err, func(errs map[string]string) { s.renderMeeting(w, r, statusOfErr(err), &rec, errs) })
		return
	}
	http.Redirect(w, r, "/tkksd/meetings/"+idOf(m.ID)+"#attendance", http.StatusSeeOther)
}

// attendeeRows reads the rows of an attendance-like form whose fields are
// prefix_name, prefix_region, prefix_office (and prefix_presence); rows
// without a name are skipped.
func attendeeRows(r *http.Request, prefix string) []tkksd.Attendee {
	var out []tkksd.Attendee
	names, regions, offices, presences := r.PostForm[prefix+"_name"], r.PostForm[prefix+"_region"], r.PostForm[prefix+"_office"], r.PostForm[prefix+"_presence"]
	for i, n := range names {
		if strings.TrimSpace(n) == "" {
			continue
		}
		at := tkksd.Attendee{Name: n}
		if i < len(regions) {
			at.Region = regions[i]
		}
		if i < len(offices) {
			at.Office = offices[i]
		}
		if i < len(presences) {
			at.Presence = tkksd.Presence(presences[i])
		}
		out = append(out, at)
	}
	return out
}

// meetingInvite saves the list of people invited by name.
func (s *Server) meetingInvite(w http.ResponseWriter, r *http.Request) {
	m, ok := s.meetingToManage(w, r)
	if !ok {
		return
	}
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	rec := m
	rec.Invitees = attendeeRows(r, "inv")
	_, err := s.setInvitees(r, m.ID, version, rec.Invitees)
	if err != nil {
		s.formFail(w, r, err, func(errs map[string]string) { s.renderMeeting(w, r, statusOfErr(err), &rec, errs) })
		return
	}
	http.Redirect(w, r, "/tkksd/meetings/"+idOf(m.ID)+"#invitees", http.StatusSeeOther)
}

// setInvitees replaces the people invited by name to meeting id on the
// version read, if the actor runs it; the store checks each one (named,
// from a region taking part) and audits "tkksd_meeting.invite".
func (s *Server) setInvitees(r *http.Request, id, version int64, list []tkksd.Attendee) (tkksd.Meeting, error) {
	a := info(r).Actor
	return s.TKKSD.UpdateMeeting(r.Context(), a.Scope(), id, version, "invite", func(cur *tkksd.Meeting) error {
		if !tkksd.CanManage(a, *cur) {
			return forbidden()
		}
		cur.Invitees = list
		return nil
	}, meta(r))
}

package web

import (
	"bytes"
	"net/http"
	"strings"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/tkksd"
	"github.com/jalin-ksd/jalin/workday"
)

// tkksdResource is the actor's own team for access.Authorize (the
// national roles' home is the whole country).
func tkksdResource(a access.Actor) access.Resource { return homeResource(a, "tkksd") }

// meetingForm is the new-meeting form as typed, so a refused form comes
// back filled in.
type meetingForm struct {
	Kind, Title, Agenda, Mode, Venue, Link, Zone, Date, StartTime, EndTime string
	Invited                                                                []string
}

type meetingNewData struct {
	Form       meetingForm
	Errors     map[string]string
	Candidates []region.Region // regions a province may invite (its regencies/cities)
	National   bool            // the ministry types region codes
	CanAssist  bool
	Zones      []tkksd.Zone
	Edit       bool // changing an existing meeting's plan: its kind is fixed
}

// meetingNew shows the form to schedule a meeting: an internal meeting of
// the actor's team, or an assistance meeting of a province with its
// regencies/cities (or of the ministry with any region).
func (s *Server) meetingNew(w http.ResponseWriter, r *http.Request) {
	if !s.tkksdOn(w, r) || !s.authorize(w, r, access.ManageTKKSD, tkksdResource(info(r).Actor)) {
		return
	}
	a := info(r).Actor
	f := meetingForm{Kind: string(tkksd.Internal), Mode: string(tkksd.Offline), Zone: string(tkksd.WIB),
		Date: workday.DateOf(s.now().Add(7 * 24 * time.Hour)).String(), StartTime: "09:00", EndTime: "12:00"}
	if a.Region == "" || len(a.Region) == 2 {
		f.Kind = string(tkksd.Assistance)
	}
	s.renderMeetingNew(w, r, http.StatusOK, f, nil)
}

func (s *Server) renderMeetingNew(w http.ResponseWriter, r *http.Request, status int, f meetingForm, errs map[string]string) {
	a := info(r).Actor
	d := meetingNewData{Form: f, Errors: errs, National: a.Region == "", CanAssist: a.Region == "" || len(a.Region) == 2,
		Zones: tkksd.Zones}
	if len(a.Region) == 2 {
		d.Candidates = s.Regions.Children(a.Region)
	}
	s.renderStatus(w, r, status, "tkksd_meeting_new", view{Nav: "tkksd", Title: s.t(r, "tkksd.meeting_new"), Data: d})
}

// meetingFromForm reads the form into a meeting hosted by the actor's region.
func (s *Server) meetingFromForm(r *http.Request) (meetingForm, tkksd.Meeting, error) {
	a := info(r).Actor
	f := meetingForm{Kind: r.PostFormValue("kind"), Title: r.PostFormValue("title"), Agenda: r.PostFormValue("agenda"),
		Mode: r.PostFormValue("mode"), Venue: r.PostFormValue("venue"), Link: r.PostFormValue("link"),
		Zone: r.PostFormValue("zone"), Date: r.PostFormValue("date"), StartTime: r.PostFormValue("start_time"),
		EndTime: r.PostFormValue("end_time"), Invited: r.PostForm["invited"]}
	if extra := strings.TrimSpace(r.PostFormValue("invited_codes")); extra != "" {
		f.Invited = append(f.Invited, strings.FieldsFunc(extra, func(c rune) bool { return c == ',' || c == ' ' || c == '\n' })...)
	}
	m := tkksd.Meeting{Host: a.Region, Kind: tkksd.MeetingKind(f.Kind), Title: f.Title, Agenda: f.Agenda,
		Mode: tkksd.Mode(f.Mode), Venue: f.Venue, Link: f.Link, Zone: tkksd.Zone(f.Zone), Invited: f.Invited}
	var err error
	if m.Start, err = meetingTime(f.Date, f.StartTime, m.Zone, "start"); err != nil {
		return f, m, err
	}
	if m.End, err = meetingTime(f.Date, f.EndTime, m.Zone, "end"); err != nil {
		return f, m, err
	}
	if m.Kind != tkksd.Internal {
		for _, code := range m.Invited {
			if _, ok := s.Regions.Get(code); !ok {
				return f, m, jalin.Invalid("invited_regions", "tkksd.region_unknown")
			}
		}
	}
	return f, m, nil
}

// meetingTime reads a date and a wall-clock time in zone z.
func meetingTime(date, clock string, z tkksd.Zone, field string) (time.Time, error) {
	t, err := time.ParseInLocation("2006-01-02 15:04", strings.TrimSpace(date)+" "+strings.TrimSpace(clock), z.Location())
	if err != nil {
		return time.Time{}, jalin.Invalid(field, "tkksd.time_invalid")
	}
	return t.UTC(), nil
}

// createMeeting checks who may host it and stores it.
func (s *Server) createMeeting(r *http.Request, m tkksd.Meeting) (tkksd.Meeting, error) {
	a := info(r).Actor
	if err := m.Validate(); err != nil {
		return m, err
	}
	if !tkksd.CanHost(a, m.Host, m.Kind, m.Invited) {
		if m.Kind == tkksd.Assistance {
			return m, jalin.Invalid("invited_regions", "tkksd.cannot_assist")
		}
		return m, forbidden()
	}
	return s.TKKSD.CreateMeeting(r.Context(), m, meta(r))
}

func (s *Server) meetingCreate(w http.ResponseWriter, r *http.Request) {
	if !s.tkksdOn(w, r) || !s.authorize(w, r, access.ManageTKKSD, tkksdResource(info(r).Actor)) {
		return
	}
	f, m, err := s.meetingFromForm(r)
	if err == nil {
		m, err = s.createMeeting(r, m)
	}
	if err != nil {
		s.formFail(w, r, err, func(errs map[string]string) { s.renderMeetingNew(w, r, statusOfErr(err), f, errs) })
		return
	}
	http.Redirect(w, r, "/tkksd/meetings/"+idOf(m.ID), http.StatusSeeOther)
}

type meetingData struct {
	M          tkksd.Meeting
	Plan       meetingNewData // the form that changes the plan, for the host
	Actions    []actionRow
	CanManage  bool
	Errors     map[string]string
	Rows       []tkksd.Attendee // the attendance form: the recorded rows and empty ones
	InviteRows []tkksd.Attendee // the invitation form, likewise
	Today      workday.Date
	Presences  []tkksd.Presence
}

// actionRow is an action with whether the viewer may work it.
type actionRow struct {
	tkksd.Action
	CanWork bool
	Overdue bool
	Meeting string // the meeting's title, on the desk
}

// meetingPage shows a meeting: plan, calendar file, attendance, minutes,
// decisions and follow-up actions, with forms for those who run it.
func (s *Server) meetingPage(w http.ResponseWriter, r *http.Request) {
	s.renderMeeting(w, r, http.StatusOK, nil, nil)
}

// loadMeeting reads the meeting named by {id} if the actor sees it; when
// not, it answers the request itself (not found, or the login page for
// the public) and returns false.
func (s *Server) loadMeeting(w http.ResponseWriter, r *http.Request) (tkksd.Meeting, bool) {
	if !s.tkksdOn(w, r) {
		return tkksd.Meeting{}, false
	}
	a := info(r).Actor
	id, err := pathID(r, "id")
	if err == nil {
		var m tkksd.Meeting
		if m, err = s.TKKSD.GetMeeting(r.Context(), a.Scope(), id); err == nil {
			if !s.authorize(w, r, access.ViewTKKSD, m.Resource()) {
				return m, false
			}
			return m, true
		}
	}
	if a.IsAnonymous() && !s.requireUser(w, r) {
		return tkksd.Meeting{}, false
	}
	s.fail(w, r, err)
	return tkksd.Meeting{}, false
}

func (s *Server) renderMeeting(w http.ResponseWriter, r *http.Request, status int, form *tkksd.Meeting, errs map[string]string) {
	s.renderMeetingPage(w, r, status, form, nil, errs)
}

// renderMeetingPage shows the meeting page with the record forms as typed
// (form) and the plan form as typed (plan); nil shows the stored values.
func (s *Server) renderMeetingPage(w http.ResponseWriter, r *http.Request, status int, form *tkksd.Meeting, plan *meetingForm, errs map[string]string) {
	m, ok := s.loadMeeting(w, r)
	if !ok {
		return
	}
	a := info(r).Actor
	xs, err := s.TKKSD.Actions(r.Context(), a.Scope(), sqlstore.ActionFilter{MeetingID: m.ID, Limit: 500})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	today := tkksd.DateOfIn(s.now(), m.Zone.Location())
	d := meetingData{M: m, CanManage: tkksd.CanManage(a, m), Errors: errs, Today: today,
		Presences: []tkksd.Presence{tkksd.InRoom, tkksd.Remote, tkksd.Absent}}
	for _, x := range xs {
		d.Actions = append(d.Actions, actionRow{Action: x, CanWork: tkksd.CanWork(a, x, m), Overdue: x.Overdue(today)})
	}
	rows := m.Attendance
	if len(rows) == 0 {
		// Before anything is recorded, the list starts from the invitees.
		for _, p := range m.Invitees {
			p.Presence = tkksd.InRoom
			if m.Mode == tkksd.Online {
				p.Presence = tkksd.Remote
			}
			rows = append(rows, p)
		}
	}
	invitees := m.Invitees
	if form != nil {
		rows, invitees = form.Attendance, form.Invitees
		d.M.Minutes, d.M.Decisions = form.Minutes, form.Decisions
	}
	if d.CanManage {
		d.Plan = meetingNewData{Form: formOf(m), Errors: errs, Zones: tkksd.Zones, National: m.Host == "",
			CanAssist: m.Kind == tkksd.Assistance, Edit: true}
		if len(m.Host) == 2 {
			d.Plan.Candidates = s.Regions.Children(m.Host)
		}
		if plan != nil {
			d.Plan.Form = *plan
		}
	}
	d.Rows = append(append([]tkksd.Attendee(nil), rows...), make([]tkksd.Attendee, 3)...)
	d.InviteRows = append(append([]tkksd.Attendee(nil), invitees...), make([]tkksd.Attendee, 3)...)
	s.renderStatus(w, r, status, "tkksd_meeting", view{Nav: "tkksd", Title: m.Title, Data: d})
}

// meetingICS serves the meeting as an iCalendar file.
func (s *Server) meetingICS(w http.ResponseWriter, r *http.Request) {
	m, ok := s.loadMeeting(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := tkksd.ICS(&buf, m, s.icsParticipants(r, m), s.icsDomain(r), s.now()); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="rapat-tkksd-`+idOf(m.ID)+`.ics"`)
	_, _ = w.Write(buf.Bytes())
}

// icsParticipants names, in the reader's language, the host and invited
// regions of m, each with the people invited from it by name:
//
//	Peserta:
//	- Kota Bandung (tuan rumah): Dra. Sari (Bappeda)
//	- Kabupaten Bandung
func (s *Server) icsParticipants(r *http.Request, m tkksd.Meeting) string {
	lang := info(r).Lang
	people := map[string][]string{}
	for _, a := range m.Invitees {
		p := a.Name
		if a.Office != "" {
			p += " (" + a.Office + ")"
		}
		people[a.Region] = append(people[a.Region], p)
	}
	var b strings.Builder
	b.WriteString(s.Catalog.T(lang, "tkksd.ics_participants"))
	for _, code := range m.Regions() {
		b.WriteString("\n- " + s.regionName(code))
		if code == m.Host {
			b.WriteString(" (" + s.Catalog.T(lang, "tkksd.ics_host") + ")")
		}
		if ps := people[code]; len(ps) > 0 {
			b.WriteString(": " + strings.Join(ps, ", "))
		}
	}
	return b.String()
}

// icsDomain is the host part of calendar UIDs: the configured public
// URL's host, else the request's.
func (s *Server) icsDomain(r *http.Request) string {
	host := strings.TrimPrefix(strings.TrimPrefix(s.Config.BaseURL, "https://"), "http://")
	if host == "" {
		host = r.Host
	}
	if i := strings.IndexAny(host, ":/"); i >= 0 {
		host = host[:i]
	}
	if host == "" {
		host = "jalin"
	}
	return host
}

// teamAccess returns the actor if the server has the TKKSD store and the
// actor may act (view or manage) on their own team's records; when not, it
// answers the request itself and returns false.
func (s *Server) teamAccess(w http.ResponseWriter, r *http.Request, act access.Action) (access.Actor, bool) {
	a := info(r).Actor
	return a, s.tkksdOn(w, r) && s.authorize(w, r, act, tkksdResource(a))
}

// ownTeam returns the actor if they may manage their own region's team
// records (the team, its mapping, a handover): teamAccess for
// ManageTKKSD, and a region of their own (a national user has none, which
// is "region_code"). When not, it answers the request itself.
func (s *Server) ownTeam(w http.ResponseWriter, r *http.Request) (access.Actor, bool) {
	a, ok := s.teamAccess(w, r, access.ManageTKKSD)
	if ok && a.Region == "" {
		s.fail(w, r, jalin.Invalid("region_code", "tkksd.region_required"))
		return a, false
	}
	return a, ok
}

// meetingToManage loads the meeting named by {id}, as loadMeeting, if the
// actor may also manage TKKSD records of it; when not, it answers the
// request itself and returns false. Whether the actor runs this meeting
// (tkksd.CanManage) is the caller's to check, on the row it changes.
func (s *Server) meetingToManage(w http.ResponseWriter, r *http.Request) (tkksd.Meeting, bool) {
	m, ok := s.loadMeeting(w, r)
	return m, ok && s.authorize(w, r, access.ManageTKKSD, m.Resource())
}

// tkksdOn answers 404 when the server runs without the TKKSD store.
func (s *Server) tkksdOn(w http.ResponseWriter, r *http.Request) bool {
	if s.TKKSD == nil {
		s.notFound(w, r)
		return false
	}
	return true
}

// meetingList lists the meetings the actor's team takes part in, from 90
// days back on.
func (s *Server) meetingList(w http.ResponseWriter, r *http.Request) {
	a, ok := s.teamAccess(w, r, access.ViewTKKSD)
	if !ok {
		return
	}
	ms, err := s.TKKSD.Meetings(r.Context(), a.Scope(), s.now().Add(-90*24*time.Hour), time.Time{}, 500)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, "tkksd_meetings", "tkksd", s.t(r, "tkksd.meetings"), ms)
}

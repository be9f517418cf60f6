package web

import (
	"net/http"
	"slices"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/tkksd"
	"github.com/jalin-ksd/jalin/workday"
)

// stageCount is one line of "cooperations by stage".
type stageCount struct {
	Stage cooperation.Stage
	N     int
}

// deskDeadline is a date the lifecycle set for one of the team's
// cooperations: the deadline its last step started (an answer, a DPRD
// decision, a forwarding), or the end of its term.
type deskDeadline struct {
	Coop    sqlstore.CoopSummary
	Name    string // a parameter name (coop.param.*), or "end_date"
	Due     workday.Date
	Overdue bool // a running deadline that has passed: somebody must act
}

// activityRow is one region on the provincial or national desk.
type activityRow struct {
	Region   region.Region
	HasTeam  bool
	Mapped   int
	Total    int
	Submit   bool
	Activity sqlstore.RegionActivity
}

type deskData struct {
	Region    string // "" for the ministry
	Today     workday.Date
	Overdue   []actionRow
	DueSoon   []actionRow
	Later     []actionRow
	Upcoming  []tkksd.Meeting
	Recent    []tkksd.Meeting
	Stages    []stageCount
	Offers    []offerRow
	Deadlines []deskDeadline
	Mapped    int
	Total     int
	Submitted bool
	Team      *tkksd.Team
	Regions   []activityRow // the regencies of a province, or every province for the ministry
	Focus     string        // the province the ministry opened, "" for all
	CanManage bool
}

// desk is the TKKSD's page: its open work and deadlines at a glance; a
// province also sees its regencies/cities, the ministry every province.
func (s *Server) desk(w http.ResponseWriter, r *http.Request) {
	a, ok := s.teamAccess(w, r, access.ViewTKKSD)
	if !ok {
		return
	}
	ctx, scope, now := r.Context(), a.Scope(), s.now()
	wib := tkksd.WIB.Location()
	d := deskData{Region: a.Region, Today: tkksd.DateOfIn(now, wib),
		CanManage: access.Authorize(a, access.ManageTKKSD, tkksdResource(a)) == nil}
	xs, err := s.TKKSD.Actions(ctx, scope, sqlstore.ActionFilter{OwnerIn: a.Region, OpenOnly: true, Limit: 500})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ms, err := s.TKKSD.Meetings(ctx, scope, now.Add(-tkksd.SoonDays*24*time.Hour), now.Add(tkksd.SoonDays*24*time.Hour), 200)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	desk := tkksd.BuildDesk(xs, ms, now, wib)
	meetings := map[int64]tkksd.Meeting{}
	for _, m := range ms {
		meetings[m.ID] = m
	}
	rows := func(xs []tkksd.Action) []actionRow {
		var out []actionRow
		for _, x := range xs {
			m, ok := meetings[x.MeetingID]
			if !ok {
				// The action is seen through its owner region; its meeting
				// is read for the title and the rule of who works it.
				if m, err = s.TKKSD.GetMeeting(ctx, access.Scope{All: true}, x.MeetingID); err == nil {
					meetings[x.MeetingID] = m
				}
			}
			out = append(out, actionRow{Action: x, Meeting: m.Title, Overdue: x.Overdue(d.Today),
				CanWork: tkksd.CanWork(a, x, m)})
		}
		return out
	}
	d.Overdue, d.DueSoon, d.Later = rows(desk.Overdue), rows(desk.DueSoon), rows(desk.Later)
	d.Upcoming, d.Recent = desk.Upcoming, desk.Recent

	counts, err := s.TKKSD.CoopStageCounts(ctx, scope)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for st, n := range counts {
		if !st.Terminal() {
			d.Stages = append(d.Stages, stageCount{st, n})
		}
	}
	slices.SortFunc(d.Stages, func(x, y stageCount) int { return y.N - x.N })

	if a.Region != "" {
		if d.Offers, err = s.offersAwaiting(r, a, d.Today); err != nil {
			s.fail(w, r, err)
			return
		}
		if d.Deadlines, err = s.deskDeadlines(r, a, d.Today); err != nil {
			s.fail(w, r, err)
			return
		}
		m, err := s.TKKSD.GetMapping(ctx, scope, a.Region)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.Mapped, d.Total = tkksd.Completeness(m.Entries)
		d.Submitted = m.Submitted != nil
		teams, err := s.TKKSD.Teams(ctx, scope, a.Region)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if len(teams) > 0 && teams[0].Current {
			d.Team = &teams[0]
		}
	}
	if a.Region == "" || len(a.Region) == 2 {
		// The ministry opens one province's regencies with ?province=.
		focus := a.Region
		if p := r.URL.Query().Get("province"); a.Region == "" && p != "" {
			if rg, ok := s.Regions.Get(p); !ok || len(rg.Code) != 2 {
				s.fail(w, r, jalin.Invalid("province", "tkksd.province_unknown"))
				return
			}
			focus, d.Focus = p, p
		}
		if d.Regions, err = s.activity(r, a, focus, d.Today); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.render(w, r, "tkksd_desk", "tkksd", s.t(r, "tkksd.desk"), d)
}

// offersAwaiting lists the offers the region received that still wait for
// its answer, with their deadlines (as the inbox does).
func (s *Server) offersAwaiting(r *http.Request, a access.Actor, today workday.Date) ([]offerRow, error) {
	items, _, err := s.Coops.ListCooperations(r.Context(), a.Scope(), sqlstore.CoopFilter{Stage: cooperation.Penawaran,
		Partner: a.Region, Limit: 100, Today: today})
	if err != nil {
		return nil, err
	}
	var out []offerRow
	for _, it := range items {
		c, err := s.Coops.GetCooperation(r.Context(), a.Scope(), it.ID)
		if err != nil {
			return nil, err
		}
		awaiting := false
		for _, p := range c.Parties {
			if !p.Initiator && p.Kind == cooperation.PartyRegion && a.Scope().Covers(p.Region) && p.Answer != cooperation.AnswerAccepted {
				awaiting = true
			}
		}
		if !awaiting {
			continue
		}
		out = append(out, newOfferRow(it, c, today))
	}
	return out, nil
}

// activity is the at-a-glance table: the regencies/cities of province
// focus, or with no focus every province with its regencies' figures
// summed (the ministry's view).
func (s *Server) activity(r *http.Request, a access.Actor, focus string, today workday.Date) ([]activityRow, error) {
	ctx, scope := r.Context(), a.Scope()
	act, err := s.TKKSD.ActivityByRegion(ctx, scope, today, s.now().Add(-90*24*time.Hour))
	if err != nil {
		return nil, err
	}
	teams, err := s.TKKSD.TeamRegions(ctx, scope)
	if err != nil {
		return nil, err
	}
	status, _, err := s.TKKSD.MappingOverview(ctx, scope)
	if err != nil {
		return nil, err
	}
	mapped := map[string]sqlstore.MappingStatus{}
	for _, st := range status {
		mapped[st.Region] = st
	}
	_, total := tkksd.Completeness(nil)
	var regions []region.Region
	if focus == "" {
		regions = s.Regions.Children("")
	} else {
		regions = append([]region.Region{{Code: focus, Name: s.regionName(focus)}}, s.Regions.Children(focus)...)
	}
	var out []activityRow
	for _, rg := range regions {
		row := activityRow{Region: rg, HasTeam: teams[rg.Code], Mapped: mapped[rg.Code].Entries, Total: total,
			Submit: mapped[rg.Code].Submitted != nil, Activity: act[rg.Code]}
		if focus == "" { // a province's line sums its own team's and its regencies' work
			for code, x := range act {
				if len(code) > 2 && code[:2] == rg.Code {
					row.Activity.OpenActions += x.OpenActions
					row.Activity.Overdue += x.Overdue
				}
			}
		}
		out = append(out, row)
	}
	return out, nil
}

func (s *Server) regionName(code string) string {
	if rg, ok := s.Regions.Get(code); ok {
		return rg.Name
	}
	return code
}

// deskDeadlines lists, soonest first, the coming dates of the region's
// own cooperations still under way: the deadlines still awaiting their
// event (those passed first: an answer or a decision is late), and term
// ends and the region's own yearly reports due within 90 days (or late).
func (s *Server) deskDeadlines(r *http.Request, a access.Actor, today workday.Date) ([]deskDeadline, error) {
	items, _, err := s.Coops.ListCooperations(r.Context(), a.Scope(), sqlstore.CoopFilter{Partner: a.Region, Limit: 100, Today: today})
	if err != nil {
		return nil, err
	}
	versions, err := s.Coops.ParamVersions(r.Context())
	if err != nil {
		return nil, err
	}
	var out []deskDeadline
	for _, it := range items {
		if it.Stage.Terminal() {
			continue
		}
		if !it.EndDate.IsZero() && !it.EndDate.Before(today) && !it.EndDate.After(today.AddDays(90)) {
			out = append(out, deskDeadline{Coop: it, Name: "end_date", Due: it.EndDate})
		}
		c, err := s.Coops.GetCooperation(r.Context(), a.Scope(), it.ID)
		if err != nil {
			return nil, err
		}
		for _, d := range c.RunningDeadlines() {
			out = append(out, deskDeadline{Coop: it, Name: d.Name, Due: d.Due, Overdue: d.Due.Before(today)})
		}
		for _, rd := range c.ReportsDue(cooperation.ParamsOf(versions, c, today)) {
			if party, _, ok := c.Party(rd.Party); ok && party.Region == a.Region && !rd.Due.After(today.AddDays(90)) {
				out = append(out, deskDeadline{Coop: it, Name: "report_due", Due: rd.Due, Overdue: rd.Due.Before(today)})
			}
		}
	}
	slices.SortFunc(out, func(x, y deskDeadline) int { return x.Due.Compare(y.Due) })
	return out, nil
}

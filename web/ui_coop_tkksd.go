package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/tkksd"
	"github.com/jalin-ksd/jalin/workday"
)

// coopTKKSD is the TKKSD part of a cooperation's page: the teams'
// considerations, the follow-up actions linked to it, and the form a
// party region's team records its consideration with.
type coopTKKSD struct {
	Considerations  []tkksd.Consideration
	Actions         []actionRow
	CanConsider     bool
	Meetings        []tkksd.Meeting // the actor's team's recent meetings, for "the minutes it came from"
	Recommendations []tkksd.Recommendation
	Today           workday.Date
	Errors          map[string]string
}

// coopTKKSD loads it for a signed-in TKKSD user (nil for anyone else).
func (s *Server) coopTKKSD(r *http.Request, c cooperation.Cooperation, errs map[string]string) (*coopTKKSD, error) {
	a := info(r).Actor
	if s.TKKSD == nil || access.Authorize(a, access.ViewTKKSD, c.Resource()) != nil {
		return nil, nil
	}
	ctx, scope := r.Context(), a.Scope()
	d := &coopTKKSD{Recommendations: tkksd.Recommendations, Today: tkksd.DateOfIn(s.now(), tkksd.WIB.Location()), Errors: errs}
	var err error
	if d.Considerations, err = s.TKKSD.Considerations(ctx, scope, c.ID); err != nil {
		return nil, err
	}
	xs, err := s.TKKSD.Actions(ctx, scope, sqlstore.ActionFilter{CooperationID: c.ID, Limit: 200})
	if err != nil {
		return nil, err
	}
	for _, x := range xs {
		m, err := s.TKKSD.GetMeeting(ctx, access.Scope{All: true}, x.MeetingID)
		if err != nil {
			return nil, err
		}
		d.Actions = append(d.Actions, actionRow{Action: x, Meeting: m.Title, Overdue: x.Overdue(d.Today), CanWork: tkksd.CanWork(a, x, m)})
	}
	d.CanConsider = s.considerRegion(a, c) != "" && !c.Stage.Terminal()
	if d.CanConsider {
		if d.Meetings, err = s.TKKSD.Meetings(ctx, access.Scope{Prefix: a.Region}, s.now().Add(-365*24*time.Hour), s.now().Add(24*time.Hour), 50); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// considerRegion is the party region whose team the actor records a
// consideration for: its own region, if that is a party and the actor
// works in its TKKSD; "" otherwise.
func (s *Server) considerRegion(a access.Actor, c cooperation.Cooperation) string {
	if a.Region == "" || access.Authorize(a, access.ManageTKKSD, c.Resource()) != nil {
		return ""
	}
	for _, p := range c.Parties {
		if p.Kind == cooperation.PartyRegion && p.Region == a.Region {
			return a.Region
		}
	}
	return ""
}

// coopForTKKSD loads the cooperation named by {id} if the actor may act
// (view or manage) on its TKKSD records; when not, it answers the request
// itself and returns false.
func (s *Server) coopForTKKSD(w http.ResponseWriter, r *http.Request, act access.Action) (cooperation.Cooperation, bool) {
	c, err := s.loadCoop(r)
	if err != nil {
		s.fail(w, r, err)
		return c, false
	}
	return c, s.authorize(w, r, act, c.Resource())
}

// coopConsider records the actor's team's consideration at the current stage.
func (s *Server) coopConsider(w http.ResponseWriter, r *http.Request) {
	if !s.tkksdOn(w, r) {
		return
	}
	c, ok := s.coopForTKKSD(w, r, access.ManageTKKSD)
	if !ok {
		return
	}
	a := info(r).Actor
	x := tkksd.Consideration{CooperationID: c.ID, Region: s.considerRegion(a, c),
		Recommendation: tkksd.Recommendation(r.PostFormValue("recommendation")), Reasoning: r.PostFormValue("reasoning"),
		DecidedBy: r.PostFormValue("decided_by")}
	if x.Region == "" {
		s.fail(w, r, forbidden())
		return
	}
	var err error
	if x.DecidedOn, err = dateField(r, "decided_on"); err == nil {
		if v := strings.TrimSpace(r.PostFormValue("meeting_id")); v != "" {
			if x.MeetingID, err = strconv.ParseInt(v, 10, 64); err != nil {
				err = jalin.Invalid("meeting_id", "tkksd.meeting_unknown")
			}
		}
	}
	if err == nil {
		_, err = s.TKKSD.AddConsideration(r.Context(), a.Scope(), x, meta(r))
	}
	if err != nil {
		s.formFail(w, r, err, func(errs map[string]string) {
			for k, v := range errs {
				delete(errs, k)
				errs["consider."+k] = v
			}
			s.renderCoop(w, r, statusOfErr(err), c, coopNotice{Errors: errs})
		})
		return
	}
	http.Redirect(w, r, "/cooperations/"+idOf(c.ID)+"?saved=consideration#tkksd", http.StatusSeeOther)
}

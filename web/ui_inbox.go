package web

import (
	"context"
	"net/http"
	"time"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/workday"
)

// notifier reads the notifications the background jobs write (reminders,
// lapses, expiries); *sqlstore.DB provides it.
type notifier interface {
	Notifications(ctx context.Context, scope access.Scope, userID int64, unreadOnly bool, limit int) ([]sqlstore.Notification, error)
	SeeInbox(ctx context.Context, userID int64, now time.Time) (time.Time, error)
}

// offerRow is an offer in a region's inbox: the cooperation, the party
// whose answer is awaited, and its answer deadline.
type offerRow struct {
	Coop    sqlstore.CoopSummary
	Answers []cooperation.Party // the partners and their answers
	Due     workday.Date
	Overdue bool
}

// newOfferRow is offer it (read in full as c) as of day today: the answer
// deadline of its latest offer and whether it has passed.
func newOfferRow(it sqlstore.CoopSummary, c cooperation.Cooperation, today workday.Date) offerRow {
	row := offerRow{Coop: it}
	if dl, ok := c.OfferDeadline(); ok {
		row.Due, row.Overdue = dl.Due, dl.Due.Before(today)
	}
	return row
}

type inboxData struct {
	Notes    []sqlstore.Notification
	Seen     time.Time // when the user last opened the inbox; zero if never
	Received []offerRow
	Sent     []offerRow
	Today    workday.Date
}

// New reports whether n arrived after the user last opened the inbox.
func (d inboxData) New(n sqlstore.Notification) bool { return n.CreatedAt.After(d.Seen) }

// inbox lists the offers a TKKSD has received and sent that are waiting
// for an answer, with their deadlines, so nothing lapses unnoticed.
func (s *Server) inbox(w http.ResponseWriter, r *http.Request) {
	a := info(r).Actor
	if !s.authorize(w, r, access.TransitionCooperation, homeResource(a, "cooperation")) {
		return
	}
	today := workday.DateOf(s.now())
	f := sqlstore.CoopFilter{Stage: cooperation.Penawaran, Limit: 500, Today: today}
	if a.Region != "" {
		f.Partner = a.Region
	}
	if a.OrgID != 0 {
		f.Partner = "org:" + idOf(a.OrgID)
	}
	items, _, err := s.Coops.ListCooperations(r.Context(), a.Scope(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := inboxData{Today: today}
	if n, ok := s.Coops.(notifier); ok {
		if d.Notes, err = n.Notifications(r.Context(), a.Scope(), a.UserID, false, 30); err != nil {
			s.fail(w, r, err)
			return
		}
		if d.Seen, err = n.SeeInbox(r.Context(), a.UserID, s.now()); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	scope := a.Scope()
	for _, it := range items {
		c, err := s.Coops.GetCooperation(r.Context(), scope, it.ID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		row := newOfferRow(it, c, today)
		mine := false // the actor's side initiated it
		for _, p := range c.Parties {
			if p.Initiator {
				mine = (p.Kind == cooperation.PartyRegion && scope.Covers(p.Region)) || (a.OrgID != 0 && p.OrgID == a.OrgID)
			} else {
				row.Answers = append(row.Answers, p)
			}
		}
		if mine {
			d.Sent = append(d.Sent, row)
		} else {
			d.Received = append(d.Received, row)
		}
	}
	s.render(w, r, "inbox", "inbox", s.t(r, "inbox.title"), d)
}

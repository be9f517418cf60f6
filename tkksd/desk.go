package tkksd

import (
	"cmp"
	"slices"
	"time"
)

// SoonDays is how far ahead the desk looks for actions due soon and for
// upcoming meetings.
const SoonDays = 14

// Desk is a team's open work at a glance.
type Desk struct {
	Overdue  []Action  // open, past their due date, oldest first
	DueSoon  []Action  // open, due today or within SoonDays days
	Later    []Action  // open, due after that
	Upcoming []Meeting // not yet ended, starting within SoonDays days, soonest first
	Recent   []Meeting // ended within the last SoonDays days, latest first
}

// BuildDesk sorts a team's actions and meetings into the desk's lists as
// of now (in the given location, so "today" is the team's day).
func BuildDesk(actions []Action, meetings []Meeting, now time.Time, loc *time.Location) Desk {
	today := DateOfIn(now, loc)
	soon := today.AddDays(SoonDays)
	var d Desk
	for _, x := range actions {
		switch {
		case x.Status != Open:
		case x.Due.Before(today):
			d.Overdue = append(d.Overdue, x)
		case !x.Due.After(soon):
			d.DueSoon = append(d.DueSoon, x)
		default:
			d.Later = append(d.Later, x)
		}
	}
	byDue := func(a, b Action) int { return cmp.Or(a.Due.Compare(b.Due), cmp.Compare(a.ID, b.ID)) }
	slices.SortFunc(d.Overdue, byDue)
	slices.SortFunc(d.DueSoon, byDue)
	slices.SortFunc(d.Later, byDue)
	horizon := now.Add(SoonDays * 24 * time.Hour)
	for _, m := range meetings {
		switch {
		case m.End.After(now) && m.Start.Before(horizon):
			d.Upcoming = append(d.Upcoming, m)
		case !m.End.After(now) && m.End.After(now.Add(-SoonDays*24*time.Hour)):
			d.Recent = append(d.Recent, m)
		}
	}
	slices.SortFunc(d.Upcoming, func(a, b Meeting) int { return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.ID, b.ID)) })
	slices.SortFunc(d.Recent, func(a, b Meeting) int { return cmp.Or(b.End.Compare(a.End), cmp.Compare(a.ID, b.ID)) })
	return d
}

// DateOfIn is the civil date of t in loc (nil for UTC).
func DateOfIn(t time.Time, loc *time.Location) Date {
	if loc == nil {
		loc = time.UTC
	}
	lt := t.In(loc)
	return Date{Year: lt.Year(), Month: lt.Month(), Day: lt.Day()}
}

// Activity is one region's state at a glance, for the province's and the
// ministry's overview.
type Activity struct {
	Region        string `json:"region_code"`
	HasTeam       bool   `json:"has_team"`
	Mapped        int    `json:"urusan_mapped"`
	OpenActions   int    `json:"open_actions"`
	Overdue       int    `json:"overdue_actions"`
	Meetings90    int    `json:"meetings_last_90_days"`
	MappingSubmit bool   `json:"mapping_submitted"`
}

package tkksd

import (
	"strings"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
)

// Status is where a follow-up action stands.
type Status string

const (
	Open      Status = "open"
	Done      Status = "done"
	Cancelled Status = "cancelled"
)

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return s == Open || s == Done || s == Cancelled }

// Action is a follow-up (tindak lanjut) a meeting decided: what, which
// region's team owns it (and which official, where known), by when. It
// may concern a cooperation, and then shows on that cooperation's page.
type Action struct {
	ID            int64      `json:"id"`
	MeetingID     int64      `json:"meeting_id"`
	Title         string     `json:"title"`
	OwnerRegion   string     `json:"owner_region"`
	OwnerUserID   int64      `json:"owner_user_id,omitempty"`
	OwnerName     string     `json:"owner_name,omitempty"`
	Due           Date       `json:"due_date"`
	Status        Status     `json:"status"`
	Note          string     `json:"note,omitempty"` // how it was closed, or why it was cancelled
	CooperationID int64      `json:"cooperation_id,omitempty"`
	ClosedAt      *time.Time `json:"closed_at,omitempty"`
	Version       int64      `json:"version"`
}

// Validate checks a new action against its meeting: a title, a due date,
// and an owner region that takes part in the meeting.
func (x *Action) Validate(m Meeting) error {
	x.Title, x.OwnerName = strings.TrimSpace(x.Title), strings.TrimSpace(x.OwnerName)
	switch {
	case x.Title == "":
		return jalin.Invalid("title", "tkksd.title_required")
	case x.Due.IsZero():
		return jalin.Invalid("due_date", "tkksd.due_required")
	case !m.TakesPart(x.OwnerRegion):
		return jalin.Invalid("owner_region", "tkksd.owner_region_absent", x.OwnerRegion)
	}
	if x.Status == "" {
		x.Status = Open
	}
	if x.Status != Open {
		return jalin.Invalid("status", "tkksd.new_action_open")
	}
	return nil
}

// SetStatus moves an action: an open action is done or cancelled (a
// cancellation needs a note saying why); a closed one may be reopened.
// Anything else is refused, naming the field.
func (x *Action) SetStatus(to Status, note string, now time.Time) error {
	note = strings.TrimSpace(note)
	switch {
	case !to.Valid():
		return jalin.Invalid("status", "tkksd.status_invalid", string(to))
	case to == x.Status:
		return jalin.Invalid("status", "tkksd.status_same", string(to))
	case x.Status != Open && to != Open:
		return jalin.Invalid("status", "tkksd.status_closed", string(x.Status))
	case to == Cancelled && note == "":
		return jalin.Invalid("note", "tkksd.cancel_needs_note")
	}
	x.Status = to
	if note != "" {
		x.Note = note
	}
	if to == Open {
		x.ClosedAt = nil
	} else {
		t := now.UTC()
		x.ClosedAt = &t
	}
	return nil
}

// Overdue reports whether the action is open past its due date on day today.
func (x Action) Overdue(today Date) bool { return x.Status == Open && x.Due.Before(today) }

// CanWork reports whether actor a may change the status of action x of
// meeting m: the owner region's team works its own actions; the host
// runs them all.
func CanWork(a access.Actor, x Action, m Meeting) bool {
	if CanManage(a, m) {
		return true
	}
	return manager(a) && a.Scope().Covers(x.OwnerRegion)
}

// Handover names the actions an official's successor takes over when the
// official leaves: every open action owned by user from. Closed ones keep
// their owner, who did them.
func Handover(actions []Action, from int64) []int64 {
	var ids []int64
	for _, x := range actions {
		if x.OwnerUserID == from && x.Status == Open {
			ids = append(ids, x.ID)
		}
	}
	return ids
}

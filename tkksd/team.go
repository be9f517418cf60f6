// Package tkksd holds the rules of a region's cooperation coordination team
// (Tim Koordinasi Kerja Sama Daerah): its composition by decree, the mapping
// of government affairs, its meetings and the follow-up actions they decide,
// and the desk that puts the team's open work on one page. It imports
// neither net/http nor database/sql; storage and pages are adapters.
package tkksd

import (
	"strconv"
	"strings"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/workday"
)

// Date is a civil date (decree dates, terms, due dates).
type Date = workday.Date

// Position is a member's place in the team. The regulation's text on the
// composition is not confirmed (REGULATION.md §9.1); local decrees name a
// chair (the Sekda), a secretary (the cooperation unit) and members by office.
type Position string

const (
	Chair     Position = "ketua"
	ViceChair Position = "wakil_ketua"
	Secretary Position = "sekretaris"
	Member    Position = "anggota"
)

// Positions lists the positions in the order a decree lists them.
var Positions = []Position{Chair, ViceChair, Secretary, Member}

// Valid reports whether p is one of Positions.
func (p Position) Valid() bool {
	switch p {
	case Chair, ViceChair, Secretary, Member:
		return true
	}
	return false
}

// Seat is one person in a team: the official by name and office (perangkat
// daerah), and their Jalin account where they have one.
type Seat struct {
	Position Position `json:"position"`
	Name     string   `json:"name"`
	Office   string   `json:"office"`
	UserID   int64    `json:"user_id,omitempty"`
}

// File is an uploaded document kept in the blob store by its SHA-256.
type File struct {
	SHA256 string `json:"sha256"`
	Name   string `json:"name"`
	MIME   string `json:"mime"`
	Size   int64  `json:"size"`
}

// Team is one composition of a region's TKKSD, as set by one decree (SK).
// A new decree makes a new Team; the previous one stays as history.
type Team struct {
	ID           int64     `json:"id"`
	Region       string    `json:"region_code"`
	DecreeNumber string    `json:"decree_number"`
	DecreeDate   Date      `json:"decree_date"`
	DecreeDoc    string    `json:"decree_document,omitempty"` // where the signed decree is kept (JDIH link or archive reference)
	DecreeFile   *File     `json:"decree_file,omitempty"`     // the scanned decree, if uploaded
	TermStart    Date      `json:"term_start"`
	TermEnd      Date      `json:"term_end,omitempty"` // zero: until replaced
	Seats        []Seat    `json:"seats"`
	Current      bool      `json:"current"`
	Version      int64     `json:"version"`
	CreatedAt    time.Time `json:"created_at"`
}

// Validate checks a composition before it is stored: the decree is named
// and dated, the term does not end before it starts nor start before the
// decree, and the team has exactly one chair and one secretary, every
// seat with a name and an office.
func (t *Team) Validate() error {
	t.DecreeNumber = strings.TrimSpace(t.DecreeNumber)
	t.DecreeDoc = strings.TrimSpace(t.DecreeDoc)
	switch {
	case t.Region == "":
		return jalin.Invalid("region_code", "tkksd.region_required")
	case t.DecreeNumber == "":
		return jalin.Invalid("decree_number", "tkksd.decree_number_required")
	case t.DecreeDate.IsZero():
		return jalin.Invalid("decree_date", "tkksd.decree_date_required")
	case t.TermStart.IsZero():
		return jalin.Invalid("term_start", "tkksd.term_start_required")
	case t.TermStart.Before(t.DecreeDate):
		return jalin.Invalid("term_start", "tkksd.term_before_decree")
	case !t.TermEnd.IsZero() && !t.TermEnd.After(t.TermStart):
		return jalin.Invalid("term_end", "tkksd.term_end_before_start")
	}
	count := map[Position]int{}
	users := map[int64]bool{}
	for i := range t.Seats {
		s := &t.Seats[i]
		s.Name, s.Office = strings.TrimSpace(s.Name), strings.TrimSpace(s.Office)
		field := "seats." + strconv.Itoa(i)
		switch {
		case !s.Position.Valid():
			return jalin.Invalid(field+".position", "tkksd.position_invalid", string(s.Position))
		case s.Name == "":
			return jalin.Invalid(field+".name", "tkksd.seat_name_required")
		case s.Office == "":
			return jalin.Invalid(field+".office", "tkksd.seat_office_required")
		case s.UserID != 0 && users[s.UserID]:
			return jalin.Invalid(field+".user_id", "tkksd.seat_user_twice")
		}
		users[s.UserID] = s.UserID != 0
		count[s.Position]++
	}
	switch {
	case count[Chair] != 1:
		return jalin.Invalid("seats", "tkksd.one_chair", count[Chair])
	case count[Secretary] != 1:
		return jalin.Invalid("seats", "tkksd.one_secretary", count[Secretary])
	}
	return nil
}

// InTerm reports whether the team's term covers day d.
func (t Team) InTerm(d Date) bool {
	return !d.Before(t.TermStart) && (t.TermEnd.IsZero() || !d.After(t.TermEnd))
}

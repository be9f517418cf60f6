package tkksd

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
)

// MeetingKind tells a team's own meeting from an assistance meeting
// (fasilitasi/asistensi) that a province or the ministry holds with the
// teams of other regions.
type MeetingKind string

const (
	Internal   MeetingKind = "internal"
	Assistance MeetingKind = "assistance"
)

// Mode is how people attend.
type Mode string

const (
	Offline Mode = "offline" // in a room: needs a venue
	Online  Mode = "online"  // by video call: needs a link
	Hybrid  Mode = "hybrid"  // both
)

// Zone is the Indonesian time zone a meeting is announced in. Fixed
// offsets (Indonesia has no daylight saving time) keep the package free of
// the system's time-zone database.
type Zone string

const (
	WIB  Zone = "WIB"  // UTC+7: Sumatra, Java, West and Central Kalimantan
	WITA Zone = "WITA" // UTC+8: Bali, Nusa Tenggara, South/East/North Kalimantan, Sulawesi
	WIT  Zone = "WIT"  // UTC+9: Maluku, Papua
)

// Zones lists the zones west to east.
var Zones = []Zone{WIB, WITA, WIT}

// ZoneOf is the time zone of a region by its province code (Perpres
// 41/1987): WITA for Bali, Nusa Tenggara, South, East and North
// Kalimantan and Sulawesi, WIT for Maluku and Papua, WIB for the rest and
// for no region (the ministry in Jakarta).
func ZoneOf(region string) Zone {
	p, _, _ := strings.Cut(region, ".")
	switch p {
	case "51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76":
		return WITA
	case "81", "82", "91", "92", "93", "94", "95", "96":
		return WIT
	}
	return WIB
}

// Location returns the zone as a fixed *time.Location (WIB for an unknown zone).
func (z Zone) Location() *time.Location {
	switch z {
	case WITA:
		return time.FixedZone("WITA", 8*3600)
	case WIT:
		return time.FixedZone("WIT", 9*3600)
	}
	return time.FixedZone("WIB", 7*3600)
}

// Presence is how one person attended.
type Presence string

const (
	InRoom Presence = "room"
	Remote Presence = "online"
	Absent Presence = "absent"
)

// Attendee is one person on the attendance list.
type Attendee struct {
	Region   string   `json:"region_code"`
	Name     string   `json:"name"`
	Office   string   `json:"office,omitempty"`
	UserID   int64    `json:"user_id,omitempty"`
	Presence Presence `json:"presence,omitempty"` // empty for an invitee
}

// Meeting is a TKKSD meeting. Host is the region whose team holds it, ""
// for the ministry; Invited are the other regions whose teams take part.
// Times are instants (stored and written to calendars in UTC).
type Meeting struct {
	ID         int64       `json:"id"`
	Host       string      `json:"host_region,omitempty"`
	Kind       MeetingKind `json:"kind"`
	Title      string      `json:"title"`
	Agenda     string      `json:"agenda"`
	Mode       Mode        `json:"mode"`
	Venue      string      `json:"venue,omitempty"`
	Link       string      `json:"link,omitempty"`
	Zone       Zone        `json:"zone"` // how times are shown to the participants
	Start      time.Time   `json:"start"`
	End        time.Time   `json:"end"`
	Invited    []string    `json:"invited_regions"`
	Invitees   []Attendee  `json:"invitees,omitempty"` // people invited by name (their Presence is unused)
	Attendance []Attendee  `json:"attendance"`
	Minutes    string      `json:"minutes,omitempty"`
	Decisions  []string    `json:"decisions"`
	Version    int64       `json:"version"`
	CreatedBy  int64       `json:"created_by,omitempty"`
	CreatedAt  time.Time   `json:"created_at"`
}

// Regions are the host and the invited regions: whoever's scope covers one
// of them sees the meeting.
func (m Meeting) Regions() []string {
	out := slices.Clone(m.Invited)
	if m.Host != "" {
		out = append([]string{m.Host}, out...)
	}
	return out
}

// Resource describes the meeting for access.Authorize.
func (m Meeting) Resource() access.Resource {
	return access.Resource{Kind: "tkksd_meeting", Regions: m.Regions()}
}

// Takes part reports whether region r is the host or invited.
func (m Meeting) TakesPart(r string) bool { return r != "" && slices.Contains(m.Regions(), r) }

// Validate checks a meeting's plan: a title, a start before its end, the
// venue and link its mode needs, and for an assistance meeting at least
// one invited region other than the host (an internal meeting invites
// none). Invited regions are made unique and sorted.
func (m *Meeting) Validate() error {
	m.Title, m.Agenda = strings.TrimSpace(m.Title), strings.TrimSpace(m.Agenda)
	m.Venue, m.Link = strings.TrimSpace(m.Venue), strings.TrimSpace(m.Link)
	slices.Sort(m.Invited)
	m.Invited = slices.Compact(m.Invited)
	m.Invited = slices.DeleteFunc(m.Invited, func(r string) bool { return r == "" })
	switch {
	case m.Title == "":
		return jalin.Invalid("title", "tkksd.title_required")
	case m.Kind != Internal && m.Kind != Assistance:
		return jalin.Invalid("kind", "tkksd.meeting_kind_invalid", string(m.Kind))
	case m.Start.IsZero():
		return jalin.Invalid("start", "tkksd.start_required")
	case !m.End.After(m.Start):
		return jalin.Invalid("end", "tkksd.end_before_start")
	case m.End.Sub(m.Start) > 72*time.Hour:
		return jalin.Invalid("end", "tkksd.meeting_too_long")
	}
	if m.Zone == "" {
		m.Zone = WIB
	}
	if m.Zone != WIB && m.Zone != WITA && m.Zone != WIT {
		return jalin.Invalid("zone", "tkksd.zone_invalid", string(m.Zone))
	}
	switch m.Mode {
	case Offline, Online, Hybrid:
	default:
		return jalin.Invalid("mode", "tkksd.mode_invalid", string(m.Mode))
	}
	if m.Mode != Online && m.Venue == "" {
		return jalin.Invalid("venue", "tkksd.venue_required")
	}
	if m.Mode != Offline {
		if m.Link == "" {
			return jalin.Invalid("link", "tkksd.link_required")
		}
		if !strings.HasPrefix(m.Link, "https://") && !strings.HasPrefix(m.Link, "http://") {
			return jalin.Invalid("link", "tkksd.link_invalid")
		}
	}
	if m.Host == "" && m.Kind == Internal {
		return jalin.Invalid("kind", "tkksd.internal_needs_host")
	}
	if slices.Contains(m.Invited, m.Host) {
		return jalin.Invalid("invited_regions", "tkksd.host_invited")
	}
	switch {
	case m.Kind == Internal && len(m.Invited) > 0:
		return jalin.Invalid("invited_regions", "tkksd.internal_no_guests")
	case m.Kind == Assistance && len(m.Invited) == 0:
		return jalin.Invalid("invited_regions", "tkksd.assistance_needs_guests")
	}
	return nil
}

// CheckAttendance validates an attendance list against the meeting: every
// attendee is named, comes from a region taking part, and attended in a
// way the mode allows (no one online at an offline meeting, no one in the
// room at an online one).
func (m Meeting) CheckAttendance(list []Attendee) error {
	for i := range list {
		a := &list[i]
		field := "attendance." + strconv.Itoa(i)
		if err := m.checkPerson(a, field); err != nil {
			return err
		}
		switch {
		case a.Presence != InRoom && a.Presence != Remote && a.Presence != Absent:
			return jalin.Invalid(field+".presence", "tkksd.presence_invalid", string(a.Presence))
		case a.Presence == Remote && m.Mode == Offline:
			return jalin.Invalid(field+".presence", "tkksd.presence_online_offline")
		case a.Presence == InRoom && m.Mode == Online:
			return jalin.Invalid(field+".presence", "tkksd.presence_room_online")
		}
	}
	return nil
}

// CheckInvitees validates the people invited by name: each named, from a
// region taking part. Their presence is cleared: it is the attendance
// list's to record.
func (m Meeting) CheckInvitees(list []Attendee) error {
	for i := range list {
		list[i].Presence = ""
		if err := m.checkPerson(&list[i], "invitees."+strconv.Itoa(i)); err != nil {
			return err
		}
	}
	return nil
}

// checkPerson trims a person of an attendance or invitee list (row field)
// and checks that they are named and from a region taking part.
func (m Meeting) checkPerson(p *Attendee, field string) error {
	p.Name, p.Office = strings.TrimSpace(p.Name), strings.TrimSpace(p.Office)
	switch {
	case p.Name == "":
		return jalin.Invalid(field+".name", "tkksd.attendee_name_required")
	case !m.TakesPart(p.Region):
		return jalin.Invalid(field+".region_code", "tkksd.attendee_region", p.Region)
	}
	return nil
}

// CanManage reports whether actor a runs meeting m: a working TKKSD role
// (or the national administrator) whose scope covers the host. Invited
// teams read the meeting and work on their own actions, but do not
// change its plan, attendance or minutes.
func CanManage(a access.Actor, m Meeting) bool {
	if !manager(a) {
		return false
	}
	if m.Host == "" {
		return a.Role == access.NationalAdmin
	}
	return a.Scope().Covers(m.Host)
}

// CanHost reports whether actor a may call a meeting hosted by region host
// ("" for the ministry) that invites the given regions: the host is in its
// scope; assistance (pembinaan) is given by the Gubernur's province to its
// own regencies/cities and by the ministry to anyone, never by a regency.
func CanHost(a access.Actor, host string, kind MeetingKind, invited []string) bool {
	if !manager(a) {
		return false
	}
	if host == "" {
		return a.Role == access.NationalAdmin
	}
	if !a.Scope().Covers(host) {
		return false
	}
	if kind == Assistance && !isProvince(host) {
		return false
	}
	if kind == Assistance {
		for _, r := range invited {
			if !strings.HasPrefix(r, host+".") {
				return false
			}
		}
	}
	return true
}

func manager(a access.Actor) bool {
	switch a.Role {
	case access.NationalAdmin, access.ProvinceAdmin, access.ProvinceMember, access.RegencyAdmin, access.RegencyMember:
		return true
	}
	return false
}

func isProvince(code string) bool { return len(code) == 2 }

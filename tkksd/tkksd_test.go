package tkksd

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/workday"
)

func d(y int, m time.Month, day int) Date { return workday.NewDate(y, m, day) }

// field returns the field an EInvalid error names, "" for nil, and fails
// on any other error.
func field(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var e *jalin.Error
	if !errors.As(err, &e) || e.Code != jalin.EInvalid {
		t.Fatalf("want an EInvalid error, got %v", err)
	}
	return e.Field
}

func goodTeam() Team {
	return Team{Region: "32.73", DecreeNumber: "55/2024", DecreeDate: d(2024, 1, 10), TermStart: d(2024, 1, 10),
		TermEnd: d(2026, 12, 31), Seats: []Seat{
			{Position: Chair, Name: "Sekda", Office: "Sekretariat Daerah"},
			{Position: Secretary, Name: "Kabag Kerja Sama", Office: "Bagian Kerja Sama", UserID: 4},
			{Position: Member, Name: "Kepala Bappeda", Office: "Bappeda", UserID: 5},
		}}
}

func TestTeamValidate(t *testing.T) {
	cases := []struct {
		name   string
		change func(*Team)
		field  string
	}{
		{"good", func(*Team) {}, ""},
		{"no decree number", func(t *Team) { t.DecreeNumber = "  " }, "decree_number"},
		{"no decree date", func(t *Team) { t.DecreeDate = Date{} }, "decree_date"},
		{"term before decree", func(t *Team) { t.TermStart = d(2023, 12, 1) }, "term_start"},
		{"term ends before start", func(t *Team) { t.TermEnd = d(2024, 1, 10) }, "term_end"},
		{"open term", func(t *Team) { t.TermEnd = Date{} }, ""},
		{"no chair", func(t *Team) { t.Seats[0].Position = Member }, "seats"},
		{"two secretaries", func(t *Team) { t.Seats[2].Position = Secretary }, "seats"},
		{"unknown position", func(t *Team) { t.Seats[2].Position = "bendahara" }, "seats.2.position"},
		{"nameless seat", func(t *Team) { t.Seats[1].Name = "" }, "seats.1.name"},
		{"no office", func(t *Team) { t.Seats[2].Office = " " }, "seats.2.office"},
		{"same user twice", func(t *Team) { t.Seats[2].UserID = 4 }, "seats.2.user_id"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tm := goodTeam()
			c.change(&tm)
			if got := field(t, tm.Validate()); got != c.field {
				t.Errorf("field %q, want %q", got, c.field)
			}
		})
	}
	tm := goodTeam()
	if !tm.InTerm(d(2026, 12, 31)) || tm.InTerm(d(2027, 1, 1)) || tm.InTerm(d(2024, 1, 9)) {
		t.Error("InTerm wrong at the term's edges")
	}
}

var t0 = time.Date(2026, 12, 3, 2, 0, 0, 0, time.UTC)

func goodMeeting() Meeting {
	return Meeting{Host: "32", Kind: Assistance, Title: "Asistensi KSDD", Mode: Hybrid, Venue: "Gedung Sate",
		Link: "https://meet.example/abc", Start: t0, End: t0.Add(2 * time.Hour), Invited: []string{"32.73", "32.04", "32.73"}}
}

func TestMeetingValidate(t *testing.T) {
	cases := []struct {
		name   string
		change func(*Meeting)
		field  string
	}{
		{"good hybrid", func(*Meeting) {}, ""},
		{"no title", func(m *Meeting) { m.Title = " " }, "title"},
		{"bad kind", func(m *Meeting) { m.Kind = "rapat" }, "kind"},
		{"no start", func(m *Meeting) { m.Start = time.Time{} }, "start"},
		{"ends at start", func(m *Meeting) { m.End = m.Start }, "end"},
		{"four days", func(m *Meeting) { m.End = m.Start.Add(96 * time.Hour) }, "end"},
		{"bad mode", func(m *Meeting) { m.Mode = "zoom" }, "mode"},
		{"hybrid no venue", func(m *Meeting) { m.Venue = "" }, "venue"},
		{"hybrid no link", func(m *Meeting) { m.Link = "" }, "link"},
		{"link not http", func(m *Meeting) { m.Link = "javascript:alert(1)" }, "link"},
		{"online no venue", func(m *Meeting) { m.Mode, m.Venue = Online, "" }, ""},
		{"offline no link", func(m *Meeting) { m.Mode, m.Link = Offline, "" }, ""},
		{"host invited", func(m *Meeting) { m.Invited = append(m.Invited, "32") }, "invited_regions"},
		{"assistance alone", func(m *Meeting) { m.Invited = nil }, "invited_regions"},
		{"internal with guests", func(m *Meeting) { m.Kind = Internal }, "invited_regions"},
		{"internal alone", func(m *Meeting) { m.Kind, m.Invited = Internal, nil }, ""},
		{"ministry internal", func(m *Meeting) { m.Kind, m.Invited, m.Host = Internal, nil, "" }, "kind"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := goodMeeting()
			c.change(&m)
			if got := field(t, m.Validate()); got != c.field {
				t.Errorf("field %q, want %q", got, c.field)
			}
		})
	}
	m := goodMeeting()
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	if strings.Join(m.Invited, ",") != "32.04,32.73" {
		t.Errorf("invited not unique and sorted: %v", m.Invited)
	}
}

func TestAttendance(t *testing.T) {
	cases := []struct {
		mode Mode
		a    Attendee
		want string
	}{
		{Hybrid, Attendee{Region: "32.73", Name: "Ani", Presence: InRoom}, ""},
		{Hybrid, Attendee{Region: "32.04", Name: "Budi", Presence: Remote}, ""},
		{Hybrid, Attendee{Region: "32", Name: "Host", Presence: Absent}, ""},
		{Hybrid, Attendee{Region: "35.78", Name: "Stranger", Presence: InRoom}, "attendance.0.region_code"},
		{Hybrid, Attendee{Region: "32.73", Name: " ", Presence: InRoom}, "attendance.0.name"},
		{Hybrid, Attendee{Region: "32.73", Name: "Ani", Presence: "late"}, "attendance.0.presence"},
		{Offline, Attendee{Region: "32.73", Name: "Ani", Presence: Remote}, "attendance.0.presence"},
		{Online, Attendee{Region: "32.73", Name: "Ani", Presence: InRoom}, "attendance.0.presence"},
	}
	for _, c := range cases {
		m := goodMeeting()
		m.Mode = c.mode
		if got := field(t, m.CheckAttendance([]Attendee{c.a})); got != c.want {
			t.Errorf("%s %+v: field %q, want %q", c.mode, c.a, got, c.want)
		}
	}
}

func TestWhoRunsMeetings(t *testing.T) {
	prov := access.Actor{UserID: 1, Role: access.ProvinceMember, Region: "32"}
	provViewer := access.Actor{UserID: 2, Role: access.ProvinceViewer, Region: "32"}
	reg := access.Actor{UserID: 3, Role: access.RegencyAdmin, Region: "32.73"}
	other := access.Actor{UserID: 4, Role: access.RegencyMember, Region: "32.04"}
	nat := access.Actor{UserID: 5, Role: access.NationalAdmin}
	analyst := access.Actor{UserID: 6, Role: access.NationalAnalyst}
	cases := []struct {
		name    string
		a       access.Actor
		host    string
		kind    MeetingKind
		invited []string
		want    bool
	}{
		{"province assists its regencies", prov, "32", Assistance, []string{"32.73", "32.04"}, true},
		{"province reaches outside", prov, "32", Assistance, []string{"32.73", "35.78"}, false},
		{"viewer cannot call", provViewer, "32", Assistance, []string{"32.73"}, false},
		{"regency internal", reg, "32.73", Internal, nil, true},
		{"regency cannot give assistance", reg, "32.73", Assistance, []string{"32.04"}, false},
		{"regency for another", reg, "32.04", Internal, nil, false},
		{"province for its regency", prov, "32.73", Internal, nil, true},
		{"ministry anywhere", nat, "", Assistance, []string{"35.78", "32.73"}, true},
		{"analyst reads only", analyst, "", Assistance, []string{"32.73"}, false},
	}
	for _, c := range cases {
		if got := CanHost(c.a, c.host, c.kind, c.invited); got != c.want {
			t.Errorf("%s: CanHost = %v", c.name, got)
		}
	}
	m := goodMeeting()
	x := Action{OwnerRegion: "32.73", Status: Open}
	if !CanManage(prov, m) || CanManage(reg, m) || !CanManage(nat, m) || CanManage(analyst, m) {
		t.Error("CanManage: only the host's working roles and the national admin run the meeting")
	}
	if !CanWork(reg, x, m) || CanWork(other, x, m) || !CanWork(prov, x, m) || CanWork(provViewer, x, m) {
		t.Error("CanWork: the owner region and the host work an action, nobody else")
	}
}

func TestActionLifecycle(t *testing.T) {
	m := goodMeeting()
	x := Action{Title: "Kirim draf KB", OwnerRegion: "32.73", Due: d(2026, 12, 10)}
	if err := x.Validate(m); err != nil || x.Status != Open {
		t.Fatalf("valid action: %v, status %q", err, x.Status)
	}
	for _, c := range []struct {
		x     Action
		field string
	}{
		{Action{OwnerRegion: "32.73", Due: d(2026, 12, 10)}, "title"},
		{Action{Title: "x", OwnerRegion: "32.73"}, "due_date"},
		{Action{Title: "x", OwnerRegion: "35.78", Due: d(2026, 12, 10)}, "owner_region"},
		{Action{Title: "x", OwnerRegion: "32.73", Due: d(2026, 12, 10), Status: Done}, "status"},
	} {
		if got := field(t, c.x.Validate(m)); got != c.field {
			t.Errorf("%+v: field %q, want %q", c.x, got, c.field)
		}
	}
	steps := []struct {
		to    Status
		note  string
		field string
		after Status
	}{
		{Open, "", "status", Open},
		{"paused", "", "status", Open},
		{Cancelled, "", "note", Open},
		{Done, "sent by letter 12/2026", "", Done},
		{Cancelled, "no longer needed", "status", Done},
		{Open, "", "", Open},
		{Cancelled, "replaced", "", Cancelled},
	}
	for i, s := range steps {
		if got := field(t, x.SetStatus(s.to, s.note, t0)); got != s.field || x.Status != s.after {
			t.Errorf("step %d to %s: field %q status %q, want %q %q", i, s.to, got, x.Status, s.field, s.after)
		}
		if (x.Status == Open) != (x.ClosedAt == nil) {
			t.Errorf("step %d: closed_at %v with status %s", i, x.ClosedAt, x.Status)
		}
	}
	if x.Note != "replaced" {
		t.Errorf("note %q", x.Note)
	}
}

func TestHandover(t *testing.T) {
	actions := []Action{
		{ID: 1, OwnerUserID: 7, Status: Open},
		{ID: 2, OwnerUserID: 7, Status: Done},
		{ID: 3, OwnerUserID: 8, Status: Open},
		{ID: 4, OwnerUserID: 7, Status: Open},
	}
	got := Handover(actions, 7)
	if len(got) != 2 || got[0] != 1 || got[1] != 4 {
		t.Errorf("Handover = %v, want [1 4]", got)
	}
}

func TestZone(t *testing.T) {
	m := goodMeeting()
	if err := m.Validate(); err != nil || m.Zone != WIB {
		t.Fatalf("default zone: %v %q", err, m.Zone)
	}
	m.Zone = "CET"
	if got := field(t, m.Validate()); got != "zone" {
		t.Errorf("field %q, want zone", got)
	}
	for z, h := range map[Zone]int{WIB: 9, WITA: 10, WIT: 11} {
		if got := t0.In(z.Location()).Hour(); got != h {
			t.Errorf("%s: 02:00 UTC is %d:00, want %d:00", z, got, h)
		}
	}
}

func TestConsideration(t *testing.T) {
	today := d(2026, 12, 3)
	good := func() Consideration {
		return Consideration{Region: "32.73", Stage: "persiapan", Recommendation: Proceed, Reasoning: "KAK lengkap",
			DecidedBy: "Ketua TKKSD", DecidedOn: today}
	}
	for _, c := range []struct {
		change func(*Consideration)
		field  string
	}{
		{func(*Consideration) {}, ""},
		{func(c *Consideration) { c.Recommendation = "maybe" }, "recommendation"},
		{func(c *Consideration) { c.Reasoning = " " }, "reasoning"},
		{func(c *Consideration) { c.DecidedBy = "" }, "decided_by"},
		{func(c *Consideration) { c.DecidedOn = Date{} }, "decided_on"},
		{func(c *Consideration) { c.DecidedOn = today.AddDays(1) }, "decided_on"},
		{func(c *Consideration) { c.Stage = "" }, "stage"},
	} {
		x := good()
		c.change(&x)
		if got := field(t, x.Validate(today)); got != c.field {
			t.Errorf("field %q, want %q", got, c.field)
		}
	}
	cs := []Consideration{
		{ID: 1, Region: "32.73", Stage: "persiapan", Recommendation: Proceed, DecidedOn: d(2026, 11, 1)},
		{ID: 2, Region: "32.73", Stage: "persiapan", Recommendation: Revise, DecidedOn: d(2026, 11, 20)},
		{ID: 3, Region: "32.04", Stage: "persiapan", Recommendation: Proceed, DecidedOn: d(2026, 11, 2)},
	}
	if Supports(cs, "32.73", "persiapan") {
		t.Error("a later 'revise' must override the earlier 'proceed'")
	}
	if !Supports(cs, "32.04", "persiapan") || Supports(cs, "32.04", "penawaran") || Supports(nil, "32.73", "persiapan") {
		t.Error("Supports wrong for another region or stage")
	}
	cs = append(cs, Consideration{ID: 4, Region: "32.73", Stage: "persiapan", Recommendation: Proceed, DecidedOn: d(2026, 11, 20)})
	if !Supports(cs, "32.73", "persiapan") {
		t.Error("on the same day the later record wins")
	}
}

func TestInvitees(t *testing.T) {
	m := goodMeeting()
	list := []Attendee{{Region: "32.73", Name: " Ani ", Presence: Remote}, {Region: "32.04", Name: "Budi"}}
	if err := m.CheckInvitees(list); err != nil || list[0].Name != "Ani" || list[0].Presence != "" {
		t.Fatalf("valid invitees: %v %+v", err, list)
	}
	if got := field(t, m.CheckInvitees([]Attendee{{Region: "35.78", Name: "Citra"}})); got != "invitees.0.region_code" {
		t.Errorf("invitee from outside: field %q", got)
	}
	if got := field(t, m.CheckInvitees([]Attendee{{Region: "32", Name: ""}})); got != "invitees.0.name" {
		t.Errorf("nameless invitee: field %q", got)
	}
}

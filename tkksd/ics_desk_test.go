package tkksd

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestICS(t *testing.T) {
	m := goodMeeting()
	m.ID, m.Version = 42, 3
	m.Title = "Asistensi; KSDD, wajib \\ persampahan"
	m.Agenda = "1. Pemetaan urusan\n2. Rencana aksi — pengelolaan sampah regional lintas kabupaten/kota di Bandung Raya"
	m.Start = time.Date(2026, 12, 3, 9, 0, 0, 0, time.FixedZone("WIB", 7*3600))
	m.End = m.Start.Add(90 * time.Minute)
	var buf bytes.Buffer
	participants := "Peserta:\n- Kota Bandung: Dra. Sari, M.Si (Bappeda)"
	if err := ICS(&buf, m, participants, "jalin.example", time.Date(2026, 11, 27, 1, 2, 3, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasSuffix(out, "END:VCALENDAR\r\n") || strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\n") {
		t.Fatal("every line must end with CRLF, and no bare LF may remain")
	}
	lines := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
	for i, l := range lines {
		if len(l) > 75 {
			t.Errorf("line %d is %d octets: %q", i, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a UTF-8 character: %q", i, l)
		}
	}
	// Unfold (RFC 5545 §3.1) and read the properties back.
	unfolded := strings.ReplaceAll(out, "\r\n ", "")
	props := map[string]string{}
	for _, l := range strings.Split(strings.TrimSuffix(unfolded, "\r\n"), "\r\n") {
		k, v, _ := strings.Cut(l, ":")
		props[k] = v
	}
	want := map[string]string{
		"UID":      "tkksd-meeting-42@jalin.example",
		"DTSTART":  "20261203T020000Z", // 09:00 WIB
		"DTEND":    "20261203T033000Z",
		"DTSTAMP":  "20261127T010203Z",
		"SEQUENCE": "2",
		"SUMMARY":  `Asistensi\; KSDD\, wajib \\ persampahan`,
		"LOCATION": "Gedung Sate",
		"URL":      "https://meet.example/abc",
		"DESCRIPTION": `1. Pemetaan urusan\n2. Rencana aksi — pengelolaan sampah regional lintas ` +
			`kabupaten/kota di Bandung Raya\n\nhttps://meet.example/abc` +
			`\n\nPeserta:\n- Kota Bandung: Dra. Sari\, M.Si (Bappeda)`,
	}
	for k, v := range want {
		if props[k] != v {
			t.Errorf("%s = %q, want %q", k, props[k], v)
		}
	}
	if _, ok := props["ATTENDEE"]; ok || props["METHOD"] != "PUBLISH" {
		t.Errorf("a PUBLISH object without ATTENDEE expected: METHOD %q", props["METHOD"])
	}
	if lines[0] != "BEGIN:VCALENDAR" || props["VERSION"] != "2.0" || props["PRODID"] == "" {
		t.Errorf("calendar header wrong: %q", lines[:3])
	}
}

func TestFoldMultibyte(t *testing.T) {
	s := "DESCRIPTION:" + strings.Repeat("é", 100) // 2-octet runes across every boundary
	got := fold(s)
	if strings.ReplaceAll(strings.TrimSuffix(got, "\r\n"), "\r\n ", "") != s {
		t.Fatal("unfolding does not give back the line")
	}
	for _, l := range strings.Split(strings.TrimSuffix(got, "\r\n"), "\r\n") {
		if len(l) > 75 || !utf8.ValidString(strings.TrimPrefix(l, " ")) {
			t.Errorf("bad folded line %q (%d octets)", l, len(l))
		}
	}
}

func TestBuildDesk(t *testing.T) {
	wib := time.FixedZone("WIB", 7*3600)
	now := time.Date(2026, 12, 9, 18, 0, 0, 0, time.UTC) // 10 Dec 01:00 in WIB
	actions := []Action{
		{ID: 1, Due: d(2026, 12, 9), Status: Open},
		{ID: 2, Due: d(2026, 12, 10), Status: Open},
		{ID: 3, Due: d(2026, 12, 24), Status: Open},
		{ID: 4, Due: d(2026, 12, 25), Status: Open},
		{ID: 5, Due: d(2026, 11, 1), Status: Done},
		{ID: 6, Due: d(2026, 11, 1), Status: Open},
	}
	meetings := []Meeting{
		{ID: 1, Start: now.Add(time.Hour), End: now.Add(3 * time.Hour)},
		{ID: 2, Start: now.Add(-time.Hour), End: now.Add(time.Hour)},            // under way
		{ID: 3, Start: now.Add(-48 * time.Hour), End: now.Add(-47 * time.Hour)}, // recent
		{ID: 4, Start: now.Add(20 * 24 * time.Hour), End: now.Add(20*24*time.Hour + time.Hour)},
		{ID: 5, Start: now.Add(-30 * 24 * time.Hour), End: now.Add(-30*24*time.Hour + time.Hour)},
	}
	desk := BuildDesk(actions, meetings, now, wib)
	ids := func(xs []Action) (out []int64) {
		for _, x := range xs {
			out = append(out, x.ID)
		}
		return
	}
	mids := func(ms []Meeting) (out []int64) {
		for _, m := range ms {
			out = append(out, m.ID)
		}
		return
	}
	check := func(name string, got []int64, want ...int64) {
		t.Helper()
		if len(got) != len(want) {
			t.Errorf("%s = %v, want %v", name, got, want)
			return
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s = %v, want %v", name, got, want)
				return
			}
		}
	}
	// In WIB it is already 10 December: action 1 is overdue, 2 due today,
	// 3 on the last day of the window, 4 after it.
	check("overdue", ids(desk.Overdue), 6, 1)
	check("due soon", ids(desk.DueSoon), 2, 3)
	check("later", ids(desk.Later), 4)
	check("upcoming", mids(desk.Upcoming), 2, 1)
	check("recent", mids(desk.Recent), 3)
	// In UTC it is still 9 December: action 1 is due today.
	check("overdue UTC", ids(BuildDesk(actions, nil, now, nil).Overdue), 6)
}

func TestMapping(t *testing.T) {
	for _, c := range []struct {
		e     MappingEntry
		field string
	}{
		{MappingEntry{Urusan: "XX", Offer: "a", Priority: 1}, "urusan"},
		{MappingEntry{Urusan: "1.03", Priority: 1}, "offer"},
		{MappingEntry{Urusan: "1.03", Need: "b", Priority: 4}, "priority"},
		{MappingEntry{Urusan: "1.03", Need: "b", Priority: 0}, "priority"},
		{MappingEntry{Urusan: "1.03", Need: "b", Priority: 3}, ""},
	} {
		if got := field(t, c.e.Validate()); got != c.field {
			t.Errorf("%+v: field %q, want %q", c.e, got, c.field)
		}
	}
	es := []MappingEntry{
		{Region: "32.73", Urusan: "1.03", Offer: "TPA Sarimukti", Priority: 2},
		{Region: "32.04", Urusan: "1.03", Need: "Tempat pembuangan akhir", Priority: 1},
		{Region: "32.04", Urusan: "1.03", Offer: "Lahan", Need: "", Priority: 3},
		{Region: "32.17", Urusan: "1.03", Need: "Armada", Priority: 3},
		{Region: "32.73", Urusan: "2.17", Need: "Bahan baku", Priority: 1},
	}
	got := Matches(es)
	want := []Match{
		{Urusan: "1.03", OfferRegion: "32.73", Offer: "TPA Sarimukti", NeedRegion: "32.04", Need: "Tempat pembuangan akhir", Priority: 1},
		{Urusan: "1.03", OfferRegion: "32.04", Offer: "Lahan", NeedRegion: "32.17", Need: "Armada", Priority: 3},
		{Urusan: "1.03", OfferRegion: "32.73", Offer: "TPA Sarimukti", NeedRegion: "32.17", Need: "Armada", Priority: 3},
	}
	if len(got) != len(want) {
		t.Fatalf("Matches = %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("match %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if !Covers(es, "32.17", "1.03") || Covers(es, "32.17", "2.17") {
		t.Error("Covers wrong")
	}
	if n, total := Completeness(es[:3]); n != 1 || total < 30 {
		t.Errorf("Completeness = %d/%d", n, total)
	}
}

// FuzzICSText: whatever a user types as a title or agenda, every line of
// the calendar file stays within 75 octets, valid UTF-8 and free of bare
// line breaks, and unfolding and unescaping give the text back.
func FuzzICSText(f *testing.F) {
	for _, s := range []string{"Rapat; a,b \\ c", "baris\r\nbaru\nlagi", strings.Repeat("é", 80), "\u2014"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		got := fold("SUMMARY:" + escapeText(s))
		body := strings.TrimSuffix(got, "\r\n")
		for _, l := range strings.Split(body, "\r\n") {
			if len(l) > 75 || !utf8.ValidString(l) || strings.ContainsAny(l, "\r\n") {
				t.Fatalf("bad line %q", l)
			}
		}
		text := strings.TrimPrefix(strings.ReplaceAll(body, "\r\n ", ""), "SUMMARY:")
		un := strings.NewReplacer(`\\`, `\`, `\;`, ";", `\,`, ",", `\n`, "\n").Replace(text)
		want := strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
		if un != want {
			t.Fatalf("round trip: %q, want %q", un, want)
		}
	})
}

package tkksd

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ICS writes meeting m as an iCalendar file (RFC 5545) with one event, so
// invitees can put it in any calendar: CRLF line ends, lines folded at 75
// octets without splitting a UTF-8 character, TEXT values escaped, times
// in UTC, and a UID stable across updates (SEQUENCE is the meeting's
// version, so calendars replace an earlier copy). domain makes the UID
// globally unique (the installation's host name); stamp is DTSTAMP.
//
// participants, when not empty, ends the description: who is invited, as
// the caller words it in the reader's language. The invitees are named
// there and not as ATTENDEE properties: a PUBLISH object must not carry
// ATTENDEE (RFC 5546 §3.2.1), and ATTENDEE needs an e-mail address, which
// officials invited by name often have none of in Jalin.
func ICS(w io.Writer, m Meeting, participants, domain string, stamp time.Time) error {
	bw := bufio.NewWriter(w)
	line := func(name, value string) { bw.WriteString(fold(name + ":" + value)) }
	text := func(name, value string) { line(name, escapeText(value)) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//Jalin//TKKSD//ID")
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	line("BEGIN", "VEVENT")
	line("UID", "tkksd-meeting-"+strconv.FormatInt(m.ID, 10)+"@"+domain)
	line("DTSTAMP", icsTime(stamp))
	line("DTSTART", icsTime(m.Start))
	line("DTEND", icsTime(m.End))
	line("SEQUENCE", strconv.FormatInt(max(m.Version-1, 0), 10))
	text("SUMMARY", m.Title)
	desc := m.Agenda
	for _, part := range []string{m.Link, participants} {
		if part != "" {
			desc = strings.TrimSpace(desc + "\n\n" + part)
		}
	}
	if desc != "" {
		text("DESCRIPTION", desc)
	}
	switch {
	case m.Venue != "":
		text("LOCATION", m.Venue)
	case m.Link != "":
		text("LOCATION", m.Link)
	}
	if m.Link != "" {
		line("URL", m.Link)
	}
	line("STATUS", "CONFIRMED")
	line("END", "VEVENT")
	line("END", "VCALENDAR")
	return bw.Flush()
}

func icsTime(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// escapeText escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon
// and comma get a backslash, line breaks become \n.
func escapeText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`, "\r", `\n`)
	return r.Replace(s)
}

// fold splits a content line into lines of at most 75 octets, each
// continuation starting with a space (RFC 5545 §3.1), never inside a UTF-8
// sequence, and ends every line with CRLF.
func fold(s string) string {
	var b strings.Builder
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(s)
	b.WriteString("\r\n")
	return b.String()
}

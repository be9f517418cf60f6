// Package workday counts working days (hari kerja) in Indonesia, where the
// regulation on inter-regional cooperation sets its deadlines. A working day
// is Monday to Friday, except national holidays (hari libur nasional) and
// collective leave (cuti bersama) as set each year by the joint decree (SKB)
// of the Ministers of Religious Affairs, Manpower and State Apparatus. The
// embedded calendar covers 2020–2027 (see data/SOURCE.md for provenance);
// administrators add or correct days with Calendar.With.
package workday

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/jalin-ksd/jalin"
)

// Kinds of Day.
const (
	KindHoliday         = "libur"        // hari libur nasional
	KindCollectiveLeave = "cuti_bersama" // cuti bersama
	// KindWorkday marks a correction: the date is an ordinary day even if the
	// embedded data has a holiday on it, as when an SKB amendment cancels a
	// cuti bersama. It never makes a Saturday or Sunday a working day.
	KindWorkday = "hari_kerja"
)

// Day is one entry of the calendar. Source names the legal basis; rows not
// confirmed against it say "unverified" or start with "estimate:".
type Day struct {
	Date   Date
	Kind   string
	NameID string
	NameEN string
	Source string
}

// Off reports whether the day is a day off (a holiday or collective leave).
func (d Day) Off() bool { return d.Kind == KindHoliday || d.Kind == KindCollectiveLeave }

// Estimated reports whether the date was calculated rather than read from
// a decree, so that a user interface can ask an administrator to confirm it.
func (d Day) Estimated() bool { return strings.HasPrefix(d.Source, "estimate:") }

// Verified reports whether the row is neither estimated nor marked
// unverified.
func (d Day) Verified() bool {
	return !d.Estimated() && !strings.Contains(strings.ToLower(d.Source), "unverified")
}

// Validate checks a day an administrator is about to store.
func (d Day) Validate() error {
	switch {
	case d.Date.IsZero() || NewDate(d.Date.Year, d.Date.Month, d.Date.Day) != d.Date:
		return jalin.Invalid("date", "workday.date_invalid", d.Date.String())
	case d.Kind != KindHoliday && d.Kind != KindCollectiveLeave && d.Kind != KindWorkday:
		return jalin.Invalid("kind", "workday.kind_invalid", d.Kind)
	case strings.TrimSpace(d.NameID) == "":
		return jalin.Invalid("name_id", "workday.name_required")
	}
	return nil
}

// Calendar answers which days are working days. It is immutable and safe for
// concurrent use; With returns a new one.
type Calendar struct {
	days  map[Date]Day // every entry, including KindWorkday corrections
	years map[int]bool // years the embedded data covers
}

//go:embed data/holidays.csv
var holidaysCSV []byte

// Load returns the calendar of the embedded data.
func Load() (*Calendar, error) {
	days, err := parseCSV(bytes.NewReader(holidaysCSV))
	if err != nil {
		return nil, jalin.Wrap(err, "workday.data_invalid")
	}
	c := &Calendar{days: make(map[Date]Day, len(days)), years: map[int]bool{}}
	for _, d := range days {
		if _, dup := c.days[d.Date]; dup {
			return nil, jalin.Wrap(fmt.Errorf("holidays.csv: %s listed twice", d.Date), "workday.data_invalid")
		}
		c.days[d.Date] = d
		c.years[d.Date.Year] = true
	}
	return c, nil
}

func parseCSV(r io.Reader) ([]Day, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 5
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("holidays.csv: %w", err)
	}
	if want := []string{"date", "kind", "name_id", "name_en", "source"}; !slices.Equal(head, want) {
		return nil, fmt.Errorf("holidays.csv: header %v, want %v", head, want)
	}
	var days []Day
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return days, nil
		}
		if err != nil {
			return nil, fmt.Errorf("holidays.csv: %w", err)
		}
		line, _ := cr.FieldPos(0)
		date, err := ParseDate(rec[0])
		if err != nil {
			return nil, fmt.Errorf("holidays.csv line %d: %w", line, err)
		}
		d := Day{Date: date, Kind: rec[1], NameID: rec[2], NameEN: rec[3], Source: rec[4]}
		if d.Kind == KindWorkday || d.Validate() != nil || d.Source == "" {
			return nil, fmt.Errorf("holidays.csv line %d: invalid row %q", line, rec)
		}
		days = append(days, d)
	}
}

// With returns a calendar that also holds extra, the days administrators
// stored. An extra day replaces an embedded day on the same date, a later
// extra day replaces an earlier one, and a KindWorkday entry cancels a day
// off. Extra days do not change Covers: one added day does not make a year's
// calendar complete.
func (c *Calendar) With(extra []Day) *Calendar {
	n := &Calendar{days: make(map[Date]Day, len(c.days)+len(extra)), years: c.years}
	for k, v := range c.days {
		n.days[k] = v
	}
	for _, d := range extra {
		n.days[d.Date] = d
	}
	return n
}

// Holiday returns the holiday or collective leave on d, if any.
func (c *Calendar) Holiday(d Date) (Day, bool) {
	day, ok := c.days[d]
	if !ok || !day.Off() {
		return Day{}, false
	}
	return day, true
}

// IsWorkday reports whether d is a working day: Monday to Friday, and
// neither a holiday nor collective leave. The civil service works Monday to
// Friday, so Saturday and Sunday never are.
func (c *Calendar) IsWorkday(d Date) bool {
	if w := d.Weekday(); w == time.Saturday || w == time.Sunday {
		return false
	}
	_, off := c.Holiday(d)
	return !off
}

// AddWorkdays returns the n-th working day after start, not counting start.
// For n = 0 it returns start if that is a working day, else the next one;
// for n < 0 it counts backwards: AddWorkdays(monday, -1) is the Friday before.
func (c *Calendar) AddWorkdays(start Date, n int) Date {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	d := start
	if n == 0 {
		for !c.IsWorkday(d) {
			d = d.AddDays(1)
		}
		return d
	}
	for n > 0 {
		d = d.AddDays(step)
		if c.IsWorkday(d) {
			n--
		}
	}
	return d
}

// WorkdaysBetween returns the number of working days in (a, b]: the days
// counted from a to reach b. It is negative when b is before a, and
// WorkdaysBetween(a, b) == -WorkdaysBetween(b, a).
func (c *Calendar) WorkdaysBetween(a, b Date) int {
	sign := 1
	if b.Before(a) {
		a, b, sign = b, a, -1
	}
	n := 0
	for d := a.AddDays(1); !d.After(b); d = d.AddDays(1) {
		if c.IsWorkday(d) {
			n++
		}
	}
	return sign * n
}

// Days returns the holidays and collective leave of year, in date order.
func (c *Calendar) Days(year int) []Day {
	var out []Day
	for _, d := range c.days {
		if d.Date.Year == year && d.Off() {
			out = append(out, d)
		}
	}
	slices.SortFunc(out, func(a, b Day) int { return a.Date.Compare(b.Date) })
	return out
}

// Covers reports whether the embedded calendar has data for the year of d.
// Outside it, holidays are unknown and only weekends are skipped: callers
// should warn that a deadline may be too early.
func (c *Calendar) Covers(d Date) bool { return c.years[d.Year] }

// Tentative reports whether the year still holds estimated dates (2027 until
// its SKB is entered), so that callers can say a deadline in it may move.
func (c *Calendar) Tentative(year int) bool {
	for _, d := range c.Days(year) {
		if d.Estimated() {
			return true
		}
	}
	return false
}

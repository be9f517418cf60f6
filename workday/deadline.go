package workday

import (
	"fmt"

	"github.com/jalin-ksd/jalin"
)

// Unit is how a deadline is counted. The regulation uses both.
type Unit string

const (
	Workdays Unit = "workdays" // hari kerja
	Days     Unit = "days"     // hari (calendar days)
)

// Validate reports whether u is a known unit, for rules read from data.
func (u Unit) Validate() error {
	if u != Workdays && u != Days {
		return jalin.Invalid("unit", "workday.unit_invalid", string(u))
	}
	return nil
}

// DeadlineAfter returns the last day of a period of n units starting the day
// after start: n working days is AddWorkdays(start, n), n calendar days is
// start + n. Compute start with DateOf so it is the date in Jakarta. An
// unknown unit is a programming error and panics; check rules read from data
// with Unit.Validate first.
func (c *Calendar) DeadlineAfter(start Date, n int, unit Unit) Date {
	switch unit {
	case Workdays:
		return c.AddWorkdays(start, n)
	case Days:
		return start.AddDays(n)
	}
	panic(fmt.Sprintf("workday: unknown deadline unit %q", string(unit)))
}

package cooperation

import (
	"time"

	"github.com/jalin-ksd/jalin/workday"
)

// Date is a civil date without a time of day (workday.Date). Cooperation
// terms, deadlines and decisions are dated by the letter that records them,
// not by an instant, so comparing them as instants would shift them across
// midnight in WIB.
type Date = workday.Date

// DateOf returns the civil date of t in WIB, where "today" for a deadline
// is counted.
func DateOf(t time.Time) Date { return workday.DateOf(t) }

// D is shorthand for a date, for tables and tests.
func D(y int, m time.Month, d int) Date { return workday.NewDate(y, m, d) }

// Calendar counts working days (V-20: deadlines of PMDN25 Pasal 17, 18, 20
// are in working days, which need the national holidays and cuti bersama).
// *workday.Calendar satisfies it; tests may use a fake.
type Calendar interface {
	AddWorkdays(start Date, n int) Date
}

var _ Calendar = (*workday.Calendar)(nil)

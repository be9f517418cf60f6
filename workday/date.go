package workday

import (
	"fmt"
	"time"

	"github.com/jalin-ksd/jalin"
)

// Date is a civil date with no time of day and no zone. Deadlines in the
// regulation are counted in whole days, and a time.Time would drag a zone and
// a clock into every comparison. Date is comparable and can be a map key.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date, normalising out-of-range values the way
// time.Date does (31 April becomes 1 May).
func NewDate(year int, month time.Month, day int) Date {
	return dateFromTime(time.Date(year, month, day, 0, 0, 0, 0, time.UTC))
}

// ParseDate parses "2006-01-02". It rejects dates that do not exist.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, &jalin.Error{Code: jalin.EInvalid, Msg: "workday.date_invalid", Args: []any{s}, Field: "date", Err: err}
	}
	return dateFromTime(t), nil
}

// MustParseDate is ParseDate for literals in code and tests.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// wib is Western Indonesia Time. Jakarta has had no daylight saving since
// 1964, so a fixed zone is exact and needs no tz database on the host.
var wib = time.FixedZone("WIB", 7*60*60)

// DateOf returns the civil date of t in Asia/Jakarta (WIB, UTC+7): a letter
// received at 23:30 UTC on 1 March was received on 2 March in Jakarta.
func DateOf(t time.Time) Date {
	return dateFromTime(t.In(wib))
}

func dateFromTime(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// IsZero reports whether d is the zero Date, which is not a real day.
func (d Date) IsZero() bool { return d == Date{} }

// Time returns midnight at the start of d in WIB.
func (d Date) Time() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, wib)
}

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is later than e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmpInt(d.Year, e.Year)
	case d.Month != e.Month:
		return cmpInt(int(d.Month), int(e.Month))
	default:
		return cmpInt(d.Day, e.Day)
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// AddDays returns the date n calendar days after d (before, if n < 0).
func (d Date) AddDays(n int) Date { return fromSerial(d.serial() + n) }

// AddMonths returns d plus n months, clamped to the end of the target
// month (31 January + 1 month = 28/29 February), as a term "of one month"
// is read in Indonesian administrative practice.
func (d Date) AddMonths(n int) Date {
	first := time.Date(d.Year, d.Month+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return Date{first.Year(), first.Month(), min(d.Day, last)}
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	// Serial day 0 is 1970-01-01, a Thursday.
	w := (d.serial() + int(time.Thursday)) % 7
	if w < 0 {
		w += 7
	}
	return time.Weekday(w)
}

// serial returns the number of days since 1970-01-01 in the proleptic
// Gregorian calendar (the days_from_civil algorithm by Howard Hinnant). It
// keeps day stepping cheap: AddWorkdays walks day by day.
func (d Date) serial() int {
	y, m := d.Year, int(d.Month)
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12 // March = 0
	doy := (153*mp+2)/5 + d.Day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func fromSerial(z int) Date {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return Date{Year: y, Month: time.Month(m), Day: day}
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// MarshalText writes "2006-01-02", so a Date reads the same in JSON, forms
// and SQL; the zero Date (no date) is "".
func (d Date) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return []byte{}, nil
	}
	return []byte(d.String()), nil
}

// UnmarshalText parses "2006-01-02"; "" is the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

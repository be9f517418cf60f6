package workday

import (
	"math/rand/v2"
	"testing"

	"github.com/jalin-ksd/jalin"
)

func mustLoad(tb testing.TB) *Calendar {
	tb.Helper()
	c, err := Load()
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func TestIsWorkday(t *testing.T) {
	c := mustLoad(t)
	tests := []struct {
		date string
		want bool
	}{
		{"2024-03-01", true},  // Friday
		{"2024-03-02", false}, // Saturday
		{"2024-03-03", false}, // Sunday
		{"2024-04-10", false}, // Idul Fitri
		{"2024-04-15", false}, // cuti bersama
		{"2024-04-16", true},
		{"2024-12-26", false}, // cuti bersama Natal
		{"2022-12-26", true},  // no cuti bersama Natal in 2022
		{"2021-12-24", true},  // cut by the June 2021 amendment
		{"2020-12-31", false}, // moved Idul Fitri leave
		{"2028-01-03", true},  // outside the data: only weekends count
	}
	for _, tt := range tests {
		if got := c.IsWorkday(MustParseDate(tt.date)); got != tt.want {
			t.Errorf("IsWorkday(%s) = %v, want %v", tt.date, got, tt.want)
		}
	}
}

func TestAddWorkdays(t *testing.T) {
	c := mustLoad(t)
	tests := []struct {
		name  string
		start string
		n     int
		want  string
	}{
		{"year end 2024, next day", "2024-12-23", 1, "2024-12-24"},
		{"year end 2024, over Natal and cuti bersama", "2024-12-23", 2, "2024-12-27"},
		{"year end 2024, over New Year", "2024-12-23", 5, "2025-01-02"},
		{"year end 2024, a week of workdays", "2024-12-23", 7, "2025-01-06"},
		{"year end 2020, amended leave", "2020-12-23", 4, "2021-01-04"},
		{"Idul Fitri 2024", "2024-04-05", 1, "2024-04-16"},
		{"Idul Fitri 2024, from inside", "2024-04-10", 3, "2024-04-18"},
		{"Idul Fitri 2026 with Nyepi", "2026-03-17", 1, "2026-03-25"},
		{"Idul Fitri 2025", "2025-03-27", 1, "2025-04-08"},
		{"weekend", "2024-03-01", 1, "2024-03-04"},
		{"from Saturday", "2024-03-02", 1, "2024-03-04"},
		{"zero on a workday", "2024-03-04", 0, "2024-03-04"},
		{"zero on Saturday", "2024-03-02", 0, "2024-03-04"},
		{"zero in Idul Fitri week", "2024-04-08", 0, "2024-04-16"},
		{"back over Idul Fitri", "2024-04-16", -1, "2024-04-05"},
		{"back over New Year", "2025-01-02", -1, "2024-12-31"},
		{"back over Natal", "2024-12-27", -2, "2024-12-23"},
		{"back from Saturday", "2024-03-02", -1, "2024-03-01"},
		{"60 workdays", "2024-03-01", 60, "2024-06-13"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.AddWorkdays(MustParseDate(tt.start), tt.n)
			if got.String() != tt.want {
				t.Errorf("AddWorkdays(%s, %d) = %s, want %s", tt.start, tt.n, got, tt.want)
			}
		})
	}
}

func TestWorkdaysBetween(t *testing.T) {
	c := mustLoad(t)
	tests := []struct {
		a, b string
		want int
	}{
		{"2024-04-05", "2024-04-16", 1},
		{"2024-04-16", "2024-04-05", -1},
		{"2024-03-04", "2024-03-04", 0},
		{"2024-03-01", "2024-03-03", 0},
		{"2024-12-23", "2025-01-06", 7},
		// 2024 after 1 January: 261 weekdays, less 23 weekday holidays and
		// cuti bersama (29 rows, 5 on a weekend, 1 January excluded).
		{"2024-01-01", "2024-12-31", 238},
	}
	for _, tt := range tests {
		if got := c.WorkdaysBetween(MustParseDate(tt.a), MustParseDate(tt.b)); got != tt.want {
			t.Errorf("WorkdaysBetween(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// AddWorkdays and WorkdaysBetween must agree on every date the data covers.
func TestAddWorkdaysConsistentWithBetween(t *testing.T) {
	c := mustLoad(t)
	r := rand.New(rand.NewPCG(2020, 2027))
	first := MustParseDate("2020-01-01")
	for i := 0; i < 5000; i++ {
		start := first.AddDays(r.IntN(8 * 365))
		n := r.IntN(161) - 80
		d := c.AddWorkdays(start, n)
		if !c.IsWorkday(d) {
			t.Fatalf("AddWorkdays(%s, %d) = %s, not a workday", start, n, d)
		}
		switch {
		case n > 0:
			if got := c.WorkdaysBetween(start, d); got != n {
				t.Fatalf("WorkdaysBetween(%s, AddWorkdays(.., %d) = %s) = %d", start, n, d, got)
			}
			if got := c.WorkdaysBetween(start, d.AddDays(-1)); got != n-1 {
				t.Fatalf("%s is not the first day with %d workdays after %s", d, n, start)
			}
		case n < 0:
			// d is the |n|-th workday in [d, start).
			if got := c.WorkdaysBetween(d.AddDays(-1), start.AddDays(-1)); got != -n {
				t.Fatalf("AddWorkdays(%s, %d) = %s: %d workdays in [%s, %s)", start, n, d, got, d, start)
			}
		default:
			// No workday in [start, d).
			if d.Before(start) || c.WorkdaysBetween(start.AddDays(-1), d.AddDays(-1)) != 0 {
				t.Fatalf("AddWorkdays(%s, 0) = %s is not the first workday from start", start, d)
			}
		}
		// Antisymmetry and additivity.
		e := start.AddDays(r.IntN(200) - 100)
		if c.WorkdaysBetween(start, e) != -c.WorkdaysBetween(e, start) {
			t.Fatalf("WorkdaysBetween(%s, %s) not antisymmetric", start, e)
		}
		if c.WorkdaysBetween(start, d)+c.WorkdaysBetween(d, e) != c.WorkdaysBetween(start, e) {
			t.Fatalf("WorkdaysBetween not additive over %s, %s, %s", start, d, e)
		}
	}
}

func TestWith(t *testing.T) {
	base := mustLoad(t)
	added := MustParseDate("2024-03-04") // a Monday
	cancelled := MustParseDate("2024-12-26")
	c := base.With([]Day{
		{Date: added, Kind: KindHoliday, NameID: "Libur daerah", Source: "admin"},
		{Date: added, Kind: KindHoliday, NameID: "Libur daerah (koreksi)", Source: "admin"},
		{Date: cancelled, Kind: KindWorkday, NameID: "Cuti bersama dibatalkan", Source: "admin"},
		{Date: MustParseDate("2024-03-09"), Kind: KindWorkday, NameID: "Sabtu", Source: "admin"},
		{Date: MustParseDate("2028-01-03"), Kind: KindHoliday, NameID: "Tambahan", Source: "admin"},
	})
	if c.IsWorkday(added) {
		t.Error("added holiday is a workday")
	}
	if d, _ := c.Holiday(added); d.NameID != "Libur daerah (koreksi)" {
		t.Errorf("later extra day should win, got %q", d.NameID)
	}
	if !c.IsWorkday(cancelled) {
		t.Error("cancelled cuti bersama is still a day off")
	}
	if c.IsWorkday(MustParseDate("2024-03-09")) {
		t.Error("a correction made a Saturday a workday")
	}
	if c.IsWorkday(MustParseDate("2028-01-03")) || c.Covers(MustParseDate("2028-01-03")) {
		t.Error("extra day outside the data: should be off, and not extend coverage")
	}
	if got := c.AddWorkdays(MustParseDate("2024-12-23"), 2); got.String() != "2024-12-26" {
		t.Errorf("AddWorkdays over cancelled leave = %s", got)
	}
	for _, d := range c.Days(2024) {
		if d.Date == cancelled {
			t.Error("Days lists a cancelled day")
		}
	}
	// The original is untouched.
	if !base.IsWorkday(added) || base.IsWorkday(cancelled) {
		t.Error("With changed the calendar it was called on")
	}
	// Overriding an embedded day with the same day is harmless.
	d, _ := base.Holiday(MustParseDate("2024-04-10"))
	if got := base.With([]Day{d, d}).Days(2024); len(got) != len(base.Days(2024)) {
		t.Errorf("duplicate extra days changed the count: %d vs %d", len(got), len(base.Days(2024)))
	}
}

func TestDayValidate(t *testing.T) {
	ok := Day{Date: MustParseDate("2026-10-12"), Kind: KindHoliday, NameID: "Hari jadi", Source: "admin"}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := []Day{
		{Kind: KindHoliday, NameID: "x"},
		{Date: Date{2026, 2, 30}, Kind: KindHoliday, NameID: "x"},
		{Date: ok.Date, Kind: "libur_daerah", NameID: "x"},
		{Date: ok.Date, Kind: KindHoliday, NameID: " "},
	}
	for _, d := range bad {
		if err := d.Validate(); jalin.ErrorCode(err) != jalin.EInvalid {
			t.Errorf("Validate(%+v) = %v, want invalid", d, err)
		}
	}
}

func TestCoversAndDays(t *testing.T) {
	c := mustLoad(t)
	for _, tt := range []struct {
		date string
		want bool
	}{{"2019-12-31", false}, {"2020-01-01", true}, {"2027-12-31", true}, {"2028-01-01", false}} {
		if got := c.Covers(MustParseDate(tt.date)); got != tt.want {
			t.Errorf("Covers(%s) = %v", tt.date, got)
		}
	}
	days := c.Days(2024)
	if len(days) != 29 {
		t.Errorf("2024 has %d days off, want 29 (17 SKB holidays, 2 polling days, 10 cuti bersama)", len(days))
	}
	for i := 1; i < len(days); i++ {
		if !days[i-1].Date.Before(days[i].Date) {
			t.Fatalf("Days not sorted at %s", days[i].Date)
		}
	}
	if len(c.Days(2019)) != 0 {
		t.Error("Days(2019) not empty")
	}
}

func TestDeadlineAfter(t *testing.T) {
	c := mustLoad(t)
	start := MustParseDate("2024-12-23")
	if got := c.DeadlineAfter(start, 5, Workdays); got.String() != "2025-01-02" {
		t.Errorf("5 workdays = %s", got)
	}
	if got := c.DeadlineAfter(start, 14, Days); got.String() != "2025-01-06" {
		t.Errorf("14 days = %s", got)
	}
	if got := c.DeadlineAfter(start, 5, "workdays"); got.String() != "2025-01-02" {
		t.Errorf("unit as a literal string = %s", got)
	}
	if Unit("weeks").Validate() == nil || Workdays.Validate() != nil || Days.Validate() != nil {
		t.Error("Unit.Validate is wrong")
	}
	defer func() {
		if recover() == nil {
			t.Error("unknown unit did not panic")
		}
	}()
	c.DeadlineAfter(start, 1, "weeks")
}

func BenchmarkAddWorkdays60(b *testing.B) {
	c := mustLoad(b)
	start := MustParseDate("2024-03-01")
	for b.Loop() {
		c.AddWorkdays(start, 60)
	}
}

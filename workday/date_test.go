package workday

import (
	"encoding/json"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	for _, s := range []string{"2024-02-29", "2020-01-01", "2027-12-31"} {
		d, err := ParseDate(s)
		if err != nil || d.String() != s {
			t.Errorf("ParseDate(%q) = %v, %v", s, d, err)
		}
	}
	for _, s := range []string{"", "2023-02-29", "2024-13-01", "24-01-01", "2024-1-1", "2024-01-01T00:00:00Z"} {
		if _, err := ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) accepted", s)
		}
	}
}

func TestDateArithmeticMatchesTime(t *testing.T) {
	base := time.Date(1999, 12, 20, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 12000; i += 7 {
		tm := base.AddDate(0, 0, i)
		d := dateFromTime(tm)
		if got := d.Weekday(); got != tm.Weekday() {
			t.Fatalf("%v.Weekday() = %v, want %v", d, got, tm.Weekday())
		}
		for _, n := range []int{-400, -1, 0, 1, 59, 366} {
			if got, want := d.AddDays(n), dateFromTime(tm.AddDate(0, 0, n)); got != want {
				t.Fatalf("%v.AddDays(%d) = %v, want %v", d, n, got, want)
			}
		}
	}
}

func TestCompare(t *testing.T) {
	a, b := MustParseDate("2024-12-31"), MustParseDate("2025-01-01")
	if !a.Before(b) || a.After(b) || !b.After(a) || a.Before(a) || a.Compare(a) != 0 {
		t.Error("ordering of 2024-12-31 and 2025-01-01 is wrong")
	}
}

func TestDateOfUsesJakarta(t *testing.T) {
	tests := []struct {
		in   time.Time
		want string
	}{
		{time.Date(2024, 3, 1, 16, 59, 59, 0, time.UTC), "2024-03-01"},
		{time.Date(2024, 3, 1, 17, 0, 0, 0, time.UTC), "2024-03-02"},
		{time.Date(2024, 12, 31, 23, 30, 0, 0, time.UTC), "2025-01-01"},
		{time.Date(2024, 3, 2, 0, 30, 0, 0, time.FixedZone("WITA", 8*3600)), "2024-03-01"},
	}
	for _, tt := range tests {
		if got := DateOf(tt.in).String(); got != tt.want {
			t.Errorf("DateOf(%v) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestDateJSON(t *testing.T) {
	var v struct{ D Date }
	if err := json.Unmarshal([]byte(`{"D":"2026-03-21"}`), &v); err != nil || v.D != NewDate(2026, 3, 21) {
		t.Fatalf("unmarshal: %v %v", v.D, err)
	}
	b, _ := json.Marshal(v)
	if string(b) != `{"D":"2026-03-21"}` {
		t.Errorf("marshal: %s", b)
	}
	if err := json.Unmarshal([]byte(`{"D":"2026-02-30"}`), &v); err == nil {
		t.Error("accepted 2026-02-30")
	}
}

// The zero Date (no date) round-trips through JSON as "".
func TestZeroDateJSON(t *testing.T) {
	type doc struct{ D, E Date }
	b, err := json.Marshal(doc{E: NewDate(2026, 11, 26)})
	if err != nil || string(b) != `{"D":"","E":"2026-11-26"}` {
		t.Fatalf("marshal: %s %v", b, err)
	}
	var got doc
	if err := json.Unmarshal(b, &got); err != nil || !got.D.IsZero() || got.E != NewDate(2026, 11, 26) {
		t.Fatalf("unmarshal: %+v %v", got, err)
	}
}

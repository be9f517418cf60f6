package workday

import (
	"bytes"
	"testing"
	"time"
)

// The embedded data must be a complete, well-formed calendar for every year
// it claims to cover.
func TestEmbeddedData(t *testing.T) {
	days, err := parseCSV(bytes.NewReader(holidaysCSV))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[Date]bool{}
	libur := map[int]int{}
	for _, d := range days {
		if seen[d.Date] {
			t.Errorf("%s listed twice", d.Date)
		}
		seen[d.Date] = true
		if d.NameEN == "" || d.Source == "" {
			t.Errorf("%s: missing name_en or source", d.Date)
		}
		if d.Date.Year < 2020 || d.Date.Year > 2027 {
			t.Errorf("%s: outside 2020–2027", d.Date)
		}
		if d.Kind == KindHoliday {
			libur[d.Date.Year]++
		}
		if d.Kind == KindCollectiveLeave {
			// Collective leave is taken from working days.
			if w := d.Date.Weekday(); w == time.Saturday || w == time.Sunday {
				t.Errorf("%s: cuti bersama on a %v", d.Date, w)
			}
		}
		if d.Date.Year < 2027 && d.Estimated() {
			t.Errorf("%s: estimate in a year whose SKB is known", d.Date)
		}
	}
	for y := 2020; y <= 2027; y++ {
		for _, md := range []struct {
			m time.Month
			d int
		}{{1, 1}, {5, 1}, {6, 1}, {8, 17}, {12, 25}} {
			if dt := NewDate(y, md.m, md.d); !seen[dt] {
				t.Errorf("%s missing", dt)
			}
		}
		if y <= 2026 && libur[y] < 14 {
			t.Errorf("%d: %d national holidays, want at least 14", y, libur[y])
		}
	}
}

func TestEstimatesAreMarked(t *testing.T) {
	c := mustLoad(t)
	for y := 2020; y <= 2026; y++ {
		if c.Tentative(y) {
			t.Errorf("Tentative(%d) = true", y)
		}
	}
	if !c.Tentative(2027) {
		t.Error("Tentative(2027) = false, but 2027's SKB has not been entered")
	}
	if d, ok := c.Holiday(MustParseDate("2027-08-17")); !ok || !d.Verified() {
		t.Errorf("17 August 2027 should be a verified fixed-date holiday: %+v", d)
	}
	if d, ok := c.Holiday(MustParseDate("2027-03-10")); !ok || !d.Estimated() {
		t.Errorf("Idul Fitri 2027 should be marked as an estimate: %+v", d)
	}
}

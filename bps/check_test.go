package bps

import (
	"fmt"
	"slices"
	"testing"
)

// lu builds a business-field table for one region and year: sectors A, B
// and C and the total, with lines numbered from line.
func lu(region string, year int, line int, total float64, sectors ...float64) []Row {
	var rows []Row
	for i, v := range sectors {
		rows = append(rows, Row{Region: region, Indicator: IndLUPrefix + string(rune('A'+i)), Year: year, Value: v, Unit: UnitMiliar, File: "t.csv", Line: line + i})
	}
	return append(rows, Row{Region: region, Indicator: IndLUTotal, Year: year, Value: total, Unit: UnitMiliar, File: "t.csv", Line: line + len(sectors)})
}

func kinds(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s %s %s %d %s", f.Kind, f.Region, f.Indicator, f.Year, f.Severity))
	}
	return out
}

func TestCheck(t *testing.T) {
	cases := []struct {
		name string
		rows []Row
		want []string
	}{
		{"clean", lu("32.04", 2015, 2, 60, 10, 20, 30), nil},
		{"within tolerance", lu("32.04", 2015, 2, 100, 10, 20, 70.4), nil},
		{"sector sum", lu("64.02", 2018, 2, 21509.48, 100000, 21509.47, 0),
			[]string{"sector_sum_mismatch 64.02 pdrb_adhk_lu:* 2018 exclude_suggested"}},
		{"zero total", lu("74.13", 2013, 2, 0, 0, 0, 0),
			[]string{"zero_total 74.13 pdrb_adhk_lu:* 2013 exclude_suggested"}},
		{"zero population", []Row{{Region: "74.13", Indicator: IndPopulation, Year: 2019, Value: 0}},
			[]string{"zero_total 74.13 population 2019 exclude_suggested"}},
		{"province rounding", lu("33", 2015, 2, 1005.4, 500, 500, 0),
			[]string{"province_rounding 33 pdrb_adhk_lu:* 2015 info"}},
		{"province beyond rounding", lu("33", 2015, 2, 1009, 500, 500, 0),
			[]string{"sector_sum_mismatch 33 pdrb_adhk_lu:* 2015 exclude_suggested"}},
		{"kab/kota gets no rounding excuse", lu("33.01", 2015, 2, 1005.4, 500, 500, 0),
			[]string{"sector_sum_mismatch 33.01 pdrb_adhk_lu:* 2015 exclude_suggested"}},
		{"national net taxes", lu(NationalCode, 2015, 2, 1035, 500, 500, 0),
			[]string{"national_includes_net_taxes 00 pdrb_adhk_lu:* 2015 info"}},
		{"national below sectors", lu(NationalCode, 2015, 2, 950, 500, 500, 0),
			[]string{"sector_sum_mismatch 00 pdrb_adhk_lu:* 2015 exclude_suggested"}},
		{"duplicate", []Row{
			{Region: "62.12", Indicator: IndPopulation, Year: 2020, Value: 110465, Line: 2},
			{Region: "62.12", Indicator: IndPopulation, Year: 2020, Value: 283466, Line: 3},
		}, []string{"duplicate_key 62.12 population 2020 exclude_suggested"}},
	}
	for _, c := range cases {
		if got := kinds(Check(c.rows)); !slices.Equal(got, c.want) {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func series(region, ind string, from int, vals ...float64) []Row {
	var rows []Row
	for i, v := range vals {
		rows = append(rows, Row{Region: region, Indicator: ind, Year: from + i, Value: v, Unit: UnitMiliar, Line: 2 + i})
	}
	return rows
}

func TestCheckJumps(t *testing.T) {
	cases := []struct {
		name string
		rows []Row
		want []string
	}{
		// Bojonegoro B 2014: 1829640 for about 18296.40.
		{"lost decimal", series("35.22", IndLUPrefix+"B", 2013, 18633.45, 1829640, 24023.91),
			[]string{"order_of_magnitude_jump 35.22 pdrb_adhk_lu:B 2014 exclude_suggested"}},
		{"one-hundredth", series("35.22", IndLUPrefix+"B", 2013, 18633.45, 186.3, 24023.91),
			[]string{"order_of_magnitude_jump 35.22 pdrb_adhk_lu:B 2014 exclude_suggested"}},
		{"step, not a jump", series("35.22", IndLUPrefix+"B", 2013, 100, 1000, 1100, 1200), nil},
		{"nine times", series("35.22", IndLUPrefix+"B", 2013, 100, 900, 100), nil},
		{"edge years not judged", series("35.22", IndLUPrefix+"B", 2013, 1000, 10, 10, 1000), nil},
		{"gap in years", []Row{
			{Region: "35.22", Indicator: IndPopulation, Year: 2018, Value: 10},
			{Region: "35.22", Indicator: IndPopulation, Year: 2019, Value: 1000},
			{Region: "35.22", Indicator: IndPopulation, Year: 2021, Value: 10},
		}, nil},
		{"zero neighbour", series("74.13", IndLUTotal, 2013, 0, 500, 510), nil},
	}
	for _, c := range cases {
		got := kinds(Check(c.rows))
		// a single series has no table, but zero values are totals
		got = slices.DeleteFunc(got, func(s string) bool { return s[:10] == "zero_total" })
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func TestCheckTolerance(t *testing.T) {
	rows := lu("32.04", 2015, 2, 100, 10, 20, 71) // 1 % gap
	if fs := Check(rows); len(fs) != 1 {
		t.Errorf("default tolerance: %q", kinds(fs))
	}
	if fs := CheckWith(rows, CheckOptions{SumRelTol: 0.02}); len(fs) != 0 {
		t.Errorf("2 %% tolerance: %q", kinds(fs))
	}
}

func TestPlan(t *testing.T) {
	rows := append(lu("35.22", 2014, 2, 100, 40, 60), lu("35.22", 2015, 10, 100, 40, 60)...)
	rows = append(rows, Row{Region: "35.22", Indicator: IndADHKTotal, Year: 2014, Value: 1, Line: 20},
		Row{Region: "35.22", Indicator: IndPopulation, Year: 2014, Value: 5, Line: 21})
	fs := []Finding{
		{Region: "35.22", Indicator: "pdrb_adhk_lu:*", Year: 2014, Kind: KindSectorSum, Severity: ExcludeSuggested},
		{Region: "35.22", Indicator: IndPopulation, Year: 2014, Kind: KindJump, Severity: ExcludeSuggested},
		{Region: "35.22", Indicator: IndADHKTotal, Year: 2014, Kind: KindProvinceRounding, Severity: Info},
		{Kind: KindUnknownCode, Severity: ExcludeSuggested, Detail: "BPS 9100"},
	}
	keep, excluded := Plan(rows, fs, true)
	lines := func(rs []Row) (out []int) {
		for _, r := range rs {
			out = append(out, r.Line)
		}
		return out
	}
	if got := lines(excluded); !slices.Equal(got, []int{2, 3, 4, 21}) {
		t.Errorf("excluded lines %v, want 2 3 4 21", got)
	}
	if got := lines(keep); !slices.Equal(got, []int{10, 11, 12, 20}) {
		t.Errorf("kept lines %v, want 10 11 12 20", got)
	}
	keep, excluded = Plan(rows, fs, false)
	if len(keep) != len(rows) || excluded != nil {
		t.Errorf("without exclusion: keep %d, excluded %d", len(keep), len(excluded))
	}
}

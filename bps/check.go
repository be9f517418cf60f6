package bps

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// CheckOptions tunes Check. Zero fields take the defaults.
type CheckOptions struct {
	// SumRelTol is the relative gap |sectors − total| / total above which a
	// table is reported as sector_sum_mismatch. Default 0.005 (0.5 %).
	SumRelTol float64
	// ProvinceRounding is the absolute gap, in the table's unit, that a
	// province table may show because BPS rounds its 17 sector values to
	// whole billions (17 × 0.5 = 8.5). A gap over SumRelTol but within it
	// is reported as province_rounding, for information. Default 8.5.
	ProvinceRounding float64
	// JumpFactor is the ratio to both neighbouring years at which a value
	// is reported as order_of_magnitude_jump. Default 10.
	JumpFactor float64
	// NationalTaxGap is the largest share by which the national total may
	// exceed its sector sum and be read as net taxes on products
	// (national_includes_net_taxes, info) rather than a mismatch.
	// Default 0.10.
	NationalTaxGap float64
}

func (o CheckOptions) withDefaults() CheckOptions {
	if o.SumRelTol <= 0 {
		o.SumRelTol = defaultSumRelTol
	}
	if o.ProvinceRounding <= 0 {
		o.ProvinceRounding = provinceRounding
	}
	if o.JumpFactor <= 1 {
		o.JumpFactor = 10
	}
	if o.NationalTaxGap <= 0 {
		o.NationalTaxGap = nationalMaxTaxGap
	}
	return o
}

// Check runs the data-quality checks with the default options.
func Check(rows []Row) []Finding { return CheckWith(rows, CheckOptions{}) }

// CheckWith looks for the defects BPS tables are known to carry:
//
//   - duplicate_key: two rows for one (region, indicator, year); all of them
//     are suspect, and they take no part in the other checks;
//   - zero_total: a total, per-capita or population value of 0 (a region
//     that did not exist yet);
//   - sector_sum_mismatch: the sectors of a table ("pdrb_adhk_lu:*") do not
//     add up to its total ("pdrb_adhk_lu_total") within SumRelTol; with the
//     two excuses province_rounding and national_includes_net_taxes (info);
//   - order_of_magnitude_jump: a value at least JumpFactor times, or at most
//     1/JumpFactor of, the values of both the year before and the year
//     after (a lost decimal point, another region's row). The first and last
//     year of a series have one neighbour only and are not judged.
//
// Findings come sorted by file and line.
func CheckWith(rows []Row, opt CheckOptions) []Finding {
	opt = opt.withDefaults()
	type key struct {
		region, ind string
		year        int
	}
	first := make(map[key]int, len(rows))
	dup := map[key]bool{}
	var fs []Finding
	for i, r := range rows {
		k := key{r.Region, r.Indicator, r.Year}
		if j, seen := first[k]; seen {
			dup[k] = true
			fs = append(fs, finding(r, r.Indicator, KindDuplicateKey, ExcludeSuggested,
				"also at %s:%d (values %g and %g)", rows[j].File, rows[j].Line, rows[j].Value, r.Value))
			continue
		}
		first[k] = i
	}

	type tkey struct {
		region, base string
		year         int
	}
	type tab struct {
		total   *Row
		sectors []Row
	}
	tables := map[tkey]*tab{}
	series := map[[2]string][]Row{}
	for i := range rows {
		r := &rows[i]
		if dup[key{r.Region, r.Indicator, r.Year}] {
			continue
		}
		series[[2]string{r.Region, r.Indicator}] = append(series[[2]string{r.Region, r.Indicator}], *r)
		if base, _, ok := strings.Cut(r.Indicator, sectorSeparator); ok {
			tk := tkey{r.Region, base, r.Year}
			if tables[tk] == nil {
				tables[tk] = &tab{}
			}
			tables[tk].sectors = append(tables[tk].sectors, *r)
		} else if base, ok := strings.CutSuffix(r.Indicator, totalSuffix); ok {
			tk := tkey{r.Region, base, r.Year}
			if tables[tk] == nil {
				tables[tk] = &tab{}
			}
			tables[tk].total = r
		}
	}

	for _, r := range rows {
		if r.Value == 0 && isTotal(r.Indicator) && !dup[key{r.Region, r.Indicator, r.Year}] {
			ind := r.Indicator
			if base, ok := strings.CutSuffix(ind, totalSuffix); ok && tables[tkey{r.Region, base, r.Year}].sectors != nil {
				ind = base + tableSuffix
			}
			fs = append(fs, finding(r, ind, KindZeroTotal, ExcludeSuggested, "%s is 0", r.Indicator))
		}
	}

	for tk, t := range tables {
		if t.total == nil || len(t.sectors) == 0 || t.total.Value == 0 {
			continue
		}
		sum, sameUnit := 0.0, true
		for _, s := range t.sectors {
			sum += s.Value
			sameUnit = sameUnit && s.Unit == t.total.Unit
		}
		if !sameUnit {
			continue
		}
		tot := t.total.Value
		gap := sum - tot
		rel := gap / math.Abs(tot)
		ind := tk.base + tableSuffix
		detail := fmt.Sprintf("%d sectors sum to %.2f, total %.2f (%+.2f, %+.2f%%)", len(t.sectors), sum, tot, gap, 100*rel)
		switch {
		case tk.region == NationalCode && rel < 0 && -rel <= opt.NationalTaxGap:
			fs = append(fs, finding(*t.total, ind, KindNationalNetTaxes, Info,
				"%s: the national total includes net taxes on products; use the sector sum as the national total of the business fields", detail))
		case math.Abs(rel) <= opt.SumRelTol:
		case len(tk.region) == 2 && math.Abs(gap) <= opt.ProvinceRounding:
			fs = append(fs, finding(*t.total, ind, KindProvinceRounding, Info,
				"%s: within the ±%.1f of sectors rounded to whole billions", detail, opt.ProvinceRounding))
		default:
			fs = append(fs, finding(*t.total, ind, KindSectorSum, ExcludeSuggested, "%s", detail))
		}
	}

	for _, s := range series {
		slices.SortFunc(s, func(a, b Row) int { return cmp.Compare(a.Year, b.Year) })
		for i := 1; i+1 < len(s); i++ {
			prev, cur, next := s[i-1], s[i], s[i+1]
			if prev.Year != cur.Year-1 || next.Year != cur.Year+1 || prev.Value <= 0 || cur.Value <= 0 || next.Value <= 0 {
				continue
			}
			up, down := cur.Value/prev.Value, cur.Value/next.Value
			if (up >= opt.JumpFactor && down >= opt.JumpFactor) || (up <= 1/opt.JumpFactor && down <= 1/opt.JumpFactor) {
				fs = append(fs, finding(cur, cur.Indicator, KindJump, ExcludeSuggested,
					"%g in %d against %g in %d and %g in %d (×%.3g, ×%.3g)", cur.Value, cur.Year, prev.Value, prev.Year, next.Value, next.Year, up, down))
			}
		}
	}

	slices.SortFunc(fs, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Indicator, b.Indicator))
	})
	return fs
}

func isTotal(ind string) bool {
	return strings.HasSuffix(ind, totalSuffix) || ind == IndPopulation || ind == IndADHKPerCapita || ind == IndADHBPerCapita
}

func finding(r Row, ind string, kind Kind, sev Severity, format string, args ...any) Finding {
	return Finding{File: r.File, Line: r.Line, Region: r.Region, Indicator: ind, Year: r.Year,
		Kind: kind, Severity: sev, Detail: fmt.Sprintf(format, args...)}
}

// Plan computes what an import would write. With excludeSuspect, every row
// named by a finding of severity exclude_suggested is set aside in
// excluded; without it, all rows are kept. Whether to import the kept rows
// or cancel is the caller's choice. Both slices keep the order of rows.
func Plan(rows []Row, findings []Finding, excludeSuspect bool) (keep []Row, excluded []Row) {
	if !excludeSuspect {
		return slices.Clone(rows), nil
	}
	type rk struct {
		region string
		year   int
	}
	byKey := map[rk][]Finding{}
	for _, f := range findings {
		if f.Severity == ExcludeSuggested && f.Region != "" {
			byKey[rk{f.Region, f.Year}] = append(byKey[rk{f.Region, f.Year}], f)
		}
	}
	for _, r := range rows {
		out := false
		for _, f := range byKey[rk{r.Region, r.Year}] {
			if f.covers(r) {
				out = true
				break
			}
		}
		if out {
			excluded = append(excluded, r)
		} else {
			keep = append(keep, r)
		}
	}
	return keep, excluded
}

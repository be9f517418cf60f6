package sqlstore

import (
	"context"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/analysis"
	"github.com/jalin-ksd/jalin/bps"
	"github.com/jalin-ksd/jalin/region"
)

// econRow is a stored value with the import that wrote it.
type econRow struct {
	bps.Row
	importID int64
}

// EconRows returns the stored values of the indicators between the years
// from and to (inclusive; 0 leaves that bound open), ordered by indicator,
// year and region. An indicator ending in ":" ("pdrb_adhk_lu:") stands for
// every indicator it prefixes; no indicators means all of them. The
// statistics are public, so no scope applies. File and Line of the rows are
// empty: the values come from the store, not from a file.
func (db *DB) EconRows(ctx context.Context, indicators []string, from, to int) ([]bps.Row, error) {
	rows, err := db.econRows(ctx, indicators, from, to)
	if err != nil {
		return nil, err
	}
	out := make([]bps.Row, len(rows))
	for i, r := range rows {
		out[i] = r.Row
	}
	return out, nil
}

func (db *DB) econRows(ctx context.Context, indicators []string, from, to int) ([]econRow, error) {
	var conds []string
	var args []any
	for _, ind := range indicators {
		switch {
		case ind == "":
			return nil, jalin.Invalid("indicator", "analysis.indicator_unknown")
		case strings.HasSuffix(ind, ":"):
			// substr rather than LIKE: "_" in indicators is no wildcard.
			conds = append(conds, "substr(indicator, 1, ?) = ?")
			args = append(args, int64(len(ind)), ind)
		default:
			conds = append(conds, "indicator = ?")
			args = append(args, ind)
		}
	}
	q := "SELECT region_code, indicator, year, value, unit, import_id FROM econ_value WHERE 1 = 1"
	if len(conds) > 0 {
		q += " AND (" + strings.Join(conds, " OR ") + ")"
	}
	if from != 0 {
		q += " AND year >= ?"
		args = append(args, int64(from))
	}
	if to != 0 {
		q += " AND year <= ?"
		args = append(args, int64(to))
	}
	q += " ORDER BY indicator, year, region_code"
	rs, err := db.Query(ctx, q, args...)
	if err != nil {
		return nil, jalin.Wrap(err, "db.query")
	}
	defer rs.Close()
	var out []econRow
	for rs.Next() {
		var r econRow
		var year int64
		if err := rs.Scan(&r.Region, &r.Indicator, &year, &r.Value, &r.Unit, &r.importID); err != nil {
			return nil, jalin.Wrap(err, "db.query")
		}
		r.Year = int(year)
		out = append(out, r)
	}
	return out, jalin.Wrap(rs.Err(), "db.query")
}

// EconPanel builds an analysis panel of the stored PDRB by business field
// (ADHK 2010, miliar Rp) for the provinces or the regencies, fromYear to
// toYear: each pdrb_adhk_lu:<sector> becomes the analysis sector <sector>,
// pdrb_adhk_lu_total the published total (analysis.IndicatorTotal, kept for
// validation) and population analysis.IndicatorPopulation.
//
// References follow ANALYTICS.md section 0's default, the published row of
// the higher level with its sector sum as the total, not the sum of the
// member regions:
//
//   - a regency's reference is its province's row, so the panel holds the
//     rows of both levels; a province without a published row in the table
//     (the six Papua provinces: BPS publishes their pre-2022 provinces,
//     which no Kemendagri province matches) leaves the reference of its
//     regencies missing, and the analysis reports them so rather than
//     mixing in a sum;
//   - a province's reference is the national row "00" when it is stored,
//     else the sum of the provinces (analysis.RefSum).
//
// A caller that wants the sum of the member regions builds the panel
// itself from EconRows with analysis.Options.ReferenceSum.
//
// Population is stored for regencies only. A province's population, where
// it is not stored, is the sum of its regencies' when every regency of the
// province (per dir) has a value that year; the nation's likewise from all
// provinces. Populations add up exactly, unlike PDRB, so this is no mixing
// of reference kinds. The panel's Vintage names the imports its values come
// from.
func (db *DB) EconPanel(ctx context.Context, level region.Level, fromYear, toYear int, dir *region.Directory) (*analysis.Panel, error) {
	if level != region.Province && level != region.Regency {
		return nil, jalin.Invalid("level", "error.param_level", strconv.Itoa(int(level)))
	}
	if fromYear > toYear {
		return nil, jalin.Invalid("window", "analysis.window_invalid", strconv.Itoa(fromYear)+"–"+strconv.Itoa(toYear))
	}
	stored, err := db.econRows(ctx, []string{bps.IndLUPrefix, bps.IndLUTotal, bps.IndPopulation}, fromYear, toYear)
	if err != nil {
		return nil, err
	}
	levelOf := func(code string) region.Level {
		if code == bps.NationalCode {
			return 0
		}
		r, _ := dir.Get(code)
		return r.Level
	}
	// The analysed level and the reference level above it.
	analysed := map[string]bool{}
	for _, r := range stored {
		if r.Indicator != bps.IndPopulation && levelOf(r.Region) == level {
			analysed[r.Region] = true
		}
	}
	refOf := map[string]string{}
	for code := range analysed {
		if level == region.Regency {
			reg, _ := dir.Get(code)
			refOf[code] = reg.Parent
		}
	}
	if level == region.Province {
		hasNation := slices.ContainsFunc(stored, func(r econRow) bool {
			return r.Region == bps.NationalCode && r.Indicator != bps.IndPopulation
		})
		for code := range analysed {
			if hasNation {
				refOf[code] = bps.NationalCode
			}
		}
	}
	// Regencies of the 2022 Papua provinces: BPS published no row for their
	// provinces in the years of the business-field tables, but one for the
	// province they then belonged to, which the crosswalk cannot place
	// (bps.FormerProvince). Their reference is that province rebuilt as
	// the sum of its regencies.
	published := map[string]bool{}
	for _, r := range stored {
		if r.Indicator != bps.IndPopulation && levelOf(r.Region) == region.Province {
			published[r.Region] = true
		}
	}
	former := map[string][]string{} // former province ref -> its analysed regencies
	for code, ref := range refOf {
		if f, ok := bps.FormerProvinceOf(ref); ok && level == region.Regency && !published[ref] {
			refOf[code] = f.Ref()
			former[f.Ref()] = append(former[f.Ref()], code)
		}
	}
	isRef := map[string]bool{}
	for _, ref := range refOf {
		isRef[ref] = true
	}

	var rows []analysis.Row
	imports := map[int64]bool{}
	pop := map[string]map[int]float64{} // region → year → persons, as stored
	for _, r := range stored {
		if r.Indicator == bps.IndPopulation {
			if pop[r.Region] == nil {
				pop[r.Region] = map[int]float64{}
			}
			pop[r.Region][r.Year] = r.Value
			continue
		}
		if !analysed[r.Region] && !isRef[r.Region] {
			continue
		}
		ind, _ := analysis.ImportIndicator(r.Indicator) // econRows read only sectors and the total here
		imports[r.importID] = true
		rows = append(rows, analysis.Row{Region: r.Region, Indicator: ind, Year: r.Year, Value: r.Value})
	}
	for code, byYear := range derivePopulation(pop, dir) {
		if !analysed[code] && !isRef[code] {
			continue
		}
		for y, v := range byYear {
			rows = append(rows, analysis.Row{Region: code, Indicator: analysis.IndicatorPopulation, Year: y, Value: v})
		}
	}
	rows = append(rows, formerRows(rows, refOf, former)...)
	slices.SortFunc(rows, func(a, b analysis.Row) int {
		if c := strings.Compare(a.Region, b.Region); c != 0 {
			return c
		}
		if a.Year != b.Year {
			return a.Year - b.Year
		}
		return strings.Compare(a.Indicator, b.Indicator)
	})
	ids := make([]string, 0, len(imports))
	for id := range imports {
		ids = append(ids, idString(id))
	}
	slices.Sort(ids)
	opt := analysis.Options{PriceBasis: "ADHK", Unit: bps.UnitMiliar,
		Vintage: bps.IndLUPrefix + "*, econ_import " + strings.Join(ids, ",")}
	if len(refOf) > 0 {
		opt.ReferenceOf = refOf
	}
	return analysis.FromRows(rows, opt)
}

// formerRows sums the sector and population rows of the regencies of each
// former province (see EconPanel) into rows of the former province: a
// value only where every one of its regencies has one that year, else an
// explicit missing value, so that a partial sum is never taken for the
// province.
func formerRows(rows []analysis.Row, refOf map[string]string, former map[string][]string) []analysis.Row {
	if len(former) == 0 {
		return nil
	}
	type key struct {
		ref, ind string
		year     int
	}
	sum, n := map[key]float64{}, map[key]int{}
	for _, r := range rows {
		ref := refOf[r.Region]
		if _, ok := former[ref]; !ok || r.Indicator == analysis.IndicatorTotal {
			continue
		}
		k := key{ref, r.Indicator, r.Year}
		sum[k] += r.Value
		n[k]++
	}
	out := make([]analysis.Row, 0, len(sum))
	for k, v := range sum {
		if n[k] != len(former[k.ref]) {
			v = math.NaN()
		}
		out = append(out, analysis.Row{Region: k.ref, Indicator: k.ind, Year: k.year, Value: v})
	}
	return out
}

// derivePopulation completes stored populations with the sums of the level
// below where a province (or the nation) has none: a province from all its
// regencies, the nation from all provinces, a year only when every member
// has a value.
func derivePopulation(pop map[string]map[int]float64, dir *region.Directory) map[string]map[int]float64 {
	out := map[string]map[int]float64{}
	for code, byYear := range pop {
		out[code] = byYear
	}
	years := map[int]bool{}
	for _, byYear := range pop {
		for y := range byYear {
			years[y] = true
		}
	}
	sumOf := func(code string, members []region.Region) {
		for y := range years {
			if _, ok := out[code][y]; ok || len(members) == 0 {
				continue
			}
			total, complete := 0.0, true
			for _, m := range members {
				v, ok := out[m.Code][y]
				if !ok {
					complete = false
					break
				}
				total += v
			}
			if complete {
				if out[code] == nil {
					out[code] = map[int]float64{}
				}
				out[code][y] = total
			}
		}
	}
	provinces := dir.Children("")
	for _, p := range provinces {
		sumOf(p.Code, dir.Children(p.Code))
	}
	sumOf(bps.NationalCode, provinces)
	return out
}

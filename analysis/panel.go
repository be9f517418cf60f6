package analysis

import (
	"math"
	"sort"
	"strconv"

	jalin "github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/taxonomy"
)

// Indicators in canonical rows that are not sectors.
const (
	IndicatorTotal      = "TOTAL"      // a published region total (kept for validation by default)
	IndicatorPopulation = "POPULATION" // persons
)

// Reference kinds reported in Meta.Reference.
const (
	RefPublished = "published_row_sector_sum" // default: the reference area's own row, total = its sector sum
	RefSum       = "sum_of_regions"           // the sum of the member regions
)

// Row is one value of the canonical layout region,indicator,year,value.
// Indicator is a sector key (any string; the 17 BPS keys are recognised in
// both spellings, "M,N" and "M_N"), IndicatorTotal or IndicatorPopulation.
// A NaN Value is an explicit missing value.
type Row struct {
	Region    string
	Indicator string
	Year      int
	Value     float64
}

// TotalRule selects the region total used as x_j.
type TotalRule uint8

const (
	// TotalSectorSum is the default (ANALYTICS.md section 0): x_j = Σ_i x_ij,
	// missing if any sector value is missing.
	TotalSectorSum TotalRule = iota
	// TotalGiven uses the TOTAL rows. Never use it when the total includes
	// net taxes on products (the national PDB row): shares no longer add up.
	TotalGiven
)

// Options control how FromRows builds a Panel.
type Options struct {
	// ReferenceOf maps each analysed region to the code of its reference
	// area (province for a kab/kota, nation for a province), whose rows are
	// in the input. Codes that appear as values are references, not
	// analysed regions. Nil means one reference: the sum of all regions.
	ReferenceOf map[string]string
	// ReferenceSum builds every reference as the sum of its member regions
	// (ANALYTICS.md's option) even when its published row is present.
	ReferenceSum bool
	Total        TotalRule
	// Sectors fixes the sector order and set; rows of other indicators are
	// rejected. Nil: the taxonomy order for BPS keys, then the order of
	// first appearance.
	Sectors    []string
	PriceBasis string // default "ADHK"
	Vintage    string
	Unit       string
}

// Panel is a dense year × region × sector array of values with per-region
// totals, optional population, and the reference economy of each region.
// It is read-only after construction and safe for concurrent use.
type Panel struct {
	Regions    []string
	Sectors    []string
	Years      []int
	References []string // reference area codes; RefSum alone when there is no mapping

	PriceBasis    string
	Vintage       string
	Unit          string
	ReferenceKind string // RefPublished or RefSum

	vals    []float64 // [(y*R+r)*S+s]
	tot     []float64 // [y*R+r] x_j per the TotalRule
	given   []float64 // [y*R+r] TOTAL rows, NaN if absent
	pop     []float64 // [y*R+r] population, NaN if absent
	refOf   []int     // [r] index into References
	refVals []float64 // [(y*K+k)*S+s]
	refTot  []float64 // [y*K+k] sector sum of the reference
	refPop  []float64 // [y*K+k]
	refNote []Note    // regions left out of a summed reference

	regionIdx map[string]int
	sectorIdx map[string]int
	yearIdx   map[int]int
}

// FromRows builds a Panel. It returns an EInvalid *jalin.Error naming the
// row at fault for a duplicate key, a negative or infinite value, a region
// without a reference, or an indicator outside Options.Sectors.
func FromRows(rows []Row, opt Options) (*Panel, error) {
	if len(rows) == 0 {
		return nil, jalin.Invalid("rows", "analysis.rows_empty")
	}
	p := &Panel{PriceBasis: opt.PriceBasis, Vintage: opt.Vintage, Unit: opt.Unit,
		regionIdx: map[string]int{}, sectorIdx: map[string]int{}, yearIdx: map[int]int{}}
	if p.PriceBasis == "" {
		p.PriceBasis = "ADHK"
	}
	isRef := map[string]bool{}
	for _, ref := range opt.ReferenceOf {
		isRef[ref] = true
	}
	canonMemo := map[string]string{}
	canon := func(ind string) string {
		if c, ok := canonMemo[ind]; ok {
			return c
		}
		c := ind
		if s, ok := taxonomy.SectorByCode(ind); ok {
			c = s.Code
		}
		canonMemo[ind] = c
		return c
	}
	// Sectors.
	seen := map[string]string{} // canonical -> key as spelled
	addSector := func(key string) {
		c := canon(key)
		if _, ok := seen[c]; ok {
			return
		}
		seen[c] = key
		p.Sectors = append(p.Sectors, key)
	}
	if opt.Sectors != nil {
		for _, s := range opt.Sectors {
			addSector(s)
		}
	} else {
		for _, r := range rows {
			if r.Indicator != IndicatorTotal && r.Indicator != IndicatorPopulation {
				addSector(r.Indicator)
			}
		}
		rank := func(key string) int {
			for i, s := range taxonomy.Sectors() {
				if s.Code == canon(key) {
					return i
				}
			}
			return 1 << 20
		}
		sort.SliceStable(p.Sectors, func(a, b int) bool { return rank(p.Sectors[a]) < rank(p.Sectors[b]) })
	}
	canonIdx := map[string]int{}
	for i, s := range p.Sectors {
		canonIdx[canon(s)] = i
		p.sectorIdx[s] = i
		if t, ok := taxonomy.SectorByCode(s); ok {
			p.sectorIdx[t.Code], p.sectorIdx[t.BPSCode()] = i, i
		}
	}
	// Regions, references, years.
	regSet, yearSet := map[string]bool{}, map[int]bool{}
	for i, r := range rows {
		if r.Region == "" {
			return nil, rowErr(i, "region", "analysis.region_empty")
		}
		yearSet[r.Year] = true
		if !isRef[r.Region] {
			regSet[r.Region] = true
		}
	}
	for code := range regSet {
		p.Regions = append(p.Regions, code)
	}
	sort.Strings(p.Regions)
	for y := range yearSet {
		p.Years = append(p.Years, y)
	}
	sort.Ints(p.Years)
	for i, y := range p.Years {
		p.yearIdx[y] = i
	}
	for i, code := range p.Regions {
		p.regionIdx[code] = i
	}
	R, S, Y := len(p.Regions), len(p.Sectors), len(p.Years)
	p.refOf = make([]int, R)
	refIdx := map[string]int{}
	if opt.ReferenceOf == nil {
		p.References = []string{RefSum}
		p.ReferenceKind = RefSum
	} else {
		p.ReferenceKind = RefPublished
		if opt.ReferenceSum {
			p.ReferenceKind = RefSum
		}
		for i, code := range p.Regions {
			ref, ok := opt.ReferenceOf[code]
			if !ok {
				return nil, jalin.Invalid("reference_of", "analysis.region_without_reference", code)
			}
			k, ok := refIdx[ref]
			if !ok {
				k = len(p.References)
				refIdx[ref] = k
				p.References = append(p.References, ref)
			}
			p.refOf[i] = k
		}
	}
	K := len(p.References)
	p.vals = nanSlice(Y * R * S)
	p.given, p.pop = nanSlice(Y*R), nanSlice(Y*R)
	p.refVals, p.refPop = nanSlice(Y*K*S), nanSlice(Y*K)
	refGiven := make([]bool, Y*K*S)
	filled := make([]bool, Y*R*S)
	filledTot, filledPop := make([]bool, Y*R), make([]bool, Y*R)
	refFilledPop := make([]bool, Y*K)
	for i, row := range rows {
		if math.IsInf(row.Value, 0) {
			return nil, rowErr(i, "value", "analysis.value_infinite")
		}
		if row.Value < 0 {
			return nil, rowErr(i, "value", "analysis.value_negative")
		}
		y := p.yearIdx[row.Year]
		if isRef[row.Region] {
			k, used := refIdx[row.Region]
			if !used || opt.ReferenceSum {
				continue
			}
			switch row.Indicator {
			case IndicatorTotal:
				continue // a reference total is never mixed with sector values
			case IndicatorPopulation:
				j := y*K + k
				if refFilledPop[j] {
					return nil, rowErr(i, "region", "analysis.row_duplicate")
				}
				refFilledPop[j], p.refPop[j] = true, row.Value
			default:
				s, ok := canonIdx[canon(row.Indicator)]
				if !ok {
					return nil, rowErr(i, "indicator", "analysis.indicator_unknown")
				}
				j := (y*K+k)*S + s
				if refGiven[j] {
					return nil, rowErr(i, "region", "analysis.row_duplicate")
				}
				refGiven[j], p.refVals[j] = true, row.Value
			}
			continue
		}
		r := p.regionIdx[row.Region]
		switch row.Indicator {
		case IndicatorTotal:
			if filledTot[y*R+r] {
				return nil, rowErr(i, "region", "analysis.row_duplicate")
			}
			filledTot[y*R+r], p.given[y*R+r] = true, row.Value
		case IndicatorPopulation:
			if filledPop[y*R+r] {
				return nil, rowErr(i, "region", "analysis.row_duplicate")
			}
			filledPop[y*R+r], p.pop[y*R+r] = true, row.Value
		default:
			s, ok := canonIdx[canon(row.Indicator)]
			if !ok {
				return nil, rowErr(i, "indicator", "analysis.indicator_unknown")
			}
			j := (y*R+r)*S + s
			if filled[j] {
				return nil, rowErr(i, "region", "analysis.row_duplicate")
			}
			filled[j], p.vals[j] = true, row.Value
		}
	}
	p.tot = make([]float64, Y*R)
	for y := 0; y < Y; y++ {
		for r := 0; r < R; r++ {
			if opt.Total == TotalGiven {
				p.tot[y*R+r] = p.given[y*R+r]
			} else {
				p.tot[y*R+r] = sum(p.vals[(y*R+r)*S : (y*R+r+1)*S])
			}
		}
	}
	if p.ReferenceKind == RefSum {
		p.sumReferences()
	}
	p.refTot = make([]float64, Y*K)
	for j := range p.refTot {
		p.refTot[j] = sum(p.refVals[j*S : (j+1)*S])
	}
	return p, nil
}

// sumReferences builds each reference as the sum of its member regions.
// A region whose total is missing in a year is left out of that year's sum
// and reported in ReferenceNotes.
func (p *Panel) sumReferences() {
	R, S, K := len(p.Regions), len(p.Sectors), len(p.References)
	for j := range p.refVals {
		p.refVals[j] = 0
	}
	for y := range p.Years {
		popOK := make([]bool, K)
		for k := range popOK {
			popOK[k] = true
			p.refPop[y*K+k] = 0
		}
		for r := 0; r < R; r++ {
			k := p.refOf[r]
			if math.IsNaN(p.tot[y*R+r]) {
				p.refNote = append(p.refNote, Note{Region: p.Regions[r], Year: p.Years[y], Status: Missing, Reason: ReasonRegionMissing})
				continue
			}
			src := p.vals[(y*R+r)*S : (y*R+r+1)*S]
			dst := p.refVals[(y*K+k)*S : (y*K+k+1)*S]
			for s, v := range src {
				dst[s] += v
			}
			if pv := p.pop[y*R+r]; math.IsNaN(pv) {
				popOK[k] = false
			} else {
				p.refPop[y*K+k] += pv
			}
		}
		for k, ok := range popOK {
			if !ok {
				p.refPop[y*K+k] = math.NaN()
			}
		}
	}
}

// ReferenceNotes lists the regions left out of a summed reference.
func (p *Panel) ReferenceNotes() []Note { return append([]Note(nil), p.refNote...) }

// Value returns x_ij for a region, sector and year (NaN if absent).
func (p *Panel) Value(region, sector string, year int) float64 {
	r, okr := p.regionIdx[region]
	s, oks := p.sectorIdx[sector]
	y, oky := p.yearIdx[year]
	if !okr || !oks || !oky {
		return math.NaN()
	}
	return p.vals[(y*len(p.Regions)+r)*len(p.Sectors)+s]
}

// Total returns x_j of a region in a year under the panel's TotalRule.
func (p *Panel) Total(region string, year int) float64 {
	r, okr := p.regionIdx[region]
	y, oky := p.yearIdx[year]
	if !okr || !oky {
		return math.NaN()
	}
	return p.tot[y*len(p.Regions)+r]
}

// Population returns the population of a region in a year (NaN if absent).
func (p *Panel) Population(region string, year int) float64 {
	r, okr := p.regionIdx[region]
	y, oky := p.yearIdx[year]
	if !okr || !oky {
		return math.NaN()
	}
	return p.pop[y*len(p.Regions)+r]
}

// ReferenceOf returns the reference area code of a region.
func (p *Panel) ReferenceOf(region string) string {
	r, ok := p.regionIdx[region]
	if !ok {
		return ""
	}
	return p.References[p.refOf[r]]
}

// ReferenceValue returns X_i of a reference area in a year, and
// ReferenceTotal its X (the sector sum).
func (p *Panel) ReferenceValue(ref, sector string, year int) float64 {
	k, s, y, ok := p.refLookup(ref, sector, year)
	if !ok {
		return math.NaN()
	}
	return p.refVals[(y*len(p.References)+k)*len(p.Sectors)+s]
}

// ReferenceTotal returns X, the sector sum of a reference area in a year.
func (p *Panel) ReferenceTotal(ref string, year int) float64 {
	k, _, y, ok := p.refLookup(ref, "", year)
	if !ok {
		return math.NaN()
	}
	return p.refTot[y*len(p.References)+k]
}

func (p *Panel) refLookup(ref, sector string, year int) (k, s, y int, ok bool) {
	k = -1
	for i, c := range p.References {
		if c == ref {
			k = i
		}
	}
	y, oky := p.yearIdx[year]
	s, oks := p.sectorIdx[sector]
	return k, s, y, k >= 0 && oky && (oks || sector == "")
}

// Issue is one finding of Validate.
type Issue struct {
	Region string
	Year   int
	Kind   string  // "sum_total_gap", "total_zero"
	Gap    float64 // relative gap (sum − given)/given for sum_total_gap
}

// Validate checks the input as ANALYTICS.md section 0 asks: the sector sum
// against a given total (gaps above 0.5 %) and zero totals. Duplicate keys
// are rejected earlier, by FromRows.
func (p *Panel) Validate() []Issue {
	var out []Issue
	R, S := len(p.Regions), len(p.Sectors)
	for y, year := range p.Years {
		for r, code := range p.Regions {
			s := sum(p.vals[(y*R+r)*S : (y*R+r+1)*S])
			g := p.given[y*R+r]
			switch {
			case s == 0 || g == 0:
				out = append(out, Issue{Region: code, Year: year, Kind: "total_zero"})
			case !math.IsNaN(s) && !math.IsNaN(g) && math.Abs(s-g) > 0.005*g:
				out = append(out, Issue{Region: code, Year: year, Kind: "sum_total_gap", Gap: (s - g) / g})
			}
		}
	}
	return out
}

// window resolves w to year indexes; growth windows need From < To. Every
// year of w must be in the panel: averages of annual rates need them all.
func (p *Panel) window(w Window, growth bool) (y0, y1 int, err error) {
	return p.resolve(w, growth, true)
}

func (p *Panel) resolve(w Window, growth, contiguous bool) (y0, y1 int, err error) {
	y0, ok0 := p.yearIdx[w.From]
	y1, ok1 := p.yearIdx[w.To]
	switch {
	case !ok0 || !ok1:
		return 0, 0, jalin.Invalid("window", "analysis.window_outside_panel", w.String())
	case w.From > w.To || (growth && w.From == w.To):
		return 0, 0, jalin.Invalid("window", "analysis.window_invalid", w.String())
	case contiguous && p.Years[y1]-p.Years[y0] != y1-y0:
		return 0, 0, jalin.Invalid("window", "analysis.window_gap", w.String())
	}
	return y0, y1, nil
}

func rowErr(i int, field, msg string) error {
	return jalin.Invalid("rows["+strconv.Itoa(i)+"]."+field, msg)
}

func nanSlice(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = math.NaN()
	}
	return s
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}

package analysis

import (
	"fmt"
	"math"
)

// Status is the per-item status of ANALYTICS.md section 0.
type Status uint8

const (
	OK        Status = iota // computed
	Undefined               // a needed base is zero or negative, or a ratio has no value
	Missing                 // a needed input value is absent
	Isolated                // no neighbours (spatial methods; kept for a shared vocabulary)
)

func (s Status) String() string {
	switch s {
	case OK:
		return "ok"
	case Undefined:
		return "undefined"
	case Missing:
		return "missing"
	case Isolated:
		return "isolated"
	}
	return fmt.Sprintf("status(%d)", uint8(s))
}

// Reasons given in Notes. They are stable keys, not prose, so adapters can
// translate them.
const (
	ReasonRegionMissing    = "region_value_missing"     // a sector value or the total is absent
	ReasonRegionZero       = "region_total_zero"        // x_j = 0
	ReasonRefSectorZero    = "reference_sector_zero"    // X_i = 0
	ReasonRefMissing       = "reference_missing"        // the reference value is absent
	ReasonRefZero          = "reference_total_zero"     // X = 0
	ReasonBaseZero         = "growth_base_not_positive" // x_{t-1} <= 0 for an annual rate
	ReasonGrowthNotAbove   = "one_plus_growth_not_positive"
	ReasonSectorBaseZero   = "sector_base_zero" // x_ij0 = 0: r_ij, C' and A undefined
	ReasonPopMissing       = "population_missing"
	ReasonPopZero          = "population_zero"
	ReasonMeanNotPositive  = "mean_not_positive"
	ReasonTooFew           = "too_few_regions"
	ReasonDistanceMissing  = "distance_missing_or_zero"
	ReasonOutputNoPopulace = "output_with_zero_population"
)

// Note explains one item that is not OK. Sector is empty when the note is
// about a whole region; Region is empty when it is about the reference or a
// sector as a whole. Year is 0 when the note is not tied to one year.
type Note struct {
	Region string
	Sector string
	Year   int
	Status Status
	Reason string
}

// Window is a closed range of years [From, To]. Growth over it uses
// To − From annual rates (ANALYTICS.md section 0).
type Window struct{ From, To int }

func (w Window) String() string { return fmt.Sprintf("%d-%d", w.From, w.To) }

// Averaging selects how growth rates are averaged over a window.
type Averaging uint8

const (
	// AvgMean is the default: the arithmetic mean of the annual rates
	// r_t = x_t/x_{t-1} − 1 inside the window.
	AvgMean Averaging = iota
	// AvgCAGR is the variant (x_T/x_t0)^(1/(T−t0)) − 1.
	AvgCAGR
)

func (a Averaging) String() string {
	if a == AvgCAGR {
		return "cagr"
	}
	return "mean_annual_rate"
}

// Meta describes a result as ANALYTICS.md section 9 requires.
type Meta struct {
	Indicator  string
	Variant    string
	PriceBasis string
	Reference  string // "published_row_sector_sum" or "sum_of_regions"
	Window     Window // {Y, Y} for a single year
	Vintage    string
	Unit       string
}

func (p *Panel) meta(indicator, variant string, w Window) Meta {
	return Meta{Indicator: indicator, Variant: variant, PriceBasis: p.PriceBasis,
		Reference: p.ReferenceKind, Window: w, Vintage: p.Vintage, Unit: p.Unit}
}

// Grid is a dense region × sector matrix of results. V holds NaN where St is
// not OK. Index with At or Get; the layout is V[r*len(Sectors)+s].
type Grid struct {
	p  *Panel
	V  []float64
	St []Status
}

func newGrid(p *Panel) Grid {
	n := len(p.Regions) * len(p.Sectors)
	g := Grid{p: p, V: make([]float64, n), St: make([]Status, n)}
	return g
}

func (g *Grid) set(i int, v float64, st Status) {
	if st != OK {
		v = math.NaN()
	}
	g.V[i], g.St[i] = v, st
}

// At returns the value and status of region index r and sector index s.
func (g *Grid) At(r, s int) (float64, Status) {
	i := r*len(g.p.Sectors) + s
	return g.V[i], g.St[i]
}

// Get returns the value and status by region and sector code. ok is false
// for an unknown code.
func (g *Grid) Get(region, sector string) (v float64, st Status, ok bool) {
	r, okr := g.p.regionIdx[region]
	s, oks := g.p.sectorIdx[sector]
	if !okr || !oks {
		return math.NaN(), Missing, false
	}
	v, st = g.At(r, s)
	return v, st, true
}

// Vector is a dense per-region result.
type Vector struct {
	p  *Panel
	V  []float64
	St []Status
}

func newVector(p *Panel) Vector {
	return Vector{p: p, V: make([]float64, len(p.Regions)), St: make([]Status, len(p.Regions))}
}

func (v *Vector) set(i int, x float64, st Status) {
	if st != OK {
		x = math.NaN()
	}
	v.V[i], v.St[i] = x, st
}

// Get returns the value and status of a region by code.
func (v *Vector) Get(region string) (x float64, st Status, ok bool) {
	r, okr := v.p.regionIdx[region]
	if !okr {
		return math.NaN(), Missing, false
	}
	return v.V[r], v.St[r], true
}

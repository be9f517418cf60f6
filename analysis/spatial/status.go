package spatial

import (
	"math"

	"github.com/jalin-ksd/jalin"
)

// Status is the per-item status of ANALYTICS.md §0. A result whose Status is
// not StatusOK carries NaN in the fields it could not compute, and Reason
// says why.
type Status string

const (
	StatusOK        Status = "ok"
	StatusUndefined Status = "undefined"
	StatusIsolated  Status = "isolated"
)

// Reasons given with StatusUndefined.
const (
	ReasonConstant    = "constant variable (Σz² = 0)"
	ReasonTooFew      = "too few non-isolated regions"
	ReasonNoNeighbour = "no region has a neighbour (S0 = 0)"
)

// DefaultPermutations is R of ANALYTICS.md §8.2/§8.3; use 9999 for publication.
const DefaultPermutations = 999

// DefaultAlpha is the significance level that labels a LISA quadrant.
const DefaultAlpha = 0.05

// check rejects a value vector that does not fit the weights. Missing values
// must be resolved by the caller (ANALYTICS.md §0: never bridged silently).
func (w *Weights) check(x []float64) error {
	if w == nil {
		return jalin.Invalid("weights", "error.spatial_no_weights")
	}
	if len(x) != w.N() {
		return jalin.Invalid("x", "error.spatial_length", len(x), w.N())
	}
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return jalin.Invalid("x", "error.spatial_not_finite", w.ids[i])
		}
	}
	return nil
}

// center writes z = x − x̄ into z and returns Σz² and Σz⁴. The mean is over
// all regions, islands included.
func center(x, z []float64) (m2sum, m4sum float64) {
	mean := 0.0
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	for i, v := range x {
		d := v - mean
		z[i] = d
		d2 := d * d
		m2sum += d2
		m4sum += d2 * d2
	}
	return m2sum, m4sum
}

// upperTail is P(Z ≥ z) for a standard normal Z.
func upperTail(z float64) float64 { return 0.5 * math.Erfc(z/math.Sqrt2) }

// TwoSided turns a one-sided upper-tail normal p-value into a two-sided one.
func TwoSided(pUpper float64) float64 { return 2 * math.Min(pUpper, 1-pUpper) }

// constant reports whether every value is the same (Σz² = 0 in exact
// arithmetic; the floating mean of equal values may leave rounding noise).
func constant(x []float64) bool {
	for _, v := range x[1:] {
		if v != x[0] {
			return false
		}
	}
	return true
}

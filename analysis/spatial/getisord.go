package spatial

import (
	"math"

	"github.com/jalin-ksd/jalin"
)

// GResult is the Getis-Ord statistic of one region (Getis & Ord 1992,
// Ord & Getis 1995; ANALYTICS.md §8.4).
//
// G is the ratio Σ_j w_ij x_j / Σ_j x_j (over j ≠ i for Gi); Z is the
// standardised value of ANALYTICS.md; P is two-sided from the normal
// distribution. Islands have Status isolated: for Gi* their Z only compares
// x_i with the rest and is still given, for Gi it is NaN. A region whose
// reference values are constant (s = 0) is undefined.
type GResult struct {
	G, Z, P float64
	Status  Status
}

// Hot-spot classes (ArcGIS style) of GResult.Class.
const (
	HotSpot99  = "hot_99"
	HotSpot95  = "hot_95"
	HotSpot90  = "hot_90"
	ColdSpot99 = "cold_99"
	ColdSpot95 = "cold_95"
	ColdSpot90 = "cold_90"
)

// Class returns the hot/cold-spot class for |Z| ≥ 2.58 / 1.96 / 1.65, else
// LabelNotSignificant (LabelIsolated for islands).
func (r GResult) Class() string {
	switch {
	case r.Status == StatusIsolated:
		return LabelIsolated
	case r.Status != StatusOK:
		return LabelNotSignificant
	case r.Z >= 2.58:
		return HotSpot99
	case r.Z >= 1.96:
		return HotSpot95
	case r.Z >= 1.65:
		return HotSpot90
	case r.Z <= -2.58:
		return ColdSpot99
	case r.Z <= -1.96:
		return ColdSpot95
	case r.Z <= -1.65:
		return ColdSpot90
	}
	return LabelNotSignificant
}

// GetisOrd computes Gi (star false: j ≠ i, with x̄(i), s(i) and n−1 taken
// over the other regions) or Gi* (star true: the region itself included
// with w_ii = 1). Both use the binary contiguity c_ij of w whatever its
// style: Z does not change under rescaling a row, and w_ii = 1 is the
// ANALYTICS.md default for Gi*. Negative values are allowed in Z but the
// classic reading of G needs x ≥ 0. n must be at least 3.
func GetisOrd(x []float64, w *Weights, star bool) ([]GResult, error) {
	if err := w.check(x); err != nil {
		return nil, err
	}
	n := w.N()
	if n < 3 {
		return nil, jalin.Invalid("x", "error.spatial_too_few", n, 3)
	}
	if constant(x) {
		out := make([]GResult, n)
		for i := range out {
			out[i] = GResult{G: math.NaN(), Z: math.NaN(), P: math.NaN(), Status: StatusUndefined}
		}
		return out, nil
	}
	// Z is shift invariant: work on centred values to avoid cancellation.
	z := make([]float64, n)
	center(x, z)
	var sumX, sumZ, sumZZ float64
	for i, v := range z {
		sumX += x[i]
		sumZ += v
		sumZZ += v * v
	}
	fn := float64(n)
	out := make([]GResult, n)
	nan := math.NaN()
	for i := range n {
		nb := w.nbr[w.off[i]:w.off[i+1]]
		var lagX, lagZ float64
		for _, j := range nb {
			lagX += x[j]
			lagZ += z[j]
		}
		k := float64(len(nb))
		r := GResult{G: nan, Z: nan, P: nan, Status: StatusOK}
		if len(nb) == 0 {
			r.Status = StatusIsolated
		}
		var num, den float64
		if star {
			wi := k + 1 // W_i = S1_i for binary weights
			mean := sumZ / fn
			s := math.Sqrt(math.Max(sumZZ/fn-mean*mean, 0))
			num = lagZ + z[i] - mean*wi
			den = s * math.Sqrt((fn*wi-wi*wi)/(fn-1))
			r.G = (lagX + x[i]) / sumX
		} else {
			m := fn - 1
			mean := (sumZ - z[i]) / m
			v := (sumZZ-z[i]*z[i])/m - mean*mean
			s := 0.0
			if v > 1e-20*sumZZ/fn { // the n−1 others are not all equal
				s = math.Sqrt(v)
			}
			num = lagZ - mean*k
			den = s * math.Sqrt((m*k-k*k)/(m-1))
			r.G = lagX / (sumX - x[i])
		}
		if den > 0 {
			r.Z = num / den
			r.P = 2 * upperTail(math.Abs(r.Z))
		} else if r.Status == StatusOK {
			r.Status = StatusUndefined
		}
		if r.Status == StatusIsolated && !star {
			r.G = nan
		}
		out[i] = r
	}
	return out, nil
}

package spatial

import "math"

// MoranResult is global Moran's I with its analytic inference
// (ANALYTICS.md §8.2 (a); Cliff & Ord 1981; spdep moran.test).
//
// N is the n of the constants: the number of non-isolated regions
// (spdep adjust.n = TRUE); Islands is how many regions were left out of it.
// The kurtosis b2 = n_all Σz⁴/(Σz²)² is a property of the variable and uses
// every region, as spdep's moran() does. PNorm and PRand are one-sided
// (H1: positive autocorrelation, spdep alternative = "greater"); use
// TwoSided for the two-sided value. VarRand, ZRand and PRand are NaN when
// N < 4.
type MoranResult struct {
	I, EI            float64
	VarNorm, VarRand float64
	ZNorm, ZRand     float64
	PNorm, PRand     float64
	N, Islands       int
	Status           Status
	Reason           string
}

// Moran computes global Moran's I with the normality and randomisation
// variances. Use row-standardised weights for the default of ANALYTICS.md.
func Moran(x []float64, w *Weights) (MoranResult, error) {
	if err := w.check(x); err != nil {
		return MoranResult{}, err
	}
	z := make([]float64, len(x))
	return w.moran(x, z), nil
}

func (w *Weights) moran(x, z []float64) MoranResult {
	nan := math.NaN()
	r := MoranResult{I: nan, EI: nan, VarNorm: nan, VarRand: nan, ZNorm: nan, ZRand: nan, PNorm: nan, PRand: nan,
		N: w.N() - len(w.islands), Islands: len(w.islands), Status: StatusOK}
	n := float64(r.N)
	switch {
	case r.N < 2:
		r.Status, r.Reason = StatusUndefined, ReasonTooFew
		return r
	case w.s0 == 0:
		r.Status, r.Reason = StatusUndefined, ReasonNoNeighbour
		return r
	case constant(x):
		r.Status, r.Reason = StatusUndefined, ReasonConstant
		return r
	}
	zz, z4 := center(x, z)
	r.I = n / w.s0 * w.quad(z) / zz
	r.EI = -1 / (n - 1)
	s0, s1, s2 := w.s0, w.s1, w.s2
	s02 := s0 * s0
	nn := n * n
	r.VarNorm = (nn*s1-n*s2+3*s02)/((nn-1)*s02) - r.EI*r.EI
	r.ZNorm = (r.I - r.EI) / math.Sqrt(r.VarNorm)
	r.PNorm = upperTail(r.ZNorm)
	if r.N >= 4 {
		b2 := float64(len(x)) * z4 / (zz * zz)
		num := n*((nn-3*n+3)*s1-n*s2+3*s02) - b2*((nn-n)*s1-2*n*s2+6*s02)
		r.VarRand = num/((n-1)*(n-2)*(n-3)*s02) - r.EI*r.EI
		r.ZRand = (r.I - r.EI) / math.Sqrt(r.VarRand)
		r.PRand = upperTail(r.ZRand)
	}
	return r
}

// MoranPermResult is global Moran's I with permutation inference
// (ANALYTICS.md §8.2 (b); spdep moran.mc, esda Moran p_sim).
//
// M counts the permuted I ≥ the observed I. PseudoP = (M+1)/(R+1) is the
// one-sided default (H1: positive autocorrelation); PFolded =
// (min(M, R−M)+1)/(R+1) counts on the side of the observed value (esda).
// EISim, SDSim and ZSim are the mean, standard deviation and z-value of
// the permuted I.
type MoranPermResult struct {
	I                  float64
	PseudoP, PFolded   float64
	M, NPerm           int
	Seed               uint64
	EISim, SDSim, ZSim float64
	N, Islands         int
	Status             Status
	Reason             string
}

// MoranPerm computes global Moran's I with nperm random permutations of x
// over all regions (islands included, as spdep moran.mc), reproducible from
// seed. For many variables on the same weights, build one Plan instead: the
// results are identical and the permutations are drawn once.
func MoranPerm(x []float64, w *Weights, nperm int, seed uint64) (MoranPermResult, error) {
	p, err := NewPlan(w, nperm, seed)
	if err != nil {
		return MoranPermResult{}, err
	}
	return p.Moran(x)
}

package spatial

import "math"

// Quadrant of the Moran scatterplot: z_i against its lag Σ_j w_ij z_j, both
// compared with 0 (ANALYTICS.md §8.3; never against the mean of the lags).
type Quadrant string

const (
	QuadrantNone Quadrant = ""   // z_i = 0 or lag = 0: no quadrant
	HH           Quadrant = "HH" // I: hot spot, high among high
	LH           Quadrant = "LH" // II: low outlier among high
	LL           Quadrant = "LL" // III: cold spot, low among low
	HL           Quadrant = "HL" // IV: high outlier among low
)

// Labels of LocalResult.Label besides the quadrants.
const (
	LabelNotSignificant = "not_significant"
	LabelIsolated       = "isolated"
)

// LocalResult is the local Moran's I (LISA, Anselin 1995) of one region.
//
// Ii = (z_i/m2) Σ_j w_ij z_j with m2 = Σ_k z_k²/n over all n regions
// (spdep/GeoDa scaling; esda's Is are Ii·(n−1)/n). PseudoP is the folded
// conditional-permutation p of ANALYTICS.md (esda p_sim):
// (min(M_i, R−M_i)+1)/(R+1), where M_i counts the draws with
// Ii(sim) ≥ Ii(obs). It tests in the direction of the observed value, so
// under no autocorrelation P(PseudoP ≤ α) ≈ 2α. EISim, SDSim and Z are the
// mean, standard deviation and z-value of the simulated Ii. Significant is
// PseudoP ≤ DefaultAlpha, without multiple-testing adjustment.
// Islands have Status isolated and NaN statistics.
type LocalResult struct {
	Ii          float64
	Lag         float64 // Σ_j w_ij z_j
	EISim       float64
	SDSim       float64
	Z           float64
	PseudoP     float64
	M           int
	Quadrant    Quadrant
	Significant bool
	Status      Status
}

// Label is the cluster label of ANALYTICS.md §8.3: the quadrant when
// significant, else "not_significant"; "isolated" for islands.
func (r LocalResult) Label() string {
	switch {
	case r.Status == StatusIsolated:
		return LabelIsolated
	case r.Status != StatusOK || !r.Significant || r.Quadrant == QuadrantNone:
		return LabelNotSignificant
	}
	return string(r.Quadrant)
}

// LocalMoran computes LISA with nperm conditional permutations reproducible
// from seed: for each region i, x_i stays and k_i values are drawn without
// replacement from the other n−1 regions (islands included) as its
// neighbours. For many variables on the same weights use a Plan.
func LocalMoran(x []float64, w *Weights, nperm int, seed uint64) ([]LocalResult, error) {
	p, err := NewPlan(w, nperm, seed)
	if err != nil {
		return nil, err
	}
	return p.LocalMoran(x)
}

// LocalMoran computes LISA of x with the plan's conditional draws. If x is
// constant every region has Status undefined.
func (p *Plan) LocalMoran(x []float64) ([]LocalResult, error) {
	w := p.w
	if err := w.check(x); err != nil {
		return nil, err
	}
	n := w.N()
	out := make([]LocalResult, n)
	nan := math.NaN()
	if constant(x) || n < 2 {
		for i := range out {
			out[i] = LocalResult{Ii: nan, Lag: nan, EISim: nan, SDSim: nan, Z: nan, PseudoP: nan, Status: StatusUndefined}
			if w.IsIsland(i) {
				out[i].Status = StatusIsolated
			}
		}
		return out, nil
	}
	if p.draws == nil {
		p.drawLocal()
	}
	z := p.z
	zz, _ := center(x, z)
	inv := float64(n) / zz // 1/m2
	R := p.nperm
	for i := range n {
		lo, hi := w.off[i], w.off[i+1]
		if lo == hi {
			out[i] = LocalResult{Ii: nan, Lag: nan, EISim: nan, SDSim: nan, Z: nan, PseudoP: nan, Status: StatusIsolated}
			continue
		}
		nb, wt := w.nbr[lo:hi], w.wt[lo:hi]
		lag := 0.0
		for k, j := range nb {
			lag += wt[k] * z[j]
		}
		zi := z[i] * inv
		obs := zi * lag
		k := len(nb)
		d := p.draws[p.drawOff[i]:p.drawOff[i+1]]
		var m int
		var sum, sumsq float64
		if uniform(wt) {
			// Contiguity rows (binary or row-standardised) have one weight:
			// sum the drawn values, scale once.
			c := zi * wt[0]
			obs = c * sumAt(z, nb)
			for t := 0; t+k <= len(d); t += k {
				v := c * sumAt(z, d[t:t+k])
				m += above(v, obs)
				sum += v
				sumsq += v * v
			}
		} else {
			for t := 0; t+k <= len(d); t += k {
				s := 0.0
				for q, j := range d[t : t+k] {
					s += wt[q] * z[j]
				}
				v := zi * s
				m += above(v, obs)
				sum += v
				sumsq += v * v
			}
		}
		r := LocalResult{Ii: obs, Lag: lag, M: m, Status: StatusOK}
		r.PseudoP = float64(min(m, R-m)+1) / float64(R+1)
		r.EISim, r.SDSim, r.Z = simMoments(obs, sum, sumsq, R)
		r.Quadrant = quadrant(z[i], lag)
		r.Significant = r.PseudoP <= DefaultAlpha
		out[i] = r
	}
	return out, nil
}

func quadrant(zi, lag float64) Quadrant {
	switch {
	case zi > 0 && lag > 0:
		return HH
	case zi < 0 && lag > 0:
		return LH
	case zi < 0 && lag < 0:
		return LL
	case zi > 0 && lag < 0:
		return HL
	}
	return QuadrantNone
}

func uniform(wt []float64) bool {
	for _, v := range wt[1:] {
		if v != wt[0] {
			return false
		}
	}
	return true
}

// sumAt returns Σ z[j] over idx, with the index loop unrolled by four.
func sumAt(z []float64, idx []int32) float64 {
	var s0, s1 float64
	for len(idx) >= 4 {
		s0 += z[idx[0]] + z[idx[1]]
		s1 += z[idx[2]] + z[idx[3]]
		idx = idx[4:]
	}
	for _, j := range idx {
		s0 += z[j]
	}
	return s0 + s1
}

// above is 1 if v ≥ obs, else 0, without a branch: for a region near the
// null the comparison is a coin toss that a branch would mispredict.
func above(v, obs float64) int {
	var b int
	if v >= obs {
		b = 1
	}
	return b
}

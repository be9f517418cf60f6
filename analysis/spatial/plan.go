package spatial

import (
	"math"
	"math/rand/v2"

	"github.com/jalin-ksd/jalin"
)

// Random streams of the PCG source: the global and the local permutations
// are drawn from separate streams of the same seed, so that each result
// depends only on (weights, R, seed), whatever else was computed before.
const (
	streamGlobal uint64 = 0x6a616c696e2d4d49 // "jalin-MI"
	streamLocal  uint64 = 0x6a616c696e2d4c49 // "jalin-LI"
)

// Plan holds the random draws of a permutation analysis on one Weights:
// R permutations of the regions for global Moran's I and, per region, R
// random neighbour sets for the conditional permutation of LISA. The draws
// do not depend on the values, so one Plan serves every variable of a
// national run (17 sectors × 8 years) and is drawn once; with the same seed
// it gives the same results as MoranPerm and LocalMoran.
//
// A Plan reuses internal buffers: it is not safe for concurrent use. Build
// one per goroutine (they are cheap next to the analysis they serve).
type Plan struct {
	w     *Weights
	nperm int
	seed  uint64

	perms []int32 // nperm rows of N() region indices (global)

	draws   []int32 // per non-isolated i, nperm × k_i indices, i ≠ drawn
	drawOff []int   // start of region i in draws

	z, zp []float64
}

// NewPlan validates the arguments; the draws are made on first use.
func NewPlan(w *Weights, nperm int, seed uint64) (*Plan, error) {
	if w == nil {
		return nil, jalin.Invalid("weights", "error.spatial_no_weights")
	}
	if nperm < 1 {
		return nil, jalin.Invalid("permutations", "error.spatial_permutations", nperm)
	}
	n := w.N()
	return &Plan{w: w, nperm: nperm, seed: seed, z: make([]float64, n), zp: make([]float64, n)}, nil
}

// Permutations is R.
func (p *Plan) Permutations() int { return p.nperm }

// Seed is the seed the draws came from.
func (p *Plan) Seed() uint64 { return p.seed }

func (p *Plan) drawGlobal() {
	n := p.w.N()
	rng := rand.New(rand.NewPCG(p.seed, streamGlobal))
	pool := make([]int32, n)
	for i := range pool {
		pool[i] = int32(i)
	}
	p.perms = make([]int32, 0, p.nperm*n)
	for range p.nperm {
		// A Fisher–Yates pass from any arrangement gives a uniform
		// permutation independent of the previous ones: no reset needed.
		for m := n - 1; m > 0; m-- {
			j := rng.IntN(m + 1)
			pool[m], pool[j] = pool[j], pool[m]
		}
		p.perms = append(p.perms, pool...)
	}
}

func (p *Plan) drawLocal() {
	w := p.w
	n := w.N()
	rng := rand.New(rand.NewPCG(p.seed, streamLocal))
	pool := make([]int32, n)
	for i := range pool {
		pool[i] = int32(i)
	}
	p.drawOff = make([]int, n+1)
	p.draws = make([]int32, 0, p.nperm*len(w.nbr))
	for i := range n {
		p.drawOff[i] = len(p.draws)
		k := w.Cardinality(i)
		if k == 0 {
			continue
		}
		// Park i at the end; draw from the other n−1 by a partial
		// Fisher–Yates on pool[:n-1].
		for t, v := range pool {
			if int(v) == i {
				pool[t], pool[n-1] = pool[n-1], pool[t]
				break
			}
		}
		for range p.nperm {
			for m := range k {
				j := m + rng.IntN(n-1-m)
				pool[m], pool[j] = pool[j], pool[m]
			}
			p.draws = append(p.draws, pool[:k]...)
		}
	}
	p.drawOff[n] = len(p.draws)
}

// Moran computes global Moran's I of x with the plan's permutations.
func (p *Plan) Moran(x []float64) (MoranPermResult, error) {
	w := p.w
	if err := w.check(x); err != nil {
		return MoranPermResult{}, err
	}
	nan := math.NaN()
	r := MoranPermResult{I: nan, PseudoP: nan, PFolded: nan, EISim: nan, SDSim: nan, ZSim: nan,
		NPerm: p.nperm, Seed: p.seed, N: w.N() - len(w.islands), Islands: len(w.islands), Status: StatusOK}
	switch {
	case r.N < 2:
		r.Status, r.Reason = StatusUndefined, ReasonTooFew
		return r, nil
	case w.s0 == 0:
		r.Status, r.Reason = StatusUndefined, ReasonNoNeighbour
		return r, nil
	case constant(x):
		r.Status, r.Reason = StatusUndefined, ReasonConstant
		return r, nil
	}
	if p.perms == nil {
		p.drawGlobal()
	}
	n := w.N()
	z, zp := p.z, p.zp
	zz, _ := center(x, z)
	scale := float64(r.N) / w.s0 / zz
	obs := scale * w.quad(z)
	r.I = obs
	var sum, sumsq float64
	for k := range p.nperm {
		perm := p.perms[k*n : (k+1)*n]
		zp := zp[:len(perm)]
		for i, j := range perm {
			zp[i] = z[j]
		}
		v := scale * w.quad(zp)
		r.M += above(v, obs)
		sum += v
		sumsq += v * v
	}
	r.PseudoP = float64(r.M+1) / float64(p.nperm+1)
	r.PFolded = float64(min(r.M, p.nperm-r.M)+1) / float64(p.nperm+1)
	r.EISim, r.SDSim, r.ZSim = simMoments(obs, sum, sumsq, p.nperm)
	return r, nil
}

// simMoments returns the mean, the sample standard deviation (ddof 1, as
// spdep; esda uses ddof 0) and the z-value of the observed statistic.
func simMoments(obs, sum, sumsq float64, r int) (mean, sd, z float64) {
	fr := float64(r)
	mean = sum / fr
	if r < 2 {
		return mean, math.NaN(), math.NaN()
	}
	v := (sumsq - fr*mean*mean) / (fr - 1)
	sd = math.Sqrt(math.Max(v, 0))
	return mean, sd, (obs - mean) / sd
}

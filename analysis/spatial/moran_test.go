package spatial

import (
	"math"
	"math/rand/v2"
	"testing"
)

// esda tests/test_moran.py TestMoran.test_variance: lat2W(3, 3) (rook),
// y = 1..9, transformation "B": VI_rand = 0.059687500000000004,
// VI_norm = 0.053125000000000006.
func TestMoranEsdaLattice3x3(t *testing.T) {
	ids, pairs := lattice(3, 3, false, 0)
	w, err := Contiguity(ids, pairs)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Moran([]float64{1, 2, 3, 4, 5, 6, 7, 8, 9}, w)
	if err != nil {
		t.Fatal(err)
	}
	relClose(t, "VarRand", r.VarRand, 0.059687500000000004, 1e-12)
	relClose(t, "VarNorm", r.VarNorm, 0.053125000000000006, 1e-12)
	// By hand: z = −4..4, 12 rook links with Σ_links z_a z_b = 36 + 4,
	// Σz² = 60, S0 = 24, so I = 9/24 · 80/60 = 0.5; E[I] = −1/8.
	relClose(t, "I", r.I, 0.5, 1e-12)
	relClose(t, "EI", r.EI, -0.125, 1e-12)
}

func TestMoranAgainstSlow(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, tc := range []struct {
		rows, cols int
		queen      bool
		islands    int
	}{{5, 5, true, 0}, {5, 5, false, 0}, {5, 5, true, 3}, {7, 4, true, 1}, {2, 2, false, 0}} {
		ids, pairs := lattice(tc.rows, tc.cols, tc.queen, tc.islands)
		b, err := Contiguity(ids, pairs)
		if err != nil {
			t.Fatal(err)
		}
		x := make([]float64, b.N())
		for i := range x {
			x[i] = 100 + 30*rng.NormFloat64() + float64(i%tc.cols)*5
		}
		for _, w := range []*Weights{b, b.RowStandardize()} {
			got, err := Moran(x, w)
			if err != nil {
				t.Fatal(err)
			}
			s := slowGlobal(x, dense(w))
			if got.Islands != tc.islands || got.N != tc.rows*tc.cols {
				t.Errorf("N %d islands %d", got.N, got.Islands)
			}
			relClose(t, "I", got.I, s.I, 1e-9)
			relClose(t, "EI", got.EI, s.EI, 1e-9)
			relClose(t, "VarNorm", got.VarNorm, s.VarNorm, 1e-9)
			relClose(t, "ZNorm", got.ZNorm, s.ZNorm, 1e-9)
			relClose(t, "PNorm", got.PNorm, 0.5*math.Erfc(s.ZNorm/math.Sqrt2), 1e-9)
			if got.N >= 4 {
				relClose(t, "VarRand", got.VarRand, s.VarRand, 1e-9)
				relClose(t, "ZRand", got.ZRand, s.ZRand, 1e-9)
			} else if !math.IsNaN(got.VarRand) {
				t.Errorf("n < 4: VarRand = %g, want NaN", got.VarRand)
			}
		}
	}
}

func TestMoranUndefined(t *testing.T) {
	ids, pairs := lattice(3, 3, true, 0)
	w, _ := Contiguity(ids, pairs)
	x := []float64{0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1}
	if r, err := Moran(x, w); err != nil || r.Status != StatusUndefined || !math.IsNaN(r.I) {
		t.Errorf("constant: %+v %v", r, err)
	}
	if r, err := MoranPerm(x, w, 9, 1); err != nil || r.Status != StatusUndefined {
		t.Errorf("constant perm: %+v %v", r, err)
	}
	if _, err := Moran(x[:3], w); err == nil {
		t.Error("length mismatch accepted")
	}
	x[2] = math.NaN()
	if _, err := Moran(x, w); err == nil {
		t.Error("NaN accepted")
	}
	iso, _ := Contiguity([]string{"a", "b"}, nil)
	if r, _ := Moran([]float64{1, 2}, iso); r.Status != StatusUndefined {
		t.Errorf("all islands: %+v", r)
	}
	if _, err := NewPlan(w, 0, 1); err == nil {
		t.Error("nperm 0 accepted")
	}
}

func TestMoranPermReproducible(t *testing.T) {
	ids, pairs := lattice(6, 6, true, 2)
	b, _ := Contiguity(ids, pairs)
	w := b.RowStandardize()
	x := make([]float64, w.N())
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range x {
		x[i] = rng.NormFloat64() + float64(i/6)*0.3
	}
	a, _ := MoranPerm(x, w, 999, 42)
	c, _ := MoranPerm(x, w, 999, 42)
	if a != c {
		t.Errorf("same seed, different results:\n%+v\n%+v", a, c)
	}
	p, _ := NewPlan(w, 999, 42)
	p.LocalMoran(x) // the local draws must not disturb the global ones
	d, _ := p.Moran(x)
	if a != d {
		t.Errorf("plan differs from MoranPerm:\n%+v\n%+v", a, d)
	}
	e, _ := MoranPerm(x, w, 999, 43)
	if e.M == a.M && e.EISim == a.EISim {
		t.Errorf("different seeds gave identical simulations")
	}
	an, _ := Moran(x, w)
	relClose(t, "perm I vs analytic I", a.I, an.I, 1e-12)
}

// The randomisation moments are the exact moments of I under random
// permutation (no islands), so many permutations must reproduce them.
func TestMoranPermMatchesRandomisationMoments(t *testing.T) {
	ids, pairs := lattice(6, 6, true, 0)
	b, _ := Contiguity(ids, pairs)
	w := b.RowStandardize()
	x := make([]float64, w.N())
	rng := rand.New(rand.NewPCG(5, 6))
	for i := range x {
		x[i] = math.Exp(rng.NormFloat64()) // skewed: b2 matters
	}
	const R = 40000
	perm, _ := MoranPerm(x, w, R, 7)
	an, _ := Moran(x, w)
	se := math.Sqrt(an.VarRand / R)
	if math.Abs(perm.EISim-an.EI) > 4*se {
		t.Errorf("mean of permuted I %g, E[I] %g (se %g)", perm.EISim, an.EI, se)
	}
	if v := perm.SDSim * perm.SDSim; math.Abs(v/an.VarRand-1) > 0.04 {
		t.Errorf("variance of permuted I %g, VarRand %g", v, an.VarRand)
	}
}

// Under no autocorrelation the one-sided pseudo p is about uniform; with a
// strong gradient it is at its minimum.
func TestMoranPermCalibration(t *testing.T) {
	ids, pairs := lattice(8, 8, false, 0)
	b, _ := Contiguity(ids, pairs)
	w := b.RowStandardize()
	p, _ := NewPlan(w, 199, 11)
	rng := rand.New(rand.NewPCG(8, 9))
	x := make([]float64, w.N())
	const fields = 400
	reject, sum := 0, 0.0
	for range fields {
		for i := range x {
			x[i] = rng.NormFloat64()
		}
		r, _ := p.Moran(x)
		sum += r.PseudoP
		if r.PseudoP <= 0.05 {
			reject++
		}
	}
	// Binomial(400, 0.05): mean 20, sd 4.4.
	if reject < 7 || reject > 35 {
		t.Errorf("%d of %d random fields significant at 5%%", reject, fields)
	}
	if m := sum / fields; math.Abs(m-0.5) > 0.05 {
		t.Errorf("mean pseudo p %g, want ≈ 0.5", m)
	}
	for i := range x {
		x[i] = float64(i/8 + i%8)
	}
	if r, _ := p.Moran(x); r.PseudoP != 1.0/200 || r.M != 0 {
		t.Errorf("gradient: p %g M %d", r.PseudoP, r.M)
	}
}

package spatial

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestLocalMoranAgainstSlow(t *testing.T) {
	ids, pairs := lattice(5, 5, true, 2)
	b, _ := Contiguity(ids, pairs)
	rng := rand.New(rand.NewPCG(21, 22))
	x := make([]float64, b.N())
	for i := range x {
		x[i] = rng.NormFloat64()*2 + float64(i%5)
	}
	for _, w := range []*Weights{b, b.RowStandardize()} {
		got, err := LocalMoran(x, w, 99, 1)
		if err != nil {
			t.Fatal(err)
		}
		ii, lag := slowLocal(x, dense(w))
		sum := 0.0
		for i, r := range got {
			if w.IsIsland(i) {
				if r.Status != StatusIsolated || !math.IsNaN(r.Ii) || r.Label() != LabelIsolated {
					t.Errorf("island %d: %+v", i, r)
				}
				continue
			}
			relClose(t, "Ii", r.Ii, ii[i], 1e-9)
			relClose(t, "lag", r.Lag, lag[i], 1e-9)
			sum += r.Ii
			if r.Quadrant != quadrant(x[i]-mean(x), lag[i]) {
				t.Errorf("quadrant %d = %s", i, r.Quadrant)
			}
		}
		if w.Style() == RowStandardized {
			// Σ_i Ii / n = I with row-standardised weights (islands add 0).
			g, _ := Moran(x, w)
			relClose(t, "ΣIi/n", sum/float64(len(x)), g.I, 1e-9)
		}
	}
}

func mean(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

// The conditional draws of region i are k_i distinct regions other than i,
// each other region equally likely.
func TestLocalDraws(t *testing.T) {
	ids, pairs := lattice(4, 4, true, 1)
	b, _ := Contiguity(ids, pairs)
	p, _ := NewPlan(b.RowStandardize(), 3000, 9)
	p.drawLocal()
	n := b.N()
	for i := range n {
		k := b.Cardinality(i)
		d := p.draws[p.drawOff[i]:p.drawOff[i+1]]
		if len(d) != k*3000 {
			t.Fatalf("region %d: %d draws", i, len(d))
		}
		count := make([]int, n)
		for t0 := 0; t0 < len(d); t0 += k {
			set := slices.Clone(d[t0 : t0+k])
			slices.Sort(set)
			if len(slices.Compact(set)) != k || slices.Contains(set, int32(i)) {
				t.Fatalf("region %d: bad draw %v", i, d[t0:t0+k])
			}
			for _, j := range set {
				count[j]++
			}
		}
		if k == 0 {
			continue
		}
		want := float64(3000*k) / float64(n-1)
		for j, c := range count {
			if j != i && math.Abs(float64(c)-want) > 5*math.Sqrt(want) {
				t.Errorf("region %d drew %d %d times, want ≈ %.0f", i, j, c, want)
			}
		}
	}
}

func TestLocalMoranPermutation(t *testing.T) {
	ids, pairs := lattice(10, 10, true, 0)
	b, _ := Contiguity(ids, pairs)
	w := b.RowStandardize()
	n := w.N()
	x := make([]float64, n)
	rng := rand.New(rand.NewPCG(31, 32))

	// Reproducible, and the plan equals the one-shot function.
	for i := range x {
		x[i] = rng.NormFloat64()
	}
	a, _ := LocalMoran(x, w, 199, 5)
	p, _ := NewPlan(w, 199, 5)
	c, _ := p.LocalMoran(x)
	if !slices.Equal(a, c) {
		t.Error("plan and LocalMoran differ for the same seed")
	}

	// Conditional-permutation mean: E[lag sim] = W_i · (−z_i/(n−1)).
	big, _ := LocalMoran(x, w, 20000, 6)
	m := mean(x)
	zz := 0.0
	for _, v := range x {
		zz += (v - m) * (v - m)
	}
	for i, r := range big {
		zi := x[i] - m
		want := -zi * zi / (zz / float64(n)) / float64(n-1) // W_i = 1
		if math.Abs(r.EISim-want) > 5*r.SDSim/math.Sqrt(20000) {
			t.Errorf("region %d: EISim %g want %g", i, r.EISim, want)
		}
	}

	// Random fields: folded p ≤ α about 2α of the time.
	reject, total := 0, 0
	plan, _ := NewPlan(w, 199, 7)
	for range 50 {
		for i := range x {
			x[i] = rng.NormFloat64()
		}
		res, _ := plan.LocalMoran(x)
		for _, r := range res {
			total++
			if r.PseudoP <= 0.05 {
				reject++
			}
		}
	}
	if f := float64(reject) / float64(total); f < 0.07 || f > 0.13 {
		t.Errorf("random fields: %.3f of regions with p ≤ 0.05, want ≈ 0.10", f)
	}

	// A strong hot block (rows 0-3, cols 0-3) and a cold block: the inner
	// cells are significant HH / LL.
	for i := range x {
		x[i] = rng.NormFloat64() * 0.3
		r, c := i/10, i%10
		if r < 4 && c < 4 {
			x[i] += 5
		}
		if r >= 6 && c >= 6 {
			x[i] -= 5
		}
	}
	res, _ := LocalMoran(x, w, 999, 8)
	for _, i := range []int{11, 12, 21, 22} {
		if res[i].Label() != "HH" || res[i].PseudoP > 0.01 {
			t.Errorf("hot cell %d: %s p %g", i, res[i].Label(), res[i].PseudoP)
		}
	}
	for _, i := range []int{77, 78, 87, 88} {
		if res[i].Label() != "LL" || res[i].PseudoP > 0.01 {
			t.Errorf("cold cell %d: %s p %g", i, res[i].Label(), res[i].PseudoP)
		}
	}
}

func TestLocalMoranConstant(t *testing.T) {
	ids, pairs := lattice(3, 3, true, 1)
	w, _ := Contiguity(ids, pairs)
	res, err := LocalMoran(make([]float64, w.N()), w, 9, 1)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		want := StatusUndefined
		if w.IsIsland(i) {
			want = StatusIsolated
		}
		if r.Status != want || r.Label() == "HH" {
			t.Errorf("%d: %+v", i, r)
		}
	}
}

package analysis

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// The slow reference implementations below follow ANALYTICS.md literally,
// on plain nested maps, with none of the engine's layout or shortcuts.

type toy struct {
	x    map[int]map[string][]float64 // year -> region -> sectors
	ref  map[int]map[string][]float64 // year -> reference -> sectors
	pop  map[int]map[string]float64
	of   map[string]string
	regs []string
	yrs  []int
}

func newToy(seed uint64, nReg, nSec int, years []int) (*toy, []Row) {
	rng := rand.New(rand.NewPCG(seed, 1))
	t := &toy{x: map[int]map[string][]float64{}, ref: map[int]map[string][]float64{}, pop: map[int]map[string]float64{}, of: map[string]string{}, yrs: years}
	var rows []Row
	refs := []string{"P1", "P2", "P3"}
	for r := 0; r < nReg; r++ {
		code := fmt.Sprintf("R%02d", r)
		t.regs = append(t.regs, code)
		t.of[code] = refs[r%3]
	}
	for _, y := range years {
		t.x[y], t.ref[y], t.pop[y] = map[string][]float64{}, map[string][]float64{}, map[string]float64{}
		for _, code := range t.regs {
			v := make([]float64, nSec)
			for s := range v {
				v[s] = 1 + 1000*rng.Float64()*float64(1+s%3)
				rows = append(rows, Row{code, fmt.Sprintf("S%d", s), y, v[s]})
			}
			t.x[y][code] = v
			t.pop[y][code] = 1e4 + 1e6*rng.Float64()
			rows = append(rows, Row{code, IndicatorPopulation, y, t.pop[y][code]})
		}
		for _, k := range refs {
			v := make([]float64, nSec)
			for s := range v {
				v[s] = 5000 + 20000*rng.Float64()
				rows = append(rows, Row{k, fmt.Sprintf("S%d", s), y, v[s]})
			}
			t.ref[y][k] = v
			rows = append(rows, Row{k, IndicatorPopulation, y, 1e7})
		}
	}
	return t, rows
}

func sumS(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}

func near(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
		t.Fatalf("%s = %.15g, want %.15g", what, got, want)
	}
}

func TestAgainstSlowReference(t *testing.T) {
	years := []int{2015, 2016, 2017, 2018}
	tt, rows := newToy(7, 30, 6, years)
	p := mustPanel(t, rows, Options{ReferenceOf: tt.of})
	w := Window{2015, 2018}
	lq := func(y int, code string, s int) float64 {
		x, X := tt.x[y][code], tt.ref[y][tt.of[code]]
		return (x[s] / sumS(x)) / (X[s] / sumS(X))
	}
	meanGrowth := func(f func(y int) float64) float64 {
		g := 0.0
		for i := 1; i < len(years); i++ {
			g += f(years[i])/f(years[i-1]) - 1
		}
		return g / float64(len(years)-1)
	}
	dlq, _ := DLQ(p, w, AvgMean)
	ss, _ := ShiftShare(p, w)
	dyn, _ := DynamicShiftShare(p, w)
	kl, _ := KlassenSectoral(p, w, AvgMean)
	sp, _ := Specialisation(p, 2018)
	for r, code := range tt.regs {
		k := tt.of[code]
		for s := range p.Sectors {
			slq := 0.0
			for _, y := range years {
				slq += lq(y, code, s) / 4
			}
			v, _ := dlq.SLQ.At(r, s)
			near(t, "SLQ", v, slq)
			gij := meanGrowth(func(y int) float64 { return tt.x[y][code][s] })
			gj := meanGrowth(func(y int) float64 { return sumS(tt.x[y][code]) })
			Gi := meanGrowth(func(y int) float64 { return tt.ref[y][k][s] })
			G := meanGrowth(func(y int) float64 { return sumS(tt.ref[y][k]) })
			want := math.Pow(((1+gij)/(1+gj))/((1+Gi)/(1+G)), 3)
			v, _ = dlq.DLQ.At(r, s)
			near(t, "DLQ", v, want)
			if c := dlq.Class[r*len(p.Sectors)+s]; c != slqDLQClass(slq, want) {
				t.Fatalf("class %s", c)
			}
			// Classic shift-share and Esteban-Marquillas.
			x0, x1 := tt.x[2015][code][s], tt.x[2018][code][s]
			X0, X1 := sumS(tt.ref[2015][k]), sumS(tt.ref[2018][k])
			Xi0, Xi1 := tt.ref[2015][k][s], tt.ref[2018][k][s]
			rn, rin, rij := X1/X0-1, Xi1/Xi0-1, x1/x0-1
			n, _ := ss.N.At(r, s)
			m, _ := ss.M.At(r, s)
			c, _ := ss.C.At(r, s)
			near(t, "N", n, x0*rn)
			near(t, "M", m, x0*(rin-rn))
			near(t, "C", c, x0*(rij-rin))
			xh := sumS(tt.x[2015][code]) * Xi0 / X0
			a, _ := ss.Allocation.At(r, s)
			cp, _ := ss.NetCompetitive.At(r, s)
			near(t, "A", a, (x0-xh)*(rij-rin))
			near(t, "C'+A", cp+a, c)
			// Dynamic: sum of annual components.
			var dn, dm, dc float64
			for i := 1; i < len(years); i++ {
				a0, a1 := tt.x[years[i-1]][code][s], tt.x[years[i]][code][s]
				R0, R1 := sumS(tt.ref[years[i-1]][k]), sumS(tt.ref[years[i]][k])
				Ri0, Ri1 := tt.ref[years[i-1]][k][s], tt.ref[years[i]][k][s]
				dn += a0 * (R1/R0 - 1)
				dm += a0 * ((Ri1/Ri0 - 1) - (R1/R0 - 1))
				dc += a0 * ((a1/a0 - 1) - (Ri1/Ri0 - 1))
			}
			n, _ = dyn.N.At(r, s)
			m, _ = dyn.M.At(r, s)
			c, _ = dyn.C.At(r, s)
			near(t, "dyn N", n, dn)
			near(t, "dyn M", m, dm)
			near(t, "dyn C", c, dc)
			// Klassen sectoral.
			sh, Sh := 0.0, 0.0
			for _, y := range years {
				sh += tt.x[y][code][s] / sumS(tt.x[y][code]) / 4
				Sh += tt.ref[y][k][s] / sumS(tt.ref[y][k]) / 4
			}
			g, _ := kl.Growth.At(r, s)
			v, _ = kl.Share.At(r, s)
			near(t, "klassen g", g, gij)
			near(t, "klassen s", v, sh)
			if q := kl.Quadrant[r*len(p.Sectors)+s]; int(q) != klassenQuadrant(gij, Gi, sh, Sh) {
				t.Fatalf("quadrant %d", q)
			}
		}
		// Identity Σ_i (N+M+C) = x_j1 − x_j0.
		d := sumS(tt.x[2018][code]) - sumS(tt.x[2015][code])
		n, _, _ := ss.RegionN.Get(code)
		m, _, _ := ss.RegionM.Get(code)
		c, _, _ := ss.RegionC.Get(code)
		near(t, "identity", n+m+c, d)
		dn, _, _ := dyn.RegionN.Get(code)
		dm, _, _ := dyn.RegionM.Get(code)
		dc, _, _ := dyn.RegionC.Get(code)
		near(t, "dynamic identity", dn+dm+dc, d)
		// Krugman against the reference.
		kr := 0.0
		x, X := tt.x[2018][code], tt.ref[2018][k]
		for s := range x {
			kr += math.Abs(x[s]/sumS(x) - X[s]/sumS(X))
		}
		v, _, _ := sp.Krugman.Get(code)
		near(t, "Krugman", v, kr)
	}
	// Inequality, 2018.
	in, err := Inequality(p, 2018, func(c string) string { return tt.of[c] })
	if err != nil {
		t.Fatal(err)
	}
	var Y, P float64
	for _, c := range tt.regs {
		Y, P = Y+sumS(tt.x[2018][c]), P+tt.pop[2018][c]
	}
	ybar := Y / P
	var v, th, gsum float64
	for _, c := range tt.regs {
		yj, pj := sumS(tt.x[2018][c]), tt.pop[2018][c]
		v += (yj/pj - ybar) * (yj/pj - ybar) * pj / P
		th += yj / Y * math.Log((yj/Y)/(pj/P))
		for _, c2 := range tt.regs {
			y2, p2 := sumS(tt.x[2018][c2]), tt.pop[2018][c2]
			gsum += pj * p2 * math.Abs(yj/pj-y2/p2)
		}
	}
	near(t, "Williamson", in.Williamson.Value, math.Sqrt(v)/ybar)
	near(t, "Theil", in.Theil.T.Value, th)
	near(t, "Theil between+within", in.Theil.Between+in.Theil.Within, th)
	near(t, "Gini", in.Gini.Value, gsum/(2*P*P*ybar))
	// Between part by hand.
	bt := 0.0
	for _, k := range []string{"P1", "P2", "P3"} {
		var yg, pg float64
		for _, c := range tt.regs {
			if tt.of[c] == k {
				yg, pg = yg+sumS(tt.x[2018][c]), pg+tt.pop[2018][c]
			}
		}
		bt += yg / Y * math.Log((yg/Y)/(pg/P))
	}
	near(t, "Theil between", in.Theil.Between, bt)
}

func TestIndicesSmall(t *testing.T) {
	// All equal: Williamson 0, Theil 0, Gini 0; one region: 0.
	if w := Williamson([]float64{10, 20}, []float64{1, 2}); w.Value != 0 || w.Status != OK {
		t.Errorf("equal per capita: %+v", w)
	}
	if w := Williamson([]float64{10}, []float64{3}); w.Value != 0 {
		t.Errorf("one region: %+v", w)
	}
	// Theil maximum ln(P/P_j) when all output sits in the smallest region.
	th := Theil([]float64{0, 0, 5}, []float64{50, 40, 10}, nil, nil)
	near(t, "Theil max", th.T.Value, math.Log(100.0/10))
	// Gini, unweighted 1..5: mean absolute difference 1.6, μ 3: G = 1.6/6.
	g := Gini([]float64{1, 2, 3, 4, 5}, nil)
	near(t, "Gini", g.Value, 1.6/6)
	near(t, "Gini normalised", g.Normalised, 1.6/6*5/4)
	h := Herfindahl([]float64{1, 1, 2})
	near(t, "HHI", h.Value, 0.375)
	near(t, "HHI normalised", h.Normalised, (0.375-1.0/3)/(1-1.0/3))
	k := Krugman([]float64{1, 0}, []float64{0, 1})
	near(t, "Krugman max", k.Value, 2)
	hv := Hoover([]float64{30, 10}, []float64{1, 1})
	near(t, "Hoover", hv.Value, 0.25)
}

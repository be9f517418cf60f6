package spatial

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestGetisOrdAgainstSlow(t *testing.T) {
	ids, pairs := lattice(6, 5, true, 2)
	b, _ := Contiguity(ids, pairs)
	rng := rand.New(rand.NewPCG(41, 42))
	x := make([]float64, b.N())
	for i := range x {
		x[i] = 1e6 + 1e3*math.Exp(rng.NormFloat64()) // large level: cancellation check
	}
	for _, star := range []bool{false, true} {
		// The style must not matter.
		for _, w := range []*Weights{b, b.RowStandardize()} {
			got, err := GetisOrd(x, w, star)
			if err != nil {
				t.Fatal(err)
			}
			z, g := slowG(x, dense(b), star)
			for i, r := range got {
				if w.IsIsland(i) {
					if r.Status != StatusIsolated || r.Class() != LabelIsolated {
						t.Errorf("island %d: %+v", i, r)
					}
					if !star {
						continue
					}
				}
				relClose(t, "Z", r.Z, z[i], 1e-9)
				relClose(t, "G", r.G, g[i], 1e-9)
				relClose(t, "P", r.P, math.Erfc(math.Abs(z[i])/math.Sqrt2), 1e-9)
			}
		}
	}
}

func TestGetisOrdEdges(t *testing.T) {
	ids, pairs := lattice(3, 3, true, 0)
	w, _ := Contiguity(ids, pairs)
	res, _ := GetisOrd([]float64{2, 2, 2, 2, 2, 2, 2, 2, 2}, w, true)
	if res[0].Status != StatusUndefined {
		t.Errorf("constant: %+v", res[0])
	}
	// Gi of the centre with all others equal: s(i) = 0.
	res, _ = GetisOrd([]float64{2, 2, 2, 2, 9, 2, 2, 2, 2}, w, false)
	if res[4].Status != StatusUndefined || res[0].Status != StatusOK {
		t.Errorf("others constant: %+v %+v", res[4], res[0])
	}
	hot := GResult{Z: 2.0, Status: StatusOK}
	if hot.Class() != HotSpot95 {
		t.Errorf("class %s", hot.Class())
	}
}

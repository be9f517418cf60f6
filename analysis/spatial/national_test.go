package spatial

import (
	"encoding/csv"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// nationalWeights loads the real regency adjacency from the shared data
// (env JALIN_SHARED_DATA, else ../../../shared/data), or skips.
func nationalWeights(tb testing.TB) *Weights {
	tb.Helper()
	dir := os.Getenv("JALIN_SHARED_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "data")
	}
	geo := filepath.Join(dir, "geo")
	points := readCSV(tb, filepath.Join(geo, "regency_points.csv"))
	adj := readCSV(tb, filepath.Join(geo, "regency_adjacency.csv"))
	var ids []string
	for _, r := range points[1:] {
		ids = append(ids, r[0])
	}
	var pairs [][2]string
	for _, r := range adj[1:] {
		pairs = append(pairs, [2]string{r[0], r[1]})
	}
	w, err := Contiguity(ids, pairs)
	if err != nil {
		tb.Fatal(err)
	}
	return w
}

func readCSV(tb testing.TB, path string) [][]string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Skipf("shared data absent (%v); set JALIN_SHARED_DATA", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	return rows
}

// provinceField is synthetic, spatially clustered: a province effect plus
// noise, so neighbours (mostly in the same province) are alike.
func provinceField(ids []string, rng *rand.Rand) []float64 {
	effect := map[string]float64{}
	x := make([]float64, len(ids))
	for i, id := range ids {
		p, _, _ := strings.Cut(id, ".")
		e, ok := effect[p]
		if !ok {
			e = 3 * rng.NormFloat64()
			effect[p] = e
		}
		x[i] = 10 + e + rng.NormFloat64()
	}
	return x
}

func TestNationalAdjacency(t *testing.T) {
	w := nationalWeights(t).RowStandardize()
	if w.N() != 514 || len(w.Islands()) != 31 || w.Links() != 995 {
		t.Fatalf("n %d islands %d links %d, want 514, 31, 995", w.N(), len(w.Islands()), w.Links())
	}
	relClose(t, "S0", w.S0(), 483, 1e-12)
	ids := w.IDs()
	x := provinceField(ids, rand.New(rand.NewPCG(1, 1)))
	m, _ := Moran(x, w)
	mp, _ := MoranPerm(x, w, 999, 2026)
	t.Logf("province field: I %.4f E[I] %.5f z_rand %.2f p_rand %.3g; perm p %.4f", m.I, m.EI, m.ZRand, m.PRand, mp.PseudoP)
	if m.N != 483 || m.Islands != 31 || m.I < 0.3 || m.PRand > 1e-6 || mp.PseudoP != 0.001 {
		t.Errorf("clustered field not detected: %+v %+v", m, mp)
	}
	// The number of neighbours is itself spatially smooth (urban cores).
	card := make([]float64, w.N())
	for i := range card {
		card[i] = float64(w.Cardinality(i))
	}
	mc, _ := Moran(card, w)
	t.Logf("cardinality: I %.4f z_rand %.2f p %.3g", mc.I, mc.ZRand, mc.PRand)

	res, _ := LocalMoran(x, w, 999, 2026)
	labels := map[string]int{}
	for _, r := range res {
		labels[r.Label()]++
	}
	t.Logf("LISA labels: %v", labels)
	if labels[LabelIsolated] != 31 || labels["HH"]+labels["LL"] < 50 {
		t.Errorf("labels %v", labels)
	}
}

// BenchmarkNational is the full national run: 514 regencies,
// 17 sectors × 8 years = 136 variables, each with global Moran's I
// (analytic + 999 permutations), LISA (999 conditional permutations) and
// Gi*, single-threaded. One op = the whole run, including building the
// weights and drawing the permutations. Run with:
//
//	go test ./analysis/spatial -run '^$' -bench National -benchtime 5x -cpu 1
func BenchmarkNational(b *testing.B) {
	base := nationalWeights(b)
	ids := base.IDs()
	var pairs [][2]string
	for i := range base.N() {
		nb, _ := base.Neighbors(i)
		for _, j := range nb {
			if int(j) > i {
				pairs = append(pairs, [2]string{ids[i], ids[j]})
			}
		}
	}
	rng := rand.New(rand.NewPCG(17, 8))
	vars := make([][]float64, 17*8)
	for v := range vars {
		vars[v] = provinceField(ids, rng)
		for i := range vars[v] {
			vars[v][i] = math.Exp(vars[v][i] / 4) // skewed, like value added
		}
	}
	b.ResetTimer()
	for b.Loop() {
		c, err := Contiguity(ids, pairs)
		if err != nil {
			b.Fatal(err)
		}
		w := c.RowStandardize()
		plan, _ := NewPlan(w, DefaultPermutations, 2026)
		for _, x := range vars {
			if _, err := Moran(x, w); err != nil {
				b.Fatal(err)
			}
			if _, err := plan.Moran(x); err != nil {
				b.Fatal(err)
			}
			if _, err := plan.LocalMoran(x); err != nil {
				b.Fatal(err)
			}
			if _, err := GetisOrd(x, c, true); err != nil {
				b.Fatal(err)
			}
		}
	}
}

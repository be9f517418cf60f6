package cluster

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/jalin-ksd/jalin/analysis/spatial"
	"github.com/jalin-ksd/jalin/internal/realdata"
)

// realInputs is the shared real data (see internal/realdata): the 514
// regencies, their borders, and the LQ (against the province, flagged rows
// left out) and GRDP of 2019. It skips when the files are absent.
func realInputs(tb testing.TB) Inputs {
	tb.Helper()
	e := realdata.LoadEconomy(tb)
	return Inputs{Regions: e.Regions, Sectors: e.Sectors, LQ: e.LQ, GRDP: e.GRDP, Borders: realdata.Borders(tb)}
}

func TestRealClustersInvariants(t *testing.T) {
	in := realInputs(t)
	if len(in.Regions) != 514 || len(in.Sectors) != 17 {
		t.Fatalf("%d regencies × %d sectors, want 514 × 17", len(in.Regions), len(in.Sectors))
	}
	got, err := Find(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 {
		t.Fatal("no cluster on real data")
	}
	checkInvariants(t, in, got, Options{})
	cross, sectors := 0, map[string]bool{}
	for _, c := range got {
		if c.CrossBorder() {
			cross++
		}
		sectors[c.Sector] = true
	}
	// Base sectors cross provincial borders (the point); with LQ
	// against the province, every province has regions above 1 in most
	// sectors, so clusters appear in many sectors.
	if cross == 0 {
		t.Error("no cluster crosses a provincial border")
	}
	if len(sectors) < 10 {
		t.Errorf("clusters in only %d sectors", len(sectors))
	}
	// Per sector, one sector alone gives the same clusters as all at once.
	one, err := Find(in, Options{Sector: in.Sectors[0]})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range got {
		if c.Sector == in.Sectors[0] {
			n++
		}
	}
	if n != len(one) {
		t.Errorf("sector %s: %d clusters alone, %d among all", in.Sectors[0], len(one), n)
	}
	t.Logf("%d clusters, %d across provinces, in %d sectors; largest: %s with %d members", len(got), cross, len(sectors), got[0].ID(), len(got[0].Members))
}

// BenchmarkFindReal finds every cluster of the 514 regencies × 17 sectors.
func BenchmarkFindReal(b *testing.B) {
	in := realInputs(b)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Find(in, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFindSynthetic runs without the shared data: 514 regions on a
// grid of 23 columns (about 4 borders each, as on the real map), 17
// sectors with random LQs and a random quarter marked high-high.
func BenchmarkFindSynthetic(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	const n, cols, ns = 514, 23, 17
	in := Inputs{GRDP: map[string]float64{}}
	lq := map[string][]float64{}
	for i := range n {
		code := string(rune('1'+i%9)) + string(rune('0'+i/60%10)) + "." + string(rune('0'+i/10%10)) + string(rune('0'+i%10)) + string(rune('a'+i/100))
		in.Regions = append(in.Regions, code)
		in.GRDP[code] = rng.Float64() * 1000
		row := make([]float64, ns)
		for s := range row {
			row[s] = rng.Float64() * 2
		}
		lq[code] = row
		if i%cols != 0 {
			in.Borders = append(in.Borders, [2]string{in.Regions[i-1], code})
		}
		if i >= cols {
			in.Borders = append(in.Borders, [2]string{in.Regions[i-cols], code})
		}
	}
	for s := range ns {
		in.Sectors = append(in.Sectors, string(rune('A'+s)))
	}
	in.LQ = table(lq)
	in.HighHigh = func(r string, s int) bool { return lq[r][s] > 1.5 }
	b.ResetTimer()
	for b.Loop() {
		if _, err := Find(in, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// withLISA returns in with HighHigh set from LISA (999 conditional
// permutations, seed 1) of every sector's LQ on the real adjacency: what
// the pages compute once per data version before Find, sharing a Plan
// between the sectors with the same regions as they do.
func withLISA(tb testing.TB, in Inputs) Inputs {
	tb.Helper()
	plans := map[string]*spatial.Plan{}
	hh := make([]map[string]bool, len(in.Sectors))
	for s := range in.Sectors {
		hh[s] = map[string]bool{}
		var codes []string
		var values []float64
		have := map[string]bool{}
		for _, r := range in.Regions {
			if v, ok := in.LQ(r, s); ok {
				codes, values, have[r] = append(codes, r), append(values, v), true
			}
		}
		var pairs [][2]string
		for _, p := range in.Borders {
			if have[p[0]] && have[p[1]] && p[0] != p[1] {
				pairs = append(pairs, p)
			}
		}
		key := strings.Join(codes, ",")
		plan := plans[key]
		if plan == nil {
			w, err := spatial.Contiguity(codes, pairs)
			if err != nil {
				tb.Fatal(err)
			}
			if plan, err = spatial.NewPlan(w.RowStandardize(), spatial.DefaultPermutations, 1); err != nil {
				tb.Fatal(err)
			}
			plans[key] = plan
		}
		local, err := plan.LocalMoran(values)
		if err != nil {
			tb.Fatal(err)
		}
		for i, lr := range local {
			if lr.Label() == string(spatial.HH) {
				hh[s][codes[i]] = true
			}
		}
	}
	in.HighHigh = func(r string, s int) bool { return hh[s][r] }
	return in
}

func TestRealHighHighClusters(t *testing.T) {
	in := withLISA(t, realInputs(t))
	got, err := Find(in, Options{Basis: HighHigh})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 {
		t.Fatal("no LISA high-high cluster on real data")
	}
	checkInvariants(t, in, got, Options{Basis: HighHigh})
	// A high-high region is "high": its LQ is above the sector's mean.
	sIdx := map[string]int{}
	for i, s := range in.Sectors {
		sIdx[s] = i
	}
	for _, c := range got {
		s := sIdx[c.Sector]
		var sum float64
		var n int
		for _, r := range in.Regions {
			if v, ok := in.LQ(r, s); ok {
				sum, n = sum+v, n+1
			}
		}
		for _, m := range c.Members {
			if v, ok := in.LQ(m, s); !ok || v <= sum/float64(n) {
				t.Errorf("%s: member %s has LQ %.3f, not above the mean %.3f", c.ID(), m, v, sum/float64(n))
			}
		}
	}
	t.Logf("%d high-high clusters", len(got))
}

// BenchmarkFindRealWithLISA is LISA for the 17 sectors and Find: the work
// behind the first opportunity page of a data version.
func BenchmarkFindRealWithLISA(b *testing.B) {
	in := realInputs(b)
	for b.Loop() {
		if _, err := Find(withLISA(b, in), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

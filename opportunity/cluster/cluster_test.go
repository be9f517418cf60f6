package cluster

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// table builds an LQ function from region → one value per sector; NaN
// means no data.
func table(m map[string][]float64) func(string, int) (float64, bool) {
	return func(r string, s int) (float64, bool) {
		row, ok := m[r]
		if !ok || s >= len(row) || math.IsNaN(row[s]) {
			return 0, false
		}
		return row[s], true
	}
}

var nan = math.NaN()

// A hand-made map. Province 11 has a chain 11.01–11.02–11.03–11.04–11.05;
// 11.05 borders 12.01 in province 12, which borders 12.02; 12.09 is an
// island with no border at all; 13.01 has no data.
//
//	11.01 - 11.02 - 11.03 - 11.04 - 11.05 | 12.01 - 12.02     12.09 (island)
//	                                  |
//	                                13.01 (no data)
func geography() Inputs {
	return Inputs{
		Regions: []string{"11.01", "11.02", "11.03", "11.04", "11.05", "12.01", "12.02", "12.09", "13.01"},
		Sectors: []string{"A", "C"},
		Borders: [][2]string{{"11.01", "11.02"}, {"11.02", "11.03"}, {"11.04", "11.03"}, {"11.04", "11.05"},
			{"11.05", "12.01"}, {"12.01", "12.02"}, {"11.05", "13.01"},
			{"11.05", "11.04"}, // the same border again, in the other order
			{"12.02", "99.99"}, // a region outside the set
			{"12.02", "12.02"}, // a self-pair
		},
		GRDP: map[string]float64{"11.01": 10, "11.02": 20, "11.03": 5, "11.04": 10, "11.05": 20,
			"12.01": 7, "12.02": 3, "12.09": 100},
	}
}

func TestBaseClustersKnownAnswer(t *testing.T) {
	in := geography()
	// Sector A: 11.01, 11.02 basis; 11.03 exactly 1 (not basis: strict);
	// 11.04, 11.05 basis and across the border 12.01 basis, 12.02 has no
	// data; the island 12.09 basis; 13.01 no data at all.
	// Sector C: only 12.01–12.02 basis, and 12.02 has no GRDP entry below.
	in.LQ = table(map[string][]float64{
		"11.01": {1.5, 0.2}, "11.02": {2.5, 0.3}, "11.03": {1.0, 0.9}, "11.04": {1.2, 0.1},
		"11.05": {3.0, 0.5}, "12.01": {1.8, 1.4}, "12.02": {nan, 2.0}, "12.09": {4.0, 0.1},
	})
	delete(in.GRDP, "12.02")
	got, err := Find(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		sector  string
		members string
		provs   string
		grdp    float64
		missing int
		meanLQ  float64
	}{
		// 11.04+11.05+12.01 = 10+20+7 = 37; then 11.01+11.02 = 30; then C.
		{"A", "11.04 11.05 12.01", "11 12", 37, 0, (1.2 + 3.0 + 1.8) / 3},
		{"A", "11.01 11.02", "11", 30, 0, (1.5 + 2.5) / 2},
		{"C", "12.01 12.02", "12", 7, 1, (1.4 + 2.0) / 2},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d clusters %+v, want %d", len(got), got, len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Sector != w.sector || g.Basis != Base || strings.Join(g.Members, " ") != w.members ||
			strings.Join(g.Provinces, " ") != w.provs || g.GRDP != w.grdp || g.MissingGRDP != w.missing ||
			math.Abs(g.MeanLQ-w.meanLQ) > 1e-12 {
			t.Errorf("cluster %d = %+v, want %+v", i, g, w)
		}
	}
	if !got[0].CrossBorder() || got[1].CrossBorder() {
		t.Errorf("cross-border: %v %v", got[0].CrossBorder(), got[1].CrossBorder())
	}
	if !got[0].Has("12.01") || got[0].Has("11.03") {
		t.Error("Has is wrong")
	}
	checkInvariants(t, in, got, Options{})
}

func TestTieOrderedByCode(t *testing.T) {
	in := geography()
	// Two clusters of equal GRDP and size: 11.01–11.02 (10+20) and
	// 11.04–11.05 (10+20), split by 11.03 at exactly the threshold.
	in.LQ = table(map[string][]float64{
		"11.01": {1.1, 0}, "11.02": {1.1, 0}, "11.03": {1, 0}, "11.04": {1.1, 0}, "11.05": {1.1, 0},
	})
	got, err := Find(in, Options{Sector: "A"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].GRDP != got[1].GRDP {
		t.Fatalf("want two clusters of equal GRDP, got %+v", got)
	}
	if got[0].Members[0] != "11.01" || got[1].Members[0] != "11.04" {
		t.Errorf("tie not broken by code: %v then %v", got[0].Members, got[1].Members)
	}
	// The threshold moved below 1 joins them through 11.03.
	in.Threshold = 0.99
	got, err = Find(in, Options{Sector: "A"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || len(got[0].Members) != 5 {
		t.Errorf("threshold 0.99: %+v", got)
	}
}

func TestIslandAndNoData(t *testing.T) {
	in := geography()
	in.LQ = table(map[string][]float64{"12.09": {9, 9}, "11.05": {2, 2}})
	// 13.01 has no data and so does not join 11.05; 12.09 has no border.
	got, err := Find(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Errorf("lone regions made clusters: %+v", got)
	}
	got, err = Find(in, Options{MinMembers: 1, Sector: "C"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Members[0] != "12.09" || got[0].GRDP != 100 || got[1].Members[0] != "11.05" {
		t.Errorf("MinMembers 1: %+v", got)
	}
	checkInvariants(t, in, got, Options{MinMembers: 1, Sector: "C"})
}

func TestHighHighBasis(t *testing.T) {
	in := geography()
	hh := map[string]bool{"11.01": true, "11.02": true, "11.03": true, "12.01": true}
	in.HighHigh = func(r string, s int) bool { return s == 1 && hh[r] }
	in.LQ = table(map[string][]float64{"11.01": {2, 2}, "11.02": {2, 0.5}})
	got, err := Find(in, Options{Basis: HighHigh})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Basis != HighHigh || got[0].Sector != "C" ||
		strings.Join(got[0].Members, " ") != "11.01 11.02 11.03" || got[0].GRDP != 35 {
		t.Fatalf("high-high: %+v", got)
	}
	// The mean LQ is over the members that have one: (2 + 0.5) / 2.
	if got[0].MeanLQ != 1.25 {
		t.Errorf("mean LQ %v", got[0].MeanLQ)
	}
	both, err := Find(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(both) != 2 || both[0].Basis != HighHigh || both[1].Basis != Base {
		t.Errorf("both bases: %+v", both)
	}
	checkInvariants(t, in, both, Options{})
}

func TestBadInputs(t *testing.T) {
	in := geography()
	in.LQ = table(nil)
	for name, c := range map[string]struct {
		in  Inputs
		opt Options
	}{
		"unknown sector": {in, Options{Sector: "Z"}},
		"unknown basis":  {in, Options{Basis: "hh"}},
		"duplicate":      {Inputs{Regions: []string{"11.01", "11.01"}, Sectors: []string{"A"}}, Options{}},
		"short code":     {Inputs{Regions: []string{"1"}, Sectors: []string{"A"}}, Options{}},
	} {
		if _, err := Find(c.in, c.opt); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// checkInvariants checks what must hold of any result: members qualify,
// each cluster is connected and maximal, the clusters of a sector and
// basis are disjoint, the GRDP adds up and the order is as documented.
func checkInvariants(t *testing.T, in Inputs, got []Cluster, opt Options) {
	t.Helper()
	minSize := max(opt.MinMembers, 1)
	if opt.MinMembers == 0 {
		minSize = 2
	}
	th := in.Threshold
	if th == 0 {
		th = 1
	}
	sIdx := map[string]int{}
	for i, s := range in.Sectors {
		sIdx[s] = i
	}
	adj := map[string][]string{}
	known := map[string]bool{}
	for _, r := range in.Regions {
		known[r] = true
	}
	for _, b := range in.Borders {
		if known[b[0]] && known[b[1]] && b[0] != b[1] {
			adj[b[0]] = append(adj[b[0]], b[1])
			adj[b[1]] = append(adj[b[1]], b[0])
		}
	}
	qualifies := func(c Cluster, r string) bool {
		if c.Basis == HighHigh {
			return in.HighHigh(r, sIdx[c.Sector])
		}
		v, ok := in.LQ(r, sIdx[c.Sector])
		return ok && v > th
	}
	used := map[string]string{}
	for i, c := range got {
		if len(c.Members) < minSize || !slices.IsSorted(c.Members) {
			t.Errorf("%s: members %v", c.ID(), c.Members)
		}
		var sum float64
		for _, m := range c.Members {
			if !qualifies(c, m) {
				t.Errorf("%s: member %s does not qualify", c.ID(), m)
			}
			key := c.Sector + string(c.Basis) + m
			if prev, dup := used[key]; dup {
				t.Errorf("%s: member %s also in %s", c.ID(), m, prev)
			}
			used[key] = c.ID()
			sum += in.GRDP[m]
			for _, n := range adj[m] {
				if qualifies(c, n) && !c.Has(n) {
					t.Errorf("%s: not maximal, neighbour %s of %s qualifies", c.ID(), n, m)
				}
			}
		}
		if math.Abs(sum-c.GRDP) > 1e-9*math.Max(1, sum) {
			t.Errorf("%s: GRDP %v, members sum to %v", c.ID(), c.GRDP, sum)
		}
		// Connected: a walk from the first member over members reaches all.
		seen := map[string]bool{c.Members[0]: true}
		queue := []string{c.Members[0]}
		for len(queue) > 0 {
			r := queue[0]
			queue = queue[1:]
			for _, n := range adj[r] {
				if c.Has(n) && !seen[n] {
					seen[n] = true
					queue = append(queue, n)
				}
			}
		}
		if len(seen) != len(c.Members) {
			t.Errorf("%s: not connected (%d of %d reached)", c.ID(), len(seen), len(c.Members))
		}
		if i > 0 && got[i-1].GRDP < c.GRDP {
			t.Errorf("order: %s (%v) after %s (%v)", c.ID(), c.GRDP, got[i-1].ID(), got[i-1].GRDP)
		}
	}
}

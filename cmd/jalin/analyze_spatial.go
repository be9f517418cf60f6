package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/jalin-ksd/jalin/analysis"
	"github.com/jalin-ksd/jalin/analysis/spatial"
	"github.com/jalin-ksd/jalin/geo"
)

// spatialMethod runs Moran, LISA or Getis-Ord on each sector's LQ in year,
// on queen contiguity from the adjacency file.
func spatialMethod(method string, p *analysis.Panel, year int, weights string, perms int, seed uint64) (*table, error) {
	if weights == "" {
		return nil, fmt.Errorf("%s needs --weights (an adjacency CSV with code_a,code_b)", method)
	}
	f, err := os.Open(weights)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	adj, _, err := geo.ParseAdjacency(f, weights, nil)
	if err != nil {
		return nil, err
	}
	in := map[string]bool{}
	for _, r := range p.Regions {
		in[r] = true
	}
	var pairs [][2]string
	for _, a := range adj {
		if in[a.A] && in[a.B] {
			pairs = append(pairs, [2]string{a.A, a.B})
		}
	}
	w, err := spatial.Contiguity(p.Regions, pairs)
	if err != nil {
		return nil, err
	}
	w = w.RowStandardize()
	lq, err := analysis.LQ(p, year, 1)
	if err != nil {
		return nil, err
	}
	x := make([]float64, len(p.Regions))
	var t *table
	switch method {
	case "moran":
		t = &table{cols: []string{"sector", "year", "i", "expected", "z_randomisation", "p_randomisation", "pseudo_p", "permutations"}}
	case "lisa":
		t = &table{cols: []string{"sector", "year", "region", "ii", "pseudo_p", "quadrant", "significant"}}
	default:
		t = &table{cols: []string{"sector", "year", "region", "gi_star", "z", "p", "class"}}
	}
	for j, sec := range p.Sectors {
		var missing []string
		for i := range p.Regions {
			v, st := lq.LQ.At(i, j)
			x[i] = v
			if st != analysis.OK {
				missing = append(missing, p.Regions[i])
			}
		}
		if len(missing) > 0 { // a sector with a missing LQ cannot be tested as a whole
			if len(missing) > 5 {
				missing = append(missing[:5], "...")
			}
			t.notes = append(t.notes, fmt.Sprintf("sector %s left out: no LQ in %d for %s", sec, year, strings.Join(missing, ", ")))
			continue
		}
		switch method {
		case "moran":
			m, err := spatial.Moran(x, w)
			if err != nil {
				return nil, err
			}
			mp, err := spatial.MoranPerm(x, w, perms, seed)
			if err != nil {
				return nil, err
			}
			t.add(sec, year, m.I, m.EI, m.ZRand, m.PRand, mp.PseudoP, perms)
		case "lisa":
			res, err := spatial.LocalMoran(x, w, perms, seed)
			if err != nil {
				return nil, err
			}
			for i, r := range res {
				t.add(sec, year, p.Regions[i], r.Ii, r.PseudoP, r.Label(), r.Significant)
			}
		default:
			res, err := spatial.GetisOrd(x, w, true)
			if err != nil {
				return nil, err
			}
			for i, r := range res {
				t.add(sec, year, p.Regions[i], r.G, r.Z, r.P, r.Class())
			}
		}
	}
	return t, nil
}

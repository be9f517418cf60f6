// Package cluster finds potential clusters: groups of contiguous
// regencies/cities, regardless of provincial borders, that share a base
// sector (LQ above the threshold in the same sector) or that LISA marks as
// a significant high-high cluster in it. Such a group is a natural party to
// a joint cooperation (a shared market, a production chain, a corridor).
//
// It is pure computation over plain data: no storage and no HTTP, so the
// pages, the API and the command line share one rule.
package cluster

import (
	"cmp"
	"fmt"
	"slices"
)

// Basis says why the members of a cluster belong together.
type Basis string

const (
	// Base: every member has LQ > threshold (strict) in the sector.
	Base Basis = "base"
	// HighHigh: every member is a significant LISA high-high region in the
	// sector (its LQ and its neighbours' are high).
	HighHigh Basis = "lisa_hh"
)

// Inputs are the data of one year. Codes are Kemendagri regency codes
// ("32.73"); the province is the first two characters.
type Inputs struct {
	Regions []string
	Sectors []string // sector keys, e.g. the BPS business fields "A" … "R_S_T_U"
	// Borders are pairs of regions that share a border, in either order.
	// Pairs naming a region outside Regions are ignored, as are self-pairs.
	Borders [][2]string
	// LQ returns the location quotient of a region for Sectors[s]; ok is
	// false when there is no value (no data, zero totals). Nil: no base
	// clusters.
	LQ func(region string, s int) (lq float64, ok bool)
	// HighHigh reports a significant LISA high-high region for Sectors[s].
	// Nil: no high-high clusters.
	HighHigh func(region string, s int) bool
	// GRDP is each region's total GRDP; a member without an entry adds
	// nothing to a cluster's GRDP and is counted in MissingGRDP.
	GRDP map[string]float64
	// Threshold of a base sector: LQ > Threshold. 0 means 1.
	Threshold float64
}

// Options narrow the search. The zero value finds every cluster of two or
// more members in every sector on both bases.
type Options struct {
	Sector     string // "" every sector
	Basis      Basis  // "" both
	MinMembers int    // 0 means 2: a lone region is no cluster
}

// Cluster is one group of contiguous regions.
type Cluster struct {
	Sector      string
	Basis       Basis
	Members     []string // sorted by code
	Provinces   []string // sorted; more than one: across provincial borders
	GRDP        float64  // sum of the members' GRDP
	MissingGRDP int      // members without a GRDP
	MeanLQ      float64  // mean LQ of the members that have one; 0 if none
}

// ID names a cluster uniquely within one result: the components of one
// sector and basis are disjoint, so their smallest member tells them apart.
func (c Cluster) ID() string { return c.Sector + "." + string(c.Basis) + "." + c.Members[0] }

// CrossBorder reports whether the cluster spans more than one province.
func (c Cluster) CrossBorder() bool { return len(c.Provinces) > 1 }

// Has reports whether code is a member.
func (c Cluster) Has(code string) bool {
	_, ok := slices.BinarySearch(c.Members, code)
	return ok
}

// graph is the contiguity of Inputs.Regions as index lists.
type graph struct {
	codes []string
	adj   [][]int32
}

func newGraph(in Inputs) (*graph, error) {
	idx := make(map[string]int32, len(in.Regions))
	for i, c := range in.Regions {
		if _, dup := idx[c]; dup {
			return nil, fmt.Errorf("cluster: region %s listed twice", c)
		}
		if len(c) < 2 {
			return nil, fmt.Errorf("cluster: region code %q too short", c)
		}
		idx[c] = int32(i)
	}
	g := &graph{codes: in.Regions, adj: make([][]int32, len(in.Regions))}
	seen := make(map[[2]int32]bool, len(in.Borders))
	for _, b := range in.Borders {
		i, ok1 := idx[b[0]]
		j, ok2 := idx[b[1]]
		if !ok1 || !ok2 || i == j {
			continue
		}
		k := [2]int32{min(i, j), max(i, j)}
		if seen[k] {
			continue
		}
		seen[k] = true
		g.adj[i] = append(g.adj[i], j)
		g.adj[j] = append(g.adj[j], i)
	}
	return g, nil
}

// components returns the connected components, as sorted code lists, of
// the regions for which in(i) holds, using only borders between two such
// regions.
func (g *graph) components(in func(i int) bool, minSize int) [][]string {
	n := len(g.codes)
	mark := make([]bool, n)
	ok := make([]bool, n)
	for i := range n {
		ok[i] = in(i)
	}
	var out [][]string
	var stack []int32
	for start := range n {
		if !ok[start] || mark[start] {
			continue
		}
		var comp []string
		mark[start] = true
		stack = append(stack[:0], int32(start))
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			comp = append(comp, g.codes[i])
			for _, j := range g.adj[i] {
				if ok[j] && !mark[j] {
					mark[j] = true
					stack = append(stack, j)
				}
			}
		}
		if len(comp) >= minSize {
			slices.Sort(comp)
			out = append(out, comp)
		}
	}
	return out
}

// Find returns the clusters, largest combined GRDP first; ties go to the
// larger cluster, then by sector, basis and smallest member code, so the
// order never depends on map iteration.
func Find(in Inputs, opt Options) ([]Cluster, error) {
	if opt.MinMembers <= 0 {
		opt.MinMembers = 2
	}
	if opt.Basis != "" && opt.Basis != Base && opt.Basis != HighHigh {
		return nil, fmt.Errorf("cluster: unknown basis %q", opt.Basis)
	}
	threshold := in.Threshold
	if threshold == 0 {
		threshold = 1
	}
	sectors := make([]int, 0, len(in.Sectors))
	for s, key := range in.Sectors {
		if opt.Sector == "" || opt.Sector == key {
			sectors = append(sectors, s)
		}
	}
	if len(sectors) == 0 && opt.Sector != "" {
		return nil, fmt.Errorf("cluster: unknown sector %q", opt.Sector)
	}
	g, err := newGraph(in)
	if err != nil {
		return nil, err
	}
	var out []Cluster
	for _, s := range sectors {
		if in.LQ != nil && (opt.Basis == "" || opt.Basis == Base) {
			for _, m := range g.components(func(i int) bool {
				v, ok := in.LQ(g.codes[i], s)
				return ok && v > threshold
			}, opt.MinMembers) {
				out = append(out, in.describe(in.Sectors[s], s, Base, m))
			}
		}
		if in.HighHigh != nil && (opt.Basis == "" || opt.Basis == HighHigh) {
			for _, m := range g.components(func(i int) bool { return in.HighHigh(g.codes[i], s) }, opt.MinMembers) {
				out = append(out, in.describe(in.Sectors[s], s, HighHigh, m))
			}
		}
	}
	slices.SortFunc(out, func(a, b Cluster) int {
		return cmp.Or(cmp.Compare(b.GRDP, a.GRDP), cmp.Compare(len(b.Members), len(a.Members)),
			cmp.Compare(a.Sector, b.Sector), cmp.Compare(a.Basis, b.Basis), cmp.Compare(a.Members[0], b.Members[0]))
	})
	return out, nil
}

func (in Inputs) describe(sector string, s int, basis Basis, members []string) Cluster {
	c := Cluster{Sector: sector, Basis: basis, Members: members}
	var lqSum float64
	var lqN int
	for _, m := range members {
		if v, ok := in.GRDP[m]; ok {
			c.GRDP += v
		} else {
			c.MissingGRDP++
		}
		if in.LQ != nil {
			if v, ok := in.LQ(m, s); ok {
				lqSum += v
				lqN++
			}
		}
		if p := m[:2]; !slices.Contains(c.Provinces, p) {
			c.Provinces = append(c.Provinces, p)
		}
	}
	slices.Sort(c.Provinces)
	if lqN > 0 {
		c.MeanLQ = lqSum / float64(lqN)
	}
	return c
}

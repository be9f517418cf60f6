// Package spatial holds the spatial statistics of the analysis engine
// (ANALYTICS.md §8): contiguity weights, global Moran's I (analytic and
// permutation inference), local Moran's I (LISA) with conditional
// permutation, and Getis-Ord Gi / Gi*.
//
// It is pure computation: no database, no HTTP, no goroutines. Regions are
// addressed by their index in the ids given to Contiguity; every statistic
// takes the values in that order.
//
// Island policy (ANALYTICS.md §8.1, spdep zero.policy = TRUE, adjust.n = TRUE):
// a region without a neighbour keeps an all-zero row and a spatial lag of 0;
// it stays in the mean and in Σz² of every statistic, and it takes part in the
// permutations as a value that can be moved to a connected region; the
// constants of global Moran's I use n = number of non-isolated regions; LISA
// and Gi report it with Status isolated.
package spatial

import (
	"slices"

	"github.com/jalin-ksd/jalin"
)

// Style says how the rows of a Weights are scaled.
type Style string

const (
	Binary          Style = "B" // w_ij = c_ij ∈ {0,1}
	RowStandardized Style = "W" // w_ij = c_ij / Σ_k c_ik (default for Moran and LISA)
)

// Weights is a sparse spatial weights matrix in CSR form. It is immutable
// once built, so one value can be shared by any number of computations.
type Weights struct {
	ids     []string
	style   Style
	off     []int32   // row i is nbr[off[i]:off[i+1]], sorted by index
	nbr     []int32   // neighbour indices
	wt      []float64 // weights, parallel to nbr
	islands []int

	s0, s1, s2 float64

	// Undirected edges (a < b) with coefficient w_ab + w_ba, so that
	// z'Wz = Σ_e c_e z_a z_b: half the work of the CSR form.
	ea, eb []int32
	ec     []float64
}

// Contiguity builds binary contiguity weights (c_ij ∈ {0,1}, c_ii = 0) from
// the region ids and the list of neighbouring pairs, which is taken as
// symmetric: (a,b) makes b a neighbour of a and a of b, and a pair listed in
// both orders counts once. A pair naming an id not in ids, a self-pair and a
// duplicate id are errors; the error lists every unknown id found.
func Contiguity(ids []string, pairs [][2]string) (*Weights, error) {
	n := len(ids)
	if n == 0 {
		return nil, jalin.Invalid("ids", "error.spatial_no_regions")
	}
	index := make(map[string]int32, n)
	for i, id := range ids {
		if _, dup := index[id]; dup {
			return nil, jalin.Invalid("ids", "error.spatial_duplicate_region", id)
		}
		index[id] = int32(i)
	}
	var unknown []string
	adj := make([][]int32, n)
	for _, p := range pairs {
		a, okA := index[p[0]]
		b, okB := index[p[1]]
		if !okA {
			unknown = append(unknown, p[0])
		}
		if !okB {
			unknown = append(unknown, p[1])
		}
		if !okA || !okB {
			continue
		}
		if a == b {
			return nil, jalin.Invalid("pairs", "error.spatial_self_pair", p[0])
		}
		adj[a] = append(adj[a], b)
		adj[b] = append(adj[b], a)
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		return nil, jalin.Invalid("pairs", "error.spatial_unknown_region", slices.Compact(unknown))
	}
	w := &Weights{ids: slices.Clone(ids), style: Binary, off: make([]int32, n+1)}
	for i, row := range adj {
		slices.Sort(row)
		row = slices.Compact(row)
		w.nbr = append(w.nbr, row...)
		w.off[i+1] = int32(len(w.nbr))
		if len(row) == 0 {
			w.islands = append(w.islands, i)
		}
	}
	w.wt = make([]float64, len(w.nbr))
	for k := range w.wt {
		w.wt[k] = 1
	}
	w.derive()
	return w, nil
}

// RowStandardize returns row-standardised weights w_ij = c_ij / Σ_k c_ik.
// Islands keep an all-zero row.
func (w *Weights) RowStandardize() *Weights {
	r := w.withWeights(RowStandardized)
	for i := range r.N() {
		lo, hi := r.off[i], r.off[i+1]
		for k := lo; k < hi; k++ {
			r.wt[k] = 1 / float64(hi-lo)
		}
	}
	r.derive()
	return r
}

// Binary returns the binary (0/1) form of the same neighbour structure.
func (w *Weights) Binary() *Weights {
	r := w.withWeights(Binary)
	for k := range r.wt {
		r.wt[k] = 1
	}
	r.derive()
	return r
}

func (w *Weights) withWeights(s Style) *Weights {
	return &Weights{ids: w.ids, style: s, off: w.off, nbr: w.nbr, wt: make([]float64, len(w.nbr)), islands: w.islands}
}

// derive computes S0, S1, S2 and the undirected edge list once.
func (w *Weights) derive() {
	n := w.N()
	colSum := make([]float64, n)
	w.s0, w.s1, w.s2 = 0, 0, 0
	w.ea, w.eb, w.ec = w.ea[:0], w.eb[:0], w.ec[:0]
	for i := range n {
		for k := w.off[i]; k < w.off[i+1]; k++ {
			j := w.nbr[k]
			colSum[j] += w.wt[k]
			w.s0 += w.wt[k]
			if int(j) > i {
				c := w.wt[k] + w.weight(int(j), int32(i))
				w.ea = append(w.ea, int32(i))
				w.eb = append(w.eb, j)
				w.ec = append(w.ec, c)
				w.s1 += c * c // each unordered pair appears twice in ½Σ_ij
			}
		}
	}
	for i := range n {
		rs := 0.0
		for k := w.off[i]; k < w.off[i+1]; k++ {
			rs += w.wt[k]
		}
		t := rs + colSum[i]
		w.s2 += t * t
	}
}

// weight returns w_ij (0 if j is not a neighbour of i).
func (w *Weights) weight(i int, j int32) float64 {
	row := w.nbr[w.off[i]:w.off[i+1]]
	if k, ok := slices.BinarySearch(row, j); ok {
		return w.wt[int(w.off[i])+k]
	}
	return 0
}

// N is the number of regions.
func (w *Weights) N() int { return len(w.ids) }

// IDs returns the region ids in index order (a copy).
func (w *Weights) IDs() []string { return slices.Clone(w.ids) }

// Style reports the row scaling.
func (w *Weights) Style() Style { return w.style }

// Neighbors returns the neighbour indices of region i and their weights.
// The slices alias the weights and must not be modified.
func (w *Weights) Neighbors(i int) ([]int32, []float64) {
	lo, hi := w.off[i], w.off[i+1]
	return w.nbr[lo:hi:hi], w.wt[lo:hi:hi]
}

// Cardinality is the number of neighbours of region i.
func (w *Weights) Cardinality(i int) int { return int(w.off[i+1] - w.off[i]) }

// Islands returns the indices of the regions without a neighbour (a copy).
func (w *Weights) Islands() []int { return slices.Clone(w.islands) }

// IsIsland reports whether region i has no neighbour.
func (w *Weights) IsIsland(i int) bool { return w.off[i+1] == w.off[i] }

// Links is the number of undirected neighbour pairs.
func (w *Weights) Links() int { return len(w.ea) }

// S0 = Σ_ij w_ij.
func (w *Weights) S0() float64 { return w.s0 }

// S1 = ½ Σ_ij (w_ij + w_ji)².
func (w *Weights) S1() float64 { return w.s1 }

// S2 = Σ_i (Σ_j w_ij + Σ_j w_ji)².
func (w *Weights) S2() float64 { return w.s2 }

// Lag returns the spatial lag Σ_j w_ij x_j of every region (0 for islands).
func (w *Weights) Lag(x []float64) ([]float64, error) {
	if err := w.check(x); err != nil {
		return nil, err
	}
	out := make([]float64, w.N())
	w.lag(x, out)
	return out, nil
}

func (w *Weights) lag(x, out []float64) {
	for i := range out {
		s := 0.0
		for k := w.off[i]; k < w.off[i+1]; k++ {
			s += w.wt[k] * x[w.nbr[k]]
		}
		out[i] = s
	}
}

// quad returns z'Wz from the undirected edge list. Four accumulators break
// the dependency chain of one running sum (the loop is latency bound).
func (w *Weights) quad(z []float64) float64 {
	ea := w.ea
	eb, ec := w.eb[:len(ea)], w.ec[:len(ea)]
	var s0, s1, s2, s3 float64
	e := 0
	for ; e+4 <= len(ea); e += 4 {
		s0 += ec[e] * z[ea[e]] * z[eb[e]]
		s1 += ec[e+1] * z[ea[e+1]] * z[eb[e+1]]
		s2 += ec[e+2] * z[ea[e+2]] * z[eb[e+2]]
		s3 += ec[e+3] * z[ea[e+3]] * z[eb[e+3]]
	}
	for ; e < len(ea); e++ {
		s0 += ec[e] * z[ea[e]] * z[eb[e]]
	}
	return (s0 + s1) + (s2 + s3)
}

package spatial

import (
	"fmt"
	"math"
	"testing"
)

// This file holds a slow, dense, straightforward implementation of the
// formulas of ANALYTICS.md §8, written from the formula text and not from
// the fast code, to check the fast code against.

// lattice returns the ids and neighbour pairs of a rows×cols grid (rook or
// queen), plus extra isolated regions "iso0", "iso1", ...
func lattice(rows, cols int, queen bool, islands int) ([]string, [][2]string) {
	id := func(r, c int) string { return fmt.Sprintf("r%02dc%02d", r, c) }
	var ids []string
	var pairs [][2]string
	for r := range rows {
		for c := range cols {
			ids = append(ids, id(r, c))
			if c+1 < cols {
				pairs = append(pairs, [2]string{id(r, c), id(r, c+1)})
			}
			if r+1 < rows {
				pairs = append(pairs, [2]string{id(r, c), id(r+1, c)})
				if queen && c+1 < cols {
					pairs = append(pairs, [2]string{id(r, c), id(r+1, c+1)})
				}
				if queen && c > 0 {
					pairs = append(pairs, [2]string{id(r, c), id(r+1, c-1)})
				}
			}
		}
	}
	for k := range islands {
		ids = append(ids, fmt.Sprintf("iso%d", k))
	}
	return ids, pairs
}

// dense is the full n×n matrix of w.
func dense(w *Weights) [][]float64 {
	n := w.N()
	m := make([][]float64, n)
	for i := range m {
		m[i] = make([]float64, n)
		nb, wt := w.Neighbors(i)
		for k, j := range nb {
			m[i][j] = wt[k]
		}
	}
	return m
}

type slowMoran struct{ I, EI, VarNorm, VarRand, ZNorm, ZRand, S0, S1, S2 float64 }

func slowGlobal(x []float64, W [][]float64) slowMoran {
	nAll := len(x)
	isolated := 0
	for i := range W {
		row := 0.0
		for j := range W {
			row += W[i][j] + W[j][i]
		}
		if row == 0 {
			isolated++
		}
	}
	n := float64(nAll - isolated)
	mean := 0.0
	for _, v := range x {
		mean += v
	}
	mean /= float64(nAll)
	var S0, S1, S2, num, den, m4 float64
	for i := range W {
		var ri, ci float64
		for j := range W {
			S0 += W[i][j]
			S1 += 0.5 * (W[i][j] + W[j][i]) * (W[i][j] + W[j][i])
			ri += W[i][j]
			ci += W[j][i]
			num += W[i][j] * (x[i] - mean) * (x[j] - mean)
		}
		S2 += (ri + ci) * (ri + ci)
		den += (x[i] - mean) * (x[i] - mean)
		m4 += math.Pow(x[i]-mean, 4)
	}
	r := slowMoran{S0: S0, S1: S1, S2: S2}
	r.I = n / S0 * num / den
	r.EI = -1 / (n - 1)
	r.VarNorm = (n*n*S1-n*S2+3*S0*S0)/((n*n-1)*S0*S0) - r.EI*r.EI
	b2 := float64(nAll) * m4 / (den * den)
	r.VarRand = (n*((n*n-3*n+3)*S1-n*S2+3*S0*S0)-b2*((n*n-n)*S1-2*n*S2+6*S0*S0))/
		((n-1)*(n-2)*(n-3)*S0*S0) - r.EI*r.EI
	r.ZNorm = (r.I - r.EI) / math.Sqrt(r.VarNorm)
	r.ZRand = (r.I - r.EI) / math.Sqrt(r.VarRand)
	return r
}

// slowLocal returns Ii and the lag of every region.
func slowLocal(x []float64, W [][]float64) (ii, lag []float64) {
	n := len(x)
	mean := 0.0
	for _, v := range x {
		mean += v
	}
	mean /= float64(n)
	m2 := 0.0
	for _, v := range x {
		m2 += (v - mean) * (v - mean)
	}
	m2 /= float64(n)
	ii, lag = make([]float64, n), make([]float64, n)
	for i := range n {
		for j := range n {
			lag[i] += W[i][j] * (x[j] - mean)
		}
		ii[i] = (x[i] - mean) / m2 * lag[i]
	}
	return ii, lag
}

// slowG returns Gi or Gi* z-values and G ratios from binary weights.
func slowG(x []float64, W [][]float64, star bool) (z, g []float64) {
	n := len(x)
	z, g = make([]float64, n), make([]float64, n)
	for i := range n {
		var others []float64
		var wi, s1, sw, sx float64
		for j := range n {
			c := 0.0
			if W[i][j] != 0 {
				c = 1
			}
			if j == i {
				if !star {
					continue
				}
				c = 1
			}
			others = append(others, x[j])
			wi += c
			s1 += c * c
			sw += c * x[j]
			sx += x[j]
		}
		m := float64(len(others))
		mean, sq := 0.0, 0.0
		for _, v := range others {
			mean += v
		}
		mean /= m
		for _, v := range others {
			sq += (v - mean) * (v - mean)
		}
		s := math.Sqrt(sq / m)
		z[i] = (sw - mean*wi) / (s * math.Sqrt((m*s1-wi*wi)/(m-1)))
		g[i] = sw / sx
	}
	return z, g
}

func relClose(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.IsNaN(got) != math.IsNaN(want) || math.Abs(got-want) > tol*math.Max(1e-6, math.Abs(want)) {
		t.Errorf("%s = %.17g, want %.17g (tol %g)", what, got, want, tol)
	}
}

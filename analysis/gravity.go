package analysis

import (
	"math"
	"sort"

	jalin "github.com/jalin-ksd/jalin"
)

// GravityOptions parameterise the gravity model (ANALYTICS.md section 7).
// Zero values mean the defaults: K = 1, Beta = 2. Mass and Distance name
// the choices made ("population", "pdrb", "sqrt_pop_pdrb"; "road_km",
// "haversine_km", ...) so they are reported with the result.
type GravityOptions struct {
	K, Beta  float64
	Mass     string
	Distance string
}

func (o GravityOptions) withDefaults() GravityOptions {
	if o.K == 0 {
		o.K = 1
	}
	if o.Beta == 0 {
		o.Beta = 2
	}
	if o.Mass == "" {
		o.Mass = "population"
	}
	return o
}

// GravityPair returns T = k·m1·m2/d^β. A distance that is zero, negative,
// NaN or infinite gives Missing: the pair is excluded, never infinite.
func GravityPair(m1, m2, d float64, o GravityOptions) (float64, Status) {
	o = o.withDefaults()
	if !ok(d) || d <= 0 {
		return math.NaN(), Missing
	}
	if !ok(m1) || !ok(m2) {
		return math.NaN(), Missing
	}
	return o.K * m1 * m2 / math.Pow(d, o.Beta), OK
}

// Partner is one ranked partner of a region.
type Partner struct {
	Index int
	Name  string
	T     float64
	Share float64 // T_ij / Σ_k T_ik
}

// GravityResult holds all pairwise interactions and each region's ranked
// partners.
type GravityResult struct {
	Options  GravityOptions
	Names    []string
	T        []float64   // n×n, T[i*n+j]; NaN on the diagonal and for excluded pairs
	Partners [][]Partner // per region, by T descending (ties by index)
	Notes    []Note      // excluded pairs (Region = i, Sector = j's name)
}

// Gravity computes T_ij = k·M_i·M_j/d_ij^β for every pair i ≠ j of the
// n regions, dist being n×n (dist[i*n+j], km). It returns EInvalid when the
// lengths do not match.
func Gravity(names []string, mass, dist []float64, o GravityOptions) (*GravityResult, error) {
	n := len(names)
	if len(mass) != n {
		return nil, jalin.Invalid("mass", "analysis.length_mismatch")
	}
	if len(dist) != n*n {
		return nil, jalin.Invalid("dist", "analysis.length_mismatch")
	}
	o = o.withDefaults()
	res := &GravityResult{Options: o, Names: names, T: nanSlice(n * n), Partners: make([][]Partner, n)}
	for i := 0; i < n; i++ {
		total := 0.0
		for j := 0; j < n; j++ {
			if i == j {
				continue
			}
			t, st := GravityPair(mass[i], mass[j], dist[i*n+j], o)
			if st != OK {
				if i < j {
					res.Notes = append(res.Notes, Note{Region: names[i], Sector: names[j], Status: st, Reason: ReasonDistanceMissing})
				}
				continue
			}
			res.T[i*n+j] = t
			total += t
			res.Partners[i] = append(res.Partners[i], Partner{Index: j, Name: names[j], T: t})
		}
		ps := res.Partners[i]
		for k := range ps {
			ps[k].Share = ps[k].T / total
		}
		sort.SliceStable(ps, func(a, b int) bool { return ps[a].T > ps[b].T })
	}
	return res, nil
}

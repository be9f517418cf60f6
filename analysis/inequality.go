package analysis

import (
	"math"
	"sort"

	jalin "github.com/jalin-ksd/jalin"
)

// Index is one scalar indicator with its status. N is the number of
// regions (or items) that entered the computation.
type Index struct {
	Value  float64
	Status Status
	Reason string
	N      int
}

func undefined(why string, n int) Index {
	return Index{Value: math.NaN(), Status: Undefined, Reason: why, N: n}
}

// Williamson computes the population-weighted coefficient of variation of
// per-capita output (ANALYTICS.md 5.1, Williamson 1965):
//
//	y_j = gdp_j/pop_j,  ȳ = Σ gdp / Σ pop,  IW = sqrt( Σ (y_j − ȳ)² · P_j/P ) / ȳ
//
// Deviations are taken from the weighted mean ȳ (R REAT wmean = TRUE), not
// the unweighted mean. Pairs with a NaN or a population <= 0 are left out.
// One region, or all equal, gives 0; ȳ <= 0 is undefined.
func Williamson(gdp, pop []float64) Index {
	var Y, P float64
	n := 0
	for j := range gdp {
		if ok(gdp[j]) && ok(pop[j]) && pop[j] > 0 {
			Y, P, n = Y+gdp[j], P+pop[j], n+1
		}
	}
	if n == 0 {
		return undefined(ReasonTooFew, 0)
	}
	mean := Y / P
	if mean <= 0 {
		return undefined(ReasonMeanNotPositive, n)
	}
	v := 0.0
	for j := range gdp {
		if ok(gdp[j]) && ok(pop[j]) && pop[j] > 0 {
			d := gdp[j]/pop[j] - mean
			v += d * d * pop[j] / P
		}
	}
	return Index{Value: math.Sqrt(v) / mean, N: n}
}

// UnweightedCV is the optional unweighted coefficient of variation of y
// (population standard deviation over the mean; the Vuw of section 5.1).
func UnweightedCV(y []float64) Index {
	var s float64
	n := 0
	for _, v := range y {
		if ok(v) {
			s, n = s+v, n+1
		}
	}
	if n == 0 {
		return undefined(ReasonTooFew, 0)
	}
	mean := s / float64(n)
	if mean <= 0 {
		return undefined(ReasonMeanNotPositive, n)
	}
	v := 0.0
	for _, x := range y {
		if ok(x) {
			v += (x - mean) * (x - mean)
		}
	}
	return Index{Value: math.Sqrt(v/float64(n)) / mean, N: n}
}

// TheilGroup is one group's part of a Theil T decomposition.
type TheilGroup struct {
	Name         string
	N            int
	OutputShare  float64 // Y_g/Y
	PopShare     float64 // P_g/P
	T            float64 // T_g, the Theil T inside the group
	Contribution float64 // (Y_g/Y)·T_g, its part of T_within
}

// TheilResult is the population-weighted Theil T (GE(1)) with its
// between/within decomposition (section 5.2). Between + Within = T exactly
// up to rounding; BetweenShare = Between/T (NaN when T = 0).
type TheilResult struct {
	T            Index
	Between      float64
	Within       float64
	BetweenShare float64
	Groups       []TheilGroup
}

// Theil computes T = Σ_j (Y_j/Y)·ln((Y_j/Y)/(P_j/P)) over the pairs with no
// NaN. Y_j = 0 contributes 0 (limit of y ln y); P_j = 0 with Y_j > 0 makes
// T undefined. With group non-nil (group[j] in [0, len(names))), T is
// decomposed into Between = Σ_g (Y_g/Y) ln((Y_g/Y)/(P_g/P)) and Within =
// Σ_g (Y_g/Y)·T_g.
func Theil(gdp, pop []float64, group []int, names []string) TheilResult {
	var Y, P float64
	n := 0
	for j := range gdp {
		if ok(gdp[j]) && ok(pop[j]) {
			if pop[j] == 0 && gdp[j] > 0 {
				return TheilResult{T: undefined(ReasonOutputNoPopulace, n), Between: math.NaN(), Within: math.NaN(), BetweenShare: math.NaN()}
			}
			Y, P, n = Y+gdp[j], P+pop[j], n+1
		}
	}
	if n == 0 || Y <= 0 || P <= 0 {
		return TheilResult{T: undefined(ReasonTooFew, n), Between: math.NaN(), Within: math.NaN(), BetweenShare: math.NaN()}
	}
	t := 0.0
	for j := range gdp {
		if ok(gdp[j]) && ok(pop[j]) && gdp[j] > 0 {
			ys := gdp[j] / Y
			t += ys * math.Log(ys/(pop[j]/P))
		}
	}
	res := TheilResult{T: Index{Value: t, N: n}, Between: math.NaN(), Within: math.NaN(), BetweenShare: math.NaN()}
	if group == nil {
		return res
	}
	G := len(names)
	gs := make([]TheilGroup, G)
	Yg, Pg := make([]float64, G), make([]float64, G)
	for j := range gdp {
		if ok(gdp[j]) && ok(pop[j]) {
			g := group[j]
			Yg[g], Pg[g] = Yg[g]+gdp[j], Pg[g]+pop[j]
			gs[g].N++
		}
	}
	for j := range gdp {
		if g := group[j]; ok(gdp[j]) && ok(pop[j]) && gdp[j] > 0 {
			ys := gdp[j] / Yg[g]
			gs[g].T += ys * math.Log(ys/(pop[j]/Pg[g]))
		}
	}
	res.Between, res.Within = 0, 0
	for g := range gs {
		gs[g].Name = names[g]
		if gs[g].N == 0 {
			continue
		}
		gs[g].OutputShare, gs[g].PopShare = Yg[g]/Y, Pg[g]/P
		gs[g].Contribution = gs[g].OutputShare * gs[g].T
		if Yg[g] > 0 {
			res.Between += gs[g].OutputShare * math.Log(gs[g].OutputShare/gs[g].PopShare)
		}
		res.Within += gs[g].Contribution
	}
	if t != 0 {
		res.BetweenShare = res.Between / t
	}
	res.Groups = gs
	return res
}

// TheilL is the population-weighted Theil L: Σ_j (P_j/P)·ln((P_j/P)/(Y_j/Y)).
// Undefined if any Y_j = 0 with P_j > 0.
func TheilL(gdp, pop []float64) Index {
	var Y, P float64
	n := 0
	for j := range gdp {
		if ok(gdp[j]) && ok(pop[j]) {
			Y, P, n = Y+gdp[j], P+pop[j], n+1
		}
	}
	if n == 0 || Y <= 0 || P <= 0 {
		return undefined(ReasonTooFew, n)
	}
	l := 0.0
	for j := range gdp {
		if ok(gdp[j]) && ok(pop[j]) && pop[j] > 0 {
			if gdp[j] <= 0 {
				return undefined(ReasonRegionZero, n)
			}
			ps := pop[j] / P
			l += ps * math.Log(ps/(gdp[j]/Y))
		}
	}
	return Index{Value: l, N: n}
}

// GiniResult is a Gini coefficient; Normalised is G·n/(n−1), meaningful
// for the unweighted case.
type GiniResult struct {
	Index
	Normalised float64
}

// Gini computes G = Σ_i Σ_k w_i w_k |y_i − y_k| / (2 W² μ), μ = Σ w y / W
// (section 5.3), in O(n log n) by sorting. w nil means equal weights.
// Items with a NaN or a weight <= 0 are left out; μ <= 0 is undefined.
func Gini(y, w []float64) GiniResult {
	type item struct{ y, w float64 }
	its := make([]item, 0, len(y))
	for i, v := range y {
		wi := 1.0
		if w != nil {
			wi = w[i]
		}
		if ok(v) && ok(wi) && wi > 0 {
			its = append(its, item{v, wi})
		}
	}
	n := len(its)
	if n == 0 {
		return GiniResult{Index: undefined(ReasonTooFew, 0), Normalised: math.NaN()}
	}
	sort.Slice(its, func(a, b int) bool { return its[a].y < its[b].y })
	var W, Sy, pairs float64
	for _, it := range its {
		pairs += it.w * (it.y*W - Sy) // Σ_{k<i} w_k (y_i − y_k)
		W += it.w
		Sy += it.w * it.y
	}
	mu := Sy / W
	if mu <= 0 {
		return GiniResult{Index: undefined(ReasonMeanNotPositive, n), Normalised: math.NaN()}
	}
	g := 2 * pairs / (2 * W * W * mu)
	norm := math.NaN()
	if n > 1 {
		norm = g * float64(n) / float64(n-1)
	}
	return GiniResult{Index: Index{Value: g, N: n}, Normalised: norm}
}

// InequalityResult holds the inequality indices of one year across the
// panel's regions (section 5), using per-capita x_j/P_j.
type InequalityResult struct {
	Meta
	Year       int
	Williamson Index
	Theil      TheilResult
	TheilL     Index
	Gini       GiniResult // population-weighted, of per-capita output
	// GroupWilliamson is the Williamson index inside each group (e.g. the
	// kab/kota of each province), in the order of Theil.Groups.
	GroupWilliamson []Index
	Skipped         []Note // regions left out: missing output or population
}

// Inequality computes Williamson, Theil T (decomposed by groupOf, which
// maps a region code to its group, e.g. its province; nil means one
// group), Theil L and the weighted Gini for one year. Regions with a
// missing total or population are skipped and listed.
func Inequality(p *Panel, year int, groupOf func(region string) string) (*InequalityResult, error) {
	y, okY := p.yearIdx[year]
	if !okY {
		return nil, jalin.Invalid("year", "analysis.year_outside_panel", year)
	}
	R := len(p.Regions)
	res := &InequalityResult{Meta: p.meta("inequality", "williamson_weighted_mean;theil_T_population_weighted", Window{year, year}), Year: year}
	var gdp, pop, pc []float64
	var grp []int
	var names []string
	gi := map[string]int{}
	for r := 0; r < R; r++ {
		x, pp := p.tot[y*R+r], p.pop[y*R+r]
		switch {
		case !ok(x):
			res.Skipped = append(res.Skipped, Note{Region: p.Regions[r], Year: year, Status: Missing, Reason: ReasonRegionMissing})
			continue
		case !ok(pp):
			res.Skipped = append(res.Skipped, Note{Region: p.Regions[r], Year: year, Status: Missing, Reason: ReasonPopMissing})
			continue
		case pp <= 0:
			res.Skipped = append(res.Skipped, Note{Region: p.Regions[r], Year: year, Status: Undefined, Reason: ReasonPopZero})
			continue
		}
		name := ""
		if groupOf != nil {
			name = groupOf(p.Regions[r])
		}
		g, seen := gi[name]
		if !seen {
			g = len(names)
			gi[name] = g
			names = append(names, name)
		}
		gdp, pop, pc, grp = append(gdp, x), append(pop, pp), append(pc, x/pp), append(grp, g)
	}
	res.Williamson = Williamson(gdp, pop)
	res.Theil = Theil(gdp, pop, grp, names)
	res.TheilL = TheilL(gdp, pop)
	res.Gini = Gini(pc, pop)
	res.GroupWilliamson = make([]Index, len(names))
	for g := range names {
		var gg, gp []float64
		for j := range gdp {
			if grp[j] == g {
				gg, gp = append(gg, gdp[j]), append(gp, pop[j])
			}
		}
		res.GroupWilliamson[g] = Williamson(gg, gp)
	}
	return res, nil
}

func ok(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

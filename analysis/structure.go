package analysis

import (
	"math"

	jalin "github.com/jalin-ksd/jalin"
)

// Krugman computes the specialisation index K = Σ_i |x_i/Σx − ref_i/Σref|
// (ANALYTICS.md section 6), range [0, 2], with the sums of the given
// sectors as totals. For the original "rest of the country" variant pass
// ref − x.
func Krugman(x, ref []float64) Index {
	d := shareDistance(x, ref)
	if d.Status == OK {
		d.Value *= 2
	}
	return d
}

// Hoover computes ½ Σ_k |x_k/Σx − z_k/Σz| (section 6, general form): the
// localisation of a sector across regions (x = the sector's regional values,
// z = the regional totals), the regional specialisation coefficient (= K/2),
// or GDP against population.
func Hoover(x, z []float64) Index { return shareDistance(x, z) }

func shareDistance(x, z []float64) Index {
	if len(x) != len(z) || len(x) == 0 {
		return undefined(ReasonTooFew, 0)
	}
	var sx, sz float64
	for i := range x {
		if !ok(x[i]) || !ok(z[i]) {
			return Index{Value: math.NaN(), Status: Missing, Reason: ReasonRegionMissing}
		}
		sx, sz = sx+x[i], sz+z[i]
	}
	if sx <= 0 || sz <= 0 {
		return undefined(ReasonRegionZero, len(x))
	}
	d := 0.0
	for i := range x {
		d += math.Abs(x[i]/sx - z[i]/sz)
	}
	return Index{Value: d / 2, N: len(x)}
}

// HHI is a Herfindahl-Hirschman index of shares s_k = x_k/Σx: H = Σ s_k²,
// Normalised = (H − 1/n)/(1 − 1/n) (NaN for n = 1), Equivalent = 1/H.
type HHI struct {
	Index
	Normalised float64
	Equivalent float64
}

// Herfindahl computes the HHI of x (section 6).
func Herfindahl(x []float64) HHI {
	s := 0.0
	for _, v := range x {
		if !ok(v) {
			return HHI{Index: Index{Value: math.NaN(), Status: Missing, Reason: ReasonRegionMissing}, Normalised: math.NaN(), Equivalent: math.NaN()}
		}
		s += v
	}
	if s <= 0 {
		return HHI{Index: undefined(ReasonRegionZero, len(x)), Normalised: math.NaN(), Equivalent: math.NaN()}
	}
	h := 0.0
	for _, v := range x {
		h += (v / s) * (v / s)
	}
	n := float64(len(x))
	norm := math.NaN()
	if n > 1 {
		norm = (h - 1/n) / (1 - 1/n)
	}
	return HHI{Index: Index{Value: h, N: len(x)}, Normalised: norm, Equivalent: 1 / h}
}

// SpecialisationResult holds the structure indicators of one year.
type SpecialisationResult struct {
	Meta
	Year         int
	Krugman      Vector    // K_j against the region's reference
	HooverSpec   Vector    // ½ Σ_i |x_ij/x_j − X_i/X| = K_j/2
	HHI          Vector    // Herfindahl of the sector shares of each region
	Localisation []float64 // per sector: Hoover H_i = ½ Σ_j |x_ij/X_i − x_j/X| over the complete regions
	SectorHHI    []float64 // per sector: Herfindahl of the regions' shares
	Notes        []Note
}

// Specialisation computes Krugman, Hoover and Herfindahl for one year
// (section 6). The localisation and the sectors' HHI run across the
// regions whose values are complete in that year (summed, not the
// published reference, so the shares of both sides add up to 1).
func Specialisation(p *Panel, year int) (*SpecialisationResult, error) {
	y, okY := p.yearIdx[year]
	if !okY {
		return nil, jalin.Invalid("year", "analysis.year_outside_panel", year)
	}
	R, S, K := len(p.Regions), len(p.Sectors), len(p.References)
	res := &SpecialisationResult{Meta: p.meta("specialisation", "krugman_vs_reference;hoover;hhi", Window{year, year}), Year: year,
		Krugman: newVector(p), HooverSpec: newVector(p), HHI: newVector(p),
		Localisation: make([]float64, S), SectorHHI: make([]float64, S)}
	complete := make([]bool, R)
	colSum := make([]float64, S)
	var tot float64
	for r := 0; r < R; r++ {
		x := p.vals[(y*R+r)*S : (y*R+r+1)*S]
		k := p.refOf[r]
		kr := Krugman(x, p.refVals[(y*K+k)*S:(y*K+k+1)*S])
		res.Krugman.set(r, kr.Value, kr.Status)
		res.HooverSpec.set(r, kr.Value/2, kr.Status)
		h := Herfindahl(x)
		res.HHI.set(r, h.Value, h.Status)
		if kr.Status != OK {
			res.Notes = append(res.Notes, Note{Region: p.Regions[r], Year: year, Status: kr.Status, Reason: kr.Reason})
		}
		if h.Status == OK {
			complete[r] = true
			for s, v := range x {
				colSum[s] += v
			}
			tot += p.tot[y*R+r]
		}
	}
	for s := 0; s < S; s++ {
		var loc, hhi float64
		for r := 0; r < R; r++ {
			if !complete[r] || colSum[s] <= 0 {
				continue
			}
			sh := p.vals[(y*R+r)*S+s] / colSum[s]
			loc += math.Abs(sh - p.tot[y*R+r]/tot)
			hhi += sh * sh
		}
		if colSum[s] <= 0 {
			loc, hhi = math.NaN(), math.NaN()
			res.Notes = append(res.Notes, Note{Sector: p.Sectors[s], Year: year, Status: Undefined, Reason: ReasonRefSectorZero})
		}
		res.Localisation[s], res.SectorHHI[s] = loc/2, hhi
	}
	return res, nil
}

package analysis

import "math"

// Klassen quadrants (ANALYTICS.md section 4). 0 means not classified.
const (
	QuadrantNone = 0
	QuadrantI    = 1 // high growth, high share/income: maju dan tumbuh pesat
	QuadrantII   = 2 // low growth, high share/income: maju tapi tertekan
	QuadrantIII  = 3 // high growth, low share/income: potensial / berkembang cepat
	QuadrantIV   = 4 // low growth, low share/income: relatif tertinggal
)

// klassenQuadrant applies the 2×2 rule; a value equal to the reference
// counts as high (>=), compared unrounded.
func klassenQuadrant(g, G, s, S float64) int {
	switch {
	case g >= G && s >= S:
		return QuadrantI
	case s >= S:
		return QuadrantII
	case g >= G:
		return QuadrantIII
	}
	return QuadrantIV
}

// KlassenSectoralResult holds the sectoral typology (section 4.1).
type KlassenSectoralResult struct {
	Meta
	Growth    Grid      // g_ij, average growth of the sector in the region
	Share     Grid      // s_ij, mean annual share of the sector in the region total
	RefGrowth []float64 // G_i per reference and sector: [k*len(Sectors)+s]
	RefShare  []float64 // S_i per reference and sector
	Quadrant  []uint8   // per cell; 0 when g or s is not OK
	Notes     []Note
}

// KlassenSectoral classifies every sector of every region over w:
// g_ij and G_i are average growth rates (default mean of annual rates),
// s_ij and S_i the arithmetic mean of the annual shares over all years of
// w, both ends included. Quadrants: I g≥G,s≥S; II g<G,s≥S; III g≥G,s<S;
// IV g<G,s<S.
func KlassenSectoral(p *Panel, w Window, avg Averaging) (*KlassenSectoralResult, error) {
	y0, y1, err := p.window(w, true)
	if err != nil {
		return nil, err
	}
	R, S, K := len(p.Regions), len(p.Sectors), len(p.References)
	res := &KlassenSectoralResult{Meta: p.meta("klassen_sectoral", avg.String(), w), Growth: newGrid(p), Share: newGrid(p),
		RefGrowth: make([]float64, K*S), RefShare: make([]float64, K*S), Quadrant: make([]uint8, R*S)}
	refSt := make([]Status, K*S)
	n := float64(y1 - y0 + 1)
	for k := 0; k < K; k++ {
		for s := 0; s < S; s++ {
			g, st, _ := avgGrowth(p.refVals, k*S+s, K*S, y0, y1, avg)
			sh, sst := meanShare(p.refVals, p.refTot, k*S+s, K*S, k, K, y0, y1, n)
			res.RefGrowth[k*S+s], res.RefShare[k*S+s], refSt[k*S+s] = g, sh, worst(st, sst)
		}
	}
	for r := 0; r < R; r++ {
		k := p.refOf[r]
		for s := 0; s < S; s++ {
			i := r*S + s
			g, st, why := avgGrowth(p.vals, i, R*S, y0, y1, avg)
			sh, sst := meanShare(p.vals, p.tot, i, R*S, r, R, y0, y1, n)
			if sst != OK && st == OK {
				st, why = sst, ReasonRegionZero
			}
			res.Growth.set(i, g, st)
			res.Share.set(i, sh, sst)
			if st == OK && refSt[k*S+s] != OK {
				st, why = refSt[k*S+s], ReasonRefSectorZero
			}
			if st != OK {
				res.Notes = addNote(res.Notes, p, r, s, w.To, st, why)
				continue
			}
			res.Quadrant[i] = uint8(klassenQuadrant(g, res.RefGrowth[k*S+s], sh, res.RefShare[k*S+s]))
		}
	}
	return res, nil
}

// meanShare is the mean over year indexes [y0,y1] of x[off+y*stride] /
// tot[toff+y*tstride].
func meanShare(x, tot []float64, off, stride, toff, tstride, y0, y1 int, n float64) (float64, Status) {
	t := 0.0
	for y := y0; y <= y1; y++ {
		v, d := x[off+y*stride], tot[toff+y*tstride]
		if math.IsNaN(v) || math.IsNaN(d) {
			return math.NaN(), Missing
		}
		if d <= 0 {
			return math.NaN(), Undefined
		}
		t += v / d
	}
	return t / n, OK
}

// KlassenRegionalResult holds the regional typology (section 4.2).
type KlassenRegionalResult struct {
	Meta
	Growth       Vector    // r_j, average growth of the region's PDRB
	PerCapita    Vector    // y_j, mean over w of x_j/P_j (panel unit per person)
	RefGrowth    []float64 // r per reference
	RefPerCapita []float64 // y per reference: reference PDRB / reference population
	Quadrant     []uint8   // per region, 0 when not classified
	Notes        []Note
}

// KlassenRegional classifies each region by its average PDRB growth r_j and
// its per-capita PDRB y_j (mean over the years of w) against its reference
// area's r and y (reference PDRB / reference population, the population of
// the reference row or, for a summed reference, the sum of the members).
// I r_j≥r,y_j≥y: daerah cepat maju dan cepat tumbuh; II r_j<r,y_j≥y: maju
// tapi tertekan; III r_j≥r,y_j<y: berkembang cepat; IV: relatif tertinggal.
// A missing year gives status missing; population 0 or missing makes per
// capita undefined or missing.
func KlassenRegional(p *Panel, w Window, avg Averaging) (*KlassenRegionalResult, error) {
	y0, y1, err := p.window(w, true)
	if err != nil {
		return nil, err
	}
	R, K := len(p.Regions), len(p.References)
	res := &KlassenRegionalResult{Meta: p.meta("klassen_regional", avg.String(), w), Growth: newVector(p), PerCapita: newVector(p),
		RefGrowth: make([]float64, K), RefPerCapita: make([]float64, K), Quadrant: make([]uint8, R)}
	n := float64(y1 - y0 + 1)
	refSt := make([]Status, K)
	for k := 0; k < K; k++ {
		g, st, _ := avgGrowth(p.refTot, k, K, y0, y1, avg)
		pc, pst := meanShare(p.refTot, p.refPop, k, K, k, K, y0, y1, n)
		res.RefGrowth[k], res.RefPerCapita[k], refSt[k] = g, pc, worst(st, pst)
		if refSt[k] != OK {
			res.Notes = append(res.Notes, Note{Region: p.References[k], Status: refSt[k], Reason: ReasonRefMissing})
		}
	}
	for r := 0; r < R; r++ {
		k := p.refOf[r]
		g, st, why := avgGrowth(p.tot, r, R, y0, y1, avg)
		pc, pst := meanShare(p.tot, p.pop, r, R, r, R, y0, y1, n)
		res.Growth.set(r, g, st)
		res.PerCapita.set(r, pc, pst)
		if st == OK && pst != OK {
			st, why = pst, ReasonPopMissing
			if pst == Undefined {
				why = ReasonPopZero
			}
		}
		if st == OK && refSt[k] != OK {
			st, why = refSt[k], ReasonRefMissing
		}
		if st != OK {
			res.Notes = append(res.Notes, Note{Region: p.Regions[r], Status: st, Reason: why})
			continue
		}
		res.Quadrant[r] = uint8(klassenQuadrant(g, res.RefGrowth[k], pc, res.RefPerCapita[k]))
	}
	return res, nil
}

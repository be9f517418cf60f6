package analysis

import "math"

// ShiftShareResult holds a shift-share decomposition (ANALYTICS.md 3.1,
// 3.2, 3.3) in the panel's unit. Per cell Δx = N + M + C; per region the
// sums, with NetShift = M + C (pergeseran bersih, PB).
type ShiftShareResult struct {
	Meta
	Change Grid // Δx_ij
	N      Grid // national/provincial share (PN)
	M      Grid // industry mix, proportional shift (PP)
	C      Grid // regional competitive / differential shift (PPW)

	// Esteban-Marquillas (classic only; empty for the dynamic form):
	// Homothetic x'_ij = x_j0·X_i0/X0, NetCompetitive C' = x'·(r_ij − r_in),
	// Allocation A = (x_ij0 − x')·(r_ij − r_in); C = C' + A. Undefined when
	// x_ij0 = 0.
	Homothetic     Grid
	NetCompetitive Grid
	Allocation     Grid

	// Region totals over sectors; not OK if any sector cell is not OK.
	RegionChange, RegionN, RegionM, RegionC, RegionNetShift Vector
	Notes                                                   []Note
}

// ShiftShare computes the classic decomposition from w.From to w.To
// (Dunn 1960, Farhauer/Kröll formulation; section 3.1) with the
// Esteban-Marquillas extension (section 3.2):
//
//	r_n = X_1/X_0 − 1,  r_in = X_i1/X_i0 − 1,  r_ij = x_ij1/x_ij0 − 1
//	N = x_ij0·r_n,  M = x_ij0·(r_in − r_n),  C = x_ij0·(r_ij − r_in)
//
// x_ij0 = 0 gives N = M = 0 and C = Δx (C' and A undefined); X_i0 = 0
// otherwise makes M and C undefined.
func ShiftShare(p *Panel, w Window) (*ShiftShareResult, error) {
	y0, y1, err := p.resolve(w, true, false) // two points; the years between may be absent
	if err != nil {
		return nil, err
	}
	res := newShiftShare(p, p.meta("shift_share", "classic_dunn_esteban_marquillas", w), true)
	p.shiftPair(res, y0, y1, true)
	res.totals(p)
	return res, nil
}

// DynamicShiftShare runs the classic decomposition for every consecutive
// year pair of w and sums the annual N, M and C (Barff & Knight 1988;
// section 3.3), re-basing the reference shares each year. A cell is OK
// only if it is OK in every pair. The Esteban-Marquillas grids stay empty.
func DynamicShiftShare(p *Panel, w Window) (*ShiftShareResult, error) {
	y0, y1, err := p.window(w, true)
	if err != nil {
		return nil, err
	}
	res := newShiftShare(p, p.meta("shift_share", "dynamic_barff_knight", w), false)
	for y := y0; y < y1; y++ {
		p.shiftPair(res, y, y+1, false)
	}
	res.totals(p)
	return res, nil
}

func newShiftShare(p *Panel, m Meta, em bool) *ShiftShareResult {
	res := &ShiftShareResult{Meta: m, Change: newGrid(p), N: newGrid(p), M: newGrid(p), C: newGrid(p),
		RegionChange: newVector(p), RegionN: newVector(p), RegionM: newVector(p), RegionC: newVector(p), RegionNetShift: newVector(p)}
	if em {
		res.Homothetic, res.NetCompetitive, res.Allocation = newGrid(p), newGrid(p), newGrid(p)
	}
	return res
}

// shiftPair adds the decomposition of year indexes a→b into res. Non-OK
// statuses are sticky; values accumulate.
func (p *Panel) shiftPair(res *ShiftShareResult, a, b int, em bool) {
	R, S, K := len(p.Regions), len(p.Sectors), len(p.References)
	year := p.Years[b]
	for r := 0; r < R; r++ {
		k := p.refOf[r]
		X0, X1 := p.refTot[a*K+k], p.refTot[b*K+k]
		xj0 := p.tot[a*R+r]
		var regionSt Status
		var regionWhy string
		switch {
		case math.IsNaN(xj0) || math.IsNaN(p.tot[b*R+r]):
			regionSt, regionWhy = Missing, ReasonRegionMissing
		case xj0 <= 0:
			regionSt, regionWhy = Missing, ReasonRegionZero
		case math.IsNaN(X0) || math.IsNaN(X1):
			regionSt, regionWhy = Missing, ReasonRefMissing
		case X0 <= 0:
			regionSt, regionWhy = Undefined, ReasonRefZero
		}
		if regionSt != OK {
			for s := 0; s < S; s++ {
				i := r*S + s
				res.Change.set(i, 0, regionSt)
				res.N.set(i, 0, regionSt)
				res.M.set(i, 0, regionSt)
				res.C.set(i, 0, regionSt)
				if em {
					res.Homothetic.set(i, 0, regionSt)
					res.NetCompetitive.set(i, 0, regionSt)
					res.Allocation.set(i, 0, regionSt)
				}
			}
			res.Notes = addNote(res.Notes, p, r, -1, year, regionSt, regionWhy)
			continue
		}
		rn := X1/X0 - 1
		for s := 0; s < S; s++ {
			i := r*S + s
			x0, x1 := p.vals[(a*R+r)*S+s], p.vals[(b*R+r)*S+s]
			Xi0, Xi1 := p.refVals[(a*K+k)*S+s], p.refVals[(b*K+k)*S+s]
			var n, m, c float64
			stN, stMC := OK, OK
			var why string
			switch {
			case math.IsNaN(x0) || math.IsNaN(x1):
				stN, stMC, why = Missing, Missing, ReasonRegionMissing
			case x0 == 0:
				c = x1 // N = M = 0, the whole change is C
			case math.IsNaN(Xi0) || math.IsNaN(Xi1):
				n = x0 * rn
				stMC, why = Missing, ReasonRefMissing
			case Xi0 <= 0:
				n = x0 * rn
				stMC, why = Undefined, ReasonRefSectorZero
			default:
				rin := Xi1/Xi0 - 1
				n, m, c = x0*rn, x0*(rin-rn), x0*((x1/x0-1)-rin)
			}
			accum(&res.Change, i, x1-x0, worst(stN, stMC))
			accum(&res.N, i, n, stN)
			accum(&res.M, i, m, stMC)
			accum(&res.C, i, c, stMC)
			if why != "" {
				res.Notes = addNote(res.Notes, p, r, s, year, worst(stN, stMC), why)
			}
			if !em {
				continue
			}
			xh, emSt, emWhy := 0.0, stMC, why
			if emSt == OK && x0 == 0 {
				emSt, emWhy = Undefined, ReasonSectorBaseZero
				res.Notes = addNote(res.Notes, p, r, s, year, emSt, emWhy)
			}
			if emSt == OK {
				xh = xj0 * Xi0 / X0
				d := x1/x0 - Xi1/Xi0 // r_ij − r_in
				res.Homothetic.set(i, xh, OK)
				res.NetCompetitive.set(i, xh*d, OK)
				res.Allocation.set(i, (x0-xh)*d, OK)
			} else {
				res.Homothetic.set(i, 0, emSt)
				res.NetCompetitive.set(i, 0, emSt)
				res.Allocation.set(i, 0, emSt)
				if stMC == OK || stMC == Undefined { // homothetic value exists whenever X_i0 > 0
					if X := Xi0; !math.IsNaN(X) && X > 0 {
						res.Homothetic.set(i, xj0*X/X0, OK)
					}
				}
			}
		}
	}
}

func accum(g *Grid, i int, v float64, st Status) {
	if g.St[i] != OK {
		return
	}
	if st != OK {
		g.set(i, 0, st)
		return
	}
	g.V[i] += v
}

func worst(a, b Status) Status {
	if a != OK {
		return a
	}
	return b
}

func (res *ShiftShareResult) totals(p *Panel) {
	S := len(p.Sectors)
	for r := range p.Regions {
		var d, n, m, c float64
		st := OK
		for s := 0; s < S; s++ {
			i := r*S + s
			if st == OK {
				st = worst(worst(res.Change.St[i], res.N.St[i]), worst(res.M.St[i], res.C.St[i]))
			}
			d, n, m, c = d+res.Change.V[i], n+res.N.V[i], m+res.M.V[i], c+res.C.V[i]
		}
		res.RegionChange.set(r, d, st)
		res.RegionN.set(r, n, st)
		res.RegionM.set(r, m, st)
		res.RegionC.set(r, c, st)
		res.RegionNetShift.set(r, m+c, st)
	}
}

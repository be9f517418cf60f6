package analysis

import "math"

// LQResult holds location quotients (ANALYTICS.md sections 1 and 2).
type LQResult struct {
	Meta
	Threshold float64 // "basis" means LQ > Threshold (strict)
	LQ        Grid
	Notes     []Note
}

// Basis reports whether sector s is a basis sector of region r: LQ strictly
// above the threshold (default 1). Non-OK cells are never basis.
func (l *LQResult) Basis(r, s int) bool {
	v, st := l.LQ.At(r, s)
	return st == OK && v > l.Threshold
}

// lqCell computes LQ_ij = (x_ij/x_j)/(X_i/X) for year index y.
// additive selects x_ij/x_j − X_i/X.
func (p *Panel) lqCell(y, r, s int, additive bool) (float64, Status, string) {
	R, S, K := len(p.Regions), len(p.Sectors), len(p.References)
	k := p.refOf[r]
	xj, X := p.tot[y*R+r], p.refTot[y*K+k]
	xij, Xi := p.vals[(y*R+r)*S+s], p.refVals[(y*K+k)*S+s]
	switch {
	case math.IsNaN(xj) || math.IsNaN(xij):
		return math.NaN(), Missing, ReasonRegionMissing
	case xj <= 0:
		return math.NaN(), Missing, ReasonRegionZero
	case math.IsNaN(X) || math.IsNaN(Xi):
		return math.NaN(), Missing, ReasonRefMissing
	case X <= 0:
		return math.NaN(), Undefined, ReasonRefZero
	case additive:
		return xij/xj - Xi/X, OK, ""
	case Xi <= 0:
		return math.NaN(), Undefined, ReasonRefSectorZero
	}
	return (xij / xj) / (Xi / X), OK, ""
}

// LQ computes LQ_ij = (x_ij/x_j)/(X_i/X) for one year (section 1), against
// each region's reference. threshold <= 0 means the default 1. A region
// with x_j = 0 or a missing value is reported missing; X_i = 0 makes the
// sector undefined; x_ij = 0 with positive totals gives LQ = 0.
func LQ(p *Panel, year int, threshold float64) (*LQResult, error) {
	return lqWindow(p, Window{year, year}, threshold, false)
}

// AdditiveLQ is the optional variant x_ij/x_j − X_i/X (section 1); its
// threshold for "basis" is 0.
func AdditiveLQ(p *Panel, year int) (*LQResult, error) {
	return lqWindow(p, Window{year, year}, 0, true)
}

// SLQ is the default multi-year summary of section 1: the arithmetic mean
// of the annual LQs over every year of w, both ends included. A cell is
// missing or undefined if any year's LQ is.
func SLQ(p *Panel, w Window, threshold float64) (*LQResult, error) {
	return lqWindow(p, w, threshold, false)
}

func lqWindow(p *Panel, w Window, threshold float64, additive bool) (*LQResult, error) {
	y0, y1, err := p.window(w, false)
	if err != nil {
		return nil, err
	}
	ind, variant := "lq", "multiplicative"
	if additive {
		variant, threshold = "additive", 0
	} else if threshold <= 0 {
		threshold = 1
	}
	if w.From != w.To {
		ind, variant = "slq", "mean_of_annual_lq"
	}
	res := &LQResult{Meta: p.meta(ind, variant, w), Threshold: threshold, LQ: newGrid(p)}
	S := len(p.Sectors)
	n := float64(y1 - y0 + 1)
	for r := range p.Regions {
	cells:
		for s := 0; s < S; s++ {
			t := 0.0
			for y := y0; y <= y1; y++ {
				v, st, why := p.lqCell(y, r, s, additive)
				if st != OK {
					res.LQ.set(r*S+s, 0, st)
					res.Notes = addNote(res.Notes, p, r, s, p.Years[y], st, why)
					continue cells
				}
				t += v
			}
			res.LQ.set(r*S+s, t/n, OK)
		}
	}
	return res, nil
}

// addNote appends a note, folding region-wide reasons into one note per
// region and year instead of one per sector.
func addNote(ns []Note, p *Panel, r, s, year int, st Status, why string) []Note {
	if why == ReasonRegionZero || why == ReasonRefZero || (why == ReasonRegionMissing && s < 0) {
		if n := len(ns); n > 0 && ns[n-1].Region == p.Regions[r] && ns[n-1].Year == year && ns[n-1].Reason == why {
			return ns
		}
		return append(ns, Note{Region: p.Regions[r], Year: year, Status: st, Reason: why})
	}
	sec := ""
	if s >= 0 {
		sec = p.Sectors[s]
	}
	return append(ns, Note{Region: p.Regions[r], Sector: sec, Year: year, Status: st, Reason: why})
}

// SLQ/DLQ class codes (section 2). The label is a display concern.
const (
	ClassSLQHighDLQHigh = "SLQ>=1/DLQ>=1" // unggulan
	ClassSLQHighDLQLow  = "SLQ>=1/DLQ<1"
	ClassSLQLowDLQHigh  = "SLQ<1/DLQ>=1"
	ClassSLQLowDLQLow   = "SLQ<1/DLQ<1" // tertinggal
)

// DLQResult holds the dynamic LQ and the combined SLQ/DLQ classification.
type DLQResult struct {
	Meta
	SLQ   Grid
	DLQ   Grid
	Class []string // per cell (r*len(Sectors)+s); "" when SLQ or DLQ is not OK
	Notes []Note
}

// DLQ computes, per section 2,
//
//	DLQ_ij = [ ((1+g_ij)/(1+g_j)) / ((1+G_i)/(1+G)) ]^t,  t = To − From,
//
// with average growth rates over w (AvgMean default; AvgCAGR gives the
// variant "dlq_cagr" = LQ_T/LQ_t0), and the class code from SLQ (the mean
// LQ over w) and DLQ, equality counting as ≥ 1.
func DLQ(p *Panel, w Window, avg Averaging) (*DLQResult, error) {
	y0, y1, err := p.window(w, true)
	if err != nil {
		return nil, err
	}
	slq, _ := SLQ(p, w, 1)
	variant := "dlq"
	if avg == AvgCAGR {
		variant = "dlq_cagr"
	}
	R, S, K := len(p.Regions), len(p.Sectors), len(p.References)
	res := &DLQResult{Meta: p.meta("dlq", variant, w), SLQ: slq.LQ, DLQ: newGrid(p), Class: make([]string, R*S), Notes: slq.Notes}
	t := float64(y1 - y0)
	// Reference growth per reference and sector, computed once.
	G := make([]float64, K*(S+1))
	Gst := make([]Status, K*(S+1))
	for k := 0; k < K; k++ {
		for s := 0; s < S; s++ {
			G[k*(S+1)+s], Gst[k*(S+1)+s], _ = avgGrowth(p.refVals, k*S+s, K*S, y0, y1, avg)
		}
		G[k*(S+1)+S], Gst[k*(S+1)+S], _ = avgGrowth(p.refTot, k, K, y0, y1, avg)
	}
	for r := 0; r < R; r++ {
		k := p.refOf[r]
		gj, stj, why := avgGrowth(p.tot, r, R, y0, y1, avg)
		if stj != OK {
			for s := 0; s < S; s++ {
				res.DLQ.set(r*S+s, 0, stj)
			}
			res.Notes = addNote(res.Notes, p, r, -1, w.To, stj, why)
			continue
		}
		Gt, Gtst := G[k*(S+1)+S], Gst[k*(S+1)+S]
		for s := 0; s < S; s++ {
			i := r*S + s
			gij, st, why := avgGrowth(p.vals, r*S+s, R*S, y0, y1, avg)
			Gi, stG := G[k*(S+1)+s], Gst[k*(S+1)+s]
			switch {
			case st != OK:
			case stG != OK || Gtst != OK:
				st, why = stG, ReasonRefSectorZero
				if Gtst != OK {
					st = Gtst
				}
			case 1+gij <= 0 || 1+gj <= 0 || 1+Gi <= 0 || 1+Gt <= 0:
				st, why = Undefined, ReasonGrowthNotAbove
			}
			if st != OK {
				res.DLQ.set(i, 0, st)
				res.Notes = addNote(res.Notes, p, r, s, w.To, st, why)
				continue
			}
			d := math.Pow(((1+gij)/(1+gj))/((1+Gi)/(1+Gt)), t)
			res.DLQ.set(i, d, OK)
			if sv, sst := res.SLQ.At(r, s); sst == OK {
				res.Class[i] = slqDLQClass(sv, d)
			}
		}
	}
	return res, nil
}

func slqDLQClass(slq, dlq float64) string {
	switch {
	case slq >= 1 && dlq >= 1:
		return ClassSLQHighDLQHigh
	case slq >= 1:
		return ClassSLQHighDLQLow
	case dlq >= 1:
		return ClassSLQLowDLQHigh
	}
	return ClassSLQLowDLQLow
}

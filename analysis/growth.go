package analysis

import "math"

// avgGrowth averages the growth of the series x[off+y*stride] over the year
// indexes [y0, y1] (ANALYTICS.md section 0). A missing value gives Missing;
// a base x_{t-1} <= 0 gives Undefined.
func avgGrowth(x []float64, off, stride, y0, y1 int, avg Averaging) (float64, Status, string) {
	n := y1 - y0
	if avg == AvgCAGR {
		a, b := x[off+y0*stride], x[off+y1*stride]
		for y := y0; y <= y1; y++ { // every year must be present, not only the ends
			if math.IsNaN(x[off+y*stride]) {
				return math.NaN(), Missing, ReasonRegionMissing
			}
		}
		if a <= 0 {
			return math.NaN(), Undefined, ReasonBaseZero
		}
		return math.Pow(b/a, 1/float64(n)) - 1, OK, ""
	}
	t := 0.0
	prev := x[off+y0*stride]
	if math.IsNaN(prev) {
		return math.NaN(), Missing, ReasonRegionMissing
	}
	for y := y0 + 1; y <= y1; y++ {
		cur := x[off+y*stride]
		if math.IsNaN(cur) {
			return math.NaN(), Missing, ReasonRegionMissing
		}
		if prev <= 0 {
			return math.NaN(), Undefined, ReasonBaseZero
		}
		t += cur/prev - 1
		prev = cur
	}
	return t / float64(n), OK, ""
}

// Band is a target range for annual growth, as fractions (0.045 = 4.5 %).
type Band struct{ Low, High float64 }

// Band2021 is the national growth target band of 2021 (RKP 2021:
// 4.5–5.3 %). It is a setting: pass the band of the plan year analysed.
var Band2021 = Band{Low: 0.045, High: 0.053}

// Growth classes against a Band. The bounds belong to "within".
const (
	GrowthBelow  = "below"
	GrowthWithin = "within"
	GrowthAbove  = "above"
)

// GrowthBandResult classifies each region's average PDRB growth (the total,
// ADHK by default) against a target band.
type GrowthBandResult struct {
	Meta
	Band   Band
	Growth Vector
	Class  []string // per region; "" when Growth is not OK
	Notes  []Note
}

// GrowthAgainstBand computes each region's average growth of x_j over w
// and classifies it: below (g < Low), within (Low ≤ g ≤ High), above
// (g > High). The comparison uses the unrounded float64.
func GrowthAgainstBand(p *Panel, w Window, b Band, avg Averaging) (*GrowthBandResult, error) {
	y0, y1, err := p.window(w, true)
	if err != nil {
		return nil, err
	}
	R := len(p.Regions)
	res := &GrowthBandResult{Meta: p.meta("growth_band", avg.String(), w), Band: b,
		Growth: newVector(p), Class: make([]string, R)}
	for r := 0; r < R; r++ {
		g, st, why := avgGrowth(p.tot, r, R, y0, y1, avg)
		res.Growth.set(r, g, st)
		if st != OK {
			res.Notes = append(res.Notes, Note{Region: p.Regions[r], Status: st, Reason: why})
			continue
		}
		switch {
		case g < b.Low:
			res.Class[r] = GrowthBelow
		case g > b.High:
			res.Class[r] = GrowthAbove
		default:
			res.Class[r] = GrowthWithin
		}
	}
	return res, nil
}

package partner

import (
	"cmp"
	"math"
	"math/bits"
	"slices"

	jalin "github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/analysis"
)

const (
	earthRadiusKm = 6371.0088
	scoreScale    = 1e9 // scores are rounded to 9 decimals
)

// prepared holds what every row of a ranking needs, computed once: sector
// selection, per-region LQ rows and basis bitsets, seats in radians, masses,
// and the pair tables as dense matrices indexed by region position.
type prepared struct {
	in  Inputs
	w   Weights
	o   Options
	n   int
	idx map[string]int

	sel  []int     // indexes into in.Sectors considered
	lq   []float64 // [r*len(sel)+k]
	ok   []uint64  // bit k: LQ of sel[k] known
	base []uint64  // bit k: basis in sel[k]
	any  []bool    // region has some LQ data

	seat     []bool
	lat, lon []float64 // radians
	cosLat   []float64
	mass     []float64 // NaN when unknown

	border []bool          // [i*n+j]
	exist  []ExistingState // [i*n+j]
	dist   []float64       // [i*n+j] km, NaN unknown; nil: computed per row
}

func prepare(in Inputs, w Weights, o Options) (*prepared, error) {
	if err := w.validate(); err != nil {
		return nil, err
	}
	o = o.withDefaults()
	if len(in.Sectors) > 64 {
		return nil, jalin.Invalid("sectors", "partner.too_many_sectors")
	}
	if in.Threshold <= 0 {
		in.Threshold = 1
	}
	n := len(in.Regions)
	p := &prepared{in: in, w: w, o: o, n: n, idx: make(map[string]int, n)}
	for i, c := range in.Regions {
		if _, dup := p.idx[c]; dup {
			return nil, jalin.Invalid("regions", "partner.region_duplicate", c)
		}
		p.idx[c] = i
	}
	if err := p.selectSectors(); err != nil {
		return nil, err
	}
	S := len(p.sel)
	p.lq = make([]float64, n*S)
	p.ok, p.base, p.any = make([]uint64, n), make([]uint64, n), make([]bool, n)
	p.seat, p.lat, p.lon, p.cosLat = make([]bool, n), make([]float64, n), make([]float64, n), make([]float64, n)
	p.mass = make([]float64, n)
	for i, c := range in.Regions {
		if in.LQ != nil {
			for s := range in.Sectors {
				if _, ok := in.LQ(c, s); ok {
					p.any[i] = true
					break
				}
			}
			for k, s := range p.sel {
				v, ok := in.LQ(c, s)
				if !ok || math.IsNaN(v) || v < 0 {
					continue
				}
				p.lq[i*S+k] = v
				p.ok[i] |= 1 << k
				if v > in.Threshold {
					p.base[i] |= 1 << k
				}
			}
		}
		if pt, ok := in.Seats[c]; ok && validSeat(pt) {
			p.seat[i] = true
			p.lon[i], p.lat[i] = pt[0]*math.Pi/180, pt[1]*math.Pi/180
			p.cosLat[i] = math.Cos(p.lat[i])
		}
		p.mass[i] = math.NaN()
		if m, ok := in.Mass[c]; ok && m > 0 && !math.IsInf(m, 0) {
			p.mass[i] = m
		}
	}
	p.border = make([]bool, n*n)
	for k, v := range in.Borders {
		if i, j, ok := p.pair(k); ok && v {
			p.border[i*n+j], p.border[j*n+i] = true, true
		}
	}
	p.exist = make([]ExistingState, n*n)
	for k, v := range in.Existing {
		if i, j, ok := p.pair(k); ok && v > p.exist[i*n+j] {
			p.exist[i*n+j], p.exist[j*n+i] = v, v
		}
	}
	return p, nil
}

func validSeat(pt [2]float64) bool {
	return pt[0] >= -180 && pt[0] <= 180 && pt[1] >= -90 && pt[1] <= 90
}

func (p *prepared) pair(k [2]string) (int, int, bool) {
	i, oki := p.idx[k[0]]
	j, okj := p.idx[k[1]]
	return i, j, oki && okj && i != j
}

// selectSectors applies Options.Sector or Options.Urusan.
func (p *prepared) selectSectors() error {
	o := p.o
	switch {
	case o.Sector != "" && o.Urusan != "":
		return jalin.Invalid("sector", "partner.sector_and_urusan")
	case o.Sector != "":
		for s, key := range p.in.Sectors {
			if sameSector(key, o.Sector) {
				p.sel = []int{s}
				return nil
			}
		}
		return jalin.Invalid("sector", "partner.sector_unknown", o.Sector)
	case o.Urusan != "":
		codes, ok := UrusanSectors(o.Urusan)
		if !ok {
			return jalin.Invalid("urusan", "partner.urusan_unknown", o.Urusan)
		}
		for s, key := range p.in.Sectors {
			for _, c := range codes {
				if sameSector(key, c) {
					p.sel = append(p.sel, s)
				}
			}
		}
		return nil
	}
	for s := range p.in.Sectors {
		p.sel = append(p.sel, s)
	}
	return nil
}

// distance is the great-circle distance between seats in km, NaN when a
// seat is unknown.
func (p *prepared) distance(i, j int) float64 {
	if p.dist != nil {
		return p.dist[i*p.n+j]
	}
	return p.haversine(i, j)
}

func (p *prepared) haversine(i, j int) float64 {
	if !p.seat[i] || !p.seat[j] {
		return math.NaN()
	}
	sdLat := math.Sin((p.lat[j] - p.lat[i]) / 2)
	sdLon := math.Sin((p.lon[j] - p.lon[i]) / 2)
	h := sdLat*sdLat + p.cosLat[i]*p.cosLat[j]*sdLon*sdLon
	return 2 * earthRadiusKm * math.Asin(math.Sqrt(min(1, h)))
}

func (p *prepared) allDistances() {
	n := p.n
	d := make([]float64, n*n)
	for i := 0; i < n; i++ {
		d[i*n+i] = math.NaN()
		for j := i + 1; j < n; j++ {
			v := p.haversine(i, j)
			d[i*n+j], d[j*n+i] = v, v
		}
	}
	p.dist = d
}

// complementarity returns Σ_k min(1, LQ_basis − LQ_other) over the selected
// sectors where exactly one of i, j is basis and both are known, divided by
// the number of selected sectors.
func (p *prepared) complementarity(i, j int) float64 {
	S := len(p.sel)
	m := (p.base[i] ^ p.base[j]) & p.ok[i] & p.ok[j]
	if m == 0 {
		return 0
	}
	sum := 0.0
	for ; m != 0; m &= m - 1 {
		k := bits.TrailingZeros64(m)
		sum += min(1, math.Abs(p.lq[i*S+k]-p.lq[j*S+k]))
	}
	return sum / float64(S)
}

func (p *prepared) sharedBase(i, j int) float64 {
	if len(p.sel) == 0 {
		return 0
	}
	return float64(bits.OnesCount64(p.base[i]&p.base[j])) / float64(len(p.sel))
}

// candidate is a scored pair before its parts are spelled out.
type candidate struct {
	j     int
	score float64
	parts [6]float64 // values in the Part order of the package doc
}

// row ranks every candidate of region i into buf and returns the top
// Options.Limit as suggestions.
func (p *prepared) row(i int, buf []candidate) ([]Suggestion, []candidate) {
	n, w, o := p.n, p.w, p.o
	buf = buf[:0]
	maxT := 0.0
	gopt := analysis.GravityOptions{Beta: o.Beta}
	for j := 0; j < n; j++ {
		if j == i {
			continue
		}
		var c candidate
		c.j = j
		c.parts[0] = p.complementarity(i, j)
		c.parts[1] = p.sharedBase(i, j)
		if p.border[i*n+j] {
			c.parts[2] = 1
		}
		if d := p.distance(i, j); !math.IsNaN(d) {
			c.parts[3] = math.Exp2(-d / o.HalfDistanceKm)
			if t, st := analysis.GravityPair(p.mass[i], p.mass[j], d, gopt); st == analysis.OK {
				c.parts[4] = t
				maxT = max(maxT, t)
			}
		}
		switch p.exist[i*n+j] {
		case Active:
			c.parts[5] = -1
		case Expired:
			c.parts[5] = 0.5
		}
		buf = append(buf, c)
	}
	ws := [6]float64{w.Complementarity, w.SharedBase, w.Border, w.Distance, w.Gravity, w.Existing}
	for k := range buf {
		c := &buf[k]
		if maxT > 0 {
			c.parts[4] /= maxT
		}
		s := 0.0
		for q, v := range c.parts {
			s += v * ws[q]
		}
		// Rounding makes pairs that differ only by floating-point noise
		// (mirror-image geographies) true ties, ordered by code.
		c.score = math.Round(s*scoreScale) / scoreScale
	}
	slices.SortFunc(buf, func(a, b candidate) int {
		if a.score != b.score {
			return cmp.Compare(b.score, a.score)
		}
		return cmp.Compare(p.in.Regions[a.j], p.in.Regions[b.j])
	})
	limit := len(buf)
	if o.Limit >= 0 && o.Limit < limit {
		limit = o.Limit
	}
	out := make([]Suggestion, limit)
	for k := range out {
		out[k] = p.suggestion(i, buf[k], ws)
	}
	return out, buf
}

var partNames = [6]string{PartComplementarity, PartSharedBase, PartBorder, PartDistance, PartGravity, PartExisting}

func (p *prepared) suggestion(i int, c candidate, ws [6]float64) Suggestion {
	s := Suggestion{Partner: p.in.Regions[c.j], Score: c.score, Parts: make([]Part, len(c.parts))}
	for q, v := range c.parts {
		s.Parts[q] = Part{Name: partNames[q], Value: v, Weighted: v * ws[q]}
	}
	s.Reasons = p.reasons(i, c)
	return s
}

// Rank returns the suggested partners of region, best first. It returns an
// ENotFound error for a region outside in.Regions and EInvalid for bad
// weights or options.
func Rank(in Inputs, region string, w Weights, o Options) ([]Suggestion, error) {
	p, err := prepare(in, w, o)
	if err != nil {
		return nil, err
	}
	i, ok := p.idx[region]
	if !ok {
		return nil, jalin.Errorf(jalin.ENotFound, "partner.region_unknown", region)
	}
	out, _ := p.row(i, make([]candidate, 0, p.n))
	return out, nil
}

// RankAll ranks the partners of every region of in.Regions. It prepares
// the inputs once (LQ rows, basis bitsets, the distance matrix), so all
// n·(n−1) pairs cost a few tens of milliseconds for the 514 regencies.
func RankAll(in Inputs, w Weights, o Options) (map[string][]Suggestion, error) {
	p, err := prepare(in, w, o)
	if err != nil {
		return nil, err
	}
	p.allDistances()
	out := make(map[string][]Suggestion, p.n)
	buf := make([]candidate, 0, p.n)
	for i, c := range in.Regions {
		out[c], buf = p.row(i, buf)
	}
	return out, nil
}

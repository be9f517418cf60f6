package web

import (
	"context"
	"math"
	"sort"
	"strconv"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/analysis"
	"github.com/jalin-ksd/jalin/analysis/spatial"
)

// The permutation test of Moran's I and LISA: the default number of
// permutations and a fixed seed, so that a page shows the same pseudo
// p-values on every request and every instance.
const (
	potentialPerms = spatial.DefaultPermutations
	potentialSeed  = 20100101
)

// sectorSpatial is the national picture of one sector in one year: the LQ of
// every regency that has one, its map class, LISA and Gi*.
type sectorSpatial struct {
	Sector  string
	Year    int
	LQ      *analysis.LQResult
	Codes   []string // regencies with an LQ, in panel order
	Values  []float64
	Local   []spatial.LocalResult
	Gi      []spatial.GResult // nil when there are too few regions
	Moran   spatial.MoranPermResult
	Links   int      // neighbour pairs among Codes
	Missing []string // regencies without an LQ (missing or undefined)
}

// adjacency returns the neighbour pairs among the regencies of the panel,
// read once per data version.
func (p *potential) adjacency(ctx context.Context, n *potentialNational) ([][2]string, error) {
	v, err := p.cache.get(ctx, n.Version, "adjacency", func(ctx context.Context) (any, error) {
		in := n.Regency.index
		var pairs [][2]string
		for _, code := range n.Regency.Panel.Regions {
			adj, err := p.s.Geo.Neighbours(ctx, code)
			if err != nil {
				return nil, jalin.Wrap(err, "error.internal")
			}
			for _, a := range adj {
				other := a.B
				if other == code {
					other = a.A
				}
				if _, ok := in[other]; ok && code < other {
					pairs = append(pairs, [2]string{code, other})
				}
			}
		}
		return pairs, nil
	})
	if err != nil {
		return nil, err
	}
	return v.([][2]string), nil
}

// sector returns the spatial picture of a sector (taxonomy code) in year,
// computed once per data version.
func (p *potential) sector(ctx context.Context, n *potentialNational, sector string, year int) (*sectorSpatial, error) {
	l := n.Regency
	s, ok := l.sectors[sector]
	if !ok {
		return nil, jalin.Errorf(jalin.ENotFound, "potential.sector_no_data", sector)
	}
	if !l.hasYear(year) {
		return nil, jalin.Invalid("year", "potential.param_year", year, l.Panel.Years[0], l.Year)
	}
	pairs, err := p.adjacency(ctx, n)
	if err != nil {
		return nil, err
	}
	v, err := p.cache.get(ctx, n.Version, "sector:"+sector+":"+strconv.Itoa(year), func(context.Context) (any, error) {
		return computeSector(l, s, sector, year, pairs)
	})
	if err != nil {
		return nil, err
	}
	return v.(*sectorSpatial), nil
}

func computeSector(l *levelResult, s int, sector string, year int, pairs [][2]string) (*sectorSpatial, error) {
	lq, err := l.lq(year)
	if err != nil {
		return nil, err
	}
	out := &sectorSpatial{Sector: sector, Year: year, LQ: lq}
	have := map[string]bool{}
	for r, code := range l.Panel.Regions {
		v, st := lq.LQ.At(r, s)
		if st != analysis.OK || math.IsNaN(v) {
			out.Missing = append(out.Missing, code)
			continue
		}
		out.Codes, out.Values = append(out.Codes, code), append(out.Values, v)
		have[code] = true
	}
	if len(out.Codes) == 0 {
		return out, nil
	}
	var kept [][2]string
	for _, pr := range pairs {
		if have[pr[0]] && have[pr[1]] {
			kept = append(kept, pr)
		}
	}
	out.Links = len(kept)
	w, err := spatial.Contiguity(out.Codes, kept)
	if err != nil {
		return nil, err
	}
	rw := w.RowStandardize()
	plan, err := spatial.NewPlan(rw, potentialPerms, potentialSeed)
	if err != nil {
		return nil, err
	}
	if out.Moran, err = plan.Moran(out.Values); err != nil {
		return nil, err
	}
	if out.Local, err = plan.LocalMoran(out.Values); err != nil {
		return nil, err
	}
	if len(out.Codes) >= 3 {
		if out.Gi, err = spatial.GetisOrd(out.Values, w, true); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// lqClass is the choropleth bin of an LQ: 1 and 2 are below the basis
// threshold (LQ ≤ 0.5, ≤ 1), 3 to 5 above it (≤ 1.5, ≤ 2.5, more).
func lqClass(v float64) int {
	switch {
	case math.IsNaN(v):
		return 0
	case v <= 0.5:
		return 1
	case v <= 1:
		return 2
	case v <= 1.5:
		return 3
	case v <= 2.5:
		return 4
	}
	return 5
}

// lisaClass is the CSS class of a LISA label.
func lisaClass(label string) string {
	switch label {
	case "HH", "LL", "HL", "LH":
		return "lisa-" + label
	case spatial.LabelIsolated:
		return "lisa-isolated"
	}
	return "lisa-ns"
}

// sectorItem is one regency of a sector's national picture.
type sectorItem struct {
	Code     string   `json:"code"`
	Name     string   `json:"name"`
	Province string   `json:"province_code"`
	LQ       *float64 `json:"lq"`
	LQClass  int      `json:"lq_class"`
	Lisa     string   `json:"lisa"`
	LisaP    *float64 `json:"lisa_p"`
	GiClass  string   `json:"gi_class"`
}

// items lists every regency of the panel, those without an LQ last.
func (p *potential) items(sp *sectorSpatial) []sectorItem {
	out := make([]sectorItem, 0, len(sp.Codes)+len(sp.Missing))
	for i, code := range sp.Codes {
		it := sectorItem{Code: code, Name: p.regionName(code), Province: code[:2], LQ: numPtr(sp.Values[i]), LQClass: lqClass(sp.Values[i]),
			Lisa: spatial.LabelNotSignificant, GiClass: spatial.LabelNotSignificant}
		if i < len(sp.Local) {
			it.Lisa, it.LisaP = sp.Local[i].Label(), numPtr(sp.Local[i].PseudoP)
		}
		if i < len(sp.Gi) {
			it.GiClass = sp.Gi[i].Class()
		}
		out = append(out, it)
	}
	sort.SliceStable(out, func(a, b int) bool { return *out[a].LQ > *out[b].LQ })
	for _, code := range sp.Missing {
		out = append(out, sectorItem{Code: code, Name: p.regionName(code), Province: code[:2], Lisa: spatial.LabelNotSignificant, GiClass: spatial.LabelNotSignificant})
	}
	return out
}

func (p *potential) regionName(code string) string {
	if r, ok := p.s.Regions.Get(code); ok {
		return r.Name
	}
	return code
}

// numPtr is v for JSON, or nil (null) when it is NaN or infinite.
func numPtr(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

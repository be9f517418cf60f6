package web

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/analysis"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/opportunity/partner"
	"github.com/jalin-ksd/jalin/opportunity/reach"
	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/taxonomy"
)

// opportunity serves the partner suggestions and the border-access list of
// a regency over a cache of the inputs, kept per data version (the
// economic data's and the geography's). Routes() makes one per server.
type opportunity struct {
	s     *Server
	cache potentialCache
}

func newOpportunity(s *Server) *opportunity { return &opportunity{s: s} }

// geoVersioner tells which geography is stored: the id of its last import.
type geoVersioner interface {
	GeoVersion(ctx context.Context) (int64, error)
}

// dataVersion identifies the imported economic data and geography together.
func dataVersion(ctx context.Context, g GeoReader) (string, error) {
	var econ, gv string
	if src, ok := g.(econSource); ok {
		v, err := src.EconVersion(ctx)
		if err != nil && !noData(err) {
			return "", jalin.Wrap(err, "error.internal")
		}
		econ = v
	}
	if gs, ok := g.(geoVersioner); ok {
		// Every geography import, whichever part it replaced (a
		// travel-time matrix alone too), is recorded with a new id, read
		// here on every request: an import by the CLI or the web upload
		// is seen without a restart.
		v, err := gs.GeoVersion(ctx)
		if err != nil {
			return "", jalin.Wrap(err, "error.internal")
		}
		gv = fmt.Sprintf("geo#%d", v)
	}
	return econ + "|" + gv, nil
}

// PartnerData are the inputs of the partner ranking for every regency,
// without the existing cooperations (which depend on who asks).
type PartnerData struct {
	Inputs partner.Inputs
	// Year is the year of the LQs and the GRDP mass; 0 when no economic
	// data are imported (the ranking then rests on proximity alone).
	Year int
	// Order is the regencies of the economic panel in its order, which the
	// LISA of the potential pages also uses (so both give the same answer).
	Order []string
}

// BuildPartnerData reads the inputs of the partner ranking: the regencies of
// dir, their seats and borders from g, and, when g is also an econ source
// with regency data, the LQs and GRDP of the latest year.
func BuildPartnerData(ctx context.Context, g GeoReader, dir *region.Directory) (*PartnerData, error) {
	in := partner.Inputs{Names: map[string]string{}, Seats: map[string][2]float64{}, Borders: map[[2]string]bool{}}
	known := map[string]bool{}
	for _, r := range dir.All() {
		if r.Level == region.Regency {
			in.Regions = append(in.Regions, r.Code)
			in.Names[r.Code] = r.Name
			known[r.Code] = true
		}
	}
	pts, err := g.Points(ctx, in.Regions)
	if err != nil {
		return nil, jalin.Wrap(err, "error.internal")
	}
	for _, p := range pts {
		if _, dup := in.Seats[p.Code]; !dup {
			in.Seats[p.Code] = [2]float64{p.Lon, p.Lat}
		}
	}
	for _, code := range in.Regions {
		adj, err := g.Neighbours(ctx, code)
		if err != nil {
			return nil, jalin.Wrap(err, "error.internal")
		}
		for _, a := range adj {
			if known[a.A] && known[a.B] {
				in.Borders[[2]string{a.A, a.B}] = true
			}
		}
	}
	d := &PartnerData{Inputs: in}
	for _, s := range taxonomy.Sectors() {
		d.Inputs.Sectors = append(d.Inputs.Sectors, s.Code)
	}
	src, ok := g.(econSource)
	if !ok {
		return d, nil
	}
	p, err := src.EconPanel(ctx, region.Regency, potentialFrom, potentialTo, dir)
	switch {
	case err != nil && noData(err):
		return d, nil
	case err != nil:
		return nil, jalin.Wrap(err, "error.internal")
	case p == nil || len(p.Regions) == 0 || len(p.Years) == 0:
		return d, nil
	}
	year := p.Years[len(p.Years)-1]
	lq, err := analysis.LQ(p, year, 1)
	if err != nil {
		return d, nil // no LQ this year: proximity alone
	}
	table := make(map[string][]float64, len(p.Regions))
	mass := make(map[string]float64, len(p.Regions))
	for ri, code := range p.Regions {
		row := make([]float64, len(p.Sectors))
		for si := range p.Sectors {
			v, st := lq.LQ.At(ri, si)
			if st != analysis.OK {
				v = math.NaN()
			}
			row[si] = v
		}
		table[code] = row
		if t := p.Total(code, year); t > 0 && !math.IsNaN(t) {
			mass[code] = t
		}
	}
	d.Inputs.Sectors = make([]string, len(p.Sectors))
	for i, s := range p.Sectors {
		d.Inputs.Sectors[i] = sectorCode(s)
	}
	d.Inputs.LQ, d.Inputs.Mass, d.Year, d.Order = partner.LQTable(table), mass, year, p.Regions
	return d, nil
}

// coopLister is what the existing cooperations are read from.
type coopLister interface {
	ListCooperations(ctx context.Context, scope access.Scope, f sqlstore.CoopFilter) ([]sqlstore.CoopSummary, int, error)
}

// ExistingCooperations returns what already links code to other regencies,
// counting only the cooperations scope may see: those in force are Active,
// those that ended Expired.
func ExistingCooperations(ctx context.Context, store coopLister, scope access.Scope, code string) (map[[2]string]partner.ExistingState, error) {
	out := map[[2]string]partner.ExistingState{}
	for offset := 0; ; offset += 500 {
		items, total, err := store.ListCooperations(ctx, scope, sqlstore.CoopFilter{Partner: code, Limit: 500, Offset: offset})
		if err != nil {
			return nil, err
		}
		for _, c := range items {
			var st partner.ExistingState
			switch c.Stage {
			case cooperation.Pelaksanaan:
				st = partner.Active
			case cooperation.Berakhir:
				st = partner.Expired
			default:
				continue
			}
			for _, p := range c.Parties {
				if p.Region == "" || region.LevelOf(p.Region) < region.Regency {
					continue
				}
				other := p.Region[:5]
				if other == code {
					continue
				}
				k := [2]string{code, other}
				if st > out[k] {
					out[k] = st
				}
			}
		}
		if len(items) == 0 || offset+len(items) >= total {
			return out, nil
		}
	}
}

// cachedGeo returns what build makes of the current data, built once per
// data version and kept under key.
func cachedGeo[T any](ctx context.Context, o *opportunity, key string, build func(context.Context) (T, error)) (T, error) {
	var zero T
	version, err := dataVersion(ctx, o.s.Geo)
	if err != nil {
		return zero, err
	}
	v, err := o.cache.get(ctx, version, key, func(ctx context.Context) (any, error) { return build(ctx) })
	if err != nil {
		return zero, err
	}
	return v.(T), nil
}

// partnerData returns the cached inputs of the current data version.
func (o *opportunity) partnerData(ctx context.Context) (*PartnerData, error) {
	return cachedGeo(ctx, o, "partners", func(ctx context.Context) (*PartnerData, error) {
		return BuildPartnerData(ctx, o.s.Geo, o.s.Regions)
	})
}

// rankFor ranks the partners of a regency for the actor's view of existing
// cooperations.
func (o *opportunity) rankFor(ctx context.Context, scope access.Scope, code, sector string, limit int) (*PartnerData, []partner.Suggestion, error) {
	d, err := o.partnerData(ctx)
	if err != nil {
		return nil, nil, err
	}
	in := d.Inputs
	if o.s.Coops != nil {
		if in.Existing, err = ExistingCooperations(ctx, o.s.Coops, scope, code); err != nil {
			return nil, nil, err
		}
	}
	sugg, err := partner.Rank(in, code, partner.DefaultWeights(), partner.Options{Sector: sector, Limit: limit})
	if err != nil {
		return nil, nil, err
	}
	return d, sugg, nil
}

// AccessData is the border-access analysis over every district and village.
type AccessData struct {
	Result reach.Result
	Seats  int            // regencies with a seat point
	Kinds  map[string]int // seat point kinds, as the source gives them
	// TravelTimes is how many imported travel times replaced the estimate
	// (straight line × detour at a road speed) for their leg.
	TravelTimes int
}

// BuildAccessData reads the seats of the regencies of dir, the points of
// their districts and villages and the imported travel times from g and
// runs reach.Analyze over them.
func BuildAccessData(ctx context.Context, g GeoReader, dir *region.Directory) (*AccessData, error) {
	var regencies, places []string
	for _, r := range dir.All() {
		switch r.Level {
		case region.Regency:
			regencies = append(regencies, r.Code)
		case region.District, region.Village:
			places = append(places, r.Code)
		}
	}
	seats, err := g.Points(ctx, regencies)
	if err != nil {
		return nil, jalin.Wrap(err, "error.internal")
	}
	pts, err := g.Points(ctx, places)
	if err != nil {
		return nil, jalin.Wrap(err, "error.internal")
	}
	tt, err := g.TravelTimes(ctx)
	if err != nil {
		return nil, jalin.Wrap(err, "error.internal")
	}
	d := &AccessData{Result: reach.Analyze(pts, seats, reach.Options{TravelTimes: tt}), Kinds: map[string]int{},
		TravelTimes: len(tt)}
	seen := map[string]bool{}
	for _, s := range seats {
		if !seen[s.Code] {
			seen[s.Code] = true
			d.Seats++
			d.Kinds[s.Kind]++
		}
	}
	return d, nil
}

// accessData returns the cached analysis of the current data version.
func (o *opportunity) accessData(ctx context.Context) (*AccessData, error) {
	return cachedGeo(ctx, o, "access", func(ctx context.Context) (*AccessData, error) {
		return BuildAccessData(ctx, o.s.Geo, o.s.Regions)
	})
}

// AccessPairs returns the pairs where code's places are nearer to another
// seat (outgoing) and where other regencies' places are nearer to code's
// seat (incoming).
func (d *AccessData) AccessPairs(code string) (out, in []reach.Pair) {
	for _, p := range d.Result.Pairs {
		switch {
		case p.Home == code:
			out = append(out, p)
		case p.Other == code:
			in = append(in, p)
		}
	}
	return out, in
}

// opportunityRegency resolves {code} to a regency: 404 for an unknown code,
// 400 for a region of another level.
func opportunityRegency(dir *region.Directory, code string) (region.Region, error) {
	reg, err := lookupRegion(dir, code)
	if err != nil {
		return reg, err
	}
	if reg.Level != region.Regency {
		return reg, jalin.Invalid("code", "opportunity.not_regency", reg.Code)
	}
	return reg, nil
}

// opportunitySector reads ?sector=: "" for all sectors.
func opportunitySector(v string) (string, error) {
	if strings.TrimSpace(v) == "" {
		return "", nil
	}
	s, ok := taxonomy.SectorByCode(strings.ToUpper(strings.TrimSpace(v)))
	if !ok {
		return "", jalin.Invalid("sector", "opportunity.param_sector", v)
	}
	return s.Code, nil
}

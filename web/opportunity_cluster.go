package web

import (
	"context"
	"slices"
	"strings"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/analysis/spatial"
	"github.com/jalin-ksd/jalin/opportunity/cluster"
)

// ClusterData are the potential clusters of one data version.
type ClusterData struct {
	Year     int // 0: no economic data, so no cluster
	Clusters []cluster.Cluster
}

// BuildClusters finds the potential clusters over the partner inputs: base
// sectors from the LQs, high-high clusters from LISA on each sector's LQ,
// computed as the potential pages do (same weights, permutations and seed,
// over the panel's order), so a region high-high there is high-high here.
func BuildClusters(pd *PartnerData) (*ClusterData, error) {
	d := &ClusterData{Year: pd.Year}
	if pd.Inputs.LQ == nil {
		return d, nil
	}
	in := cluster.Inputs{Regions: pd.Inputs.Regions, Sectors: pd.Inputs.Sectors, GRDP: pd.Inputs.Mass, LQ: pd.Inputs.LQ}
	for k := range pd.Inputs.Borders {
		in.Borders = append(in.Borders, k)
	}
	hh, err := highHigh(pd, in.Borders)
	if err != nil {
		return nil, err
	}
	in.HighHigh = func(r string, s int) bool { return hh[s][r] }
	if d.Clusters, err = cluster.Find(in, cluster.Options{}); err != nil {
		return nil, jalin.Wrap(err, "error.internal")
	}
	return d, nil
}

// highHigh returns, per sector, the regencies LISA marks significant
// high-high. Sectors with the same regencies share one Plan: its
// permutation draws depend only on the weights, and drawing them is most of
// the cost (about 40 ms each on the real map).
func highHigh(pd *PartnerData, borders [][2]string) ([]map[string]bool, error) {
	out := make([]map[string]bool, len(pd.Inputs.Sectors))
	plans := map[string]*spatial.Plan{}
	for s := range pd.Inputs.Sectors {
		out[s] = map[string]bool{}
		var codes []string
		var values []float64
		have := map[string]bool{}
		for _, code := range pd.Order {
			if v, ok := pd.Inputs.LQ(code, s); ok {
				codes, values = append(codes, code), append(values, v)
				have[code] = true
			}
		}
		var kept [][2]string
		for _, b := range borders {
			if have[b[0]] && have[b[1]] && b[0] != b[1] {
				kept = append(kept, b)
			}
		}
		if len(codes) < 3 || len(kept) == 0 {
			continue
		}
		key := strings.Join(codes, ",")
		plan := plans[key]
		if plan == nil {
			w, err := spatial.Contiguity(codes, kept)
			if err != nil {
				return nil, jalin.Wrap(err, "error.internal")
			}
			if plan, err = spatial.NewPlan(w.RowStandardize(), potentialPerms, potentialSeed); err != nil {
				return nil, jalin.Wrap(err, "error.internal")
			}
			plans[key] = plan
		}
		local, err := plan.LocalMoran(values)
		if err != nil {
			continue // a constant sector has no LISA
		}
		for i, lr := range local {
			if lr.Label() == string(spatial.HH) {
				out[s][codes[i]] = true
			}
		}
	}
	return out, nil
}

// clusterData returns the cached clusters of the current data version.
func (o *opportunity) clusterData(ctx context.Context) (*ClusterData, error) {
	return cachedGeo(ctx, o, "clusters", func(ctx context.Context) (*ClusterData, error) {
		pd, err := o.partnerData(ctx)
		if err != nil {
			return nil, err
		}
		return BuildClusters(pd)
	})
}

// clusterFilter narrows the clusters a page, the API or an export shows.
type clusterFilter struct {
	Sector   string        // "" every sector
	Basis    cluster.Basis // "" both
	Region   string        // a regency: the clusters it belongs to
	Province string        // a province: the clusters with a member in it
}

// parseClusterFilter reads ?sector=, ?basis=, ?region= and ?province=,
// naming the parameter at fault.
func parseClusterFilter(q map[string][]string, s *Server) (clusterFilter, error) {
	get := func(k string) string {
		if v := q[k]; len(v) > 0 {
			return strings.TrimSpace(v[0])
		}
		return ""
	}
	var f clusterFilter
	var err error
	if f.Sector, err = opportunitySector(get("sector")); err != nil {
		return f, err
	}
	switch b := cluster.Basis(get("basis")); b {
	case "", cluster.Base, cluster.HighHigh:
		f.Basis = b
	default:
		return f, jalin.Invalid("basis", "opportunity.param_basis", string(b))
	}
	if c := get("region"); c != "" {
		reg, err := opportunityRegency(s.Regions, c)
		if err != nil {
			return f, jalin.Invalid("region", "opportunity.param_region", c)
		}
		f.Region = reg.Code
	}
	if c := get("province"); c != "" {
		if p, ok := s.Regions.Get(c); !ok || len(p.Code) != 2 {
			return f, jalin.Invalid("province", "opportunity.param_province", c)
		}
		f.Province = c
	}
	return f, nil
}

// apply returns the clusters that pass f, in their order.
func (f clusterFilter) apply(cs []cluster.Cluster) []cluster.Cluster {
	var out []cluster.Cluster
	for _, c := range cs {
		if (f.Sector != "" && c.Sector != f.Sector) || (f.Basis != "" && c.Basis != f.Basis) ||
			(f.Region != "" && !c.Has(f.Region)) || (f.Province != "" && !slices.Contains(c.Provinces, f.Province)) {
			continue
		}
		out = append(out, c)
	}
	return out
}

// clusterDraftURL opens the new-cooperation form with the members of c
// other than self (the actor's region, which initiates) as partners, at
// most the form's 20 in code order, the sector, and the rationale as
// objectives (which names every member).
func clusterDraftURL(c cluster.Cluster, self, title, rationale string) string {
	var partners []string
	for _, m := range c.Members {
		if m != self && len(partners) < maxDraftPartners {
			partners = append(partners, m)
		}
	}
	return draftURL(draftPrefill{Partners: partners, Sector: c.Sector, Kind: "ksdd_sukarela", Title: title, Objectives: rationale})
}

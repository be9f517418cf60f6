package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/i18n"
	"github.com/jalin-ksd/jalin/opportunity/cluster"
	"github.com/jalin-ksd/jalin/opportunity/network"
	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/taxonomy"
)

// oppCluster is a cluster as a page lists it.
type oppCluster struct {
	ID, Sector, SectorName string
	Basis                  cluster.Basis
	Members                []region.Region
	Provinces              []string
	CrossBorder            bool
	GRDP, MeanLQ           float64
	MissingGRDP            int
	CreateURL              string
}

// clusterTableData is what the cluster_table partial shows: V is the
// page's view (for its messages).
type clusterTableData struct {
	V         any
	Rows      []oppCluster
	ID        string
	CanCreate bool
}

// clusterRows turns clusters into page rows; with canCreate each gets the
// link that starts a cooperation among its members from actor region self.
func (o *opportunity) clusterRows(r *http.Request, cs []cluster.Cluster, self string, canCreate bool) []oppCluster {
	lang := info(r).Lang
	rows := make([]oppCluster, 0, len(cs))
	for _, c := range cs {
		row := oppCluster{ID: c.ID(), Sector: c.Sector, SectorName: sectorName(c.Sector, lang), Basis: c.Basis,
			Provinces: c.Provinces, CrossBorder: c.CrossBorder(), GRDP: c.GRDP, MeanLQ: c.MeanLQ, MissingGRDP: c.MissingGRDP}
		var names []string
		for _, m := range c.Members {
			rg, ok := o.s.Regions.Get(m)
			if !ok {
				rg = region.Region{Code: m, Name: m}
			}
			row.Members = append(row.Members, rg)
			names = append(names, rg.Name)
		}
		if canCreate {
			cat := o.s.Catalog
			title := cat.T(lang, "opportunity.cluster_draft_title", row.SectorName)
			why := cat.T(lang, "opportunity.cluster_draft_rationale."+string(c.Basis), row.SectorName, strings.Join(names, ", "),
				len(c.Members), len(c.Provinces), formatFloatIn(lang, c.GRDP, 0))
			row.CreateURL = clusterDraftURL(c, self, title, why)
		}
		rows = append(rows, row)
	}
	return rows
}

// sectorName is a business field's name in lang.
func sectorName(code string, lang i18n.Lang) string {
	s, ok := taxonomy.SectorByCode(code)
	if !ok {
		return code
	}
	if lang == "en" {
		return s.NameEN
	}
	return s.NameID
}

// canCreateCoop reports whether the request's actor may start a
// cooperation, and from which region.
func canCreateCoop(r *http.Request) (bool, string) {
	a := info(r).Actor
	if a.IsAnonymous() || access.Authorize(a, access.CreateCooperation, homeResource(a, "cooperation")) != nil {
		return false, ""
	}
	return true, a.Region
}

type clustersPageData struct {
	Filter    clusterFilter
	Sectors   []taxonomy.Sector
	Provinces []region.Region
	Year      int
	Clusters  []oppCluster
	CanCreate bool
	// The map's GeoJSON, the CSV export and the JSON of the filter: whole
	// URLs, as html/template escapes a query string put into a URL.
	MapURL, ExportURL, JSONURL string
	Lang                       i18n.Lang
}

// clustersPage lists the potential clusters of the whole country, with a
// map of their members.
func (o *opportunity) clustersPage(w http.ResponseWriter, r *http.Request) {
	s := o.s
	f, err := parseClusterFilter(r.URL.Query(), s)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cd, err := o.clusterData(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	can, self := canCreateCoop(r)
	d := clustersPageData{Filter: f, Sectors: taxonomy.Sectors(), Provinces: s.Regions.Children(""), Year: cd.Year,
		Clusters: o.clusterRows(r, f.apply(cd.Clusters), self, can), CanCreate: can, Lang: info(r).Lang}
	q := "?" + f.query().Encode()
	d.MapURL, d.ExportURL, d.JSONURL = "/api/v1/opportunities/clusters/geometry"+q, "/opportunities/clusters/export"+q, "/api/v1/opportunities/clusters"+q
	s.render(w, r, "opportunity_clusters", "regions", s.t(r, "opportunity.clusters_title"), d)
}

// query is the filter as URL parameters.
func (f clusterFilter) query() url.Values {
	v := url.Values{}
	for k, x := range map[string]string{"sector": f.Sector, "basis": string(f.Basis), "region": f.Region, "province": f.Province} {
		if x != "" {
			v.Set(k, x)
		}
	}
	return v
}

type oppLink struct {
	A, B  region.Region
	State network.State
	Coops []network.Coop
}

type networkPageData struct {
	Filter    networkFilter
	Provinces []region.Region
	States    []network.State
	Links     []oppLink
	Isolated  []region.Region
	// ProvinceLinks counts the links with a province party: the map draws
	// their province end at a point inside the province, not at a seat.
	ProvinceLinks int
	// Whole URLs of the map's GeoJSON, the CSV export and the JSON.
	MapURL, ExportURL, JSONURL string
}

// networkPage shows who already cooperates with whom, as a map and a list,
// and the regencies that cooperate with no other region.
func (o *opportunity) networkPage(w http.ResponseWriter, r *http.Request) {
	s := o.s
	f, n, err := o.filteredNetwork(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	get := func(c string) region.Region {
		if rg, ok := s.Regions.Get(c); ok {
			return rg
		}
		return region.Region{Code: c, Name: c}
	}
	d := networkPageData{Filter: f, Provinces: s.Regions.Children(""), States: []network.State{network.Active, network.Planned, network.Expired}}
	q := "?" + f.query().Encode()
	d.MapURL, d.ExportURL, d.JSONURL = "/api/v1/opportunities/network/geometry"+q, "/opportunities/network/export"+q, "/api/v1/opportunities/network"+q
	for _, l := range n.Links {
		d.Links = append(d.Links, oppLink{A: get(l.A), B: get(l.B), State: l.State, Coops: l.Coops})
		if get(l.A).Level == region.Province || get(l.B).Level == region.Province {
			d.ProvinceLinks++
		}
	}
	for _, c := range n.Isolated {
		d.Isolated = append(d.Isolated, get(c))
	}
	s.render(w, r, "opportunity_network", "regions", s.t(r, "opportunity.network_title"), d)
}

func (f networkFilter) query() url.Values {
	v := url.Values{}
	if f.Province != "" {
		v.Set("province", f.Province)
	}
	if f.State != "" {
		v.Set("state", string(f.State))
	}
	return v
}

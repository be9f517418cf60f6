package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/geo"
	"github.com/jalin-ksd/jalin/opportunity/cluster"
	"github.com/jalin-ksd/jalin/opportunity/network"
	"github.com/jalin-ksd/jalin/region"
)

type apiRegionRef struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

type apiCluster struct {
	ID          string         `json:"id"`
	Sector      string         `json:"sector"`
	Basis       cluster.Basis  `json:"basis"`
	Members     []apiRegionRef `json:"members"`
	Provinces   []string       `json:"provinces"`
	CrossBorder bool           `json:"cross_border"`
	GRDP        float64        `json:"grdp"`
	MissingGRDP int            `json:"missing_grdp"`
	MeanLQ      float64        `json:"mean_lq"`
}

type apiClusters struct {
	Year     int          `json:"year"`
	Sector   string       `json:"sector"`
	Basis    string       `json:"basis"`
	Region   string       `json:"region"`
	Province string       `json:"province"`
	Total    int          `json:"total"`
	Items    []apiCluster `json:"items"`
}

func (o *opportunity) ref(code string) apiRegionRef {
	if rg, ok := o.s.Regions.Get(code); ok {
		return apiRegionRef{Code: code, Name: rg.Name}
	}
	return apiRegionRef{Code: code, Name: code}
}

// filteredClusters parses the filter and returns the clusters it selects.
func (o *opportunity) filteredClusters(r *http.Request) (clusterFilter, *ClusterData, []cluster.Cluster, error) {
	f, err := parseClusterFilter(r.URL.Query(), o.s)
	if err != nil {
		return f, nil, nil, err
	}
	cd, err := o.clusterData(r.Context())
	if err != nil {
		return f, nil, nil, err
	}
	return f, cd, f.apply(cd.Clusters), nil
}

// apiClusters returns the potential clusters, largest GRDP first.
func (o *opportunity) apiClusters(w http.ResponseWriter, r *http.Request) {
	f, cd, cs, err := o.filteredClusters(r)
	if err != nil {
		o.s.fail(w, r, err)
		return
	}
	out := apiClusters{Year: cd.Year, Sector: f.Sector, Basis: string(f.Basis), Region: f.Region, Province: f.Province,
		Total: len(cs), Items: make([]apiCluster, 0, len(cs))}
	for _, c := range cs {
		ac := apiCluster{ID: c.ID(), Sector: c.Sector, Basis: c.Basis, Provinces: c.Provinces, CrossBorder: c.CrossBorder(),
			GRDP: c.GRDP, MissingGRDP: c.MissingGRDP, MeanLQ: c.MeanLQ}
		for _, m := range c.Members {
			ac.Members = append(ac.Members, o.ref(m))
		}
		out.Items = append(out.Items, ac)
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	writeJSON(w, http.StatusOK, out)
}

// apiClustersGeometry returns the boundaries of the members of the
// selected clusters; class cl-N tells in how many of them a region is
// (N up to 3), and with ?region= that regency is the "self" feature.
func (o *opportunity) apiClustersGeometry(w http.ResponseWriter, r *http.Request) {
	f, _, cs, err := o.filteredClusters(r)
	if err != nil {
		o.s.fail(w, r, err)
		return
	}
	count := map[string]int{}
	var codes []string
	for _, c := range cs {
		for _, m := range c.Members {
			if count[m] == 0 {
				codes = append(codes, m)
			}
			count[m]++
		}
	}
	slices.Sort(codes)
	fs, err := o.s.boundaryFeatures(r.Context(), codes, func(code string) potFeatureProps {
		props := potFeatureProps{Code: code, Name: o.ref(code).Name, Role: "child", URL: "/regions/" + code + "/opportunities",
			Class: fmt.Sprintf("cl-%d", min(count[code], 3))}
		if code == f.Region {
			props.Role = "self"
		}
		return props
	})
	if err != nil {
		o.s.fail(w, r, err)
		return
	}
	writeGeoJSON(w, "public, max-age=300", fs)
}

type apiNetworkCoop struct {
	ID     int64         `json:"id"`
	Title  string        `json:"title"`
	Kind   string        `json:"kind"`
	State  network.State `json:"state"`
	Urusan []string      `json:"urusan"`
	Sector string        `json:"sector"`
}

type apiNetworkLink struct {
	A            apiRegionRef     `json:"a"`
	B            apiRegionRef     `json:"b"`
	State        network.State    `json:"state"`
	Cooperations []apiNetworkCoop `json:"cooperations"`
}

type apiNetwork struct {
	Province string           `json:"province"`
	State    string           `json:"state"`
	Links    []apiNetworkLink `json:"links"`
	Isolated []apiRegionRef   `json:"isolated"`
}

// apiNetwork returns who cooperates with whom among the cooperations the
// caller may see, and the regencies that cooperate with no other region.
func (o *opportunity) apiNetwork(w http.ResponseWriter, r *http.Request) {
	f, n, err := o.filteredNetwork(r)
	if err != nil {
		o.s.fail(w, r, err)
		return
	}
	out := apiNetwork{Province: f.Province, State: string(f.State), Links: make([]apiNetworkLink, 0, len(n.Links)),
		Isolated: make([]apiRegionRef, 0, len(n.Isolated))}
	for _, l := range n.Links {
		al := apiNetworkLink{A: o.ref(l.A), B: o.ref(l.B), State: l.State}
		for _, c := range l.Coops {
			u := c.Urusan
			if u == nil {
				u = []string{}
			}
			al.Cooperations = append(al.Cooperations, apiNetworkCoop{ID: c.ID, Title: c.Title, Kind: c.Kind, State: c.State, Urusan: u, Sector: c.Sector})
		}
		out.Links = append(out.Links, al)
	}
	for _, c := range n.Isolated {
		out.Isolated = append(out.Isolated, o.ref(c))
	}
	w.Header().Set("Cache-Control", "private, no-store")
	writeJSON(w, http.StatusOK, out)
}

type lineGeometry struct {
	Type        string       `json:"type"`
	Coordinates [][2]float64 `json:"coordinates"`
}

type pointGeometry struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}

// apiNetworkGeometry draws the network: a line from seat to seat per link
// (class net-active, net-planned or net-expired) and a point at the seat of
// each isolated regency (class net-isolated). A province has no seat: its
// end of a link is a point inside its boundary (see provincePoints), where
// the province is drawn as well (class net-province-point, a link to its
// province's network). With a province, its regencies' boundaries come
// first as the background (class net-area, or net-area-isolated for those
// that cooperate with no other region), so the lines are drawn over them;
// without one, the thinned outlines of the provinces do (class
// net-province, each a link to its province's network). A link to a region
// without a point (no seat, or a province without a boundary) is in the
// list, not on the map.
func (o *opportunity) apiNetworkGeometry(w http.ResponseWriter, r *http.Request) {
	f, n, err := o.filteredNetwork(r)
	if err != nil {
		o.s.fail(w, r, err)
		return
	}
	var codes []string
	for _, l := range n.Links {
		codes = append(codes, l.A, l.B)
	}
	codes = append(codes, n.Isolated...)
	slices.Sort(codes)
	codes = slices.Compact(codes)
	pts, err := o.s.Geo.Points(r.Context(), codes)
	if err != nil {
		o.s.fail(w, r, err)
		return
	}
	seat := map[string][2]float64{}
	for _, p := range pts {
		if _, dup := seat[p.Code]; !dup {
			seat[p.Code] = [2]float64{p.Lon, p.Lat}
		}
	}
	// The provinces among the link ends stand at their interior point.
	var provinces []string
	for _, c := range codes {
		if region.LevelOf(c) == region.Province {
			provinces = append(provinces, c)
		}
	}
	if len(provinces) > 0 {
		pp, err := o.provincePoints(r.Context())
		if err != nil {
			o.s.fail(w, r, err)
			return
		}
		for _, c := range provinces {
			if p, ok := pp[c]; ok {
				seat[c] = p
			}
		}
	}
	var fs []potFeature
	if f.Province == "" {
		outlines, err := o.provinceOutlines(r.Context())
		if err != nil {
			o.s.fail(w, r, err)
			return
		}
		for _, pf := range outlines {
			pf.Properties.URL = "/opportunities/network?" + networkFilter{Province: pf.Properties.Code, State: f.State}.query().Encode()
			fs = append(fs, pf)
		}
	} else {
		isolated := map[string]bool{}
		for _, c := range n.Isolated {
			isolated[c] = true
		}
		var area []string
		for _, rg := range o.s.Regions.Children(f.Province) {
			area = append(area, rg.Code)
		}
		fs, err = o.s.boundaryFeatures(r.Context(), area, func(code string) potFeatureProps {
			class := "net-area"
			if isolated[code] {
				class = "net-area-isolated"
			}
			return potFeatureProps{Code: code, Name: o.ref(code).Name, Role: "parent", URL: "/regions/" + code + "/opportunities", Class: class}
		})
		if err != nil {
			o.s.fail(w, r, err)
			return
		}
	}
	for _, l := range n.Links {
		a, okA := seat[l.A]
		b, okB := seat[l.B]
		if !okA || !okB {
			continue
		}
		name := o.ref(l.A).Name + " – " + o.ref(l.B).Name
		fs = append(fs, potFeature{"Feature", lineGeometry{"LineString", [][2]float64{a, b}},
			potFeatureProps{Code: l.A + "-" + l.B, Name: name, Role: "parent", Class: "net-" + string(l.State)}})
	}
	for _, c := range n.Isolated {
		if p, ok := seat[c]; ok {
			fs = append(fs, potFeature{"Feature", pointGeometry{"Point", p},
				potFeatureProps{Code: c, Name: o.ref(c).Name, Role: "child", URL: "/regions/" + c + "/opportunities", Class: "net-isolated"}})
		}
	}
	for _, c := range provinces {
		if p, ok := seat[c]; ok {
			url := "/opportunities/network?" + networkFilter{Province: c, State: f.State}.query().Encode()
			fs = append(fs, potFeature{"Feature", pointGeometry{"Point", p},
				potFeatureProps{Code: c, Name: o.ref(c).Name, Role: "child", URL: url, Class: "net-province-point"}})
		}
	}
	writeGeoJSON(w, "private, no-store", fs)
}

// provinceClearance is how far a province's point keeps from the seats of
// its regencies, as a share of the province's extent (see
// geo.InteriorPointAway): some 12 km for West Java.
const provinceClearance = 0.05

// provincePoints returns where the network map draws each province that
// has a boundary: a point inside it, clear of its regencies' seats (not its
// capital's seat, which would give the link between a province and its
// capital city, the most common, no length). Built once per data version;
// callers must not change the map.
func (o *opportunity) provincePoints(ctx context.Context) (map[string][2]float64, error) {
	return cachedGeo(ctx, o, "province-points", func(ctx context.Context) (map[string][2]float64, error) {
		var codes, regencies []string
		for _, p := range o.s.Regions.Children("") {
			codes = append(codes, p.Code)
			for _, rg := range o.s.Regions.Children(p.Code) {
				regencies = append(regencies, rg.Code)
			}
		}
		bs, err := o.s.Geo.Boundaries(ctx, codes)
		if err != nil {
			return nil, err
		}
		seats, err := o.s.Geo.Points(ctx, regencies)
		if err != nil {
			return nil, err
		}
		avoid := map[string][][2]float64{} // by province
		for _, p := range seats {
			prov := p.Code[:2] // a regency code is its province's and two digits more
			avoid[prov] = append(avoid[prov], [2]float64{p.Lon, p.Lat})
		}
		out := make(map[string][2]float64, len(bs))
		for _, b := range bs {
			p, err := geo.InteriorPointAway(b.Geometry, avoid[b.Code], provinceClearance)
			if errors.Is(err, geo.ErrNoInterior) {
				continue // a boundary without area: the province's links stay off the map
			}
			if err != nil {
				return nil, jalin.Wrap(err, "error.internal")
			}
			out[b.Code] = p
		}
		return out, nil
	})
}

// Province outlines for the national network map: Douglas-Peucker at 0.02
// degrees (about 2 km) without islands under 0.05 degrees, some 145 kB for
// the 38 provinces instead of 2.6 MB at full resolution.
const (
	outlineTolerance = 0.02
	outlineMinExtent = 0.05
)

// provinceOutlines returns the thinned outline of every province the
// geography has (class net-province, no URL), built once per data version.
// Callers copy a feature before they change it.
func (o *opportunity) provinceOutlines(ctx context.Context) ([]potFeature, error) {
	return cachedGeo(ctx, o, "province-outlines", func(ctx context.Context) ([]potFeature, error) {
		var codes []string
		for _, p := range o.s.Regions.Children("") {
			codes = append(codes, p.Code)
		}
		bs, err := o.s.Geo.Boundaries(ctx, codes)
		if err != nil {
			return nil, err
		}
		out := make([]potFeature, 0, len(bs))
		for _, b := range bs {
			g, err := geo.Simplify(b.Geometry, outlineTolerance, outlineMinExtent)
			if err != nil {
				return nil, jalin.Wrap(err, "error.internal")
			}
			if g == nil {
				continue
			}
			out = append(out, potFeature{"Feature", g, potFeatureProps{Code: b.Code, Name: o.ref(b.Code).Name, Role: "parent", Class: "net-province"}})
		}
		return out, nil
	})
}

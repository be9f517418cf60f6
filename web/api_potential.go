package web

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/region"
)

// apiRegionPotential returns a region's potential; 404 for an unknown code
// and for a region the data do not cover.
func (p *potential) apiRegionPotential(w http.ResponseWriter, r *http.Request) {
	s := p.s
	reg, err := lookupRegion(s.Regions, r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	n, err := p.national(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	l := n.Regency
	if reg.Level == region.Province {
		l = n.Province
	}
	if reg.Level > region.Regency || l == nil || !hasRegion(l, reg.Code) {
		s.fail(w, r, jalin.Errorf(jalin.ENotFound, "potential.no_region_data", reg.Code))
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	writeJSON(w, http.StatusOK, n.regionPotential(l, reg.Code, reg.Name, int(reg.Level)))
}

type apiMoran struct {
	I            *float64 `json:"i"`
	PseudoP      *float64 `json:"pseudo_p"`
	Permutations int      `json:"permutations"`
	Seed         uint64   `json:"seed"`
	N            int      `json:"n"`
	Islands      int      `json:"islands"`
	Links        int      `json:"links"`
	Status       string   `json:"status"`
}

type apiSectorPotential struct {
	Sector string        `json:"sector"`
	NameID string        `json:"name_id"`
	NameEN string        `json:"name_en"`
	Year   int           `json:"year"`
	Meta   potentialMeta `json:"meta"`
	Moran  apiMoran      `json:"moran"`
	Items  []sectorItem  `json:"items"`
}

// sectorFor parses {sector} (or ?sector=) and ?year= and returns the
// sector's national picture.
func (p *potential) sectorFor(r *http.Request, sectorValue string) (*potentialNational, *sectorSpatial, error) {
	sec, err := sectorParam(sectorValue, "A")
	if err != nil {
		return nil, nil, err
	}
	year, err := yearParam(r.URL.Query(), "year")
	if err != nil {
		return nil, nil, err
	}
	n, err := p.national(r.Context())
	if err != nil {
		return nil, nil, err
	}
	if year == 0 {
		year = n.Regency.Year
	}
	sp, err := p.sector(r.Context(), n, sec.Code, year)
	return n, sp, err
}

func (p *potential) apiSectorPotential(w http.ResponseWriter, r *http.Request) {
	n, sp, err := p.sectorFor(r, r.PathValue("sector"))
	if err != nil {
		p.s.fail(w, r, err)
		return
	}
	out := apiSectorPotential{Sector: sp.Sector, Year: sp.Year, Meta: n.meta(n.Regency), Items: p.items(sp),
		Moran: apiMoran{I: numPtr(sp.Moran.I), PseudoP: numPtr(sp.Moran.PseudoP), Permutations: potentialPerms, Seed: potentialSeed,
			N: sp.Moran.N, Islands: sp.Moran.Islands, Links: sp.Links, Status: string(sp.Moran.Status)}}
	if out.Moran.Status == "" {
		out.Moran.Status = "undefined"
	}
	out.Meta.Year = sp.Year
	sec, _ := sectorParam(sp.Sector, "")
	out.NameID, out.NameEN = sec.NameID, sec.NameEN
	w.Header().Set("Cache-Control", "public, max-age=300")
	writeJSON(w, http.StatusOK, out)
}

// potFeatureProps are the properties of a choropleth feature: those of the
// region maps plus class, which app.js adds to the shape's CSS classes.
type potFeatureProps struct {
	Code  string   `json:"code"`
	Name  string   `json:"name"`
	Role  string   `json:"role"`
	URL   string   `json:"url"`
	Class string   `json:"class"`
	Value *float64 `json:"value"`
}

// potFeature is a feature of a choropleth or of the network map; its
// geometry is a boundary as stored (json.RawMessage) or one built here.
type potFeature struct {
	Type       string          `json:"type"`
	Geometry   any             `json:"geometry"`
	Properties potFeatureProps `json:"properties"`
}

// boundaryFeatures returns the boundaries of codes that the geography has,
// each with the properties props gives it.
func (s *Server) boundaryFeatures(ctx context.Context, codes []string, props func(code string) potFeatureProps) ([]potFeature, error) {
	bs, err := s.Geo.Boundaries(ctx, codes)
	if err != nil {
		return nil, err
	}
	out := make([]potFeature, 0, len(bs))
	for _, b := range bs {
		out = append(out, potFeature{Type: "Feature", Geometry: b.Geometry, Properties: props(b.Code)})
	}
	return out, nil
}

// writeGeoJSON writes the features as a feature collection.
func writeGeoJSON(w http.ResponseWriter, cacheControl string, features []potFeature) {
	if features == nil {
		features = []potFeature{}
	}
	w.Header().Set("Cache-Control", cacheControl)
	w.Header().Set("Content-Type", "application/geo+json")
	_ = json.NewEncoder(w).Encode(struct {
		Type     string       `json:"type"`
		Features []potFeature `json:"features"`
	}{"FeatureCollection", features})
}

// apiSectorGeometry returns the regency boundaries with the class of each
// on the chosen layer: lq (lq-1 … lq-5, lq-na) or lisa (lisa-HH, …).
func (p *potential) apiSectorGeometry(w http.ResponseWriter, r *http.Request) {
	layer := r.URL.Query().Get("layer")
	if layer == "" {
		layer = "lq"
	}
	if layer != "lq" && layer != "lisa" {
		p.s.fail(w, r, jalin.Invalid("layer", "potential.param_layer", layer))
		return
	}
	_, sp, err := p.sectorFor(r, r.PathValue("sector"))
	if err != nil {
		p.s.fail(w, r, err)
		return
	}
	items := p.items(sp)
	byCode := make(map[string]sectorItem, len(items))
	codes := make([]string, len(items))
	for i, it := range items {
		byCode[it.Code], codes[i] = it, it.Code
	}
	fs, err := p.s.boundaryFeatures(r.Context(), codes, func(code string) potFeatureProps {
		it := byCode[code]
		props := potFeatureProps{Code: it.Code, Name: it.Name, Role: "child", URL: "/regions/" + it.Code + "/potential", Value: it.LQ}
		switch {
		case layer == "lisa":
			props.Class = lisaClass(it.Lisa)
			props.Value = it.LisaP
		case it.LQ == nil:
			props.Class = "lq-na"
		default:
			props.Class = "lq-" + string(rune('0'+it.LQClass))
		}
		return props
	})
	if err != nil {
		p.s.fail(w, r, err)
		return
	}
	writeGeoJSON(w, "public, max-age=300", fs)
}

// apiInequality returns Williamson and Theil by year.
func (p *potential) apiInequality(w http.ResponseWriter, r *http.Request) {
	s := p.s
	q := r.URL.Query()
	prov, err := provinceParam(q, s.Regions)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	from, err := yearParam(q, "from")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	to, err := yearParam(q, "to")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if from != 0 && to != 0 && from > to {
		s.fail(w, r, jalin.Invalid("from", "potential.param_range", from, to))
		return
	}
	n, err := p.national(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	writeJSON(w, http.StatusOK, n.inequality(prov, from, to))
}

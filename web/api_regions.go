package web

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"sort"
	"strconv"
	"sync"

	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/taxonomy"
)

// apiRegion is a region as the API shows it.
type apiRegion struct {
	Code       string      `json:"code"`
	Name       string      `json:"name"`
	Level      int         `json:"level"`
	Kind       region.Kind `json:"kind"`
	ParentCode *string     `json:"parent_code"`
}

func toAPI(r region.Region) apiRegion {
	a := apiRegion{Code: r.Code, Name: r.Name, Level: int(r.Level), Kind: r.Kind}
	if r.Parent != "" {
		p := r.Parent
		a.ParentCode = &p
	}
	return a
}

func toAPIList(rs []region.Region) []apiRegion {
	out := make([]apiRegion, len(rs))
	for i, r := range rs {
		out[i] = toAPI(r)
	}
	return out
}

type apiPage[T any] struct {
	Items  []T `json:"items"`
	Total  int `json:"total"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b := jsonBuffers.Get().(*bytes.Buffer)
	defer func() {
		if b.Cap() <= 1<<20 { // do not keep a rare huge answer's buffer
			b.Reset()
			jsonBuffers.Put(b)
		}
	}()
	if err := json.NewEncoder(b).Encode(v); err != nil {
		// Only a value the API never builds (a channel, a NaN) fails.
		writeBody(w, http.StatusInternalServerError, "application/problem+json",
			[]byte(`{"type":"about:blank","title":"Internal Server Error","status":500}`+"\n"))
		return
	}
	writeBody(w, status, "application/json", b.Bytes())
}

// jsonBuffers keeps writeJSON's buffers between answers.
var jsonBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// writeBody answers with body whole, its length announced: without it
// net/http sends anything over 2 kB chunked.
func writeBody(w http.ResponseWriter, status int, contentType string, body []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

func (s *Server) apiRegionList(w http.ResponseWriter, r *http.Request) {
	q, err := parseRegionQuery(r.URL.Query(), s.Regions)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res := q.run(s.Regions)
	writeJSON(w, http.StatusOK, apiPage[apiRegion]{Items: toAPIList(res.Regions), Total: res.Total, Limit: q.Limit, Offset: q.Offset})
}

type apiNeighbour struct {
	apiRegion
	SharedBorderKm *float64 `json:"shared_border_km"`
}

type apiPoint struct {
	Lon  float64 `json:"lon"`
	Lat  float64 `json:"lat"`
	Kind string  `json:"kind"`
}

type apiRegionDetail struct {
	apiRegion
	Ancestors     []apiRegion    `json:"ancestors"`
	Children      []apiRegion    `json:"children"`
	ChildrenCount int            `json:"children_count"`
	Neighbours    []apiNeighbour `json:"neighbours"`
	Point         *apiPoint      `json:"point"`
}

// regionNeighbour is a neighbour with the length of the shared border.
type regionNeighbour struct {
	region.Region
	SharedBorderKm float64
}

// neighbours returns the regions bordering reg. Province borders are not
// imported as such: two provinces border each other where their regencies do.
func (s *Server) neighbours(ctx context.Context, reg region.Region) ([]regionNeighbour, error) {
	if reg.Level != region.Province {
		adj, err := s.Geo.Neighbours(ctx, reg.Code)
		if err != nil {
			return nil, err
		}
		out := make([]regionNeighbour, 0, len(adj))
		for _, a := range adj {
			other := a.B
			if other == reg.Code {
				other = a.A
			}
			if o, ok := s.Regions.Get(other); ok {
				out = append(out, regionNeighbour{Region: o, SharedBorderKm: a.SharedBorderKm})
			}
		}
		return out, nil
	}
	border := make(map[string]float64)
	for _, child := range s.Regions.Children(reg.Code) {
		adj, err := s.Geo.Neighbours(ctx, child.Code)
		if err != nil {
			return nil, err
		}
		for _, a := range adj {
			other := a.B
			if other == child.Code {
				other = a.A
			}
			if p := other[:2]; p != reg.Code {
				border[p] += a.SharedBorderKm
			}
		}
	}
	out := make([]regionNeighbour, 0, len(border))
	for code, km := range border {
		if o, ok := s.Regions.Get(code); ok {
			out = append(out, regionNeighbour{Region: o, SharedBorderKm: km})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out, nil
}

func (s *Server) apiRegionGet(w http.ResponseWriter, r *http.Request) {
	reg, err := lookupRegion(s.Regions, r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	nb, err := s.neighbours(r.Context(), reg)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	children := s.Regions.Children(reg.Code)
	d := apiRegionDetail{
		apiRegion:     toAPI(reg),
		Ancestors:     toAPIList(s.Regions.Ancestors(reg.Code)),
		Children:      toAPIList(children),
		ChildrenCount: len(children),
		Neighbours:    make([]apiNeighbour, len(nb)),
	}
	for i, n := range nb {
		d.Neighbours[i] = apiNeighbour{apiRegion: toAPI(n.Region)}
		if n.SharedBorderKm > 0 {
			km := n.SharedBorderKm
			d.Neighbours[i].SharedBorderKm = &km
		}
	}
	pts, err := s.Geo.Points(r.Context(), []string{reg.Code})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(pts) == 1 {
		d.Point = &apiPoint{Lon: pts[0].Lon, Lat: pts[0].Lat, Kind: pts[0].Kind}
	}
	writeJSON(w, http.StatusOK, d)
}

// feature is a GeoJSON feature for the region maps.
type feature struct {
	Type       string          `json:"type"`
	Geometry   json.RawMessage `json:"geometry"`
	Properties featureProps    `json:"properties"`
}

type featureProps struct {
	Code string `json:"code"`
	Name string `json:"name"`
	Role string `json:"role"`
	URL  string `json:"url"`
}

type featureCollection struct {
	Type     string    `json:"type"`
	Features []feature `json:"features"`
}

// apiRegionGeometry returns the boundaries to draw on a region's map: the
// region itself, its neighbours and, for a province, its regencies. A
// district or village has no boundary of its own; its regency stands in.
func (s *Server) apiRegionGeometry(w http.ResponseWriter, r *http.Request) {
	reg, err := lookupRegion(s.Regions, r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	role := map[string]string{}
	self := reg
	for self.Level > region.Regency {
		self, _ = s.Regions.Get(self.Parent)
	}
	if self.Code == reg.Code {
		role[reg.Code] = "self"
	} else {
		role[self.Code] = "parent"
	}
	if reg.Level <= region.Regency {
		nb, err := s.neighbours(r.Context(), reg)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, n := range nb {
			role[n.Code] = "neighbour"
		}
	}
	if reg.Level == region.Province {
		for _, c := range s.Regions.Children(reg.Code) {
			role[c.Code] = "child"
		}
	}
	codes := make([]string, 0, len(role))
	for c := range role {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	bs, err := s.Geo.Boundaries(r.Context(), codes)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	fc := featureCollection{Type: "FeatureCollection", Features: make([]feature, 0, len(bs))}
	for _, b := range bs {
		fc.Features = append(fc.Features, s.feature(b.Code, b.Geometry, role[b.Code]))
	}
	w.Header().Set("Cache-Control", "private, max-age=300")
	w.Header().Set("Content-Type", "application/geo+json")
	_ = json.NewEncoder(w).Encode(fc)
}

func (s *Server) feature(code string, g json.RawMessage, role string) feature {
	reg, _ := s.Regions.Get(code)
	return feature{Type: "Feature", Geometry: g, Properties: featureProps{Code: code, Name: reg.Name, Role: role, URL: "/regions/" + code}}
}

// apiRegionPoints returns the point of a region and those of its children
// (a regency's districts, a district's villages, a province's regency seats).
func (s *Server) apiRegionPoints(w http.ResponseWriter, r *http.Request) {
	reg, err := lookupRegion(s.Regions, r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	codes := []string{reg.Code}
	for _, c := range s.Regions.Children(reg.Code) {
		codes = append(codes, c.Code)
	}
	pts, err := s.Geo.Points(r.Context(), codes)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	fc := featureCollection{Type: "FeatureCollection", Features: make([]feature, 0, len(pts))}
	for _, p := range pts {
		role := "child"
		if p.Code == reg.Code {
			role = "self"
		}
		g, _ := json.Marshal(struct {
			Type        string     `json:"type"`
			Coordinates [2]float64 `json:"coordinates"`
		}{"Point", [2]float64{p.Lon, p.Lat}})
		fc.Features = append(fc.Features, s.feature(p.Code, g, role))
	}
	w.Header().Set("Cache-Control", "private, max-age=300")
	w.Header().Set("Content-Type", "application/geo+json")
	_ = json.NewEncoder(w).Encode(fc)
}

type apiSector struct {
	Code   string `json:"code"`
	NameID string `json:"name_id"`
	NameEN string `json:"name_en"`
}

func (s *Server) apiSectors(w http.ResponseWriter, r *http.Request) {
	var out []apiSector
	for _, sec := range taxonomy.Sectors() {
		out = append(out, apiSector{Code: sec.Code, NameID: sec.NameID, NameEN: sec.NameEN})
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

type apiUrusan struct {
	Code   string `json:"code"`
	NameID string `json:"name_id"`
	NameEN string `json:"name_en"`
	Class  string `json:"class"`
}

func (s *Server) apiUrusan(w http.ResponseWriter, r *http.Request) {
	var out []apiUrusan
	for _, u := range taxonomy.Urusans() {
		out = append(out, apiUrusan{Code: u.Code, NameID: u.NameID, NameEN: u.NameEN, Class: string(u.Class)})
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/jalin-ksd/jalin/i18n"
	"github.com/jalin-ksd/jalin/region"
)

const langCookie = "lang"

type homeData struct {
	Provinces []region.Region
	Counts    [5]int
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	d := homeData{Provinces: s.Regions.Children("")}
	for l := region.Province; l <= region.Village; l++ {
		d.Counts[l] = s.Regions.Count(l)
	}
	s.render(w, r, "home", "home", s.Catalog.T(info(r).Lang, "home.title"), d)
}

type browserData struct {
	Query   regionQuery
	Parent  *region.Region
	Result  region.Result
	From    int
	To      int
	PrevURL string
	NextURL string
	Levels  []region.Level
}

func (s *Server) regionBrowser(w http.ResponseWriter, r *http.Request) {
	q, err := parseRegionQuery(r.URL.Query(), s.Regions)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := browserData{Query: q, Result: q.run(s.Regions), Levels: []region.Level{region.Province, region.Regency, region.District, region.Village}}
	if q.Parent != "" {
		p, _ := s.Regions.Get(q.Parent)
		d.Parent = &p
	}
	if len(d.Result.Regions) > 0 {
		d.From, d.To = q.Offset+1, q.Offset+len(d.Result.Regions)
	}
	page := q.Offset/q.Limit + 1
	if q.Offset > 0 {
		d.PrevURL = pageURL(r.URL.Query(), page-1)
	}
	if q.Offset+q.Limit < d.Result.Total {
		d.NextURL = pageURL(r.URL.Query(), page+1)
	}
	s.render(w, r, "regions", "regions", s.Catalog.T(info(r).Lang, "regions.title"), d)
}

func pageURL(v url.Values, page int) string {
	c := url.Values{}
	for k, vs := range v {
		if k != "page" && k != "offset" {
			c[k] = vs
		}
	}
	c.Set("page", strconv.Itoa(page))
	return "/regions?" + c.Encode()
}

type regionPageData struct {
	Region     region.Region
	Ancestors  []region.Region
	Children   []region.Region
	Neighbours []regionNeighbour
	HasMap     bool
	ChildLevel region.Level
}

func (s *Server) regionPage(w http.ResponseWriter, r *http.Request) {
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
	d := regionPageData{
		Region:     reg,
		Ancestors:  s.Regions.Ancestors(reg.Code),
		Children:   s.Regions.Children(reg.Code),
		Neighbours: nb,
		ChildLevel: reg.Level + 1,
	}
	// The map needs the boundary of the region or of its regency.
	mapCode := reg.Code
	if reg.Level > region.Regency {
		mapCode = reg.Code[:5]
	}
	bs, err := s.Geo.Boundaries(r.Context(), []string{mapCode})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.HasMap = len(bs) > 0
	s.render(w, r, "region", "regions", reg.Name, d)
}

// switchLang remembers the chosen language in a cookie and returns to the
// page the user came from (only a local path, never another site).
func (s *Server) switchLang(w http.ResponseWriter, r *http.Request) {
	l, ok := i18n.Parse(r.PathValue("lang"))
	if !ok {
		l = i18n.Default
	}
	setLangCookie(w, s.Config.SecureCookies(), l)
	http.Redirect(w, r, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
}

package web

import (
	"errors"
	"net/http"

	"github.com/jalin-ksd/jalin/analysis"
	"github.com/jalin-ksd/jalin/i18n"
	"github.com/jalin-ksd/jalin/region"
)

// Page states of the region potential page.
const (
	potOK            = "ok"
	potNoData        = "no_data"        // nothing imported
	potNoRegionData  = "no_region_data" // imported, but not this region
	potChooseRegency = "choose_regency" // a province without province-level data
	potBelowRegency  = "below_regency"  // a district or village: see its regency
)

type potentialPageData struct {
	Region    region.Region
	Ancestors []region.Region
	State     string
	Pot       *potentialRegion
	Choices   []region.Region // regencies with data, for a province
	Regency   *region.Region  // a district's or village's regency
	Scatter   map[string]any
	Trend     map[string]any
	Lang      i18n.Lang
}

// regionPotentialPage shows a regency's potential (or a province's when the
// data have the province level).
func (p *potential) regionPotentialPage(w http.ResponseWriter, r *http.Request) {
	s := p.s
	reg, err := lookupRegion(s.Regions, r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lang := info(r).Lang
	d := potentialPageData{Region: reg, Ancestors: s.Regions.Ancestors(reg.Code), Lang: lang}
	title := s.Catalog.T(lang, "potential.region_title", reg.Name)
	n, err := p.national(r.Context())
	switch {
	case errors.Is(err, errNoEconData):
		d.State = potNoData
		s.render(w, r, "potential_region", "regions", title, d)
		return
	case err != nil:
		s.fail(w, r, err)
		return
	}
	var l *levelResult
	switch reg.Level {
	case region.Regency:
		l = n.Regency
	case region.Province:
		l = n.Province
	default:
		rg, _ := s.Regions.Get(reg.Code[:5])
		d.State, d.Regency = potBelowRegency, &rg
		s.render(w, r, "potential_region", "regions", title, d)
		return
	}
	if reg.Level == region.Province {
		for _, c := range s.Regions.Children(reg.Code) {
			if _, ok := n.Regency.index[c.Code]; ok {
				d.Choices = append(d.Choices, c)
			}
		}
	}
	if l == nil || !hasRegion(l, reg.Code) {
		d.State = potNoRegionData
		if reg.Level == region.Province {
			d.State = potChooseRegency
		}
		s.render(w, r, "potential_region", "regions", title, d)
		return
	}
	pr := n.regionPotential(l, reg.Code, reg.Name, int(reg.Level))
	d.State, d.Pot = potOK, &pr
	d.Scatter, d.Trend = p.scatterChart(&pr, lang), trendChart(&pr)
	s.render(w, r, "potential_region", "regions", title, d)
}

func hasRegion(l *levelResult, code string) bool {
	_, ok := l.index[code]
	return ok
}

// scatterChart is the Chart.js config of the SLQ × DLQ quadrants: one point
// per sector (labelled by app.js from the point's label) and the lines at 1.
func (p *potential) scatterChart(pr *potentialRegion, lang i18n.Lang) map[string]any {
	var pts []map[string]any
	maxX, maxY := 2.0, 2.0
	for _, s := range pr.Sectors {
		if s.SLQ == nil || s.DLQ == nil {
			continue
		}
		pts = append(pts, map[string]any{"x": *s.SLQ, "y": *s.DLQ, "label": s.Sector})
		maxX, maxY = max(maxX, *s.SLQ*1.1), max(maxY, *s.DLQ*1.1)
	}
	line := func(pts ...[2]float64) map[string]any {
		data := make([]map[string]float64, len(pts))
		for i, pt := range pts {
			data[i] = map[string]float64{"x": pt[0], "y": pt[1]}
		}
		return map[string]any{"type": "line", "data": data, "showLine": true, "pointRadius": 0, "borderWidth": 1,
			"borderDash": []int{4, 4}, "borderColor": "#4f5b6b", "label": "1"}
	}
	T := func(k string) string { return p.s.Catalog.T(lang, k) }
	return map[string]any{
		"type": "scatter",
		"data": map[string]any{"datasets": []any{
			map[string]any{"label": T("potential.sectors"), "data": pts, "pointRadius": 5, "backgroundColor": "#12807a", "borderColor": "#0f6b63"},
			line([2]float64{1, 0}, [2]float64{1, maxY}),
			line([2]float64{0, 1}, [2]float64{maxX, 1}),
		}},
		"options": map[string]any{
			"plugins": map[string]any{"legend": map[string]any{"display": false}},
			"scales": map[string]any{
				"x": map[string]any{"min": 0, "title": map[string]any{"display": true, "text": T("potential.axis_slq")}},
				"y": map[string]any{"min": 0, "title": map[string]any{"display": true, "text": T("potential.axis_dlq")}},
			},
		},
	}
}

// trendChart is the Chart.js config of the region's GRDP by sector over the years.
func trendChart(pr *potentialRegion) map[string]any {
	ds := make([]any, 0, len(pr.Trend))
	for _, s := range pr.Trend {
		ds = append(ds, map[string]any{"label": s.Sector, "data": s.Values, "pointRadius": 2, "borderWidth": 2})
	}
	return map[string]any{
		"type": "line",
		"data": map[string]any{"labels": pr.Years, "datasets": ds},
		"options": map[string]any{
			"plugins": map[string]any{"legend": map[string]any{"position": "right"}},
			"scales":  map[string]any{"y": map[string]any{"title": map[string]any{"display": true, "text": pr.Meta.Unit}}},
		},
	}
}

// klassenQuadrants lists the quadrants for the legend.
var klassenQuadrants = []int{analysis.QuadrantI, analysis.QuadrantII, analysis.QuadrantIII, analysis.QuadrantIV}

// Quadrants lists the Klassen quadrants for the page's legend.
func (potentialPageData) Quadrants() []int { return klassenQuadrants }

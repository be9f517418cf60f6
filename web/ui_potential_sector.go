package web

import (
	"errors"
	"net/http"

	"github.com/jalin-ksd/jalin/analysis/spatial"
	"github.com/jalin-ksd/jalin/i18n"
	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/taxonomy"
)

const potentialTop = 15

type sectorPageData struct {
	Sectors  []taxonomy.Sector
	Sector   taxonomy.Sector
	Year     int
	Years    []int
	State    string // potOK or potNoData
	Meta     potentialMeta
	Moran    spatial.MoranPermResult
	Top      []sectorItem
	Counts   map[string]int // regencies per LISA label
	Regions  int            // with an LQ
	Missing  int            // without one
	Links    int
	Lang     i18n.Lang
	Excluded []sectorItem // regencies without an LQ (at most a few shown)
}

// SectorName is a sector's name in the page's language.
func (d sectorPageData) SectorName(s taxonomy.Sector) string {
	if d.Lang == i18n.EN {
		return s.NameEN
	}
	return s.NameID
}

// MoranP is the pseudo p-value of Moran's I, or nil when undefined.
func (d sectorPageData) MoranP() *float64 {
	if d.Moran.Status != spatial.StatusOK {
		return nil
	}
	return numPtr(d.Moran.PseudoP)
}

// MoranI is Moran's I, or nil when undefined.
func (d sectorPageData) MoranI() *float64 { return numPtr(d.Moran.I) }

// sectorPage is the national picture of one sector: LQ by regency, LISA
// clusters, Moran's I and the regencies that specialise most.
func (p *potential) sectorPage(w http.ResponseWriter, r *http.Request) {
	s := p.s
	q := r.URL.Query()
	sec, err := sectorParam(q.Get("sector"), "A")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	year, err := yearParam(q, "year")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lang := info(r).Lang
	d := sectorPageData{Sectors: taxonomy.Sectors(), Sector: sec, Lang: lang}
	title := s.Catalog.T(lang, "potential.sector_title", d.SectorName(sec))
	n, err := p.national(r.Context())
	switch {
	case errors.Is(err, errNoEconData):
		d.State = potNoData
		s.render(w, r, "potential_sector", "potential", title, d)
		return
	case err != nil:
		s.fail(w, r, err)
		return
	}
	if year == 0 {
		year = n.Regency.Year
	}
	sp, err := p.sector(r.Context(), n, sec.Code, year)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.State, d.Year, d.Years, d.Meta = potOK, year, n.Regency.Panel.Years, n.meta(n.Regency)
	d.Meta.Year = year
	d.Moran, d.Regions, d.Missing, d.Links = sp.Moran, len(sp.Codes), len(sp.Missing), sp.Links
	items := p.items(sp)
	d.Top = items[:min(potentialTop, len(sp.Codes))]
	d.Counts = map[string]int{}
	for _, it := range items[:len(sp.Codes)] {
		d.Counts[it.Lisa]++
	}
	d.Excluded = items[len(sp.Codes):]
	s.render(w, r, "potential_sector", "potential", title, d)
}

type inequalityPageData struct {
	Province  *region.Region
	Provinces []region.Region
	State     string
	Series    inequalitySeries
	Chart     map[string]any
	Theil     map[string]any
	Gaps      []int // years without population for some or all regions
	Lang      i18n.Lang
}

// inequalityPage shows Williamson and Theil over the years, nationally or
// among the regencies of one province.
func (p *potential) inequalityPage(w http.ResponseWriter, r *http.Request) {
	s := p.s
	prov, err := provinceParam(r.URL.Query(), s.Regions)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lang := info(r).Lang
	d := inequalityPageData{Provinces: s.Regions.Children(""), Lang: lang}
	title := s.Catalog.T(lang, "potential.inequality_title")
	if prov != "" {
		pr, _ := s.Regions.Get(prov)
		d.Province = &pr
		title = s.Catalog.T(lang, "potential.inequality_title_in", pr.Name)
	}
	n, err := p.national(r.Context())
	switch {
	case errors.Is(err, errNoEconData):
		d.State = potNoData
		s.render(w, r, "potential_inequality", "potential", title, d)
		return
	case err != nil:
		s.fail(w, r, err)
		return
	}
	d.State, d.Series = potOK, n.inequality(prov, 0, 0)
	var labels []int
	var wil, th, bt, wi []*float64
	for _, y := range d.Series.Years {
		labels = append(labels, y.Year)
		wil, th, bt, wi = append(wil, y.Williamson), append(th, y.Theil), append(bt, y.Between), append(wi, y.Within)
		if y.NoPopulation > 0 {
			d.Gaps = append(d.Gaps, y.Year)
		}
	}
	T := func(k string) string { return s.Catalog.T(lang, k) }
	lineDS := func(label string, data []*float64, color string) map[string]any {
		return map[string]any{"label": label, "data": data, "borderColor": color, "backgroundColor": color, "spanGaps": false, "pointRadius": 3}
	}
	d.Chart = map[string]any{"type": "line", "data": map[string]any{"labels": labels, "datasets": []any{
		lineDS(T("potential.williamson"), wil, "#1d4479")}}, "options": map[string]any{"scales": map[string]any{"y": map[string]any{"min": 0}}}}
	theil := []any{lineDS(T("potential.theil"), th, "#0f6b63")}
	if prov == "" {
		theil = append(theil, lineDS(T("potential.theil_between"), bt, "#c26a00"), lineDS(T("potential.theil_within"), wi, "#6b4700"))
	}
	d.Theil = map[string]any{"type": "line", "data": map[string]any{"labels": labels, "datasets": theil},
		"options": map[string]any{"scales": map[string]any{"y": map[string]any{"min": 0}}}}
	s.render(w, r, "potential_inequality", "potential", title, d)
}

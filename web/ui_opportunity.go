package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/i18n"
	"github.com/jalin-ksd/jalin/opportunity/partner"
	"github.com/jalin-ksd/jalin/opportunity/reach"
	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/taxonomy"
)

// opportunityLimit is the number of partners the page shows.
const opportunityLimit = 10

type oppPart struct {
	Name            string
	Value, Weighted float64
}

type oppPartner struct {
	Code, Name  string
	Score       float64
	Parts       []oppPart
	Explanation string
	CreateURL   string
}

type oppAccess struct {
	Code, Name          string
	Districts, Villages int
}

type opportunityPageData struct {
	Region    region.Region
	Ancestors []region.Region
	Sector    string
	Sectors   []taxonomy.Sector
	Year      int // 0: no economic data, proximity alone
	Partners  []oppPartner
	CanCreate bool
	Out, In   []oppAccess // this regency's places nearer elsewhere; others' nearer here
	Seats     int
	SeatKinds map[string]int
	Lang      i18n.Lang
}

// Dec formats a score or part with two decimals in the page's language.
func (d opportunityPageData) Dec(v float64) string { return dec(&v, 2) }

// regionOpportunityPage shows a regency's suggested partners and its
// border-access pairs. Anyone may see the analysis; those who may start a
// cooperation also get a button to start one with each partner.
func (o *opportunity) regionOpportunityPage(w http.ResponseWriter, r *http.Request) {
	s := o.s
	reg, err := opportunityRegency(s.Regions, r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sector, err := opportunitySector(r.URL.Query().Get("sector"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a := info(r).Actor
	lang := info(r).Lang
	d := opportunityPageData{Region: reg, Ancestors: s.Regions.Ancestors(reg.Code), Sector: sector, Sectors: taxonomy.Sectors(), Lang: lang,
		CanCreate: !a.IsAnonymous() && access.Authorize(a, access.CreateCooperation, homeResource(a, "cooperation")) == nil}
	pd, sugg, err := o.rankFor(r.Context(), a.Scope(), reg.Code, sector, opportunityLimit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Year = pd.Year
	for _, sg := range sugg {
		p := oppPartner{Code: sg.Partner, Name: pd.Inputs.Names[sg.Partner], Score: sg.Score,
			Explanation: explain(sg, string(lang), pd), CreateURL: createURL(sg.Partner, sector)}
		for _, pt := range sg.Parts {
			p.Parts = append(p.Parts, oppPart{Name: pt.Name, Value: pt.Value, Weighted: pt.Weighted})
		}
		d.Partners = append(d.Partners, p)
	}
	ad, err := o.accessData(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out, in := ad.AccessPairs(reg.Code)
	d.Out, d.In = o.accessRows(out, false), o.accessRows(in, true)
	d.Seats, d.SeatKinds = ad.Seats, ad.Kinds
	s.render(w, r, "opportunity", "regions", s.Catalog.T(lang, "opportunity.title", reg.Name), d)
}

func (o *opportunity) accessRows(pairs []reach.Pair, home bool) []oppAccess {
	rows := make([]oppAccess, 0, len(pairs))
	for _, p := range pairs {
		code := p.Other
		if home {
			code = p.Home
		}
		name := code
		if rg, ok := o.s.Regions.Get(code); ok {
			name = rg.Name
		}
		rows = append(rows, oppAccess{Code: code, Name: name, Districts: p.Districts, Villages: p.Villages})
	}
	return rows
}

// createURL opens the new-cooperation form with the partner (and the
// sector) filled in.
func createURL(partnerCode, sector string) string {
	v := url.Values{"partner": {partnerCode}}
	if sector != "" {
		v.Set("sector", sector)
	}
	return "/cooperations/new?" + v.Encode()
}

// limitParam reads ?limit= for the partner API.
func limitParam(v url.Values) (int, error) {
	return intParam(v, "limit", partner.DefaultLimit, 1, 100)
}

// explain renders a suggestion's reasons as one sentence in lang.
func explain(sg partner.Suggestion, lang string, pd *PartnerData) string {
	return partner.Explain(sg, lang, pd.Inputs.Names)
}

// prefillDraft fills a new cooperation's business field and affair from
// ?sector= and ?urusan= (the "Buat prakarsa" links); unknown codes are
// ignored, as the form checks what is submitted anyway.
func prefillDraft(d *coopDraft, q url.Values) {
	if s, ok := taxonomy.SectorByCode(strings.ToUpper(strings.TrimSpace(q.Get("sector")))); ok {
		d.Sector = s.Code
	}
	if u := strings.TrimSpace(q.Get("urusan")); u != "" {
		if _, ok := taxonomy.UrusanByCode(u); ok {
			d.Urusan = []string{u}
		}
	}
}

package web

import (
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
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
	CreateURL           string
}

type opportunityPageData struct {
	Region      region.Region
	Ancestors   []region.Region
	Sector      string
	Sectors     []taxonomy.Sector
	Year        int // 0: no economic data, proximity alone
	Partners    []oppPartner
	CanCreate   bool
	Out, In     []oppAccess // this regency's places nearer elsewhere; others' nearer here
	Seats       int
	SeatKinds   map[string]int
	TravelTimes int          // imported travel times in use
	Clusters    []oppCluster // the clusters this regency belongs to
	ClusterMap  string       // the URL of their map's GeoJSON
	Lang        i18n.Lang
}

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
			Explanation: explain(sg, string(lang), pd)}
		if sg.Partner != a.Region { // no offer to oneself
			p.CreateURL = createURL(sg.Partner, sector)
		}
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
	d.Out, d.In = o.accessRows(r, reg, out, false, d.CanCreate), o.accessRows(r, reg, in, true, d.CanCreate)
	d.Seats, d.SeatKinds, d.TravelTimes = ad.Seats, ad.Kinds, ad.TravelTimes
	cd, err := o.clusterData(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cf := clusterFilter{Region: reg.Code, Sector: sector}
	d.Clusters, d.ClusterMap = o.clusterRows(r, cf.apply(cd.Clusters), a.Region, d.CanCreate), "/api/v1/opportunities/clusters/geometry?"+cf.query().Encode()
	s.render(w, r, "opportunity", "regions", s.Catalog.T(lang, "opportunity.title", reg.Name), d)
}

// accessRows lists the pairs of reg's page; home says the other regency
// is the pairs' home (its places are nearer to reg's seat). With canCreate
// each row gets the link that starts a mandatory KSDD on public services
// between the two, with the finding as the rationale.
func (o *opportunity) accessRows(r *http.Request, reg region.Region, pairs []reach.Pair, home, canCreate bool) []oppAccess {
	cat, lang := o.s.Catalog, info(r).Lang
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
		row := oppAccess{Code: code, Name: name, Districts: p.Districts, Villages: p.Villages}
		if canCreate && code != info(r).Actor.Region { // no offer to oneself
			homeName, seatName := reg.Name, name
			if home {
				homeName, seatName = name, reg.Name
			}
			row.CreateURL = draftURL(draftPrefill{Partners: []string{code}, Kind: string(cooperation.KindWajib),
				Title:      cat.T(lang, "opportunity.access_draft_title", reg.Name, name),
				Objectives: cat.T(lang, "opportunity.access_draft_rationale", p.Districts, p.Villages, homeName, seatName)})
		}
		rows = append(rows, row)
	}
	return rows
}

// createURL opens the new-cooperation form with the partner (and the
// sector) filled in.
func createURL(partnerCode, sector string) string {
	return draftURL(draftPrefill{Partners: []string{partnerCode}, Sector: sector})
}

// maxDraftPartners is the most partners a cooperation form takes.
const maxDraftPartners = 20

// draftPrefill is what an opportunity hands to the new-cooperation form:
// the partner regions, the subject and the rationale. The form only shows
// it; the user checks and submits it, and the submission is validated as
// any other.
type draftPrefill struct {
	Partners          []string
	Sector, Urusan    string
	Kind              string
	Title, Objectives string
}

// draftURL is the "Buat prakarsa" link of a prefill.
func draftURL(p draftPrefill) string {
	v := url.Values{}
	for _, c := range p.Partners {
		v.Add("partner", c)
	}
	for k, x := range map[string]string{"sector": p.Sector, "urusan": p.Urusan, "kind": p.Kind, "title": p.Title, "objectives": p.Objectives} {
		if x != "" {
			v.Set(k, x)
		}
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

// prefillDraft fills a new cooperation from the "Buat prakarsa" links:
// partner regions (?partner=, repeatable, at most 20), business field
// (?sector=), affair (?urusan=), kind (?kind=), title and objectives.
// Unknown codes and kinds are ignored and texts cut to the form's limits,
// as the form checks what is submitted anyway.
func prefillDraft(d *coopDraft, q url.Values, dir *region.Directory) {
	for _, p := range q["partner"] {
		if r, ok := dir.Get(strings.TrimSpace(p)); ok && r.Level <= region.Regency && len(d.Partners) < maxDraftPartners {
			d.Partners = append(d.Partners, coopPartner{Kind: cooperation.PartyRegion, Region: r.Code})
		}
	}
	if s, ok := taxonomy.SectorByCode(strings.ToUpper(strings.TrimSpace(q.Get("sector")))); ok {
		d.Sector = s.Code
	}
	if u := strings.TrimSpace(q.Get("urusan")); u != "" {
		if _, ok := taxonomy.UrusanByCode(u); ok {
			d.Urusan = []string{u}
		}
	}
	if k := cooperation.Kind(q.Get("kind")); k.Valid() {
		d.Kind = k
	}
	d.Title = cutRunes(strings.TrimSpace(q.Get("title")), 200)
	d.Objectives = cutRunes(strings.TrimSpace(q.Get("objectives")), 4000)
}

// cutRunes keeps the first n characters of s.
func cutRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

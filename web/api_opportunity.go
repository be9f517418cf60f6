package web

import (
	"net/http"

	"github.com/jalin-ksd/jalin/opportunity/reach"
)

type apiPart struct {
	Name     string  `json:"name"`
	Value    float64 `json:"value"`
	Weighted float64 `json:"weighted"`
}

type apiReason struct {
	Key  string `json:"key"`
	Args []any  `json:"args"`
}

type apiPartner struct {
	Partner     string      `json:"partner"`
	Name        string      `json:"name"`
	Score       float64     `json:"score"`
	Parts       []apiPart   `json:"parts"`
	Reasons     []apiReason `json:"reasons"`
	Explanation string      `json:"explanation"`
}

type apiPartners struct {
	Region string       `json:"region"`
	Name   string       `json:"name"`
	Sector string       `json:"sector"`
	Year   int          `json:"year"`
	Items  []apiPartner `json:"items"`
}

type apiAccessPair struct {
	Home      string `json:"home"`
	HomeName  string `json:"home_name"`
	Other     string `json:"other"`
	OtherName string `json:"other_name"`
	Districts int    `json:"districts"`
	Villages  int    `json:"villages"`
}

type apiAccess struct {
	Region    string         `json:"region"`
	Name      string         `json:"name"`
	Seats     int            `json:"seats"`
	SeatKinds map[string]int `json:"seat_kinds"`
	// TravelTimes counts the imported travel times used instead of the
	// straight-line estimate.
	TravelTimes int             `json:"travel_times"`
	Outgoing    []apiAccessPair `json:"outgoing"`
	Incoming    []apiAccessPair `json:"incoming"`
}

// apiRegionPartners returns a regency's suggested partners, best first.
func (o *opportunity) apiRegionPartners(w http.ResponseWriter, r *http.Request) {
	s := o.s
	reg, err := opportunityRegency(s.Regions, r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	sector, err := opportunitySector(q.Get("sector"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	limit, err := limitParam(q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pd, sugg, err := o.rankFor(r.Context(), info(r).Actor.Scope(), reg.Code, sector, limit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := apiPartners{Region: reg.Code, Name: reg.Name, Sector: sector, Year: pd.Year, Items: []apiPartner{}}
	lang := string(info(r).Lang)
	for _, sg := range sugg {
		p := apiPartner{Partner: sg.Partner, Name: pd.Inputs.Names[sg.Partner], Score: sg.Score,
			Parts: []apiPart{}, Reasons: []apiReason{}, Explanation: explain(sg, lang, pd)}
		for _, pt := range sg.Parts {
			p.Parts = append(p.Parts, apiPart{pt.Name, pt.Value, pt.Weighted})
		}
		for _, rs := range sg.Reasons {
			args := rs.Args
			if args == nil {
				args = []any{}
			}
			p.Reasons = append(p.Reasons, apiReason{rs.Key, args})
		}
		out.Items = append(out.Items, p)
	}
	writeJSON(w, http.StatusOK, out)
}

// apiRegionAccess returns the border-access pairs of a regency.
func (o *opportunity) apiRegionAccess(w http.ResponseWriter, r *http.Request) {
	s := o.s
	reg, err := opportunityRegency(s.Regions, r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ad, err := o.accessData(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	outP, inP := ad.AccessPairs(reg.Code)
	w.Header().Set("Cache-Control", "public, max-age=300")
	writeJSON(w, http.StatusOK, apiAccess{Region: reg.Code, Name: reg.Name, Seats: ad.Seats, SeatKinds: ad.Kinds,
		TravelTimes: ad.TravelTimes, Outgoing: o.apiPairs(outP), Incoming: o.apiPairs(inP)})
}

func (o *opportunity) apiPairs(ps []reach.Pair) []apiAccessPair {
	name := func(c string) string {
		if rg, ok := o.s.Regions.Get(c); ok {
			return rg.Name
		}
		return c
	}
	out := make([]apiAccessPair, 0, len(ps))
	for _, p := range ps {
		out = append(out, apiAccessPair{Home: p.Home, HomeName: name(p.Home), Other: p.Other, OtherName: name(p.Other),
			Districts: p.Districts, Villages: p.Villages})
	}
	return out
}

package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/opportunity/network"
	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/sqlstore"
)

// networkState is how the network shows a stage: rejected cooperations
// link nobody.
func networkState(st cooperation.Stage) network.State {
	switch st {
	case cooperation.Pelaksanaan:
		return network.Active
	case cooperation.Berakhir:
		return network.Expired
	case cooperation.Ditolak, cooperation.DitolakDPRD:
		return ""
	}
	return network.Planned
}

// CoopNetwork builds the cooperation network from the cooperations scope
// may see (the same rule as the cooperation list: the public sees what is
// published). With a province, only the cooperations with a party in it
// are read and the isolated regions are its regencies; otherwise every
// regency. states narrows the cooperations (none: all).
func CoopNetwork(ctx context.Context, store coopLister, scope access.Scope, dir *region.Directory, province string, states []network.State) (network.Network, error) {
	var coops []network.Coop
	for offset := 0; ; offset += 500 {
		items, total, err := store.ListCooperations(ctx, scope, sqlstore.CoopFilter{Province: province, Limit: 500, Offset: offset})
		if err != nil {
			return network.Network{}, err
		}
		for _, c := range items {
			nc := network.Coop{ID: c.ID, Title: c.Title, Kind: string(c.Kind), State: networkState(c.Stage), Urusan: c.Urusan, Sector: c.Sector}
			for _, p := range c.Parties {
				if p.Region == "" {
					continue
				}
				code := p.Region
				if region.LevelOf(code) > region.Regency {
					code = code[:5] // a district or village party stands for its regency
				}
				nc.Regions = append(nc.Regions, code)
			}
			coops = append(coops, nc)
		}
		if len(items) == 0 || offset+len(items) >= total {
			break
		}
	}
	var regencies []string
	for _, r := range dir.All() {
		if r.Level == region.Regency && (province == "" || strings.HasPrefix(r.Code, province+".")) {
			regencies = append(regencies, r.Code)
		}
	}
	n := network.Build(regencies, coops, states...)
	if province != "" {
		// A cooperation with a party in the province may also link two
		// regions outside it; those links are not the province's.
		n.Links = n.Touching(func(c string) bool { return c[:2] == province })
	}
	return n, nil
}

// listScope is what an actor sees of the cooperations: the anonymous
// public only what is published, as on the cooperation list.
func listScope(a access.Actor) access.Scope {
	if a.IsAnonymous() {
		return access.Scope{PublicOnly: true}
	}
	return a.Scope()
}

// networkFilter is ?province= and ?state= of the network page, API and
// export.
type networkFilter struct {
	Province string
	State    network.State // "" all
}

func parseNetworkFilter(q map[string][]string, dir *region.Directory) (networkFilter, error) {
	get := func(k string) string {
		if v := q[k]; len(v) > 0 {
			return strings.TrimSpace(v[0])
		}
		return ""
	}
	var f networkFilter
	if c := get("province"); c != "" {
		if p, ok := dir.Get(c); !ok || p.Level != region.Province {
			return f, jalin.Invalid("province", "opportunity.param_province", c)
		}
		f.Province = c
	}
	if st := network.State(get("state")); st != "" {
		if !st.Valid() {
			return f, jalin.Invalid("state", "opportunity.param_state", string(st))
		}
		f.State = st
	}
	return f, nil
}

// filteredNetwork parses the filter of r and returns the network it asks
// for, as the caller sees it.
func (o *opportunity) filteredNetwork(r *http.Request) (networkFilter, network.Network, error) {
	f, err := parseNetworkFilter(r.URL.Query(), o.s.Regions)
	if err != nil {
		return f, network.Network{}, err
	}
	if o.s.Coops == nil {
		return f, network.Build(nil, nil), nil
	}
	var states []network.State
	if f.State != "" {
		states = []network.State{f.State}
	}
	n, err := CoopNetwork(r.Context(), o.s.Coops, listScope(info(r).Actor), o.s.Regions, f.Province, states)
	return f, n, err
}

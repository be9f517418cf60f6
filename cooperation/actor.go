package cooperation

import (
	"slices"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/region"
)

// teamRoles may act for their own region: TKKSD administrators and members.
// Viewers and the national analyst only read (REGULATION.md §14.4).
var teamRoles = []access.Role{access.ProvinceAdmin, access.ProvinceMember,
	access.RegencyAdmin, access.RegencyMember}

// actsFor reports whether a is the party's own user: a TKKSD admin/member
// of exactly that region (a province team does not act for its regencies;
// it supervises them), or a user of the third-party organisation.
func actsFor(a access.Actor, p Party) bool {
	switch p.Kind {
	case PartyRegion:
		return slices.Contains(teamRoles, a.Role) && a.Scope().Prefix == p.Region && p.Region != ""
	case PartyThirdParty:
		return a.Role == access.ThirdParty && p.OrgID > 0 && a.Scope().OrgID == p.OrgID
	}
	return false
}

// usersless parties (a ministry, a foreign partner) have no accounts; their
// answers and signatures are recorded by the initiating region's team or by
// the ministry, with the letter as evidence.
func userless(p Party) bool {
	return p.Kind == PartyCentral || p.Kind == PartyForeignGovernment || p.Kind == PartyForeignInstitution
}

func isHomeTeam(x *ctx) bool {
	h := x.c.home()
	return h >= 0 && actsFor(x.a, x.c.Parties[h])
}

// ownParty finds the party the actor acts for.
func ownParty(x *ctx) (int, bool) {
	if x.in.Party != "" {
		_, i, ok := x.c.Party(x.in.Party)
		if !ok {
			return -1, false
		}
		p := x.c.Parties[i]
		if actsFor(x.a, p) {
			return i, true
		}
		if userless(p) && (isHomeTeam(x) || x.a.Role == access.NationalAdmin) {
			return i, true
		}
		return -1, false
	}
	for i, p := range x.c.Parties {
		if actsFor(x.a, p) {
			return i, true
		}
	}
	return -1, false
}

var (
	whoHome = Who{"initiating_region_team", func(x *ctx) (int, bool) {
		return x.c.home(), isHomeTeam(x)
	}}
	whoParty   = Who{"party", ownParty}
	whoPartner = Who{"partner_party", func(x *ctx) (int, bool) {
		i, ok := ownParty(x)
		return i, ok && i != x.c.home()
	}}
	whoHomeOrNational = Who{"initiating_region_team_or_national_admin", func(x *ctx) (int, bool) {
		if x.a.Role == access.NationalAdmin && x.a.Scope().All {
			return -1, true
		}
		return x.c.home(), isHomeTeam(x)
	}}
	whoNational = Who{"national_admin", func(x *ctx) (int, bool) {
		return -1, x.a.Role == access.NationalAdmin && x.a.Scope().All
	}}
	// whoGovernor is the province team acting as the Gubernur who forwards a
	// kab/kota's foreign plan (PMDN25 Pasal 18(4)).
	whoGovernor = Who{"governor_province_admin", func(x *ctx) (int, bool) {
		h := x.c.home()
		if h < 0 || x.c.Parties[h].level() != region.Regency {
			return -1, false
		}
		return -1, x.a.Role == access.ProvinceAdmin && x.a.Scope().Prefix == provinceOf(x.c.Parties[h].Region)
	}}
	whoHomeRegency = Who{"initiating_regency_team", func(x *ctx) (int, bool) {
		h := x.c.home()
		return h, isHomeTeam(x) && x.c.Parties[h].level() == region.Regency
	}}
	// whoTakeover: the Gubernur (province admin) for kab/kota of one
	// province, the central government (national admin) otherwise (UU
	// 23/2014 Pasal 364(3)–(4); PP 28/2018 Pasal 10–11; G-4).
	whoTakeover = Who{"takeover_authority", func(x *ctx) (int, bool) {
		if prov, ok := x.c.sameProvinceRegencies(); ok {
			return -1, x.a.Role == access.ProvinceAdmin && x.a.Scope().Prefix == prov
		}
		return -1, x.a.Role == access.NationalAdmin && x.a.Scope().All
	}}
)

// sameProvinceRegencies reports whether every region party is a kab/kota of
// one province (combination (e) of UU 23/2014 Pasal 364(2)) and which.
func (c Cooperation) sameProvinceRegencies() (string, bool) {
	prov := ""
	rs := c.regionParties()
	if len(rs) == 0 {
		return "", false
	}
	for _, i := range rs {
		p := c.Parties[i]
		if p.level() != region.Regency {
			return "", false
		}
		if prov == "" {
			prov = provinceOf(p.Region)
		} else if provinceOf(p.Region) != prov {
			return "", false
		}
	}
	return prov, true
}

// MayFileFor reports whether a may file a document of c in the name of the
// party with key party: a joint document ("") anyone who may upload may
// file; a party's own document only that party's users, or, for a party
// without accounts (a ministry, a foreign partner), the initiating
// region's team or the national administrator, as for its steps. So one
// party cannot meet another's document requirement.
func MayFileFor(a access.Actor, c Cooperation, party string) bool {
	if party == "" {
		return true
	}
	_, i, ok := c.Party(party)
	if !ok {
		return false
	}
	x := &ctx{c: c, a: a, in: Input{Party: party}, party: -1}
	j, ok := ownParty(x)
	return ok && j == i
}

// FilingParties lists the keys of the parties a may file documents for.
func FilingParties(a access.Actor, c Cooperation) []string {
	var out []string
	for _, p := range c.Parties {
		if MayFileFor(a, c, p.Key()) {
			out = append(out, p.Key())
		}
	}
	return out
}

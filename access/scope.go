package access

import (
	"strings"

	"github.com/jalin-ksd/jalin/region"
)

// Valid reports whether r is one of the roles Jalin knows. An actor with an
// unknown role (a stale row, a typo in a fixture) is treated as signed in
// but holding no permission and no scope.
func (r Role) Valid() bool {
	switch r {
	case NationalAdmin, NationalAnalyst,
		ProvinceAdmin, ProvinceMember, ProvinceViewer,
		RegencyAdmin, RegencyMember, RegencyViewer,
		ThirdParty:
		return true
	}
	return false
}

// IsAdmin reports whether r manages users and organisations in its scope.
func (r Role) IsAdmin() bool {
	return r == NationalAdmin || r == ProvinceAdmin || r == RegencyAdmin
}

// RoleLevel is the level of the region a role is scoped to: 0 for the
// national roles, 1 (province) and 2 (regency/city) for the TKKSD roles. It
// is -1 for third_party, whose scope is its organisation (its Region only
// says which administrator manages it), and for unknown roles.
func RoleLevel(r Role) int {
	switch r {
	case NationalAdmin, NationalAnalyst:
		return 0
	case ProvinceAdmin, ProvinceMember, ProvinceViewer:
		return int(region.Province)
	case RegencyAdmin, RegencyMember, RegencyViewer:
		return int(region.Regency)
	}
	return -1
}

// Scope returns the part of the region tree the actor's queries are limited
// to. It fails closed: an actor whose region does not have the shape its role
// demands (a province admin with region "" or "32.73", a national analyst
// with a region, a third party without an organisation) gets the zero Scope,
// which covers nothing, rather than a prefix that might cover everything.
func (a Actor) Scope() Scope {
	if a.IsAnonymous() {
		return Scope{PublicOnly: true}
	}
	switch lvl := RoleLevel(a.Role); {
	case lvl == 0:
		if a.Region == "" {
			return Scope{All: true}
		}
	case lvl > 0:
		if int(region.LevelOf(a.Region)) == lvl {
			return Scope{Prefix: a.Region}
		}
	case a.Role == ThirdParty && a.OrgID > 0:
		return Scope{OrgID: a.OrgID}
	}
	return Scope{}
}

// Covers reports whether the region with the given code lies inside the
// scope: for a prefix "32", the code "32" itself or any code starting with
// "32." (so "32.73.01" but not "320" or "35"). Published objects are outside
// this test: stores add them for every scope. An organisation scope and the
// public scope cover no region; the zero Scope covers nothing.
func (s Scope) Covers(regionCode string) bool {
	switch {
	case regionCode == "":
		return false
	case s.All:
		return true
	case s.Prefix == "":
		return false
	}
	rest, ok := strings.CutPrefix(regionCode, s.Prefix)
	return ok && (rest == "" || rest[0] == '.')
}

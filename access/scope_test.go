package access

import (
	"slices"
	"testing"
)

func TestActorScope(t *testing.T) {
	for _, c := range []struct {
		a    Actor
		want Scope
	}{
		{Anonymous, Scope{PublicOnly: true}},
		{Actor{UserID: 1, Role: NationalAdmin}, Scope{All: true}},
		{Actor{UserID: 1, Role: NationalAnalyst}, Scope{All: true}},
		{Actor{UserID: 1, Role: ProvinceViewer, Region: "32"}, Scope{Prefix: "32"}},
		{Actor{UserID: 1, Role: RegencyMember, Region: "32.73"}, Scope{Prefix: "32.73"}},
		{Actor{UserID: 1, Role: ThirdParty, Region: "32.73", OrgID: 7}, Scope{OrgID: 7}},
		{Actor{UserID: 1, Role: ProvinceAdmin}, Scope{}},
		{Actor{UserID: 1, Role: RegencyAdmin, Region: "32.73.01"}, Scope{}},
		{Actor{UserID: 1, Role: NationalAdmin, Region: "32"}, Scope{}},
		{Actor{UserID: 1, Role: ThirdParty, Region: "32"}, Scope{}},
		{Actor{UserID: 1}, Scope{}},
	} {
		if got := c.a.Scope(); got != c.want {
			t.Errorf("%+v.Scope() = %+v, want %+v", c.a, got, c.want)
		}
	}
}

func TestScopeCovers(t *testing.T) {
	p32, r3273 := Scope{Prefix: "32"}, Scope{Prefix: "32.73"}
	for _, c := range []struct {
		s    Scope
		code string
		want bool
	}{
		{p32, "32", true},
		{p32, "32.73", true},
		{p32, "32.73.01.1001", true},
		{p32, "320", false},
		{p32, "3", false},
		{p32, "35.78", false},
		{p32, "", false},
		{r3273, "32.73", true},
		{r3273, "32.73.01", true},
		{r3273, "32", false},
		{r3273, "32.730", false},
		{r3273, "32.04", false},
		{Scope{All: true}, "35.78", true},
		{Scope{All: true}, "", false},
		{Scope{OrgID: 7}, "32", false},
		{Scope{PublicOnly: true}, "32", false},
		{Scope{}, "32", false},
	} {
		if got := c.s.Covers(c.code); got != c.want {
			t.Errorf("%+v.Covers(%q) = %v, want %v", c.s, c.code, got, c.want)
		}
	}
}

func TestRoleHelpers(t *testing.T) {
	levels := map[Role]int{
		NationalAdmin: 0, NationalAnalyst: 0,
		ProvinceAdmin: 1, ProvinceMember: 1, ProvinceViewer: 1,
		RegencyAdmin: 2, RegencyMember: 2, RegencyViewer: 2,
		ThirdParty: -1, "": -1, "root": -1,
	}
	for r, want := range levels {
		if got := RoleLevel(r); got != want {
			t.Errorf("RoleLevel(%q) = %d, want %d", r, got, want)
		}
		if r.Valid() != slices.Contains(Roles, r) {
			t.Errorf("%q.Valid() = %v", r, r.Valid())
		}
	}
	var admins []Role
	for _, r := range Roles {
		if r.IsAdmin() {
			admins = append(admins, r)
		}
	}
	if !slices.Equal(admins, []Role{NationalAdmin, ProvinceAdmin, RegencyAdmin}) {
		t.Errorf("admins = %v", admins)
	}
}

package access

import (
	"errors"
	"slices"
	"testing"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/region"
)

// The columns of the grant matrix, in order.
var grantTargets = []struct {
	role   Role
	region string
	org    int64
}{
	{NationalAdmin, "", 0},      // 0
	{NationalAnalyst, "", 0},    // 1
	{ProvinceAdmin, "32", 0},    // 2
	{ProvinceMember, "32", 0},   // 3
	{ProvinceViewer, "32", 0},   // 4
	{ProvinceAdmin, "35", 0},    // 5 another province
	{RegencyAdmin, "32.73", 0},  // 6
	{RegencyMember, "32.73", 0}, // 7
	{RegencyViewer, "32.73", 0}, // 8
	{RegencyAdmin, "32.04", 0},  // 9 neighbouring regency
	{RegencyMember, "35.78", 0}, // 10 regency of another province
	{ThirdParty, "32", 9},       // 11 managed by the province
	{ThirdParty, "32.73", 9},    // 12
	{ThirdParty, "32.04", 9},    // 13
	{ThirdParty, "35.78", 9},    // 14
	// malformed assignments
	{NationalAdmin, "32", 0},       // 15 R
	{ProvinceAdmin, "32.73", 0},    // 16 R
	{RegencyMember, "32", 0},       // 17 R
	{RegencyViewer, "32.73.01", 0}, // 18 R
	{ThirdParty, "32.73", 0},       // 19 O
	{ThirdParty, "", 9},            // 20 R
	{ThirdParty, "32.73.01", 9},    // 21 R
	{"superuser", "32", 0},         // 22 X
	{ProvinceViewer, "", 0},        // 23 R
	{RegencyMember, "32.73", 9},    // 24 O
	{ProvinceMember, "320", 0},     // 25 R
}

// grantMatrix: '.' allowed, 'F' forbidden, 'U' unauthorized, and EInvalid
// naming the field: 'R' region, 'O' org, 'X' role. Written out by hand.
var grantMatrix = map[string]string{
	"national_admin":   "...............RRRRORRXROR",
	"national_analyst": "FFFFFFFFFFFFFFFFFFFFFFFFFF",
	"province_admin":   "FF...F....F...FRRRRORRXROR",
	"province_member":  "FFFFFFFFFFFFFFFFFFFFFFFFFF",
	"province_viewer":  "FFFFFFFFFFFFFFFFFFFFFFFFFF",
	"regency_admin":    "FFFFFF...FFF.FFRRRRORRXROR",
	"regency_member":   "FFFFFFFFFFFFFFFFFFFFFFFFFF",
	"regency_viewer":   "FFFFFFFFFFFFFFFFFFFFFFFFFF",
	"third_party":      "FFFFFFFFFFFFFFFFFFFFFFFFFF",
	"anonymous":        "UUUUUUUUUUUUUUUUUUUUUUUUUU",
}

func grantOutcome(t *testing.T, err error) byte {
	t.Helper()
	if err == nil {
		return '.'
	}
	var e *jalin.Error
	if !errors.As(err, &e) {
		t.Fatalf("not a *jalin.Error: %v", err)
	}
	switch e.Code {
	case jalin.EForbidden:
		if e.Msg != "access.grant_exceeds" {
			t.Errorf("%v: message %q", err, e.Msg)
		}
		return 'F'
	case jalin.EUnauthorized:
		return 'U'
	case jalin.EInvalid:
		return map[string]byte{"region": 'R', "org": 'O', "role": 'X'}[e.Field]
	}
	t.Fatalf("unexpected error %v", err)
	return 0
}

func TestGrantMatrix(t *testing.T) {
	for _, ac := range matrixActors {
		want := grantMatrix[ac.name]
		if len(want) != len(grantTargets) {
			t.Fatalf("%s: row is %d long, want %d", ac.name, len(want), len(grantTargets))
		}
		for i, g := range grantTargets {
			got := grantOutcome(t, CanGrant(ac.actor, g.role, g.region, g.org))
			if got != want[i] {
				t.Errorf("%s grants %s in %q org %d: got %c, want %c", ac.name, g.role, g.region, g.org, got, want[i])
			}
		}
	}
}

func TestCheckAssignmentMessages(t *testing.T) {
	for _, c := range []struct {
		role       Role
		region     string
		org        int64
		field, msg string
	}{
		{ProvinceAdmin, "32.73", 0, "region", "access.role_region_mismatch"},
		{ThirdParty, "32", 0, "org", "access.org_required"},
		{ThirdParty, "32", -1, "org", "access.org_required"},
		{RegencyAdmin, "32.73", 4, "org", "access.org_not_allowed"},
		{"", "", 0, "role", "access.role_unknown"},
	} {
		var e *jalin.Error
		if err := CheckAssignment(c.role, c.region, c.org); !errors.As(err, &e) ||
			e.Code != jalin.EInvalid || e.Field != c.field || e.Msg != c.msg {
			t.Errorf("CheckAssignment(%q, %q, %d) = %v, want %s %s", c.role, c.region, c.org, err, c.field, c.msg)
		}
	}
}

// Over every real province and regency/city: a regency admin grants only in
// its own region and never a province or national role; a province admin
// only inside its province and never a national role.
func TestGrantNeverEscapes(t *testing.T) {
	dir, err := region.Load()
	if err != nil {
		t.Fatal(err)
	}
	codes := []string{""}
	for _, r := range dir.All() {
		if r.Level <= region.Regency {
			codes = append(codes, r.Code)
		}
	}
	regAdmin := Actor{UserID: 6, Role: RegencyAdmin, Region: "32.73"}
	provAdmin := Actor{UserID: 3, Role: ProvinceAdmin, Region: "32"}
	allowed := 0
	for _, role := range Roles {
		for _, code := range codes {
			for _, org := range []int64{0, 9} {
				if CanGrant(regAdmin, role, code, org) == nil {
					allowed++
					if code != "32.73" || !(role == RegencyAdmin || role == RegencyMember || role == RegencyViewer || role == ThirdParty) {
						t.Errorf("regency admin of 32.73 may grant %s in %q", role, code)
					}
				}
				if CanGrant(provAdmin, role, code, org) == nil {
					allowed++
					if code != "32" && (len(code) < 3 || code[:3] != "32.") || role == NationalAdmin || role == NationalAnalyst {
						t.Errorf("province admin of 32 may grant %s in %q", role, code)
					}
				}
			}
		}
	}
	// 32.73: 3 regency roles + third party; 32 (3 province roles + third
	// party) and 27 regencies/cities of Jawa Barat × 4.
	if want := 4 + 4 + 27*4; allowed != want {
		t.Errorf("%d assignments allowed, want %d", allowed, want)
	}
}

func TestManageableRoles(t *testing.T) {
	regency := []Role{RegencyAdmin, RegencyMember, RegencyViewer, ThirdParty}
	want := map[string][]Role{
		"national_admin": Roles,
		"province_admin": append([]Role{ProvinceAdmin, ProvinceMember, ProvinceViewer}, regency...),
		"regency_admin":  regency,
	}
	for _, ac := range matrixActors {
		got := ManageableRoles(ac.actor)
		if !slices.Equal(got, want[ac.name]) {
			t.Errorf("ManageableRoles(%s) = %v, want %v", ac.name, got, want[ac.name])
		}
		// Every role offered can be granted somewhere in the actor's scope.
		for _, r := range got {
			if r.IsAdmin() && RoleLevel(r) < RoleLevel(ac.actor.Role) {
				t.Errorf("%s is offered the higher role %s", ac.name, r)
			}
		}
	}
	if got := ManageableRoles(Actor{UserID: 3, Role: ProvinceAdmin}); got != nil {
		t.Errorf("province admin without region is offered %v", got)
	}
}

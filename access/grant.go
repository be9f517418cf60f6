package access

import (
	"fmt"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/region"
)

// CheckAssignment validates the shape of a role assignment, whoever makes
// it: national roles take region ""; province roles a province code ("32");
// regency roles a regency/city code ("32.73"); third_party an organisation
// (orgID > 0) and the province or regency/city code of the region whose
// administrators manage it. Errors are EInvalid naming the field at fault.
func CheckAssignment(role Role, regionCode string, orgID int64) error {
	if !role.Valid() {
		return jalin.Invalid("role", "access.role_unknown", string(role))
	}
	if role == ThirdParty {
		if orgID <= 0 {
			return jalin.Invalid("org", "access.org_required")
		}
		if l := region.LevelOf(regionCode); l != region.Province && l != region.Regency {
			return jalin.Invalid("region", "access.role_region_mismatch", string(role), regionCode)
		}
		return nil
	}
	if orgID != 0 {
		// Only a third party belongs to an organisation; a stray org ID
		// would make the account visible to that organisation.
		return jalin.Invalid("org", "access.org_not_allowed", string(role))
	}
	ok := regionCode == ""
	if want := RoleLevel(role); want > 0 {
		ok = int(region.LevelOf(regionCode)) == want
	}
	if !ok {
		return jalin.Invalid("region", "access.role_region_mismatch", string(role), regionCode)
	}
	return nil
}

// CanGrant decides whether a may give a user the role role in region
// regionCode (and organisation orgID for a third party). An administrator
// grants only inside its own scope and never more than it holds:
//   - national_admin: any role anywhere;
//   - province_admin: province roles for its own province, regency roles
//     for the regencies/cities in it, third_party managed from its province
//     or one of its regencies/cities;
//   - regency_admin: regency roles and third_party for its own region;
//   - nobody else grants anything.
//
// Changing an existing user's role needs both Authorize(a, ManageUser,
// the user as he is) and CanGrant for the new assignment. The public gets
// EUnauthorized; a non-administrator EForbidden; a malformed assignment
// EInvalid (CheckAssignment); one beyond the actor's power EForbidden
// "access.grant_exceeds".
func CanGrant(a Actor, role Role, regionCode string, orgID int64) error {
	if a.IsAnonymous() {
		return &jalin.Error{Code: jalin.EUnauthorized, Msg: "access.login_required"}
	}
	if !a.Role.IsAdmin() {
		return exceeds(a, role, regionCode)
	}
	if err := CheckAssignment(role, regionCode, orgID); err != nil {
		return err
	}
	s := a.Scope()
	ok := false
	switch a.Role {
	case NationalAdmin:
		ok = s.All
	case ProvinceAdmin:
		// Every well-formed assignment to a province or regency role in the
		// province is at most what a province admin holds.
		ok = RoleLevel(role) > 0 || role == ThirdParty
		ok = ok && s.Covers(regionCode)
	case RegencyAdmin:
		ok = RoleLevel(role) == int(region.Regency) || role == ThirdParty
		ok = ok && s.Prefix != "" && regionCode == s.Prefix
	}
	if !ok {
		return exceeds(a, role, regionCode)
	}
	return nil
}

func exceeds(a Actor, role Role, regionCode string) error {
	return &jalin.Error{Code: jalin.EForbidden, Msg: "access.grant_exceeds",
		Err: fmt.Errorf("access: %s %q may not grant %s in %q", roleName(a.Role), a.Region, role, regionCode)}
}

// ManageableRoles lists, most powerful first, the roles a may grant
// somewhere in its scope: the choices of a role picker. CanGrant still
// decides each concrete assignment.
func ManageableRoles(a Actor) []Role {
	if a.IsAnonymous() {
		return nil
	}
	s := a.Scope()
	var out []Role
	for _, r := range Roles {
		switch a.Role {
		case NationalAdmin:
			if s.All {
				out = append(out, r)
			}
		case ProvinceAdmin:
			if s.Prefix != "" && (RoleLevel(r) > 0 || r == ThirdParty) {
				out = append(out, r)
			}
		case RegencyAdmin:
			if s.Prefix != "" && (RoleLevel(r) == int(region.Regency) || r == ThirdParty) {
				out = append(out, r)
			}
		}
	}
	return out
}

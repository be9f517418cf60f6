// Package access decides who may see and do what in Jalin. Every role is
// scoped to the region tree: the ministry sees all regions, a province's
// TKKSD its province and the regencies/cities in it, a regency's TKKSD its
// own region, a third party only the cooperation it is a party to, and the
// public only what is published. Pages, the API, the CLI and the store all
// ask this package; none decides on its own.
package access

// Role is what a user is in Jalin. Each user has one role, scoped to one
// region (or to the nation, or to a third-party organisation).
type Role string

const (
	NationalAdmin   Role = "national_admin"   // Kemendagri administrator: all regions
	NationalAnalyst Role = "national_analyst" // Kemendagri analyst: reads all regions
	ProvinceAdmin   Role = "province_admin"   // province TKKSD administrator
	ProvinceMember  Role = "province_member"  // province TKKSD member
	ProvinceViewer  Role = "province_viewer"  // province TKKSD viewer
	RegencyAdmin    Role = "regency_admin"    // regency/city TKKSD administrator
	RegencyMember   Role = "regency_member"   // regency/city TKKSD member
	RegencyViewer   Role = "regency_viewer"   // regency/city TKKSD viewer
	ThirdParty      Role = "third_party"      // a company, university or NGO
)

// Roles lists every role, most powerful first.
var Roles = []Role{
	NationalAdmin, NationalAnalyst,
	ProvinceAdmin, ProvinceMember, ProvinceViewer,
	RegencyAdmin, RegencyMember, RegencyViewer,
	ThirdParty,
}

// Actor is who performs a request: a user with its role and scope, or the
// anonymous public (UserID 0, Role "").
type Actor struct {
	UserID int64
	Name   string // username, for the audit trail
	Role   Role
	// Region is the scope: "" for national roles, a province code ("32")
	// for province roles, a regency/city code ("32.73") for regency roles;
	// for a third party, the region of the administrator who manages it.
	Region string
	// OrgID is the third party's organisation (0 for everyone else).
	OrgID int64
}

// Anonymous is the public.
var Anonymous = Actor{}

// IsAnonymous reports whether the actor is the public.
func (a Actor) IsAnonymous() bool { return a.UserID == 0 }

// Scope is the part of the region tree (and the organisation) an actor's
// queries are limited to. Store methods take a Scope so that an unscoped
// query cannot be written by accident.
type Scope struct {
	All    bool   // every region (national roles)
	Prefix string // a region code: that region and every region below it
	OrgID  int64  // a third party: only objects this organisation is party to
	// PublicOnly limits to published objects (the anonymous public).
	PublicOnly bool
}

package access

import (
	"fmt"
	"slices"

	"github.com/jalin-ksd/jalin"
)

// Resource is what an action is done to, reduced to the facts that decide
// access. Adapters build it from the stored object (see UserResource).
type Resource struct {
	Kind string // KindUser, KindOrg, ...: for logs and messages only
	// Regions are the regions the object belongs to: a user's scope region,
	// a cooperation's party regions. An actor sees the object if its scope
	// covers any of them.
	Regions []string
	// OrgIDs are the third-party organisations party to the object.
	OrgIDs []int64
	// Published objects are visible to everyone, the public included.
	Published bool
	// OwnerID is the user the object belongs to (a profile, a token), 0 if
	// none. The owner always sees it.
	OwnerID int64
}

// Kinds of resource known so far.
const (
	KindRegion = "region"
	KindUser   = "user"
	KindOrg    = "org"
	KindAudit  = "audit"
)

// UserResource describes a user account (or anything that belongs to one,
// such as its tokens) for Authorize: it belongs to the user's scope region
// and, for a third party, to its organisation. A national user has neither,
// so only the national roles (and the user himself) see it.
func UserResource(userID int64, role Role, regionCode string, orgID int64) Resource {
	r := Resource{Kind: KindUser, OwnerID: userID}
	if regionCode != "" {
		r.Regions = []string{regionCode}
	}
	if role == ThirdParty && orgID > 0 {
		r.OrgIDs = []int64{orgID}
	}
	return r
}

// Visible reports whether the actor may know that r exists. Authorize
// answers "not found" for what is not visible so that existence does not
// leak across regions.
func Visible(a Actor, r Resource) bool {
	if r.Published {
		return true
	}
	if a.IsAnonymous() {
		return false
	}
	if r.OwnerID != 0 && r.OwnerID == a.UserID {
		return true
	}
	s := a.Scope()
	if s.All {
		return true
	}
	if slices.ContainsFunc(r.Regions, s.Covers) {
		return true
	}
	return s.OrgID != 0 && slices.Contains(r.OrgIDs, s.OrgID)
}

// Authorize decides whether a may do act to r. It returns nil, or a
// *jalin.Error coded
//   - EUnauthorized ("access.login_required") when a is the public and act
//     needs an account, whatever r is;
//   - ENotFound ("error.not_found", wrapping jalin.ErrNotFound) when r is not
//     visible to a, so that an out-of-scope object answers like a missing one;
//   - EForbidden ("access.forbidden") when a sees r but its role may not act.
//
// An unknown action is a programming error and yields EInternal.
func Authorize(a Actor, act Action, r Resource) error {
	rule, ok := policy[act]
	if !ok {
		return &jalin.Error{Code: jalin.EInternal, Msg: "error.internal",
			Err: fmt.Errorf("access: unknown action %q", act)}
	}
	if a.IsAnonymous() && !rule.public {
		return &jalin.Error{Code: jalin.EUnauthorized, Msg: "access.login_required"}
	}
	own := !a.IsAnonymous() && r.OwnerID == a.UserID
	if rule.owner && own {
		return nil
	}
	if !Visible(a, r) {
		return notFound()
	}
	switch {
	case rule.notOwn && own:
		// An administrator edits himself through ManageOwnAccount, which
		// cannot change his role, region or status.
	case rule.public:
		return nil
	case slices.Contains(rule.roles, a.Role):
		return nil
	case rule.owner && !slices.Contains(rule.reveal, a.Role):
		// Someone else's private object: only those who could manage it
		// anyway learn that it exists.
		return notFound()
	}
	return &jalin.Error{Code: jalin.EForbidden, Msg: "access.forbidden",
		Err: fmt.Errorf("access: %s may not %s %s", roleName(a.Role), act, r.Kind)}
}

func notFound() error {
	return &jalin.Error{Code: jalin.ENotFound, Msg: jalin.ErrNotFound.Msg, Err: jalin.ErrNotFound}
}

func roleName(r Role) string {
	if r == "" {
		return "(no role)"
	}
	return string(r)
}

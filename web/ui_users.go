package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/account"
	"github.com/jalin-ksd/jalin/auth"
	"github.com/jalin-ksd/jalin/sqlstore"
)

// userResource is a user as an object of authorization: it belongs to its
// region (or organisation) and to itself.
func userResource(u sqlstore.User) access.Resource {
	r := access.Resource{Kind: "user", OwnerID: u.ID}
	if u.Region != "" {
		r.Regions = []string{u.Region}
	}
	if u.OrgID != 0 {
		r.OrgIDs = []int64{u.OrgID}
	}
	return r
}

// homeResource stands for "the actor's own region" when an action is on a
// collection (list users, add a user) rather than one object.
func homeResource(a access.Actor, kind string) access.Resource {
	r := access.Resource{Kind: kind}
	if a.Region != "" {
		r.Regions = []string{a.Region}
	}
	if a.OrgID != 0 {
		r.OrgIDs = []int64{a.OrgID}
	}
	return r
}

// authorize answers the request with the decision's error and returns
// false when the actor may not act; the public is sent to log in first.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request, act access.Action, res access.Resource) bool {
	a := info(r).Actor
	err := access.Authorize(a, act, res)
	if err == nil {
		return true
	}
	if a.IsAnonymous() && !s.requireUser(w, r) {
		return false
	}
	s.fail(w, r, err)
	return false
}

type usersData struct {
	Users   []sqlstore.User
	Roles   []access.Role
	Total   int
	Filter  sqlstore.UserFilter
	CanAdd  bool
	PrevURL string
	NextURL string
	From    int
	To      int
}

func (s *Server) usersPage(w http.ResponseWriter, r *http.Request) {
	a := info(r).Actor
	if !s.authorize(w, r, access.ViewUser, homeResource(a, "user")) {
		return
	}
	f, err := parseUserFilter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	users, total, err := s.Accounts.ListUsers(r.Context(), a.Scope(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := usersData{Users: users, Total: total, Filter: f, Roles: access.Roles,
		CanAdd: access.Authorize(a, access.ManageUser, homeResource(a, "user")) == nil}
	if len(users) > 0 {
		d.From, d.To = f.Offset+1, f.Offset+len(users)
	}
	page := f.Offset/f.Limit + 1
	if f.Offset > 0 {
		d.PrevURL = listURL("/users", r.URL.Query(), page-1)
	}
	if f.Offset+f.Limit < total {
		d.NextURL = listURL("/users", r.URL.Query(), page+1)
	}
	s.render(w, r, "users", "users", s.t(r, "users.title"), d)
}

func listURL(base string, v url.Values, page int) string {
	c := url.Values{}
	for k, vs := range v {
		if k != "page" {
			c[k] = vs
		}
	}
	c.Set("page", strconv.Itoa(page))
	return base + "?" + c.Encode()
}

func parseUserFilter(v url.Values) (sqlstore.UserFilter, error) {
	f := sqlstore.UserFilter{Limit: 50}
	var err error
	if f.Query, err = textParam(v, "q", maxQueryLen); err != nil {
		return f, err
	}
	if s := v.Get("role"); s != "" {
		if !validRole(access.Role(s)) {
			return f, jalin.Invalid("role", "error.param_role", s)
		}
		f.Role = access.Role(s)
	}
	page, err := intParam(v, "page", 1, 1, 10000)
	if err != nil {
		return f, err
	}
	f.Offset = (page - 1) * f.Limit
	return f, nil
}

func validRole(r access.Role) bool {
	for _, x := range access.Roles {
		if x == r {
			return true
		}
	}
	return false
}

// userForm is the add/edit form's state.
type userForm struct {
	User   sqlstore.User
	Roles  []access.Role
	Orgs   []sqlstore.Org
	Errors map[string]string
	Self   bool
}

type userPageData struct {
	userForm
	CanManage bool
	History   []sqlstore.AuditRecord
	CanAudit  bool
	Notice    string
}

func (s *Server) newUserPage(w http.ResponseWriter, r *http.Request) {
	a := info(r).Actor
	if !s.authorize(w, r, access.ManageUser, homeResource(a, "user")) {
		return
	}
	s.renderUserNew(w, r, http.StatusOK, sqlstore.User{Region: a.Region, Lang: "id"}, nil)
}

func (s *Server) renderUserNew(w http.ResponseWriter, r *http.Request, status int, u sqlstore.User, errs map[string]string) {
	a := info(r).Actor
	orgs, _, err := s.Accounts.ListOrgs(r.Context(), a.Scope(), 500, 0)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderStatus(w, r, status, "user_new", view{Nav: "users", Title: s.t(r, "users.new"),
		Data: userForm{User: u, Roles: access.ManageableRoles(a), Orgs: orgs, Errors: errs}})
}

// readUserForm reads and checks the fields an administrator sets.
func readUserForm(r *http.Request, u *sqlstore.User) error {
	u.DisplayName = strings.TrimSpace(r.PostFormValue("display_name"))
	u.Email = strings.TrimSpace(r.PostFormValue("email"))
	u.Role = access.Role(r.PostFormValue("role"))
	u.Region = strings.TrimSpace(r.PostFormValue("region"))
	u.OrgID, _ = strconv.ParseInt(r.PostFormValue("org_id"), 10, 64)
	if err := account.CheckDisplayName(u.DisplayName); err != nil {
		return err
	}
	if err := account.CheckEmail(u.Email); err != nil {
		return err
	}
	if !validRole(u.Role) {
		return jalin.Invalid("role", "error.param_role", string(u.Role))
	}
	if u.Role != access.ThirdParty {
		u.OrgID = 0
	}
	return nil
}

func (s *Server) createUserPost(w http.ResponseWriter, r *http.Request) {
	a := info(r).Actor
	if !s.authorize(w, r, access.ManageUser, homeResource(a, "user")) {
		return
	}
	u := sqlstore.User{Username: account.NormalizeUsername(r.PostFormValue("username")), Lang: "id"}
	password := r.PostFormValue("password")
	created, err := s.createUser(r, u, password, func(u *sqlstore.User) error { return readUserForm(r, u) })
	if err != nil {
		u.DisplayName, u.Email, u.Region = r.PostFormValue("display_name"), r.PostFormValue("email"), r.PostFormValue("region")
		u.Role = access.Role(r.PostFormValue("role"))
		s.formFail(w, r, err, func(errs map[string]string) { s.renderUserNew(w, r, statusOfErr(err), u, errs) })
		return
	}
	http.Redirect(w, r, "/users/"+idOf(created.ID), http.StatusSeeOther)
}

// createUser is the one way a user is added (pages, API): the fields are
// checked, the region must exist, the actor must be allowed to grant the
// role there, and the password must meet the policy.
func (s *Server) createUser(r *http.Request, u sqlstore.User, password string, read func(*sqlstore.User) error) (sqlstore.User, error) {
	if err := account.CheckUsername(u.Username); err != nil {
		return u, err
	}
	if err := read(&u); err != nil {
		return u, err
	}
	if err := s.checkGrant(r, u); err != nil {
		return u, err
	}
	if err := auth.CheckPasswordPolicy(password, u.Username); err != nil {
		return u, err
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return u, err
	}
	now := s.now()
	u.PasswordHash, u.PasswordChangedAt = hash, now
	return s.Accounts.CreateUser(r.Context(), u, meta(r))
}

// checkGrant checks the role's region and organisation exist and that the
// actor may grant the role there.
func (s *Server) checkGrant(r *http.Request, u sqlstore.User) error {
	a := info(r).Actor
	if u.Region != "" {
		if _, ok := s.Regions.Get(u.Region); !ok {
			return jalin.Invalid("region", "error.region_unknown", u.Region)
		}
	}
	if u.OrgID != 0 {
		org, err := s.Accounts.GetOrg(r.Context(), a.Scope(), u.OrgID)
		if err != nil {
			return jalin.Invalid("org_id", "org.unknown")
		}
		_ = org
	}
	return access.CanGrant(a, u.Role, u.Region, u.OrgID)
}

// loadUser returns the user named by the {id} path value, if the actor may
// see it; out of scope is "not found".
func (s *Server) loadUser(r *http.Request) (sqlstore.User, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return sqlstore.User{}, &jalin.Error{Code: jalin.ENotFound, Msg: "user.not_found", Err: jalin.ErrNotFound}
	}
	a := info(r).Actor
	u, err := s.Accounts.GetUser(r.Context(), a.Scope(), id)
	if err != nil {
		return u, err
	}
	if err := access.Authorize(a, access.ViewUser, userResource(u)); err != nil {
		return u, err
	}
	return u, nil
}

func (s *Server) userPage(w http.ResponseWriter, r *http.Request) {
	if !s.requireUser(w, r) {
		return
	}
	u, err := s.loadUser(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderUser(w, r, http.StatusOK, u, nil, r.URL.Query().Get("saved"))
}

func (s *Server) renderUser(w http.ResponseWriter, r *http.Request, status int, u sqlstore.User, errs map[string]string, notice string) {
	a := info(r).Actor
	d := userPageData{
		userForm:  userForm{User: u, Roles: access.ManageableRoles(a), Errors: errs, Self: u.ID == a.UserID},
		CanManage: access.Authorize(a, access.ManageUser, userResource(u)) == nil,
		CanAudit:  access.Authorize(a, access.ViewAudit, userResource(u)) == nil,
		Notice:    notice,
	}
	var err error
	if d.CanManage {
		if d.Orgs, _, err = s.Accounts.ListOrgs(r.Context(), a.Scope(), 500, 0); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if d.CanAudit {
		if d.History, err = s.Accounts.AuditHistory(r.Context(), a.Scope(), "user", idOf(u.ID), 50); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.renderStatus(w, r, status, "user", view{Nav: "users", Title: u.DisplayName, Data: d})
}

// updateUserPost changes another user's name, role, region, organisation
// or status. Administrators cannot change their own role or disable
// themselves, so that nobody locks an office out by mistake.
func (s *Server) updateUserPost(w http.ResponseWriter, r *http.Request) {
	u, ok := s.managedUser(w, r)
	if !ok {
		return
	}
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	next := u
	err := readUserForm(r, &next)
	next.Disabled = r.PostFormValue("disabled") == "on"
	if err == nil {
		u, err = s.updateUser(r, u, next, version)
	}
	if err != nil {
		s.formFail(w, r, err, func(errs map[string]string) { s.renderUser(w, r, statusOfErr(err), next, errs, "") })
		return
	}
	http.Redirect(w, r, "/users/"+idOf(u.ID)+"?saved=1", http.StatusSeeOther)
}

// managedUser loads the user named by {id} for an administrator about to
// change it, or answers the request (login, not found, forbidden) and
// returns false.
func (s *Server) managedUser(w http.ResponseWriter, r *http.Request) (sqlstore.User, bool) {
	if !s.requireUser(w, r) {
		return sqlstore.User{}, false
	}
	u, err := s.loadUser(r)
	if err != nil {
		s.fail(w, r, err)
		return u, false
	}
	return u, s.authorize(w, r, access.ManageUser, userResource(u))
}

// updateUser is the one way an administrator changes another user (pages
// and API): nobody changes his own role, region or status; a new role or
// region must be the actor's to grant; a disabled user's sessions end.
func (s *Server) updateUser(r *http.Request, u, next sqlstore.User, version int64) (sqlstore.User, error) {
	a := info(r).Actor
	if u.ID == a.UserID && (next.Role != u.Role || next.Region != u.Region || next.Disabled) {
		return u, jalin.Invalid("role", "user.self_change")
	}
	if next.Role != u.Role || next.Region != u.Region || next.OrgID != u.OrgID {
		if err := s.checkGrant(r, next); err != nil {
			return u, err
		}
	}
	u, err := s.Accounts.UpdateUser(r.Context(), a.Scope(), u.ID, version, func(x *sqlstore.User) error {
		x.DisplayName, x.Email, x.Role, x.Region, x.OrgID, x.Disabled = next.DisplayName, next.Email, next.Role, next.Region, next.OrgID, next.Disabled
		return nil
	}, meta(r))
	if err == nil && u.Disabled {
		_, err = s.Accounts.DeleteUserSessions(r.Context(), u.ID)
	}
	return u, err
}

// resetPasswordPost sets a new password chosen by the administrator and
// ends the user's sessions.
func (s *Server) resetPasswordPost(w http.ResponseWriter, r *http.Request) {
	u, ok := s.managedUser(w, r)
	if !ok {
		return
	}
	if err := s.setPassword(r, info(r).Actor.Scope(), u, r.PostFormValue("password")); err != nil {
		s.formFail(w, r, err, func(errs map[string]string) { s.renderUser(w, r, statusOfErr(err), u, errs, "") })
		return
	}
	if _, err := s.Accounts.DeleteUserSessions(r.Context(), u.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/users/"+idOf(u.ID)+"?saved=password", http.StatusSeeOther)
}

package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/account"
	"github.com/jalin-ksd/jalin/sqlstore"
)

type apiUser struct {
	ID          int64       `json:"id"`
	Username    string      `json:"username"`
	DisplayName string      `json:"display_name"`
	Email       string      `json:"email"`
	Role        access.Role `json:"role"`
	RegionCode  *string     `json:"region_code"`
	OrgID       *int64      `json:"org_id"`
	Lang        string      `json:"lang"`
	Disabled    bool        `json:"disabled"`
	CreatedAt   time.Time   `json:"created_at"`
	UpdatedAt   time.Time   `json:"updated_at"`
	Version     int64       `json:"version"`
}

func toAPIUser(u sqlstore.User) apiUser {
	a := apiUser{ID: u.ID, Username: u.Username, DisplayName: u.DisplayName, Email: u.Email, Role: u.Role,
		Lang: u.Lang, Disabled: u.Disabled, CreatedAt: u.CreatedAt.UTC(), UpdatedAt: u.UpdatedAt.UTC(), Version: u.Version}
	if u.Region != "" {
		r := u.Region
		a.RegionCode = &r
	}
	if u.OrgID != 0 {
		o := u.OrgID
		a.OrgID = &o
	}
	return a
}

// decodeJSON reads a JSON request body strictly: unknown fields and
// trailing data are errors that name what is wrong.
func decodeJSON(r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		return jalin.Invalid("Content-Type", "api.json_required")
	}
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, maxFormBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return jalin.Invalid(te.Field, "api.json_type", te.Field)
		}
		if strings.HasPrefix(err.Error(), "json: unknown field ") {
			f := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
			return jalin.Invalid(f, "api.json_unknown_field", f)
		}
		return jalin.Invalid("body", "api.json_invalid", err.Error())
	}
	if _, err := dec.Token(); err != io.EOF {
		return jalin.Invalid("body", "api.json_trailing")
	}
	return nil
}

func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) {
	if !s.requireUser(w, r) {
		return
	}
	writeJSON(w, http.StatusOK, toAPIUser(*info(r).User))
}

func (s *Server) apiUserList(w http.ResponseWriter, r *http.Request) {
	a := info(r).Actor
	if !s.authorize(w, r, access.ViewUser, homeResource(a, "user")) {
		return
	}
	v := r.URL.Query()
	f, err := parseUserFilter(v)
	if err == nil {
		f.Limit, err = intParam(v, "limit", defaultLimit, 1, maxLimit)
	}
	if err == nil && !v.Has("page") {
		f.Offset, err = intParam(v, "offset", 0, 0, maxOffset)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	users, total, err := s.Accounts.ListUsers(r.Context(), a.Scope(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	items := make([]apiUser, len(users))
	for i, u := range users {
		items[i] = toAPIUser(u)
	}
	writeJSON(w, http.StatusOK, apiPage[apiUser]{Items: items, Total: total, Limit: f.Limit, Offset: f.Offset})
}

type apiUserInput struct {
	Username    string  `json:"username"`
	DisplayName string  `json:"display_name"`
	Email       string  `json:"email"`
	Role        string  `json:"role"`
	RegionCode  *string `json:"region_code"`
	OrgID       *int64  `json:"org_id"`
	Password    string  `json:"password"`
	Disabled    *bool   `json:"disabled"`
}

func (in apiUserInput) apply(u *sqlstore.User) error {
	u.DisplayName, u.Email, u.Role = strings.TrimSpace(in.DisplayName), strings.TrimSpace(in.Email), access.Role(in.Role)
	u.Region, u.OrgID = "", 0
	if in.RegionCode != nil {
		u.Region = *in.RegionCode
	}
	if in.OrgID != nil {
		u.OrgID = *in.OrgID
	}
	if err := account.CheckDisplayName(u.DisplayName); err != nil {
		return err
	}
	if err := account.CheckEmail(u.Email); err != nil {
		return err
	}
	if !validRole(u.Role) {
		return jalin.Invalid("role", "error.param_role", in.Role)
	}
	return nil
}

func (s *Server) apiUserCreate(w http.ResponseWriter, r *http.Request) {
	a := info(r).Actor
	if !s.authorize(w, r, access.ManageUser, homeResource(a, "user")) {
		return
	}
	var in apiUserInput
	if err := decodeJSON(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	u, err := s.createUser(r, sqlstore.User{Username: account.NormalizeUsername(in.Username), Lang: "id"}, in.Password, in.apply)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/users/"+idOf(u.ID))
	w.Header().Set("ETag", etag(u.Version))
	writeJSON(w, http.StatusCreated, toAPIUser(u))
}

func etag(version int64) string { return `"` + strconv.FormatInt(version, 10) + `"` }

func (s *Server) apiUserGet(w http.ResponseWriter, r *http.Request) {
	if !s.requireUser(w, r) {
		return
	}
	u, err := s.loadUser(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("ETag", etag(u.Version))
	writeJSON(w, http.StatusOK, toAPIUser(u))
}

// apiUserUpdate replaces the administrable fields of a user. The request
// must carry the version it read (If-Match: the ETag); a stale one is
// refused with 412 so that no change is lost.
func (s *Server) apiUserUpdate(w http.ResponseWriter, r *http.Request) {
	u, ok := s.managedUser(w, r)
	if !ok {
		return
	}
	version, err := strconv.ParseInt(strings.Trim(r.Header.Get("If-Match"), `"`), 10, 64)
	if err != nil {
		s.fail(w, r, jalin.Invalid("If-Match", "api.if_match_required"))
		return
	}
	var in apiUserInput
	if err := decodeJSON(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	if in.Username != "" && account.NormalizeUsername(in.Username) != u.Username {
		s.fail(w, r, jalin.Invalid("username", "user.username_fixed"))
		return
	}
	next := u
	err = in.apply(&next)
	if in.Disabled != nil {
		next.Disabled = *in.Disabled
	}
	if err == nil {
		u, err = s.updateUser(r, u, next, version)
	}
	if err != nil {
		var e *jalin.Error
		if errors.As(err, &e) && e.Code == jalin.EConflict && e.Field == "version" {
			err = &jalin.Error{Code: jalin.EPrecondition, Msg: e.Msg, Field: "If-Match", Err: err}
		}
		s.fail(w, r, err)
		return
	}
	w.Header().Set("ETag", etag(u.Version))
	writeJSON(w, http.StatusOK, toAPIUser(u))
}

type apiAuditRecord struct {
	Seq        int64           `json:"seq"`
	At         time.Time       `json:"at"`
	ActorName  string          `json:"actor"`
	IP         string          `json:"ip"`
	Action     string          `json:"action"`
	ObjectKind string          `json:"object_kind"`
	ObjectID   string          `json:"object_id"`
	Before     json.RawMessage `json:"before"`
	After      json.RawMessage `json:"after"`
	Hash       string          `json:"hash"`
}

func toAPIAudit(recs []sqlstore.AuditRecord) []apiAuditRecord {
	out := make([]apiAuditRecord, len(recs))
	for i, a := range recs {
		out[i] = apiAuditRecord{Seq: a.Seq, At: a.At.UTC(), ActorName: a.ActorName, IP: a.IP, Action: a.Action,
			ObjectKind: a.ObjectKind, ObjectID: a.ObjectID, Before: nullJSON(a.Before), After: nullJSON(a.After), Hash: a.Hash}
	}
	return out
}

func nullJSON(b json.RawMessage) json.RawMessage {
	if len(b) == 0 {
		return json.RawMessage("null")
	}
	return b
}

func (s *Server) apiUserHistory(w http.ResponseWriter, r *http.Request) {
	if !s.requireUser(w, r) {
		return
	}
	u, err := s.loadUser(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a := info(r).Actor
	if !s.authorize(w, r, access.ViewAudit, userResource(u)) {
		return
	}
	recs, err := s.Accounts.AuditHistory(r.Context(), a.Scope(), "user", idOf(u.ID), 200)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": toAPIAudit(recs)})
}

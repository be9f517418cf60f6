package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/account"
	"github.com/jalin-ksd/jalin/auth"
	"github.com/jalin-ksd/jalin/i18n"
	"github.com/jalin-ksd/jalin/sqlstore"
)

type accountData struct {
	User     sqlstore.User
	Tokens   []sqlstore.APIToken
	NewToken string // shown once, right after creation
	Errors   map[string]string
	Notice   string
	History  []sqlstore.AuditRecord
}

func (s *Server) accountPage(w http.ResponseWriter, r *http.Request) {
	if !s.requireUser(w, r) {
		return
	}
	s.renderAccount(w, r, http.StatusOK, accountData{})
}

func (s *Server) renderAccount(w http.ResponseWriter, r *http.Request, status int, d accountData) {
	ri := info(r)
	u, err := s.Accounts.GetUser(r.Context(), access.Scope{All: true}, ri.User.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.User = u
	if d.Tokens, err = s.Accounts.ListTokens(r.Context(), u.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	if d.History, err = s.Accounts.AuditHistory(r.Context(), access.Scope{All: true}, "user", idOf(u.ID), 20); err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderStatus(w, r, status, "account", view{Nav: "account", Title: s.t(r, "account.title"), Data: d})
}

// accountProfile changes the user's own name, e-mail and language.
func (s *Server) accountProfile(w http.ResponseWriter, r *http.Request) {
	if !s.requireUser(w, r) {
		return
	}
	ri := info(r)
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	name := strings.TrimSpace(r.PostFormValue("display_name"))
	email := strings.TrimSpace(r.PostFormValue("email"))
	lang, ok := i18n.Parse(r.PostFormValue("lang"))
	errs := map[string]string{}
	if err := account.CheckDisplayName(name); err != nil {
		errs["display_name"] = s.message(r, err)
	}
	if err := account.CheckEmail(email); err != nil {
		errs["email"] = s.message(r, err)
	}
	if !ok {
		errs["lang"] = s.t(r, "account.lang_invalid")
	}
	if len(errs) > 0 {
		s.renderAccount(w, r, http.StatusBadRequest, accountData{Errors: errs})
		return
	}
	_, err := s.Accounts.UpdateUser(r.Context(), access.Scope{All: true}, ri.User.ID, version, func(u *sqlstore.User) error {
		u.DisplayName, u.Email, u.Lang = name, email, string(lang)
		return nil
	}, meta(r))
	if err != nil {
		s.formFail(w, r, err, func(errs map[string]string) { s.renderAccount(w, r, statusOfErr(err), accountData{Errors: errs}) })
		return
	}
	setLangCookie(w, s.Config.SecureCookies(), lang)
	http.Redirect(w, r, "/account?saved=1", http.StatusSeeOther)
}

// accountPassword changes the user's own password; the current one is
// asked again, and every other session of the user ends.
func (s *Server) accountPassword(w http.ResponseWriter, r *http.Request) {
	if !s.requireUser(w, r) {
		return
	}
	ri := info(r)
	current, next := r.PostFormValue("current_password"), r.PostFormValue("new_password")
	if ok, _, _ := auth.VerifyPassword(ri.User.PasswordHash, current); !ok {
		s.renderAccount(w, r, http.StatusBadRequest, accountData{Errors: map[string]string{"current_password": s.t(r, "account.current_wrong")}})
		return
	}
	if next != r.PostFormValue("confirm_password") {
		s.renderAccount(w, r, http.StatusBadRequest, accountData{Errors: map[string]string{"confirm_password": s.t(r, "account.confirm_mismatch")}})
		return
	}
	if err := s.setPassword(r, access.Scope{All: true}, *ri.User, next); err != nil {
		s.formFail(w, r, err, func(errs map[string]string) { s.renderAccount(w, r, statusOfErr(err), accountData{Errors: errs}) })
		return
	}
	// End every session, then give this browser a fresh one.
	if _, err := s.Accounts.DeleteUserSessions(r.Context(), ri.User.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	if _, err := s.startSession(w, r, ri.User.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/account?password=1", http.StatusSeeOther)
}

// setPassword checks the policy, hashes and stores a new password for u.
func (s *Server) setPassword(r *http.Request, scope access.Scope, u sqlstore.User, password string) error {
	if err := auth.CheckPasswordPolicy(password, u.Username); err != nil {
		return err
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	_, err = s.Accounts.UpdateUser(r.Context(), scope, u.ID, u.Version, func(x *sqlstore.User) error {
		x.PasswordHash = hash
		x.PasswordChangedAt = s.now()
		return nil
	}, meta(r))
	return err
}

// tokenCreate makes an API token for the user and shows it once.
func (s *Server) tokenCreate(w http.ResponseWriter, r *http.Request) {
	if !s.requireUser(w, r) {
		return
	}
	raw, tok, err := s.createToken(r, r.PostFormValue("name"), r.PostFormValue("expires_days"))
	if err != nil {
		s.formFail(w, r, err, func(errs map[string]string) { s.renderAccount(w, r, statusOfErr(err), accountData{Errors: errs}) })
		return
	}
	_ = tok
	s.renderAccount(w, r, http.StatusOK, accountData{NewToken: raw})
}

// createToken validates a token request and stores the token's hash; raw
// is returned to be shown once and never again.
func (s *Server) createToken(r *http.Request, name, days string) (string, sqlstore.APIToken, error) {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 80 || account.HasControl(name) {
		return "", sqlstore.APIToken{}, jalin.Invalid("name", "token.name_invalid")
	}
	n := 90
	if days != "" {
		var err error
		if n, err = strconv.Atoi(days); err != nil || n < 1 || n > 365 {
			return "", sqlstore.APIToken{}, jalin.Invalid("expires_days", "token.expiry_invalid")
		}
	}
	raw, hash := auth.NewToken()
	now := s.now()
	exp := now.Add(time.Duration(n) * 24 * time.Hour)
	tok, err := s.Accounts.CreateToken(r.Context(), sqlstore.APIToken{
		UserID: info(r).User.ID, Name: name, Hash: hash, CreatedAt: now, ExpiresAt: &exp,
	}, meta(r))
	return raw, tok, err
}

func (s *Server) tokenRevoke(w http.ResponseWriter, r *http.Request) {
	if !s.requireUser(w, r) {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, jalin.ErrNotFound)
		return
	}
	if err := s.Accounts.RevokeToken(r.Context(), info(r).User.ID, id, s.now(), meta(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/account?revoked=1", http.StatusSeeOther)
}

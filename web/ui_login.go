package web

import (
	"errors"
	"net/http"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/account"
	"github.com/jalin-ksd/jalin/auth"
	"github.com/jalin-ksd/jalin/sqlstore"
)

type loginData struct {
	Username string
	Next     string
	Error    string
}

// loginForm shows the login form. The form's CSRF token lives in a
// short pre-login session, which login replaces with a new one.
func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	ri := info(r)
	if !ri.Actor.IsAnonymous() {
		http.Redirect(w, r, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
		return
	}
	if ri.Session == nil {
		sess, err := s.startSession(w, r, 0)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		ri.Session = sess
	}
	s.render(w, r, "login", "login", s.t(r, "login.title"), loginData{Next: safeNext(r.URL.Query().Get("next"))})
}

// login checks the password, throttled per account and per client address;
// a lockout answers the same way whether or not the account exists.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	username := account.NormalizeUsername(r.PostFormValue("username"))
	if account.CheckUsername(username) != nil {
		username = "" // matches no account; malformed text never reaches the database
	}
	password := r.PostFormValue("password")
	d := loginData{Username: username, Next: safeNext(r.PostFormValue("next"))}
	now := s.now()
	keys := []string{"user:" + username, "ip:" + clientIP(r)}
	for i, k := range keys {
		// Whole offices share one NAT address, so the address may fail
		// ten times as often as one account before it is locked.
		th := s.Throttle
		if i == 1 {
			th.MaxFailures *= 10
		}
		n, last, err := s.Accounts.LoginFailures(r.Context(), k, now.Add(-th.Window))
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if locked, until := th.Locked(n, last, now); locked {
			d.Error = s.t(r, "login.locked", until.Sub(now).Round(1e9).String())
			s.renderStatus(w, r, http.StatusTooManyRequests, "login", view{Nav: "login", Title: s.t(r, "login.title"), Data: d})
			return
		}
	}
	select {
	case s.hashSlots <- struct{}{}:
		defer func() { <-s.hashSlots }()
	case <-r.Context().Done():
		return
	}
	u, err := s.Accounts.UserForLogin(r.Context(), username)
	ok := false
	if err == nil && !u.Disabled {
		ok, _, err = auth.VerifyPassword(u.PasswordHash, password)
		if err != nil {
			s.Logger.Error("stored password hash unreadable", "user", u.ID, "error", err)
			ok = false
		}
	} else if err != nil && !errors.Is(err, jalin.ErrNotFound) {
		s.fail(w, r, err)
		return
	} else {
		// Spend the same time as a real check so that response times do
		// not tell which usernames exist.
		auth.VerifyPassword(s.dummyHash, password)
	}
	if !ok {
		for _, k := range keys {
			if err := s.Accounts.RecordLoginFailure(r.Context(), k, now); err != nil {
				s.fail(w, r, err)
				return
			}
		}
		_ = s.Accounts.AppendAudit(r.Context(), meta(r), sqlstore.AuditEntry{
			Action: "login.failure", ObjectKind: "user", ObjectID: idOf(u.ID), Region: u.Region,
			After: map[string]string{"username": username},
		})
		d.Error = s.t(r, "login.failed")
		s.renderStatus(w, r, http.StatusUnauthorized, "login", view{Nav: "login", Title: s.t(r, "login.title"), Data: d})
		return
	}
	_ = s.Accounts.ClearLoginFailures(r.Context(), keys[0])
	if old := info(r).Session; old != nil {
		_ = s.Accounts.DeleteSession(r.Context(), old.IDHash)
	}
	if _, err := s.startSession(w, r, u.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	info(r).setUser(u)
	if err := s.Accounts.AppendAudit(r.Context(), meta(r), sqlstore.AuditEntry{
		Action: "login.success", ObjectKind: "user", ObjectID: idOf(u.ID), Region: u.Region,
	}); err != nil {
		s.fail(w, r, err)
		return
	}
	if u.Lang != "" {
		setLangCookie(w, s.Config.SecureCookies(), langOf(u.Lang, info(r).Lang))
	}
	http.Redirect(w, r, d.Next, http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if sess := info(r).Session; sess != nil {
		if err := s.Accounts.DeleteSession(r.Context(), sess.IDHash); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.clearSessionCookie(w)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// logoutAll ends every session of the user, on every device.
func (s *Server) logoutAll(w http.ResponseWriter, r *http.Request) {
	if !s.requireUser(w, r) {
		return
	}
	ri := info(r)
	n, err := s.Accounts.DeleteUserSessions(r.Context(), ri.User.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	_ = s.Accounts.AppendAudit(r.Context(), meta(r), sqlstore.AuditEntry{
		Action: "session.logout_all", ObjectKind: "user", ObjectID: idOf(ri.User.ID), Region: ri.User.Region,
		After: map[string]int{"sessions_ended": n},
	})
	s.clearSessionCookie(w)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

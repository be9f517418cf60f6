package web

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/auth"
	"github.com/jalin-ksd/jalin/sqlstore"
)

// AccountStore is what the web layer needs of accounts, sessions, tokens and
// the audit trail; *sqlstore.DB provides it.
type AccountStore interface {
	UserForLogin(ctx context.Context, username string) (sqlstore.User, error)
	GetUser(ctx context.Context, scope access.Scope, id int64) (sqlstore.User, error)
	ListUsers(ctx context.Context, scope access.Scope, f sqlstore.UserFilter) ([]sqlstore.User, int, error)
	CreateUser(ctx context.Context, u sqlstore.User, meta sqlstore.AuditMeta) (sqlstore.User, error)
	UpdateUser(ctx context.Context, scope access.Scope, id, version int64, change func(*sqlstore.User) error, meta sqlstore.AuditMeta) (sqlstore.User, error)

	CreateSession(ctx context.Context, s sqlstore.Session) error
	SessionByHash(ctx context.Context, hash []byte, now time.Time) (sqlstore.Session, error)
	TouchSession(ctx context.Context, hash []byte, lastSeen, expires time.Time) error
	DeleteSession(ctx context.Context, hash []byte) error
	DeleteUserSessions(ctx context.Context, userID int64) (int, error)

	CreateToken(ctx context.Context, t sqlstore.APIToken, meta sqlstore.AuditMeta) (sqlstore.APIToken, error)
	TokenUser(ctx context.Context, hash []byte, now time.Time) (sqlstore.APIToken, sqlstore.User, error)
	ListTokens(ctx context.Context, userID int64) ([]sqlstore.APIToken, error)
	RevokeToken(ctx context.Context, userID, tokenID int64, now time.Time, meta sqlstore.AuditMeta) error
	TouchToken(ctx context.Context, id int64, now time.Time) error

	RecordLoginFailure(ctx context.Context, key string, at time.Time) error
	LoginFailures(ctx context.Context, key string, since time.Time) (int, time.Time, error)
	ClearLoginFailures(ctx context.Context, key string) error

	CreateOrg(ctx context.Context, o sqlstore.Org, meta sqlstore.AuditMeta) (sqlstore.Org, error)
	GetOrg(ctx context.Context, scope access.Scope, id int64) (sqlstore.Org, error)
	ListOrgs(ctx context.Context, scope access.Scope, limit, offset int) ([]sqlstore.Org, int, error)

	AppendAudit(ctx context.Context, meta sqlstore.AuditMeta, e sqlstore.AuditEntry) error
	AuditHistory(ctx context.Context, scope access.Scope, kind, id string, limit int) ([]sqlstore.AuditRecord, error)
	AuditList(ctx context.Context, scope access.Scope, f sqlstore.AuditFilter) ([]sqlstore.AuditRecord, int, error)
	VerifyAudit(ctx context.Context) (sqlstore.AuditVerification, error)
}

const (
	sessionCookie   = "jalin_session"
	sessionLifetime = 12 * time.Hour  // idle sessions end after this
	sessionTouch    = 5 * time.Minute // how often a live session's expiry is pushed back
	anonLifetime    = 2 * time.Hour   // a pre-login session only carries the login form's CSRF token
	tokenTouch      = time.Minute     // how often a token's last use is written
	maxFormBytes    = 1 << 20         // forms are small; uploads get their own limit
	maxUploadBytes  = 26 << 20        // a document (25 MB) and its form fields
)

// authenticate finds who is asking: a Bearer token (API clients) or the
// session cookie (browsers). An invalid credential is treated as none, so
// the request continues as the public; a disabled user is signed out.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ri := info(r)
		ri.Actor = access.Anonymous
		if noAuth(r.URL.Path) {
			next.ServeHTTP(w, r)
			return
		}
		if h := r.Header.Get("Authorization"); h != "" {
			if err := s.authToken(r, ri, h); err != nil {
				s.fail(w, r, err)
				return
			}
		} else if c, err := r.Cookie(sessionCookie); err == nil {
			s.authSession(r, ri, c.Value)
		}
		if ri.User != nil && ri.User.Lang != "" && r.URL.Query().Get("lang") == "" {
			if _, err := r.Cookie(langCookie); err != nil {
				ri.Lang = langOf(ri.User.Lang, ri.Lang)
			}
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) authToken(r *http.Request, ri *reqInfo, header string) error {
	unauthorized := jalin.Errorf(jalin.EUnauthorized, "auth.token_invalid")
	raw, ok := auth.ParseBearer(header)
	if !ok {
		return unauthorized
	}
	hash, ok := auth.ParseToken(raw)
	if !ok {
		return unauthorized
	}
	now := s.now()
	tok, u, err := s.Accounts.TokenUser(r.Context(), hash, now)
	if errors.Is(err, jalin.ErrNotFound) {
		return unauthorized
	} else if err != nil {
		return err
	}
	if u.Disabled {
		return unauthorized
	}
	if tok.LastUsedAt == nil || now.Sub(*tok.LastUsedAt) > tokenTouch {
		if err := s.Accounts.TouchToken(r.Context(), tok.ID, now); err != nil {
			s.Logger.Warn("touch token", "error", err)
		}
	}
	ri.setUser(u)
	ri.ViaToken = true
	return nil
}

func (s *Server) authSession(r *http.Request, ri *reqInfo, cookie string) {
	hash, ok := auth.ParseSessionID(cookie)
	if !ok {
		return
	}
	now := s.now()
	sess, err := s.Accounts.SessionByHash(r.Context(), hash, now)
	if err != nil {
		if !errors.Is(err, jalin.ErrNotFound) {
			s.Logger.Warn("session lookup", "error", err)
		}
		return
	}
	ri.Session = &sess
	if sess.UserID == 0 {
		return
	}
	u, err := s.Accounts.GetUser(r.Context(), access.Scope{All: true}, sess.UserID)
	if err != nil || u.Disabled {
		ri.Session = nil
		_ = s.Accounts.DeleteSession(r.Context(), hash)
		return
	}
	if now.Sub(sess.LastSeenAt) > sessionTouch {
		if err := s.Accounts.TouchSession(r.Context(), hash, now, now.Add(sessionLifetime)); err != nil {
			s.Logger.Warn("touch session", "error", err)
		}
	}
	ri.setUser(u)
}

func (ri *reqInfo) setUser(u sqlstore.User) {
	ri.User = &u
	ri.Actor = access.Actor{UserID: u.ID, Name: u.Username, Role: u.Role, Region: u.Region, OrgID: u.OrgID}
}

// csrfProtect refuses a state-changing request from a browser unless it
// carries the session's CSRF token (form field "csrf" or header
// X-CSRF-Token). Token-authenticated API calls carry no cookie and need none.
func (s *Server) csrfProtect(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			next.ServeHTTP(w, r)
			return
		}
		ri := info(r)
		if ri.ViaToken || (isAPI(r) && ri.Session == nil) {
			// No cookie authenticates this request, so there is nothing
			// for another site to forge: a token caller, or the public
			// (whom the handler answers 401).
			next.ServeHTTP(w, r)
			return
		}
		ct := r.Header.Get("Content-Type")
		limit := int64(maxFormBytes)
		if strings.HasPrefix(ct, "multipart/form-data") {
			limit = maxUploadBytes
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		got := r.Header.Get("X-CSRF-Token")
		switch {
		case got != "":
		case strings.HasPrefix(ct, "application/x-www-form-urlencoded"):
			got = r.PostFormValue("csrf")
		case strings.HasPrefix(ct, "multipart/form-data"):
			if err := r.ParseMultipartForm(8 << 20); err == nil {
				got = r.FormValue("csrf")
			}
		}
		if ri.Session == nil || !auth.EqualCSRF(got, ri.Session.CSRF) {
			s.fail(w, r, jalin.Errorf(jalin.EForbidden, "auth.csrf_invalid"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// startSession creates a session (for a user, or anonymous for the login
// form) and sets its cookie. The ID is new every time: a session ID from
// before login is never the one after it.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, userID int64) (*sqlstore.Session, error) {
	raw, hash := auth.NewSessionID()
	now := s.now()
	life := sessionLifetime
	if userID == 0 {
		life = anonLifetime
	}
	sess := sqlstore.Session{
		IDHash: hash, UserID: userID, CSRF: auth.NewCSRFToken(),
		CreatedAt: now, ExpiresAt: now.Add(life), LastSeenAt: now,
		IP: clientIP(r), UserAgent: truncate(r.UserAgent(), 200),
	}
	if err := s.Accounts.CreateSession(r.Context(), sess); err != nil {
		return nil, err
	}
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: raw, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.Config.SecureCookies(),
	})
	return &sess, nil
}

func (s *Server) clearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.Config.SecureCookies()})
}

// clientIP is the peer address. Behind a load balancer, deployments set
// the proxy to pass the peer on; Jalin does not trust X-Forwarded-For by
// default because any client can send it.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

func (s *Server) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// meta is who changes something in this request, for the audit trail.
func meta(r *http.Request) sqlstore.AuditMeta {
	return sqlstore.AuditMeta{Actor: info(r).Actor, IP: clientIP(r)}
}

// requireUser sends the public to the login page (pages) or answers 401
// (API); it returns false when the request has been answered.
func (s *Server) requireUser(w http.ResponseWriter, r *http.Request) bool {
	if !info(r).Actor.IsAnonymous() {
		return true
	}
	if isAPI(r) || r.Method != http.MethodGet {
		s.fail(w, r, jalin.Errorf(jalin.EUnauthorized, "access.login_required"))
		return false
	}
	http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
	return false
}

// safeNext returns a local path to go to after a form, never another site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.Contains(next, "\\") {
		return "/"
	}
	return next
}

// noAuth lists the paths that never depend on who asks, so that assets and
// probes cost no session lookup.
func noAuth(path string) bool {
	switch path {
	case "/healthz", "/readyz", "/metrics", "/favicon.ico":
		return true
	}
	return strings.HasPrefix(path, "/static/")
}

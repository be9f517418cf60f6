package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/klauspost/compress/gzhttp"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/i18n"
	"github.com/jalin-ksd/jalin/sqlstore"
)

// reqInfo is what middleware learns about a request once, for every handler.
type reqInfo struct {
	ID       string
	Lang     i18n.Lang
	Actor    access.Actor      // who asks; access.Anonymous for the public
	User     *sqlstore.User    // the signed-in user, if any
	Session  *sqlstore.Session // the browser session (also before login), if any
	ViaToken bool              // authenticated by an API token, not a cookie
}

type ctxKey struct{}

func info(r *http.Request) *reqInfo {
	if ri, ok := r.Context().Value(ctxKey{}).(*reqInfo); ok {
		return ri
	}
	return &reqInfo{Lang: i18n.Default}
}

// csp allows only our own origin: no inline scripts or styles, so injected
// markup cannot run. Leaflet sets element styles from script (CSSOM), which
// style-src does not restrict.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; " +
	"frame-ancestors 'none'; form-action 'self'"

func (s *Server) middleware(next http.Handler) http.Handler {
	gz, err := gzhttp.NewWrapper(gzhttp.MinSize(512))
	if err != nil {
		panic(err) // only fails on invalid static options
	}
	h := s.csrfProtect(next)
	h = s.authenticate(h)
	h = s.langMiddleware(h)
	h = s.recoverer(h)
	h = gz(h)
	h = s.securityHeaders(h)
	h = s.logRequests(h)
	return h
}

func newRequestID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// logRequests assigns the request ID, measures the request and logs it:
// 5xx as errors, 4xx as warnings, the rest at debug level so that a busy
// server's log stays readable.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := r.Header.Get("X-Request-ID")
		if id == "" || len(id) > 64 || strings.ContainsAny(id, " \t\r\n\"") {
			id = newRequestID()
		}
		w.Header().Set("X-Request-ID", id)
		ri := &reqInfo{ID: id, Lang: i18n.Default}
		r = r.WithContext(context.WithValue(r.Context(), ctxKey{}, ri))
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		d := time.Since(start)
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		s.metrics.observe(r.Method, route, sw.status, d)
		level := slog.LevelDebug
		switch {
		case sw.status == statusClientClosed:
			level = slog.LevelDebug
		case sw.status >= 500:
			level = slog.LevelError
		case sw.status >= 400:
			level = slog.LevelWarn
		}
		s.Logger.LogAttrs(r.Context(), level, "request",
			slog.String("request_id", id), slog.String("method", r.Method),
			slog.String("path", r.URL.Path), slog.String("route", route),
			slog.Int("status", sw.status), slog.Int64("bytes", sw.bytes),
			slog.Duration("duration", d), slog.String("remote", r.RemoteAddr))
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
	wrote  bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.wrote = true
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if s.Config.SecureCookies() {
			h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		next.ServeHTTP(w, r)
	})
}

// langMiddleware settles the request's language: an explicit ?lang=, then
// the lang cookie, then (for the API) Accept-Language, then Indonesian.
func (s *Server) langMiddleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ri := info(r)
		if l, ok := i18n.Parse(r.URL.Query().Get("lang")); ok {
			ri.Lang = l
		} else if c, err := r.Cookie(langCookie); err == nil {
			ri.Lang = langOf(c.Value, ri.Lang)
		} else if h := r.Header.Get("Accept-Language"); h != "" && isAPI(r) {
			// Machine clients say what they want in the header; pages
			// stay Indonesian until a person chooses otherwise, since
			// many browsers in Indonesia are set to English.
			ri.Lang = i18n.FromAcceptLanguage(h)
		}
		w.Header().Add("Vary", "Cookie, Accept-Language")
		w.Header().Set("Content-Language", string(ri.Lang))
		next.ServeHTTP(w, r)
	})
}

// recoverer turns a panic into a logged 500 so one bad request never takes
// the server down.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.Logger.Error("panic", "request_id", info(r).ID, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				s.fail(w, r, fmt.Errorf("panic: %v", v))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// langOf returns the language named by s, or def.
func langOf(s string, def i18n.Lang) i18n.Lang {
	if l, ok := i18n.Parse(s); ok {
		return l
	}
	return def
}

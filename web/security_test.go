package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

// browser is a cookie-keeping client that does not follow redirects.
type browser struct {
	t       *testing.T
	f       *fixture
	cookies map[string]string
}

func (f *fixture) browser() *browser { return &browser{t: f.t, f: f, cookies: map[string]string{}} }

func (b *browser) do(method, path string, form url.Values, header ...string) response {
	b.t.Helper()
	var body *strings.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	} else {
		body = strings.NewReader("")
	}
	req, _ := http.NewRequest(method, b.f.ts.URL+path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	for k, v := range b.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	for _, c := range res.Cookies() {
		if c.MaxAge < 0 {
			delete(b.cookies, c.Name)
		} else {
			b.cookies[c.Name] = c.Value
		}
	}
	var sb strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := res.Body.Read(buf)
		sb.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return response{Status: res.StatusCode, Header: res.Header, Body: sb.String()}
}

// csrf reads the CSRF token from a page's login or logout form.
func csrfOf(t *testing.T, body string) string {
	t.Helper()
	i := strings.Index(body, `name="csrf" value="`)
	if i < 0 {
		t.Fatalf("no CSRF field in page: %.300s", body)
	}
	rest := body[i+len(`name="csrf" value="`):]
	return rest[:strings.IndexByte(rest, '"')]
}

// login signs b in as username through the real form.
func (b *browser) login(username, password string) response {
	b.t.Helper()
	page := b.do("GET", "/login", nil)
	return b.do("POST", "/login", url.Values{"csrf": {csrfOf(b.t, page.Body)}, "username": {username}, "password": {password}, "next": {"/account"}})
}

func TestLoginRenewsSessionAndLogoutEverywhere(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		b := f.browser()
		b.do("GET", "/login", nil)
		before := b.cookies[sessionCookie]
		if before == "" {
			t.Fatal("the login form must start a pre-login session for its CSRF token")
		}
		r := b.login("user.ra", fixturePassword)
		if r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/account" {
			t.Fatalf("login: %d %v", r.Status, r.Header)
		}
		after := b.cookies[sessionCookie]
		if after == "" || after == before {
			t.Fatal("the session ID must change at login")
		}
		old := &browser{t: t, f: f, cookies: map[string]string{sessionCookie: before}}
		if r := old.do("GET", "/account", nil); r.Status != http.StatusSeeOther {
			t.Errorf("the pre-login session ID still works after login: %d", r.Status)
		}
		if r := b.do("GET", "/account", nil); r.Status != 200 || !strings.Contains(r.Body, "user.ra") {
			t.Fatalf("account after login: %d", r.Status)
		}
		// A second device, then "logout everywhere" from the first.
		other := f.browser()
		other.login("user.ra", fixturePassword)
		page := b.do("GET", "/account", nil)
		if r := b.do("POST", "/logout/all", url.Values{"csrf": {csrfOf(t, page.Body)}}); r.Status != http.StatusSeeOther {
			t.Fatalf("logout all: %d", r.Status)
		}
		if r := other.do("GET", "/account", nil); r.Status != http.StatusSeeOther {
			t.Errorf("the other device is still signed in: %d", r.Status)
		}
	})
}

func TestCSRF(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		b := f.browser()
		b.login("user.ra", fixturePassword)
		page := b.do("GET", "/account", nil)
		token := csrfOf(t, page.Body)
		form := url.Values{"display_name": {"Changed"}, "lang": {"id"}, "version": {f.version(f.users["ra"])}}
		if r := b.do("POST", "/account", form); r.Status != http.StatusForbidden {
			t.Errorf("missing CSRF token: %d", r.Status)
		}
		form.Set("csrf", token+"x")
		if r := b.do("POST", "/account", form); r.Status != http.StatusForbidden {
			t.Errorf("wrong CSRF token: %d", r.Status)
		}
		// A cookie-authenticated API call needs the header too.
		body := `{"name":"x"}`
		req := func(h ...string) int {
			r, _ := http.NewRequest("POST", f.ts.URL+"/api/v1/tokens", strings.NewReader(body))
			r.Header.Set("Content-Type", "application/json")
			r.AddCookie(&http.Cookie{Name: sessionCookie, Value: b.cookies[sessionCookie]})
			for i := 0; i+1 < len(h); i += 2 {
				r.Header.Set(h[i], h[i+1])
			}
			res, err := http.DefaultClient.Do(r)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			return res.StatusCode
		}
		if got := req(); got != http.StatusForbidden {
			t.Errorf("API with a session cookie and no CSRF header: %d", got)
		}
		if got := req("X-CSRF-Token", token); got != http.StatusCreated {
			t.Errorf("API with a session cookie and the CSRF header: %d", got)
		}
		form.Set("csrf", token)
		if r := b.do("POST", "/account", form); r.Status != http.StatusSeeOther {
			t.Errorf("right CSRF token: %d %.300s", r.Status, r.Body)
		}
	})
}

func TestLockoutTriggersAndExpires(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		now := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
		db.SetNow(func() time.Time { return now })
		f := newFixture(t, db)
		b := f.browser()
		for i := 0; i < 5; i++ {
			if r := b.login("user.rm", "wrong password "+string(rune('a'+i))); r.Status != http.StatusUnauthorized {
				t.Fatalf("failure %d: %d", i+1, r.Status)
			}
		}
		r := b.login("user.rm", fixturePassword)
		if r.Status != http.StatusTooManyRequests || !strings.Contains(r.Body, "Terlalu banyak percobaan") {
			t.Fatalf("the right password during lockout: %d", r.Status)
		}
		now = now.Add(14 * time.Minute)
		if r := b.login("user.rm", fixturePassword); r.Status != http.StatusTooManyRequests {
			t.Fatalf("lockout ended early: %d", r.Status)
		}
		now = now.Add(time.Minute + time.Second)
		if r := b.login("user.rm", fixturePassword); r.Status != http.StatusSeeOther {
			t.Fatalf("after the lockout: %d %.300s", r.Status, r.Body)
		}
		// Another account from the same address is not locked by it.
		if r := f.browser().login("user.rv", fixturePassword); r.Status != http.StatusSeeOther {
			t.Errorf("another account: %d", r.Status)
		}
		recs, _, err := db.AuditList(context.Background(), access.Scope{All: true}, sqlstore.AuditFilter{Action: "login.failure", Limit: 100})
		if err != nil || len(recs) != 5 {
			t.Errorf("failed logins in the audit trail: %d %v", len(recs), err)
		}
	})
}

func TestStoredMarkupIsEscaped(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		evil := `<script>alert("x")</script>' onmouseover="y`
		u, err := db.CreateUser(context.Background(), sqlstore.User{Username: "evil", DisplayName: evil, Role: access.RegencyViewer, Region: "32.73", Lang: "id", PasswordHash: "x"}, sys)
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/users", "/users/" + idOf(u.ID)} {
			r := f.do("na", request{method: "GET", path: path})
			if r.Status != 200 {
				t.Fatalf("%s: %d", path, r.Status)
			}
			if strings.Contains(r.Body, "<script>alert") || strings.Contains(r.Body, `" onmouseover="y`) {
				t.Errorf("%s renders stored markup unescaped", path)
			}
			if !strings.Contains(r.Body, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;") {
				t.Errorf("%s: escaped name not found", path)
			}
		}
		var got apiUser
		r := f.do("na", request{method: "GET", path: "/api/v1/users/" + idOf(u.ID)})
		if err := json.Unmarshal([]byte(r.Body), &got); err != nil || got.DisplayName != evil {
			t.Errorf("the API must return the name as stored: %v %q", err, got.DisplayName)
		}
	})
}

// TestSQLMetacharactersAreHarmless sends quotes, comments and wildcards in
// every filter parameter; each answer is a normal 200 or a 400 naming the
// parameter, never a 500, and nothing changes.
func TestSQLMetacharactersAreHarmless(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		before, _ := db.CountUsers(context.Background())
		evil := []string{`' OR '1'='1`, `"; DROP TABLE app_user; --`, `%`, `_`, `\`, `32%' --`, "\x00"}
		paths := []string{"/users?q=", "/users?role=", "/api/v1/users?q=", "/api/v1/users?role=", "/regions?q=", "/regions?parent=",
			"/regions?level=", "/api/v1/regions?q=", "/api/v1/regions?parent=", "/api/v1/regions?limit=", "/api/v1/orgs?offset=", "/regions/"}
		for _, p := range paths {
			for _, e := range evil {
				r := f.do("na", request{method: "GET", path: p + url.QueryEscape(e)})
				if r.Status >= 500 {
					t.Errorf("%s%q: %d", p, e, r.Status)
				}
				if r.Status == 200 && strings.HasPrefix(p, "/api/v1/users?q=") && strings.Contains(r.Body, `"username"`) && e != "%" && e != "_" {
					t.Errorf("%s%q matched users: %.200s", p, e, r.Body)
				}
			}
		}
		if after, _ := db.CountUsers(context.Background()); after != before {
			t.Errorf("users changed: %d -> %d", before, after)
		}
		// A wildcard is a literal character in a search, not "anything".
		r := f.do("na", request{method: "GET", path: "/api/v1/users?q=%25"})
		if !strings.Contains(r.Body, `"total":0`) {
			t.Errorf("q=%% matched: %.200s", r.Body)
		}
	})
}

func TestTokensAndDisabledUsers(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		r := f.do("rm", request{method: "POST", path: "/api/v1/tokens", json: map[string]any{"name": "script", "expires_days": 1}})
		var tok apiToken
		if err := json.Unmarshal([]byte(r.Body), &tok); err != nil || r.Status != 201 || !strings.HasPrefix(tok.Token, "jalin_") {
			t.Fatalf("create: %d %s", r.Status, r.Body)
		}
		call := func(token string) int {
			req, _ := http.NewRequest("GET", f.ts.URL+"/api/v1/me", nil)
			req.Header.Set("Authorization", "Bearer "+token)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			return res.StatusCode
		}
		if got := call(tok.Token); got != 200 {
			t.Fatalf("new token: %d", got)
		}
		last := "A"
		if strings.HasSuffix(tok.Token, "A") {
			last = "B"
		}
		if got := call(tok.Token[:len(tok.Token)-1] + last); got != 401 {
			t.Errorf("altered token: %d", got)
		}
		lst := f.do("rm", request{method: "GET", path: "/api/v1/tokens"})
		if strings.Contains(lst.Body, tok.Token) {
			t.Error("the token list shows a secret")
		}
		if r := f.do("rm", request{method: "DELETE", path: "/api/v1/tokens/" + idOf(tok.ID)}); r.Status != 204 {
			t.Fatalf("revoke: %d", r.Status)
		}
		if got := call(tok.Token); got != 401 {
			t.Errorf("revoked token: %d", got)
		}
		// Expiry: a one-day token is refused two days later.
		r = f.do("rv", request{method: "POST", path: "/api/v1/tokens", json: map[string]any{"name": "short", "expires_days": 1}})
		_ = json.Unmarshal([]byte(r.Body), &tok)
		db.SetNow(func() time.Time { return time.Now().Add(48 * time.Hour) })
		if got := call(tok.Token); got != 401 {
			t.Errorf("expired token: %d", got)
		}
		db.SetNow(nil)
		// Disabling a user ends its sessions and stops its tokens.
		b := f.browser()
		b.login("user.pm", fixturePassword)
		r = f.do("na", request{method: "PATCH", path: "/api/v1/users/" + idOf(f.users["pm"].ID),
			header: map[string]string{"If-Match": `"` + f.version(f.users["pm"]) + `"`},
			json:   map[string]any{"display_name": "Gone", "role": "province_member", "region_code": "32", "disabled": true}})
		if r.Status != 200 {
			t.Fatalf("disable: %d %s", r.Status, r.Body)
		}
		if r := b.do("GET", "/account", nil); r.Status != http.StatusSeeOther {
			t.Errorf("disabled user still signed in: %d", r.Status)
		}
		if got := call(f.tokens["pm"]); got != 401 {
			t.Errorf("disabled user's token: %d", got)
		}
	})
}

func TestStaleUpdatesAreRefused(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		v := f.version(f.in)
		body := map[string]any{"display_name": "First", "role": "regency_member", "region_code": "32.73"}
		if r := f.do("ra", request{method: "PATCH", path: "/api/v1/users/" + idOf(f.in.ID), header: map[string]string{"If-Match": `"` + v + `"`}, json: body}); r.Status != 200 {
			t.Fatalf("first: %d %s", r.Status, r.Body)
		}
		body["display_name"] = "Second"
		r := f.do("pa", request{method: "PATCH", path: "/api/v1/users/" + idOf(f.in.ID), header: map[string]string{"If-Match": `"` + v + `"`}, json: body})
		if r.Status != http.StatusPreconditionFailed {
			t.Errorf("stale PATCH: %d %s", r.Status, r.Body)
		}
		if r := f.do("pa", request{method: "PATCH", path: "/api/v1/users/" + idOf(f.in.ID), json: body}); r.Status != 400 || !strings.Contains(r.Body, "If-Match") {
			t.Errorf("PATCH without If-Match: %d %s", r.Status, r.Body)
		}
		r = f.do("pa", request{method: "POST", path: "/users/" + idOf(f.in.ID), form: url.Values{"display_name": {"Third"}, "role": {"regency_member"}, "region": {"32.73"}, "version": {v}}})
		if r.Status != http.StatusConflict || !strings.Contains(r.Body, "diubah orang lain") {
			t.Errorf("stale form: %d", r.Status)
		}
		got, _ := db.GetUser(context.Background(), access.Scope{All: true}, f.in.ID)
		if got.DisplayName != "First" {
			t.Errorf("a stale update overwrote the first: %q", got.DisplayName)
		}
		hist := f.do("pa", request{method: "GET", path: "/api/v1/users/" + idOf(f.in.ID) + "/history"})
		if !strings.Contains(hist.Body, `"user.update"`) || !strings.Contains(hist.Body, `"First"`) {
			t.Errorf("history lacks the update: %.300s", hist.Body)
		}
	})
}

func TestSecureCookiesBehindHTTPS(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		f.server.Config.BaseURL = "https://jalin.example.go.id"
		r := f.browser().do("GET", "/login", nil)
		c := r.Header.Get("Set-Cookie")
		for _, want := range []string{"jalin_session=", "HttpOnly", "Secure", "SameSite=Lax"} {
			if !strings.Contains(c, want) {
				t.Errorf("cookie %q lacks %s", c, want)
			}
		}
		if r.Header.Get("Strict-Transport-Security") == "" {
			t.Error("no HSTS behind https")
		}
	})
}

func TestAuditTrailPageAndVerification(t *testing.T) {
	sp := loadSpec(t)
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		b := f.browser()
		b.login("user.ra", fixturePassword)
		r := f.do("na", request{method: "GET", path: "/audit?verify=1"})
		if !strings.Contains(r.Body, `id="audit-verified"`) || !strings.Contains(r.Body, "Rantai audit utuh") || !strings.Contains(r.Body, "login.success") {
			t.Fatalf("audit page: %d %.400s", r.Status, r.Body)
		}
		// Regency admins see their region's records, not other regions'.
		r = f.do("ra", request{method: "GET", path: "/api/v1/audit?limit=500"})
		sp.check(t, "/audit", "GET", r)
		if strings.Contains(r.Body, `"target.out"`) || !strings.Contains(r.Body, `"login.success"`) {
			t.Errorf("regency audit list: %.400s", r.Body)
		}
		v := f.do("na", request{method: "GET", path: "/api/v1/audit/verify"})
		sp.check(t, "/audit/verify", "GET", v)
		if !strings.Contains(v.Body, `"ok":true`) {
			t.Fatalf("verify: %s", v.Body)
		}
		if _, err := db.Exec(context.Background(), "UPDATE audit_log SET actor_name = ? WHERE seq = 3", "someone else"); err != nil {
			t.Fatal(err)
		}
		v = f.do("na", request{method: "GET", path: "/api/v1/audit/verify"})
		sp.check(t, "/audit/verify", "GET", v)
		if !strings.Contains(v.Body, `"ok":false`) || !strings.Contains(v.Body, `"broken_seq":3`) || !strings.Contains(v.Body, `"altered"`) {
			t.Errorf("tampered verify: %s", v.Body)
		}
		if r := f.do("na", request{method: "GET", path: "/audit?verify=1"}); !strings.Contains(r.Body, "RUSAK pada catatan #3") {
			t.Errorf("page after tampering: %.300s", r.Body)
		}
	})
}

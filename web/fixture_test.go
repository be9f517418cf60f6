package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/auth"
	"github.com/jalin-ksd/jalin/sqlstore"
)

// fixture is a server with one user per role around West Java (province
// 32, Kota Bandung 32.73), a third party in Kota Bandung, and two target
// users: one in Kota Bandung ("in") and one in Kota Surabaya ("out").
type fixture struct {
	t       *testing.T
	db      *sqlstore.DB
	ts      *httptest.Server
	org     sqlstore.Org
	users   map[string]sqlstore.User // by short role name
	in      sqlstore.User
	out     sqlstore.User
	tokens  map[string]string // raw API token by short role name
	inToken int64             // an API token of the "in" user, for someone-else's-token cases
	server  *Server
}

// actors in the order the expectation strings list them.
var actors = []string{"na", "nn", "pa", "pm", "pv", "ra", "rm", "rv", "tp", "anon"}

var actorRoles = map[string]struct {
	role   access.Role
	region string
}{
	"na": {access.NationalAdmin, ""}, "nn": {access.NationalAnalyst, ""},
	"pa": {access.ProvinceAdmin, "32"}, "pm": {access.ProvinceMember, "32"}, "pv": {access.ProvinceViewer, "32"},
	"ra": {access.RegencyAdmin, "32.73"}, "rm": {access.RegencyMember, "32.73"}, "rv": {access.RegencyViewer, "32.73"},
	"tp": {access.ThirdParty, "32.73"},
}

const fixturePassword = "correct horse battery"

var sys = sqlstore.AuditMeta{Actor: access.Actor{UserID: -1, Name: "test", Role: access.NationalAdmin}}

func newFixture(t *testing.T, db *sqlstore.DB) *fixture {
	t.Helper()
	srv, ts := newTestServer(t, db)
	f := &fixture{t: t, db: db, ts: ts, server: srv, users: map[string]sqlstore.User{}, tokens: map[string]string{}}
	ctx := context.Background()
	var err error
	f.org, err = db.CreateOrg(ctx, sqlstore.Org{Name: "Universitas Uji", Kind: "university", Region: "32.73"}, sys)
	if err != nil {
		t.Fatal(err)
	}
	hash, err := auth.CheapParams().Hash(fixturePassword)
	if err != nil {
		t.Fatal(err)
	}
	add := func(name string, role access.Role, region string, org int64) sqlstore.User {
		u, err := db.CreateUser(ctx, sqlstore.User{Username: name, DisplayName: "User " + name, Role: role, Region: region, OrgID: org, Lang: "id", PasswordHash: hash}, sys)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	for _, a := range actors[:len(actors)-1] {
		ar := actorRoles[a]
		var org int64
		if ar.role == access.ThirdParty {
			org = f.org.ID
		}
		f.users[a] = add("user."+a, ar.role, ar.region, org)
		raw, hash := auth.NewToken()
		if _, err := db.CreateToken(ctx, sqlstore.APIToken{UserID: f.users[a].ID, Name: "t", Hash: hash}, sys); err != nil {
			t.Fatal(err)
		}
		f.tokens[a] = raw
	}
	f.in = add("target.in", access.RegencyMember, "32.73", 0)
	f.out = add("target.out", access.RegencyMember, "35.78", 0)
	return f
}

// session starts a fresh browser session for the actor and returns its
// cookie value and CSRF token ("" for the public, who has none).
func (f *fixture) session(actor string) (cookie, csrf string) {
	if actor == "anon" {
		return "", ""
	}
	raw, hash := auth.NewSessionID()
	csrf = auth.NewCSRFToken()
	now := f.db.Now()
	if err := f.db.CreateSession(context.Background(), sqlstore.Session{IDHash: hash, UserID: f.users[actor].ID, CSRF: csrf,
		CreatedAt: now, ExpiresAt: now.Add(sessionLifetime), LastSeenAt: now}); err != nil {
		f.t.Fatal(err)
	}
	return raw, csrf
}

// request is one call: a page with a form (session cookie and CSRF token)
// or an API call (Bearer token, JSON).
type request struct {
	method, path string
	form         url.Values
	json         any
	header       map[string]string
	files        map[string][]byte // multipart file fields (name -> content)
	fileNames    map[string]string // the file name sent for a field; field+".pdf" if none
}

func (f *fixture) do(actor string, rq request) response {
	f.t.Helper()
	var body io.Reader
	api := strings.HasPrefix(rq.path, "/api/")
	cookie, csrf := "", ""
	if !api {
		cookie, csrf = f.session(actor)
	}
	ctype := ""
	switch {
	case rq.files != nil:
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		for k, vs := range rq.form {
			for _, v := range vs {
				_ = mw.WriteField(k, v)
			}
		}
		if csrf != "" {
			_ = mw.WriteField("csrf", csrf)
		}
		for name, data := range rq.files {
			fn := rq.fileNames[name]
			if fn == "" {
				fn = name + ".pdf"
			}
			fw, _ := mw.CreateFormFile(name, fn)
			_, _ = fw.Write(data)
		}
		_ = mw.Close()
		body, ctype = &buf, mw.FormDataContentType()
	case rq.json != nil:
		b, _ := json.Marshal(rq.json)
		body = strings.NewReader(string(b))
	case rq.form != nil || rq.method == "POST":
		v := url.Values{}
		for k, vs := range rq.form {
			v[k] = vs
		}
		if csrf != "" {
			v.Set("csrf", csrf)
		}
		body = strings.NewReader(v.Encode())
	}
	req, err := http.NewRequest(rq.method, f.ts.URL+rq.path, body)
	if err != nil {
		f.t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	} else if rq.json != nil {
		req.Header.Set("Content-Type", "application/json")
	} else if body != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if cookie != "" {
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: cookie})
	}
	if api && actor != "anon" {
		req.Header.Set("Authorization", "Bearer "+f.tokens[actor])
	}
	for k, v := range rq.header {
		req.Header.Set(k, v)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{Status: res.StatusCode, Header: res.Header, Body: string(b)}
}

// version reads a user's current version, for forms and If-Match.
func (f *fixture) version(u sqlstore.User) string {
	got, err := f.db.GetUser(context.Background(), access.Scope{All: true}, u.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	return fmt.Sprint(got.Version)
}

package web

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/jalin-ksd/jalin/auth"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

// matrixCase is one request to a route with the status every actor must
// get, in the order of actors: na nn pa pm pv ra rm rv tp anon.
type matrixCase struct {
	route  string // "METHOD PATTERN" exactly as registered
	name   string
	req    func(f *fixture, actor string) request
	expect string
}

func getReq(path string) func(*fixture, string) request {
	return func(*fixture, string) request { return request{method: "GET", path: path} }
}

const (
	all200      = "200 200 200 200 200 200 200 200 200 200"
	userOnly    = "200 200 200 200 200 200 200 200 200 303"
	apiSignedIn = "200 200 200 200 200 200 200 200 200 401"
	listUsers   = "200 200 200 403 403 200 403 403 403 303"
	adminOnly   = "200 403 200 403 403 200 403 403 403 303"
	inUser      = "200 200 200 403 403 200 403 403 404 303"
	outUser     = "200 200 404 404 404 404 404 404 404 303"
	manageIn    = "303 403 303 403 403 303 403 403 404 403"
	manageOut   = "303 403 404 404 404 404 404 404 404 403"
	postAdmin   = "303 403 303 403 403 303 403 403 403 403"
)

// api turns a page expectation into the API's: the public gets 401, not a
// redirect to the login page, and a success that redirects is ok/created.
func api(pageExpect, success string) string {
	parts := strings.Fields(pageExpect)
	for i, p := range parts {
		switch {
		case i == len(parts)-1 && (p == "303" || p == "403"):
			parts[i] = "401"
		case p == "303":
			parts[i] = success
		}
	}
	return strings.Join(parts, " ")
}

func matrixCases(f *fixture, staticURL string) []matrixCase {
	in, out := strconv.FormatInt(f.in.ID, 10), strconv.FormatInt(f.out.ID, 10)
	userForm := func(u sqlstore.User) func(*fixture, string) request {
		return func(f *fixture, actor string) request {
			return request{method: "POST", path: "/users/" + strconv.FormatInt(u.ID, 10), form: url.Values{
				"display_name": {"Renamed by " + actor}, "role": {string(u.Role)}, "region": {u.Region}, "version": {f.version(u)}}}
		}
	}
	resetForm := func(u sqlstore.User) func(*fixture, string) request {
		return func(*fixture, string) request {
			return request{method: "POST", path: "/users/" + strconv.FormatInt(u.ID, 10) + "/password", form: url.Values{"password": {"another good password"}}}
		}
	}
	patch := func(u sqlstore.User) func(*fixture, string) request {
		return func(f *fixture, actor string) request {
			return request{method: "PATCH", path: "/api/v1/users/" + strconv.FormatInt(u.ID, 10),
				header: map[string]string{"If-Match": `"` + f.version(u) + `"`},
				json:   map[string]any{"display_name": "Patched by " + actor, "role": string(u.Role), "region_code": u.Region}}
		}
	}
	return []matrixCase{
		{"GET /{$}", "home", getReq("/"), all200},
		{"GET /regions", "browser", getReq("/regions?q=bandung"), all200},
		{"GET /regions/{code}", "region", getReq("/regions/32.73"), all200},
		{"GET /lang/{lang}", "switch", getReq("/lang/en?next=/regions"), "303 303 303 303 303 303 303 303 303 303"},
		{"GET /static/{hash}/{path...}", "asset", getReq(staticURL), all200},
		{"GET /healthz", "", getReq("/healthz"), all200},
		{"GET /readyz", "", getReq("/readyz"), all200},
		{"GET /metrics", "", getReq("/metrics"), all200},
		{"GET /favicon.ico", "", getReq("/favicon.ico"), "301 301 301 301 301 301 301 301 301 301"},
		{"GET /login", "form", getReq("/login"), "303 303 303 303 303 303 303 303 303 200"},
		{"POST /login", "wrong password", func(_ *fixture, actor string) request {
			return request{method: "POST", path: "/login", form: url.Values{"username": {"nobody." + actor}, "password": {"wrong password!"}}}
		}, "401 401 401 401 401 401 401 401 401 403"},
		{"POST /logout", "", func(*fixture, string) request { return request{method: "POST", path: "/logout"} }, "303 303 303 303 303 303 303 303 303 403"},
		{"POST /logout/all", "", func(*fixture, string) request { return request{method: "POST", path: "/logout/all"} }, "303 303 303 303 303 303 303 303 303 403"},
		{"GET /account", "", getReq("/account"), userOnly},
		{"POST /account", "profile", func(f *fixture, actor string) request {
			v := "0"
			if u, ok := f.users[actor]; ok {
				v = f.version(u)
			}
			return request{method: "POST", path: "/account", form: url.Values{"display_name": {"Me " + actor}, "lang": {"en"}, "version": {v}}}
		}, "303 303 303 303 303 303 303 303 303 403"},
		{"POST /account/password", "wrong current", func(*fixture, string) request {
			return request{method: "POST", path: "/account/password", form: url.Values{"current_password": {"not it at all"}, "new_password": {"whatever long enough"}, "confirm_password": {"whatever long enough"}}}
		}, "400 400 400 400 400 400 400 400 400 403"},
		{"POST /account/tokens", "", func(*fixture, string) request {
			return request{method: "POST", path: "/account/tokens", form: url.Values{"name": {"script"}, "expires_days": {"30"}}}
		}, "200 200 200 200 200 200 200 200 200 403"},
		{"POST /account/tokens/{id}/revoke", "someone else's", func(f *fixture, _ string) request {
			return request{method: "POST", path: "/account/tokens/" + strconv.FormatInt(f.inToken, 10) + "/revoke"}
		}, "404 404 404 404 404 404 404 404 404 403"},
		{"GET /users", "", getReq("/users"), listUsers},
		{"GET /users/new", "", getReq("/users/new"), adminOnly},
		{"POST /users", "regency viewer in 32.73", func(_ *fixture, actor string) request {
			return request{method: "POST", path: "/users", form: url.Values{"username": {"new." + actor}, "display_name": {"New"},
				"role": {"regency_viewer"}, "region": {"32.73"}, "password": {fixturePassword}}}
		}, postAdmin},
		{"GET /users/{id}", "in scope", getReq("/users/" + in), inUser},
		{"GET /users/{id}", "out of scope", getReq("/users/" + out), outUser},
		{"POST /users/{id}", "in scope", userForm(f.in), manageIn},
		{"POST /users/{id}", "out of scope", userForm(f.out), manageOut},
		{"POST /users/{id}/password", "in scope", resetForm(f.in), manageIn},
		{"POST /users/{id}/password", "out of scope", resetForm(f.out), manageOut},
		{"GET /orgs", "", getReq("/orgs"), adminOnly},
		{"GET /audit", "", getReq("/audit"), listUsers},
		{"GET /audit", "verify", getReq("/audit?verify=1"), listUsers},
		{"POST /orgs", "in 32.73", func(_ *fixture, actor string) request {
			return request{method: "POST", path: "/orgs", form: url.Values{"name": {"Org " + actor}, "kind": {"ngo"}, "region": {"32.73"}}}
		}, postAdmin},

		{"GET /api/v1/openapi.json", "", getReq("/api/v1/openapi.json"), all200},
		{"GET /api/v1/regions", "", getReq("/api/v1/regions?q=bandung"), all200},
		{"GET /api/v1/regions/{code}", "", getReq("/api/v1/regions/32.73"), all200},
		{"GET /api/v1/regions/{code}/geometry", "", getReq("/api/v1/regions/32.73/geometry"), all200},
		{"GET /api/v1/regions/{code}/points", "", getReq("/api/v1/regions/32.73/points"), all200},
		{"GET /api/v1/sectors", "", getReq("/api/v1/sectors"), all200},
		{"GET /api/v1/urusan", "", getReq("/api/v1/urusan"), all200},
		{"GET /api/v1/me", "", getReq("/api/v1/me"), apiSignedIn},
		{"GET /api/v1/users", "", getReq("/api/v1/users"), api(listUsers, "")},
		{"POST /api/v1/users", "regency viewer in 32.73", func(_ *fixture, actor string) request {
			return request{method: "POST", path: "/api/v1/users", json: map[string]any{"username": "api." + actor, "display_name": "New",
				"role": "regency_viewer", "region_code": "32.73", "password": fixturePassword}}
		}, api(postAdmin, "201")},
		{"GET /api/v1/users/{id}", "in scope", getReq("/api/v1/users/" + in), api(inUser, "")},
		{"GET /api/v1/users/{id}", "out of scope", getReq("/api/v1/users/" + out), api(outUser, "")},
		{"PATCH /api/v1/users/{id}", "in scope", patch(f.in), api(manageIn, "200")},
		{"PATCH /api/v1/users/{id}", "out of scope", patch(f.out), api(manageOut, "200")},
		{"GET /api/v1/users/{id}/history", "in scope", getReq("/api/v1/users/" + in + "/history"), api(inUser, "")},
		{"GET /api/v1/users/{id}/history", "out of scope", getReq("/api/v1/users/" + out + "/history"), api(outUser, "")},
		{"GET /api/v1/tokens", "", getReq("/api/v1/tokens"), apiSignedIn},
		{"POST /api/v1/tokens", "", func(*fixture, string) request {
			return request{method: "POST", path: "/api/v1/tokens", json: map[string]any{"name": "ci", "expires_days": 7}}
		}, "201 201 201 201 201 201 201 201 201 401"},
		{"DELETE /api/v1/tokens/{id}", "someone else's", func(f *fixture, _ string) request {
			return request{method: "DELETE", path: "/api/v1/tokens/" + strconv.FormatInt(f.inToken, 10)}
		}, "404 404 404 404 404 404 404 404 404 401"},
		{"GET /api/v1/orgs", "", getReq("/api/v1/orgs"), api(adminOnly, "")},
		{"GET /api/v1/audit", "", getReq("/api/v1/audit"), api(listUsers, "")},
		{"GET /api/v1/audit/verify", "", getReq("/api/v1/audit/verify"), "200 403 403 403 403 403 403 403 403 401"},
		{"POST /api/v1/orgs", "in 32.73", func(_ *fixture, actor string) request {
			return request{method: "POST", path: "/api/v1/orgs", json: map[string]any{"name": "API org " + actor, "kind": "company", "region_code": "32.73"}}
		}, api(postAdmin, "201")},
	}
}

// matrixExtensions add the cases of other areas (cooperations, API): each
// area's test file appends its function in an init, so areas do not edit
// one list.
var matrixExtensions []func(f *fixture) []matrixCase

// TestAuthorizationMatrix calls every registered route as every role, from
// inside and outside its scope, and checks each answer. A route without a
// case fails the test, so a new route cannot skip this review.
func TestAuthorizationMatrix(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		_, hash := auth.NewToken()
		tok, err := db.CreateToken(context.Background(), sqlstore.APIToken{UserID: f.in.ID, Name: "target", Hash: hash}, sys)
		if err != nil {
			t.Fatal(err)
		}
		f.inToken = tok.ID
		cases := matrixCases(f, "/static/0/app.css")
		for _, more := range matrixExtensions {
			cases = append(cases, more(f)...)
		}
		covered := map[string]bool{}
		for _, c := range cases {
			covered[c.route] = true
			want := strings.Fields(c.expect)
			if len(want) != len(actors) {
				t.Fatalf("%s %s: %d expectations for %d actors", c.route, c.name, len(want), len(actors))
			}
			for i, actor := range actors {
				rq := c.req(f, actor)
				r := f.do(actor, rq)
				if got := strconv.Itoa(r.Status); got != want[i] {
					t.Errorf("%s (%s) as %s: %s %s gave %s, want %s: %.200s", c.route, c.name, actor, rq.method, rq.path, got, want[i], r.Body)
				}
			}
		}
		for _, rt := range f.server.Routes() {
			if key := rt.Method + " " + rt.Pattern; !covered[key] {
				t.Errorf("route %s has no case in the authorization matrix", key)
			}
		}
	})
}

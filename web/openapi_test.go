package web

import (
	"bytes"
	"encoding/json"
	"mime"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/jalin-ksd/jalin/config"
	"github.com/jalin-ksd/jalin/i18n"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

// spec is the parsed OpenAPI document with a schema compiler over it.
type spec struct {
	doc      map[string]any
	compiler *jsonschema.Compiler
}

func loadSpec(t *testing.T) *spec {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(OpenAPI(), &doc); err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(OpenAPI()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("openapi.json", inst); err != nil {
		t.Fatal(err)
	}
	return &spec{doc: doc, compiler: c}
}

func obj(v any, keys ...string) map[string]any {
	for _, k := range keys {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	m, _ := v.(map[string]any)
	return m
}

// deref follows a local $ref inside the document.
func (s *spec) deref(m map[string]any) map[string]any {
	if ref, ok := m["$ref"].(string); ok {
		parts := strings.Split(strings.TrimPrefix(ref, "#/"), "/")
		return obj(s.doc, parts...)
	}
	return m
}

// check validates a response against the operation's documented response
// for its status and content type.
func (s *spec) check(t *testing.T, template, method string, r response) {
	t.Helper()
	op := obj(s.doc, "paths", template, strings.ToLower(method))
	if op == nil {
		t.Fatalf("%s %s is not in the OpenAPI document", method, template)
	}
	resp := obj(op, "responses", strconv.Itoa(r.Status))
	if resp == nil {
		t.Fatalf("%s %s: status %d is not documented (body %s)", method, template, r.Status, r.Body)
	}
	resp = s.deref(resp)
	ctype, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	media := obj(resp, "content", ctype)
	if media == nil {
		t.Fatalf("%s %s %d: content type %q is not documented", method, template, r.Status, ctype)
	}
	ref, _ := obj(media, "schema")["$ref"].(string)
	sch, err := s.compiler.Compile("openapi.json" + ref)
	if err != nil {
		t.Fatalf("compile %s: %v", ref, err)
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(r.Body))
	if err != nil {
		t.Fatalf("%s %s: body is not JSON: %v", method, template, err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("%s %s %d does not match %s: %v", method, template, r.Status, ref, err)
	}
}

func TestAPIMatchesOpenAPI(t *testing.T) {
	sp := loadSpec(t)
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ts := newServer(t, db)
		cases := []struct {
			template, url string
			status        int
		}{
			{"/regions", "/api/v1/regions", 200},
			{"/regions", "/api/v1/regions?q=bandung&limit=5", 200},
			{"/regions", "/api/v1/regions?q=32.7&level=regency", 200},
			{"/regions", "/api/v1/regions?parent=32.73&limit=100&offset=10", 200},
			{"/regions", "/api/v1/regions?level=4&parent=32.73.01", 200},
			{"/regions", "/api/v1/regions?offset=100000", 200},
			{"/regions", "/api/v1/regions?level=9", 400},
			{"/regions", "/api/v1/regions?limit=0", 400},
			{"/regions", "/api/v1/regions?limit=x", 400},
			{"/regions", "/api/v1/regions?offset=-1", 400},
			{"/regions", "/api/v1/regions?parent=3x", 400},
			{"/regions", "/api/v1/regions?parent=99", 400},
			{"/regions", "/api/v1/regions?q=" + strings.Repeat("a", 101), 400},
			{"/regions/{code}", "/api/v1/regions/32.73", 200},
			{"/regions/{code}", "/api/v1/regions/32", 200},
			{"/regions/{code}", "/api/v1/regions/32.73.01.1001", 200},
			{"/regions/{code}", "/api/v1/regions/11.01", 200},
			{"/regions/{code}", "/api/v1/regions/99.99", 404},
			{"/regions/{code}", "/api/v1/regions/not-a-code", 404},
			{"/regions/{code}/geometry", "/api/v1/regions/32.73/geometry", 200},
			{"/regions/{code}/geometry", "/api/v1/regions/32/geometry", 200},
			{"/regions/{code}/geometry", "/api/v1/regions/32.73.01/geometry", 200},
			{"/regions/{code}/geometry", "/api/v1/regions/32.99/geometry", 404},
			{"/regions/{code}/points", "/api/v1/regions/32.73/points", 200},
			{"/regions/{code}/points", "/api/v1/regions/0/points", 404},
			{"/sectors", "/api/v1/sectors", 200},
			{"/urusan", "/api/v1/urusan", 200},
		}
		for _, c := range cases {
			r := get(t, ts, c.url)
			if r.Status != c.status {
				t.Errorf("GET %s: status %d, want %d: %s", c.url, r.Status, c.status, r.Body)
				continue
			}
			sp.check(t, c.template, "GET", r)
		}
	})
}

// TestAPIErrorsNameTheParameter checks that each bad parameter is named in
// the problem document, in the language asked for.
func TestAPIErrorsNameTheParameter(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ts := newServer(t, db)
		for url, field := range map[string]string{
			"/api/v1/regions?level=9":     "level",
			"/api/v1/regions?limit=1000":  "limit",
			"/api/v1/regions?offset=abc":  "offset",
			"/api/v1/regions?parent=1.2":  "parent",
			"/api/v1/regions?page=0":      "page",
			"/api/v1/regions?q=%27%3B--x": "",
		} {
			r := get(t, ts, url, "Accept-Language", "en")
			if field == "" {
				if r.Status != 200 {
					t.Errorf("%s: SQL metacharacters must be harmless, got %d", url, r.Status)
				}
				continue
			}
			var p problem
			if err := json.Unmarshal([]byte(r.Body), &p); err != nil || r.Status != 400 {
				t.Fatalf("%s: %d %s", url, r.Status, r.Body)
			}
			if p.Field != field || !strings.Contains(p.Detail, field) || !strings.Contains(p.Detail, "arameter") {
				t.Errorf("%s: problem %+v does not name %s in English", url, p, field)
			}
		}
		r := get(t, ts, "/api/v1/regions/99.99")
		var p problem
		_ = json.Unmarshal([]byte(r.Body), &p)
		if p.Status != 404 || !strings.Contains(p.Detail, "99.99") || !strings.Contains(p.Detail, "tidak ditemukan") {
			t.Errorf("404 problem: %+v", p)
		}
	})
}

func TestEveryAPIRouteIsDocumented(t *testing.T) {
	sp := loadSpec(t)
	s, err := New(Deps{Config: config.Default(), Catalog: i18n.MustLoad(), Regions: directory(t)})
	if err != nil {
		t.Fatal(err)
	}
	documented := map[string]bool{}
	for p, item := range obj(sp.doc, "paths") {
		for m := range item.(map[string]any) {
			documented[strings.ToUpper(m)+" /api/v1"+p] = true
		}
	}
	for _, rt := range s.Routes() {
		if !rt.API || rt.Pattern == "/api/v1/openapi.json" {
			continue
		}
		key := rt.Method + " " + rt.Pattern
		if !documented[key] {
			t.Errorf("route %s is not in the OpenAPI document", key)
		}
		delete(documented, key)
	}
	for k := range documented {
		t.Errorf("documented %s has no route", k)
	}
}

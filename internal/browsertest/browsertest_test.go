package browsertest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

const testCSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

// testServer serves small pages under the project's CSP. Each page loads a
// same-origin script; none has inline script.
func testServer(t *testing.T) *httptest.Server {
	t.Helper()
	page := func(body, script string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Security-Policy", testCSP)
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Uji</title>`+
				`<link rel="icon" href="data:,">`+
				`<script src="%s" defer></script></head><body>%s</body></html>`, script, body)
		}
	}
	js := func(src string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
			fmt.Fprint(w, src)
		}
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", page(`<h1 id="title">Jalin</h1>
		<ul><li>Aceh</li><li>Bali</li><li>Banten</li></ul>
		<p id="out"></p>
		<form id="f" method="post" action="/posted"><input id="name" name="name"><button id="go">Kirim</button></form>
		<button id="ask" type="button">Tanya</button><p id="answer"></p>`, "/app.js"))
	mux.HandleFunc("GET /app.js", js(`
		document.getElementById("out").textContent = "siap " + document.querySelectorAll("li").length;
		document.getElementById("ask").addEventListener("click", function () {
			document.getElementById("answer").textContent = window.confirm("Yakin?") ? "ya" : "tidak";
		});`))
	mux.HandleFunc("POST /posted", func(w http.ResponseWriter, r *http.Request) {
		page(`<p id="got">`+r.FormValue("name")+`</p>`, "/empty.js")(w, r)
	})
	mux.HandleFunc("GET /empty.js", js(""))
	mux.HandleFunc("GET /console", page(`<p>console</p>`, "/console.js"))
	mux.HandleFunc("GET /console.js", js(`console.error("boom-console", 42);`))
	mux.HandleFunc("GET /throw", page(`<p>throw</p>`, "/throw.js"))
	mux.HandleFunc("GET /throw.js", js(`throw new Error("boom-throw");`))
	mux.HandleFunc("GET /missing", page(`<p>missing</p>`, "/nope.js"))
	mux.HandleFunc("GET /inline-style", page(`<p style="color: red">inline</p>`, "/empty.js"))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestHelpers(t *testing.T) {
	srv := testServer(t)
	b := New(t)
	start := time.Now()

	b.Navigate(srv.URL + "/")
	if got := b.Text("#title"); got != "Jalin" {
		t.Errorf("Text(#title) = %q, want Jalin", got)
	}
	if got := b.Text("#out"); got != "siap 3" {
		t.Errorf("Text(#out) = %q, want %q (same-origin script did not run?)", got, "siap 3")
	}
	if n := b.Count("li"); n != 3 {
		t.Errorf("Count(li) = %d, want 3", n)
	}
	if b.Exists("table") {
		t.Error("Exists(table) = true")
	}

	b.Click("#ask")
	b.WaitVisible("#answer:not(:empty)")
	if got := b.Text("#answer"); got != "ya" {
		t.Errorf("confirm() answered %q, want ya", got)
	}
	if d := b.Dialogs(); len(d) != 1 || d[0] != "Yakin?" {
		t.Errorf("Dialogs() = %q", d)
	}

	b.SendKeys("#name", "Kota ")
	b.SetValue("#name", b.Value("#name")+"Bandung")
	if st := b.SubmitAndWait("#go"); st != 200 {
		t.Errorf("SubmitAndWait status = %d", st)
	}
	if got := b.Text("#got"); got != "Kota Bandung" {
		t.Errorf("posted name = %q", got)
	}

	tab := b.NewTab()
	tab.Navigate(srv.URL + "/")
	if got := tab.Text("#out"); got != "siap 3" {
		t.Errorf("second tab Text(#out) = %q", got)
	}
	if p := b.Problems(); len(p) != 0 {
		t.Errorf("clean pages recorded problems: %q", p)
	}
	t.Logf("helpers took %v", time.Since(start).Round(time.Millisecond))
}

// TestDetection checks that each kind of problem is recorded, and that the
// Allow calls make it expected (so this test itself passes).
func TestDetection(t *testing.T) {
	srv := testServer(t)
	b := New(t)
	cases := []struct {
		path, want string
		allow      func(string)
	}{
		{"/console", "console.error: boom-console 42", b.AllowConsole},
		{"/throw", "uncaught exception: Uncaught Error: boom-throw", b.AllowConsole},
		{"/missing", "HTTP 404 GET " + srv.URL + "/nope.js", b.AllowHTTPError},
		{"/inline-style", "Content Security Policy", b.AllowConsole},
	}
	for _, c := range cases {
		b.Navigate(srv.URL + c.path)
		if !waitFor(b, c.want) {
			t.Errorf("%s: no problem containing %q; unexpected: %q", c.path, c.want, b.rec.unexpected())
			continue
		}
		c.allow(c.want)
	}
	if u := b.rec.unexpected(); len(u) != 0 {
		t.Errorf("problems left after Allow: %q", u)
	}
}

func waitFor(b *Browser, substr string) bool {
	deadline := time.Now().Add(3 * time.Second)
	for time.Now().Before(deadline) {
		b.settle()
		for _, p := range b.rec.unexpected() {
			if strings.Contains(p, substr) {
				return true
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	return false
}

// fakeTB records what the harness reports at the end of a test.
type fakeTB struct {
	testing.TB
	mu       sync.Mutex
	cleanups []func()
	errors   []string
}

func (f *fakeTB) Helper()           {}
func (f *fakeTB) Cleanup(fn func()) { f.mu.Lock(); f.cleanups = append(f.cleanups, fn); f.mu.Unlock() }
func (f *fakeTB) Errorf(format string, args ...any) {
	f.mu.Lock()
	f.errors = append(f.errors, fmt.Sprintf(format, args...))
	f.mu.Unlock()
}

func (f *fakeTB) runCleanups() {
	for i := len(f.cleanups) - 1; i >= 0; i-- {
		f.cleanups[i]()
	}
}

// TestCleanupReports checks that an unexpected console error fails the test
// at cleanup, through a fake testing.TB so that this test does not fail.
func TestCleanupReports(t *testing.T) {
	srv := testServer(t)
	if findChromium() == "" {
		New(t) // skips or fails as configured
	}
	f := &fakeTB{TB: t}
	b := New(f)
	b.Navigate(srv.URL + "/console")
	b.AllowHTTPError("nothing-matches-this")
	f.runCleanups()
	if len(f.errors) != 1 || !strings.Contains(f.errors[0], "boom-console") {
		t.Fatalf("cleanup reported %q, want one error about boom-console", f.errors)
	}
}

// Package e2e drives Jalin in a real browser: the program as a value on a
// free port with a temporary database, headless Chromium in front of it.
package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin/app"
	"github.com/jalin-ksd/jalin/internal/browsertest"
	"github.com/jalin-ksd/jalin/internal/demotest"
)

// sharedGeo is the real geography folder, or "" (the test then skips).
func sharedGeo(t *testing.T) string {
	dir := os.Getenv("JALIN_SHARED_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "data")
	}
	dir = filepath.Join(dir, "geo")
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("JALIN_E2E") == "required" {
			t.Fatalf("JALIN_E2E=required but the shared geography is absent at %s (set JALIN_SHARED_DATA)", dir)
		}
		t.Skipf("shared geography absent at %s; set JALIN_SHARED_DATA", dir)
	}
	return dir
}

// engines lists the databases to run the browser tests on.
func engines() []string {
	if os.Getenv("JALIN_TEST_POSTGRES") != "" {
		return []string{"sqlite", "postgres"}
	}
	return []string{"sqlite"}
}

// start runs Jalin on a free port with a fresh database of the engine and
// the demo data (real geography, one user per role).
func start(t *testing.T, engine string) *app.App {
	t.Helper()
	return demotest.Start(t, engine, filepath.Dir(sharedGeo(t)))
}

// waitFor polls a JavaScript condition until it holds.
func waitFor(t *testing.T, b *browsertest.Browser, what, expr string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !browsertest.Eval[bool](b, expr) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s (%s)", what, expr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func shot(b *browsertest.Browser, name string) {
	if dir := os.Getenv("JALIN_E2E_SCREENSHOTS"); dir != "" {
		b.Screenshot(filepath.Join(dir, name+".png"))
	}
}

// TestBrowserRegions opens the region browser, searches, opens a region
// page with its map, follows a neighbour and switches the language; any
// console error or failed request fails it.
func TestBrowserRegions(t *testing.T) {
	for _, engine := range engines() {
		t.Run(engine, func(t *testing.T) {
			a := start(t, engine)
			b := browsertest.New(t)
			b.Navigate(a.URL() + "/regions")
			b.WaitVisible("#results table.data")
			if got := b.Text("#result-count"); got != "38 wilayah ditemukan" {
				t.Errorf("province count: %q", got)
			}

			// Typing searches as you type (htmx), and the URL follows.
			b.SendKeys("#q", "kota bandung")
			waitFor(t, b, "search results", `document.querySelector('#results') && document.querySelector('#results').textContent.includes('Kota Bandung') && !document.querySelector('#results').textContent.includes('Aceh')`)
			waitFor(t, b, "pushed URL", `new URLSearchParams(location.search).get('q') == 'kota bandung'`)
			shot(b, "search")

			b.ClickAndWait(`#results a[href="/regions/32.73"]`)
			if got := b.Text("#region-name"); !strings.Contains(got, "Kota Bandung") {
				t.Fatalf("region page heading: %q", got)
			}
			// The map draws Bandung and its neighbours from our own GeoJSON.
			waitFor(t, b, "map polygons", `document.querySelectorAll('#region-map[data-map-state=ready] path.geo-self').length == 1 && document.querySelectorAll('#region-map path.geo-neighbour').length >= 2`)
			if n := b.Count("#neighbours tbody tr"); n < 2 {
				t.Errorf("neighbours listed: %d", n)
			}
			shot(b, "region")

			// A neighbour is one click away.
			b.ClickAndWait(`#neighbours a[href="/regions/32.04"]`)
			if got := b.Text("#region-name"); !strings.Contains(got, "Kabupaten Bandung") {
				t.Errorf("neighbour page heading: %q", got)
			}

			// Switch to English and back; the page stays where it was.
			b.ClickAndWait(`.lang-switch a[data-lang="en"]`)
			if got := b.Text("main h2"); got != "Facts" && !strings.Contains(b.Text("main"), "Bordering regions") {
				t.Errorf("English page: %q", got)
			}
			if loc := b.Location(); !strings.Contains(loc, "/regions/32.04") {
				t.Errorf("after switching language the location is %s", loc)
			}
			waitFor(t, b, "map after language switch", `document.querySelectorAll('#region-map path.geo-self').length == 1`)
			b.ClickAndWait(`.lang-switch a[data-lang="id"]`)
			if !strings.Contains(b.Text("main"), "Wilayah yang berbatasan") {
				t.Error("Indonesian not restored")
			}

			// A province page shows its regencies on the map.
			b.Navigate(a.URL() + "/regions/32")
			waitFor(t, b, "province map", `document.querySelectorAll('#region-map path.geo-child').length == 27`)
			shot(b, "province")

			// An unknown code is a helpful 404 page, not a browser error.
			b.AllowHTTPError("/regions/99.99")
			if st := b.NavigateStatus(a.URL() + "/regions/99.99"); st != 404 {
				t.Errorf("unknown region status %d", st)
			}
			if got := b.Text("#error-message"); !strings.Contains(got, "99.99") {
				t.Errorf("404 message: %q", got)
			}
		})
	}
}

package e2e

import (
	"strings"
	"testing"

	"github.com/jalin-ksd/jalin/internal/browsertest"
)

// TestBrowserPotential opens the national page of the manufacturing
// sector with its LQ and LISA maps, and Kota Bandung's potential with its
// charts, on the real BPS data the demo imports.
func TestBrowserPotential(t *testing.T) {
	a := start(t, "sqlite")
	b := browsertest.New(t)
	b.Navigate(a.URL() + "/potential?sector=C&year=2019")
	waitFor(t, b, "LQ choropleth", `document.querySelectorAll('.map[data-map-state=ready] path[class*="lq-"]').length > 400`)
	waitFor(t, b, "LISA map", `document.querySelectorAll('.map[data-map-state=ready] path[class*="lisa-"]').length > 400`)
	if txt := b.Text("main"); !strings.Contains(txt, "Moran") {
		t.Errorf("no Moran's I on the sector page: %.300s", txt)
	}
	shot(b, "potential-sector")

	b.Navigate(a.URL() + "/regions/32.73")
	b.ClickAndWait("#potential-link")
	waitFor(t, b, "charts drawn", `document.querySelectorAll('canvas[data-chart]').length >= 2 && Array.from(document.querySelectorAll('canvas[data-chart]')).every(c => c.width > 0 && window.Chart && Chart.getChart(c))`)
	if txt := b.Text("main"); !strings.Contains(txt, "Kota Bandung") {
		t.Errorf("potential page: %.300s", txt)
	}
	shot(b, "potential-region")
}

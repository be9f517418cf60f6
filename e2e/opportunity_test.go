package e2e

import (
	"strings"
	"testing"

	"github.com/jalin-ksd/jalin/internal/browsertest"
)

// TestBrowserOpportunities: Kota Bandung's TKKSD administrator, as a new
// user would, opens the region, follows "opportunities", sees ranked
// partners with reasons, the cluster map and the border-access list on the
// real data the demo imports, starts a draft mandatory cooperation from an
// access finding (the form opens pre-filled and is saved as a cooperation
// in preparation), sees a cluster's pre-filled offer, and finds the new
// cooperation on the network map.
func TestBrowserOpportunities(t *testing.T) {
	for _, engine := range engines() {
		t.Run(engine, func(t *testing.T) {
			a := start(t, engine)
			b := browsertest.New(t)
			signIn(t, b, a.URL(), "kotabandung.admin")

			b.Navigate(a.URL() + "/regions/32.73")
			b.ClickAndWait("#opportunities-link")
			if n := b.Count("#opportunity-partners tbody tr"); n < 5 {
				t.Fatalf("ranked partners: %d rows; page: %.300s", n, b.Text("main"))
			}
			if why := b.Text("#opportunity-partners tbody tr:first-child td:nth-child(5)"); len(why) < 20 {
				t.Errorf("the first partner has no reason: %q", why)
			}
			if !strings.Contains(b.Text("#opportunity-source"), "PDRB BPS") {
				t.Errorf("the ranking does not rest on the real GRDP: %q", b.Text("#opportunity-source"))
			}
			waitFor(t, b, "cluster map", `document.querySelectorAll('#opportunity-cluster-map[data-map-state=ready] path.geo-self').length == 1 && document.querySelectorAll('#opportunity-cluster-map path[class*="cl-"]').length >= 2`)
			if n := b.Count("#opportunity-clusters tbody tr"); n < 1 {
				t.Errorf("clusters listed: %d", n)
			}
			// The map shows the whole of every cluster, not just the region.
			if !browsertest.Eval[bool](b, `(() => { const m = document.getElementById('opportunity-cluster-map').getBoundingClientRect();
				return Array.from(document.querySelectorAll('#opportunity-cluster-map path')).every(p => { const r = p.getBoundingClientRect();
					return r.left >= m.left - 1 && r.right <= m.right + 1 && r.top >= m.top - 1 && r.bottom <= m.bottom + 1; }); })()`) {
				t.Errorf("part of a cluster lies outside the cluster map's view")
			}
			access := b.Count("#opportunity-access-out tbody tr") + b.Count("#opportunity-access-in tbody tr")
			if access < 1 {
				t.Fatalf("no border-access finding for Kota Bandung")
			}
			shot(b, "opportunities")
			opportunities := b.Location()

			// A cluster's button opens the form with its other members.
			b.ClickAndWait("#opportunity-clusters tbody tr:first-child a.btn")
			if got := b.Value("#kind"); got != "ksdd_sukarela" {
				t.Errorf("cluster draft kind %q", got)
			}
			if b.Value("#pr0") == "" || b.Value("#pr0") == "32.73" || !strings.Contains(b.Value("#objectives"), "Klaster potensial") {
				t.Errorf("cluster draft: partner %q, objectives %q", b.Value("#pr0"), b.Value("#objectives"))
			}

			// An access finding's button opens a mandatory KSDD with the
			// neighbour, saved as a cooperation in preparation.
			b.Navigate(opportunities)
			sel := "#opportunity-access-in tbody tr:first-child"
			if !b.Exists(sel) {
				sel = "#opportunity-access-out tbody tr:first-child"
			}
			neighbour := b.Text(sel + " td:first-child code")
			b.ClickAndWait(sel + " a.btn")
			if got := b.Value("#kind"); got != "ksdd_wajib" {
				t.Errorf("access draft kind %q", got)
			}
			if got := b.Value("#pr0"); got != neighbour {
				t.Errorf("access draft partner %q, want %q", got, neighbour)
			}
			title := b.Value("#title")
			if !strings.Contains(title, "Pelayanan publik lintas batas") || !strings.Contains(b.Value("#objectives"), "lebih dekat") {
				t.Errorf("access draft: title %q, objectives %q", title, b.Value("#objectives"))
			}
			shot(b, "opportunity-draft")
			b.SubmitAndWait("#coop-new-form")
			if got := b.Text("#coop-stage"); got != "Persiapan" {
				t.Fatalf("draft cooperation stage %q; page: %.300s", got, b.Text("main"))
			}
			if !strings.Contains(b.Text("main"), title) || !strings.Contains(b.Text("#parties"), neighbour) && !strings.Contains(b.Text("#parties"), "Bandung") {
				t.Errorf("the saved draft lost its title or partner: %.400s", b.Text("main"))
			}

			// The new cooperation is in the network's list, and the map draws
			// lines between seats (the demo's cooperations are there too, so
			// the pair's line may already be an active one).
			b.Navigate(a.URL() + "/opportunities/network?province=32")
			waitFor(t, b, "network lines", `document.querySelectorAll('#network-map[data-map-state=ready] path.geo-parent[class*="net-"]').length >= 1 && document.querySelectorAll('#network-map path.net-isolated').length >= 1`)
			if !strings.Contains(b.Text("#network-links"), title) {
				t.Errorf("network list: %.300s", b.Text("#network-links"))
			}
			if n := b.Count("#network-isolated li"); n < 1 {
				t.Errorf("no isolated regency stands out: %d", n)
			}
			shot(b, "network")
			// Without a province, the provinces' thinned outlines lie under
			// the lines.
			b.Navigate(a.URL() + "/opportunities/network")
			waitFor(t, b, "national background", `document.querySelectorAll('#network-map[data-map-state=ready] path.geo-parent.net-province').length === 38`)
			shot(b, "network-national")
		})
	}
}

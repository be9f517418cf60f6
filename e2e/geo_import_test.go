package e2e

import (
	"strings"
	"testing"

	"github.com/jalin-ksd/jalin/internal/browsertest"
)

// TestBrowserGeoImport: the ministry's administrator uploads a travel-time
// matrix, sees the row that matches no region before anything is stored,
// cancels (nothing changes), uploads again and stores it; the history says
// the other parts were kept.
func TestBrowserGeoImport(t *testing.T) {
	a := start(t, "sqlite")
	b := browsertest.New(t)
	signIn(t, b, a.URL(), "kemendagri.admin")

	matrix := tempFile(t, "waktu_tempuh.csv", "place,seat,minutes\n32.04.05,32.04,15\n32.04.05,32.73,50\n99.01.01,32.73,5\n")
	b.Navigate(a.URL() + "/geo/import")
	imports := b.Count("#geo-imports tbody tr")
	upload := func() {
		t.Helper()
		b.Navigate(a.URL() + "/geo/import")
		b.SetFiles("#geo-file", matrix)
		b.SubmitAndWait("#geo-upload")
		if !b.Exists("#geo-preview") {
			t.Fatalf("no preview after the upload: %.400s", b.Text("main"))
		}
		if s := b.Text("#geo-unmatched"); !strings.Contains(s, "waktu_tempuh.csv:4") || !strings.Contains(s, "99.01.01") {
			t.Fatalf("the unmatched row is not named with its file and line: %.400s", s)
		}
	}
	upload()
	shot(b, "geo-preview")
	b.ClickAndWait("#geo-cancel")
	if n := b.Count("#geo-imports tbody tr"); n != imports {
		t.Fatalf("cancelling stored an import: %d rows in the history, had %d", n, imports)
	}

	upload()
	b.SubmitAndWait("#geo-confirm")
	if !b.Exists("#geo-done") {
		t.Fatalf("no confirmation after the import: %.400s", b.Text("main"))
	}
	if row := b.Text("#geo-imports tbody tr:first-child"); !strings.Contains(row, "waktu_tempuh.csv") || !strings.Contains(row, "tetap") {
		t.Errorf("the newest import is not first, or does not say the other parts were kept: %q", row)
	}
	if s := b.Text("#geo-stored-travel"); strings.TrimSpace(s) != "2" {
		t.Errorf("stored travel times: %q, want 2", s)
	}
}

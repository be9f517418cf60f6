package e2e

import (
	"strings"
	"testing"

	"github.com/jalin-ksd/jalin/internal/browsertest"
)

// TestBrowserEconImport: the ministry's administrator uploads a table with
// a defect, sees it named before anything is stored, cancels (nothing
// changes), uploads again and imports without the suspect rows.
func TestBrowserEconImport(t *testing.T) {
	a := start(t, "sqlite")
	b := browsertest.New(t)
	signIn(t, b, a.URL(), "kemendagri.admin")

	// Kabupaten Bandung's sectors disagree with its total in 2021 (a lost
	// digit); Kota Bandung's agree.
	table := tempFile(t, "pdrb_2021.csv", "region,indicator,year,value,unit\n"+
		"32.04,pdrb_adhk_lu:A,2021,9000,miliar Rp\n32.04,pdrb_adhk_lu:C,2021,31000,miliar Rp\n32.04,pdrb_adhk_lu_total,2021,4000,miliar Rp\n"+
		"32.73,pdrb_adhk_lu:A,2021,100,miliar Rp\n32.73,pdrb_adhk_lu:C,2021,900,miliar Rp\n32.73,pdrb_adhk_lu_total,2021,1000,miliar Rp\n")
	b.Navigate(a.URL() + "/econ/import")
	imports := b.Count("#econ-imports tbody tr")
	upload := func() {
		t.Helper()
		b.Navigate(a.URL() + "/econ/import")
		b.SetFiles("#econ-files", table)
		b.SubmitAndWait("#econ-upload")
		if !b.Exists("#econ-preview") {
			t.Fatalf("no preview after the upload: %.400s", b.Text("main"))
		}
		if s := b.Text("#econ-suspect"); !strings.Contains(s, "32.04") || !strings.Contains(s, "sector_sum_mismatch") ||
			!strings.Contains(s, "pdrb_2021.csv:") {
			t.Fatalf("the defect is not named with its file and line: %.400s", s)
		}
	}
	upload()
	shot(b, "econ-preview")
	b.ClickAndWait("#econ-cancel")
	if n := b.Count("#econ-imports tbody tr"); n != imports {
		t.Fatalf("cancelling stored an import: %d rows in the history, had %d", n, imports)
	}

	upload()
	b.SubmitAndWait("#econ-confirm")
	if !b.Exists("#econ-done") {
		t.Fatalf("no confirmation after the import: %.400s", b.Text("main"))
	}
	if n := b.Count("#econ-imports tbody tr"); n != imports+1 {
		t.Errorf("%d rows in the history after the import, want %d", n, imports+1)
	}
	if row := b.Text("#econ-imports tbody tr:first-child"); !strings.Contains(row, "pdrb_2021.csv") {
		t.Errorf("the newest import is not first: %q", row)
	}
}

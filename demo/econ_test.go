package demo

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

// TestLoadEcon: the demo imports the shared economy tables once, and the
// stored data makes a full regency panel.
func TestLoadEcon(t *testing.T) {
	dir := sharedData()
	if _, err := os.Stat(filepath.Join(dir, "economy")); dir == "" || err != nil {
		t.Skip("shared economy data not available; set JALIN_SHARED_DATA")
	}
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		a := demoApp(t, db)
		start := time.Now()
		if err := loadEcon(ctx, a); err != nil {
			t.Fatal(err)
		}
		t.Logf("loadEcon took %v", time.Since(start).Round(time.Millisecond))
		imps, err := db.EconImports(ctx, 10)
		if err != nil || len(imps) != 1 {
			t.Fatalf("%d imports, %v", len(imps), err)
		}
		t.Logf("import: %d values, %d suspect rows left out, %d findings", imps[0].RowsKept, imps[0].RowsExcluded, len(imps[0].Findings))
		version, _ := db.EconVersion(ctx)

		// Idempotent: a second run imports nothing.
		if err := loadEcon(ctx, a); err != nil {
			t.Fatal(err)
		}
		if again, _ := db.EconImports(ctx, 10); len(again) != 1 {
			t.Errorf("second loadEcon: %d imports, want 1", len(again))
		}
		if v, _ := db.EconVersion(ctx); v != version {
			t.Errorf("second loadEcon changed the version: %q, want %q", v, version)
		}

		p, err := db.EconPanel(ctx, region.Regency, 2013, 2020, a.Regions)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Regions) != 514 || len(p.Sectors) != 17 {
			t.Errorf("regency panel: %d regions, %d sectors; want 514 and 17", len(p.Regions), len(p.Sectors))
		}
		if v := p.Population("32.73", 2019); v < 2e6 || v > 3e6 {
			t.Errorf("population of Kota Bandung in 2019: %g", v)
		}
		if v := p.Population("32", 2019); v < 4e7 {
			t.Errorf("population of Jawa Barat in 2019 (sum of its regencies): %g", v)
		}
	})
}

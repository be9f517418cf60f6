package web

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin/bps"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

// TestPotentialRealData imports the real BPS tables (business field and
// population) without their suspect rows into SQLite and reads the pages
// and the API from the store itself, as in production.
func TestPotentialRealData(t *testing.T) {
	base := os.Getenv("JALIN_SHARED_DATA")
	if base == "" {
		t.Skip("JALIN_SHARED_DATA is not set: no real economic data to import")
	}
	if testing.Short() {
		t.Skip("imports about 80k rows")
	}
	var _ econSource = (*sqlstore.DB)(nil)
	db := sqlstoretest.Open(t, sqlstore.SQLite)
	s, _ := newTestServer(t, db)
	cw, err := bps.NewCrosswalk(s.Regions)
	if err != nil {
		t.Fatal(err)
	}
	var rows []bps.Row
	var findings []bps.Finding
	for _, name := range []string{"pdrb_lapangan_usaha_adhk2010_kabkota_provinsi_2013_2020.csv", "penduduk_kabkota_2018_2023.csv"} {
		f, err := os.Open(filepath.Join(base, "economy", name))
		if err != nil {
			t.Skipf("shared economy data not available: %v", err)
		}
		rs, fs, err := bps.Read(cw, f, name)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		rows, findings = append(rows, rs...), append(findings, fs...)
	}
	findings = append(findings, bps.Check(rows)...)
	if _, err := db.ImportEcon(context.Background(), rows, findings, "test", sys); err != nil {
		t.Fatal(err)
	}
	ts := newServer(t, db)
	start := time.Now()
	r := get(t, ts, "/api/v1/regions/32.73/potential")
	t.Logf("first request (computes the national panel) took %v", time.Since(start).Round(time.Millisecond))
	if r.Status != 200 {
		t.Fatalf("API: %d %.300s", r.Status, r.Body)
	}
	loadSpec(t).check(t, "/regions/{code}/potential", "GET", r)
	var pot potentialRegion
	if err := json.Unmarshal([]byte(r.Body), &pot); err != nil {
		t.Fatal(err)
	}
	lqs := 0
	for _, sec := range pot.Sectors {
		if sec.LQ != nil {
			lqs++
		}
	}
	if len(pot.Sectors) != 17 || lqs < 15 || pot.Meta.PriceBasis != "ADHK" || pot.Regional == nil {
		t.Errorf("Kota Bandung: %d sectors, %d with an LQ, meta %+v, regional %+v", len(pot.Sectors), lqs, pot.Meta, pot.Regional)
	}
	// Kota Jayapura: Papua's 2022 province has no BPS row; its reference is
	// the former province rebuilt from its regencies, so it has LQs.
	r = get(t, ts, "/api/v1/regions/91.71/potential")
	var jpr potentialRegion
	if err := json.Unmarshal([]byte(r.Body), &jpr); err != nil || r.Status != 200 {
		t.Fatalf("Kota Jayapura: %d %v", r.Status, err)
	}
	lqs = 0
	for _, sec := range jpr.Sectors {
		if sec.LQ != nil {
			lqs++
		}
	}
	if jpr.Reference != "bps:94" || lqs < 15 {
		t.Errorf("Kota Jayapura: reference %q, %d sectors with an LQ", jpr.Reference, lqs)
	}
	if r := get(t, ts, "/regions/91.71/potential?lang=en"); !strings.Contains(r.Body, "before the 2022 split (BPS code 94)") {
		t.Errorf("Kota Jayapura's page does not name its reference: %.300s", r.Body)
	}
	for _, path := range []string{"/regions/32.73/potential", "/potential?sector=C&year=2019", "/inequality", "/inequality?province=32"} {
		start := time.Now()
		if r := get(t, ts, path); r.Status != 200 || strings.Contains(r.Body, `id="potential-empty"`) {
			t.Errorf("GET %s: %d %.300s", path, r.Status, r.Body)
		}
		t.Logf("GET %s took %v", path, time.Since(start).Round(time.Millisecond))
	}
}

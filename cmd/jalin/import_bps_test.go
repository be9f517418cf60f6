package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin/bps"
)

const fileLU = "pdrb_lapangan_usaha_adhk2010_kabkota_provinsi_2013_2020.csv"

// sharedEconomy returns the path of a file of shared/data/economy, or
// skips the test when the shared data is absent. JALIN_SHARED_DATA
// overrides the shared/data folder beside the checkout.
func sharedEconomy(t *testing.T, name string) string {
	t.Helper()
	bases := []string{filepath.Join("..", "..", "..", "shared", "data"), filepath.Join("..", "..", "shared", "data")}
	if env := os.Getenv("JALIN_SHARED_DATA"); env != "" {
		bases = []string{env}
	}
	for _, base := range bases {
		p := filepath.Join(base, "economy", name)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Skipf("shared data not found in %v; set JALIN_SHARED_DATA", bases)
	return ""
}

// econState reports the stored values and imports of the database a
// command test ran against.
func econState(t *testing.T, env map[string]string) (values []bps.Row, imports int) {
	t.Helper()
	db := openDB(t, env)
	defer db.Close()
	ctx := context.Background()
	values, err := db.EconRows(ctx, nil, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	imps, err := db.EconImports(ctx, 100)
	if err != nil {
		t.Fatal(err)
	}
	return values, len(imps)
}

func TestImportBPSRealFile(t *testing.T) {
	lu := sharedEconomy(t, fileLU)
	for name, envFor := range engines(t) {
		t.Run(name, func(t *testing.T) {
			env := envFor(t)
			// Neither flag: the findings are shown and the user must choose.
			code, out, errs := runJalin(t, env, "import", "bps", lu)
			if code != exitUsage || !strings.Contains(errs, "--exclude-suspect") || !strings.Contains(errs, "--cancel-on-findings") ||
				!strings.Contains(out, "order_of_magnitude_jump") || !strings.Contains(out, fileLU+":") {
				t.Fatalf("no flag: %d\n%s\n%s", code, out, errs)
			}
			if _, n := econState(t, env); n != 0 {
				t.Fatalf("no flag: %d imports stored", n)
			}
			code, _, errs = runJalin(t, env, "import", "bps", "--cancel-on-findings", lu)
			if code != exitData || !strings.Contains(errs, "nothing was imported") {
				t.Errorf("--cancel-on-findings: %d %q", code, errs)
			}
			if _, n := econState(t, env); n != 0 {
				t.Fatalf("--cancel-on-findings: %d imports stored", n)
			}

			start := time.Now()
			code, out, errs = runJalin(t, env, "import", "bps", "--exclude-suspect", lu)
			if code != exitOK || !strings.Contains(out, "imported 78552 values as import 1 (216 suspect rows left out, 0 stored values replaced") {
				t.Fatalf("--exclude-suspect: %d\n%s\n%s", code, out, errs)
			}
			t.Logf("jalin import bps --exclude-suspect (open, read, check, store) took %v", time.Since(start).Round(time.Millisecond))
			values, _ := econState(t, env)
			stored := map[string]bool{}
			for _, v := range values {
				stored[fmt.Sprintf("%s %s %d", v.Region, v.Indicator, v.Year)] = true
			}
			// The defects SOURCE.md documents are left out.
			for _, k := range []string{
				"74.13 pdrb_adhk_lu_total 2013", // Muna Barat, total 0
				"74.13 pdrb_adhk_lu:A 2013",
				"92.12 pdrb_adhk_lu_total 2013", // Pegunungan Arfak, total 4.4
				"35.22 pdrb_adhk_lu:B 2014",     // lost decimal points
				"35.07 pdrb_adhk_lu:C 2014",
				"32.16 pdrb_adhk_lu:B 2014",
				"33.75 pdrb_adhk_lu:G 2014", // Kota Pekalongan, another region's row
				"33.75 pdrb_adhk_lu_total 2014",
				"64.02 pdrb_adhk_lu_total 2018", // Kutai Kartanegara
			} {
				if stored[k] {
					t.Errorf("suspect value stored: %s", k)
				}
			}
			for _, k := range []string{"35.22 pdrb_adhk_lu:B 2015", "33.75 pdrb_adhk_lu:G 2015", "00 pdrb_adhk_lu_total 2014", "32 pdrb_adhk_lu:M_N 2020"} {
				if !stored[k] {
					t.Errorf("value missing: %s", k)
				}
			}

			// The same file again replaces what it brought.
			code, out, _ = runJalin(t, env, "import", "bps", "--exclude-suspect", lu)
			if code != exitOK || !strings.Contains(out, "imported 78552 values as import 2 (216 suspect rows left out, 78552 stored values replaced") {
				t.Errorf("second import: %d %q", code, out)
			}
			again, n := econState(t, env)
			if len(again) != len(values) || n != 2 {
				t.Errorf("after the second import: %d values, %d imports; want %d and 2", len(again), n, len(values))
			}
		})
	}
}

func TestImportBPSFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.csv", "region,indicator,year,value,unit\n32.04,population,2020,3600000,jiwa\n32.73,population,2020,2500000,jiwa\n")
	bad := write("bad.csv", "region,indicator,year,value,unit\n32.04,population,2021,3600000,jiwa\n32.73,population,2021,2.5e6x,jiwa\n")
	var zeros strings.Builder
	zeros.WriteString("region,indicator,year,value\n")
	for y := 2018; y <= 2020; y++ {
		for i := 1; i <= 29; i++ {
			fmt.Fprintf(&zeros, "33.%02d,population,%d,0\n", i, y)
		}
	}
	zero := write("zero.csv", zeros.String())
	for name, envFor := range engines(t) {
		t.Run(name, func(t *testing.T) {
			env := envFor(t)
			// Clean data needs no flag.
			code, out, errs := runJalin(t, env, "import", "bps", good)
			if code != exitOK || !strings.Contains(out, "no findings") || !strings.Contains(out, "imported 2 values as import 1") {
				t.Fatalf("clean file: %d %q %q", code, out, errs)
			}
			// A malformed file writes nothing, not even the rows before
			// the bad one, and names file:line:column.
			code, _, errs = runJalin(t, env, "import", "bps", "--exclude-suspect", good, bad)
			if code != exitData || !strings.Contains(errs, "bad.csv:3:") {
				t.Errorf("malformed file: %d %q", code, errs)
			}
			if values, n := econState(t, env); len(values) != 2 || n != 1 {
				t.Errorf("after the malformed file: %d values, %d imports", len(values), n)
			}
			code, _, errs = runJalin(t, env, "import", "bps", filepath.Join(dir, "missing.csv"))
			if code != exitData || !strings.Contains(errs, "missing.csv") {
				t.Errorf("missing file: %d %q", code, errs)
			}
			// More than 50 suspect rows: the list is cut.
			code, out, _ = runJalin(t, env, "import", "bps", zero)
			if code != exitUsage || !strings.Contains(out, "zero_total") || !strings.Contains(out, "... and 37 more") {
				t.Errorf("many findings: %d %q", code, out)
			}
			if code, _, errs = runJalin(t, env, "import", "bps", "--exclude-suspect", "--cancel-on-findings", good); code != exitUsage {
				t.Errorf("both flags: %d %q", code, errs)
			}
		})
	}
}

// TestImportBPSCanonical converts a table to the canonical layout without
// touching a database, and the calculator reads the result as it is.
func TestImportBPSCanonical(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "lu.csv"), filepath.Join(dir, "canonical.csv")
	table := "region,indicator,year,value,unit\n" +
		"32.04,pdrb_adhk_lu:A,2020,60,miliar Rp\n32.04,pdrb_adhk_lu:C,2020,40,miliar Rp\n" +
		"32.73,pdrb_adhk_lu:A,2020,10,miliar Rp\n32.73,pdrb_adhk_lu:C,2020,90,miliar Rp\n"
	if err := os.WriteFile(in, []byte(table), 0o644); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "data")
	env := map[string]string{"JALIN_DATA_DIR": data, "JALIN_LOG_LEVEL": "warn"}
	code, stdout, errs := runJalin(t, env, "import", "bps", "--canonical", out, in)
	if code != exitOK || !strings.Contains(stdout, "wrote 4 rows to "+out) {
		t.Fatalf("--canonical: %d %q %q", code, stdout, errs)
	}
	if _, err := os.Stat(data); !os.IsNotExist(err) {
		t.Errorf("--canonical created the data directory: %v", err)
	}
	got, err := os.ReadFile(out)
	if err != nil || string(got) != table {
		t.Errorf("canonical file:\n%s\nwant\n%s (%v)", got, table, err)
	}
	code, stdout, errs = runJalin(t, nil, "analyze", "lq", "--in", out, "--format", "csv")
	// LQ of 32.04 in A: (60/100)/(70/200) = 1.714285714...
	if code != exitOK || !strings.Contains(stdout, "32.04,A,2020,1.714285714") {
		t.Errorf("analyze on the canonical file: %d %q %q", code, stdout, errs)
	}
}

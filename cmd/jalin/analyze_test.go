package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A small economy of four regencies on a line (11.01–11.02–11.03–11.04),
// two sectors, two years, with population.
const analyzeTable = `region,indicator,year,value,unit
11.01,A,2019,60,miliar_rp
11.01,C,2019,40,miliar_rp
11.02,A,2019,50,miliar_rp
11.02,C,2019,50,miliar_rp
11.03,A,2019,20,miliar_rp
11.03,C,2019,80,miliar_rp
11.04,A,2019,10,miliar_rp
11.04,C,2019,90,miliar_rp
11.01,A,2020,66,miliar_rp
11.01,C,2020,42,miliar_rp
11.02,A,2020,52,miliar_rp
11.02,C,2020,55,miliar_rp
11.03,A,2020,21,miliar_rp
11.03,C,2020,90,miliar_rp
11.04,A,2020,10,miliar_rp
11.04,C,2020,99,miliar_rp
11.01,POPULATION,2019,1000,
11.02,POPULATION,2019,1200,
11.03,POPULATION,2019,900,
11.04,POPULATION,2019,800,
11.01,POPULATION,2020,1010,
11.02,POPULATION,2020,1220,
11.03,POPULATION,2020,905,
11.04,POPULATION,2020,801,
`

func analyzeFiles(t *testing.T) (table, weights string) {
	dir := t.TempDir()
	table, weights = filepath.Join(dir, "pdrb.csv"), filepath.Join(dir, "adj.csv")
	if err := os.WriteFile(table, []byte(analyzeTable), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(weights, []byte("code_a,code_b\n11.01,11.02\n11.02,11.03\n11.03,11.04\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return table, weights
}

func TestAnalyzeLQ(t *testing.T) {
	table, _ := analyzeFiles(t)
	code, out, errs := runJalin(t, nil, "analyze", "lq", "--in", table, "--year", "2019")
	if code != 0 {
		t.Fatalf("lq: %d %s", code, errs)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) != 8 {
		t.Fatalf("lq output: %v %s", err, out)
	}
	// 11.01 in sector A: (60/100) / (140/400) = 1.7142857…, a basis sector.
	for _, r := range rows {
		if r["region"] == "11.01" && r["sector"] == "A" {
			if lq := r["lq"].(float64); math.Abs(lq-60.0/100/(140.0/400)) > 1e-12 || r["basis"] != true {
				t.Errorf("LQ 11.01 A = %v basis %v", lq, r["basis"])
			}
		}
	}
	code, out, _ = runJalin(t, nil, "analyze", "lq", "--in", table, "--format", "csv")
	if code != 0 || !strings.HasPrefix(out, "region,sector,year,lq,basis\n") || strings.Count(out, "\n") != 9 {
		t.Errorf("lq csv: %d %q", code, out)
	}
}

func TestAnalyzeOtherMethods(t *testing.T) {
	table, weights := analyzeFiles(t)
	for _, m := range []struct {
		method string
		want   string
	}{
		{"dlq", `"class"`}, {"shiftshare", `"industry_mix"`}, {"klassen", `"quadrant"`},
		{"inequality", `"williamson"`}, {"moran", `"pseudo_p"`}, {"lisa", `"quadrant"`}, {"getisord", `"gi_star"`},
	} {
		args := []string{"analyze", m.method, "--in", table, "--permutations", "99"}
		if m.method == "moran" || m.method == "lisa" || m.method == "getisord" {
			args = append(args, "--weights", weights)
		}
		code, out, errs := runJalin(t, nil, args...)
		if code != 0 || !strings.Contains(out, m.want) {
			t.Errorf("%s: %d %q %q", m.method, code, out[:min(len(out), 200)], errs)
		}
	}
	// The same seed gives the same permutation results.
	_, a, _ := runJalin(t, nil, "analyze", "lisa", "--in", table, "--weights", weights, "--seed", "7")
	_, b, _ := runJalin(t, nil, "analyze", "lisa", "--in", table, "--weights", weights, "--seed", "7")
	if a != b {
		t.Error("lisa is not reproducible with a seed")
	}
	// A regency without data in 2020 leaves both sectors out of that
	// year's test, and says so.
	gap := filepath.Join(t.TempDir(), "gap.csv")
	if err := os.WriteFile(gap, []byte(strings.ReplaceAll(analyzeTable, "11.04,C,2020,99,", "11.04,C,2020,,")), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runJalin(t, nil, "analyze", "moran", "--in", gap, "--weights", weights, "--year", "2020", "--format", "csv")
	if code != 0 || strings.Count(out, "\n") != 1 || !strings.Contains(errs, "sector A left out: no LQ in 2020 for 11.04") ||
		!strings.Contains(errs, "sector C left out") {
		t.Errorf("moran with a gap: %d %q %q", code, out, errs)
	}
	if code, out, _ := runJalin(t, nil, "analyze", "moran", "--in", gap, "--weights", weights, "--year", "2019", "--format", "csv"); code != 0 || strings.Count(out, "\n") != 3 {
		t.Errorf("moran on the complete year: %d %q", code, out)
	}
}

func TestAnalyzeBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("region,indicator,year,value\n11.01,A,2019,sepuluh\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runJalin(t, nil, "analyze", "lq", "--in", bad)
	if code != exitData || !strings.Contains(errs, "bad.csv:2:") {
		t.Errorf("bad number: %d %q", code, errs)
	}
	if code, _, _ := runJalin(t, nil, "analyze", "nosuch", "--in", bad); code != exitUsage {
		t.Errorf("unknown method: %d", code)
	}
	table, _ := analyzeFiles(t)
	if code, _, errs := runJalin(t, nil, "analyze", "moran", "--in", table); code != exitUsage || !strings.Contains(errs, "--weights") {
		t.Errorf("moran without weights: %d %q", code, errs)
	}
}

package analysis

import (
	"encoding/csv"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// sharedData returns the economy data directory (JALIN_SHARED_DATA or
// ../../shared/data) or skips the test when the files are absent.
func sharedData(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("JALIN_SHARED_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "data")
	}
	dir = filepath.Join(dir, "economy")
	if _, err := os.Stat(filepath.Join(dir, "pdrb_lapangan_usaha_adhk2010_kabkota_provinsi_2013_2020.csv")); err != nil {
		tb.Skipf("shared data absent (%v); set JALIN_SHARED_DATA", err)
	}
	return dir
}

func readCSV(tb testing.TB, path string, each func(col map[string]int, rec []string)) {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	head, err := r.Read()
	if err != nil {
		tb.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			tb.Fatal(err)
		}
		each(col, rec)
	}
}

// realRows converts the tidy BPS file (see its SOURCE.md) to canonical rows:
// kab/kota values and the reference rows (province, or 9999 for the
// nation). Rows with a qa_flag are skipped, so the defect region-years become
// missing; the national flag only concerns its TOTAL, which is never used.
// Population (2018–2020, semester 2; codes listed twice in a year are
// mislabelled in the source and dropped) is added for kab/kota.
func realRows(tb testing.TB, national bool) ([]Row, map[string]string) {
	dir := sharedData(tb)
	var rows []Row
	of := map[string]string{}
	readCSV(tb, filepath.Join(dir, "pdrb_lapangan_usaha_adhk2010_kabkota_provinsi_2013_2020.csv"), func(c map[string]int, rec []string) {
		level, code, flag, ind := rec[c["tingkat"]], rec[c["kode_wilayah"]], rec[c["qa_flag"]], rec[c["kategori"]]
		if ind == "TOTAL" {
			ind = IndicatorTotal
		}
		switch {
		case level == "kabkota" && flag == "":
			if national {
				of[code] = "9999"
			} else {
				of[code] = rec[c["kode_provinsi"]]
			}
		case level == "nasional" && national && ind != IndicatorTotal:
		case level == "provinsi" && !national && flag == "" && ind != IndicatorTotal:
		default:
			return
		}
		y, _ := strconv.Atoi(rec[c["tahun"]])
		v, err := strconv.ParseFloat(rec[c["nilai_miliar_rp"]], 64)
		if err != nil {
			tb.Fatal(err)
		}
		rows = append(rows, Row{code, ind, y, v})
	})
	type key struct {
		code string
		year int
	}
	pops := map[key][]float64{}
	readCSV(tb, filepath.Join(dir, "penduduk_kabkota_2018_2023.csv"), func(c map[string]int, rec []string) {
		y, _ := strconv.Atoi(rec[c["tahun"]])
		if y > 2020 || rec[c["semester"]] != "2" {
			return
		}
		v, _ := strconv.ParseFloat(rec[c["jumlah_penduduk"]], 64)
		k := key{rec[c["kode_wilayah"]], y}
		pops[k] = append(pops[k], v)
	})
	for k, v := range pops {
		if len(v) == 1 && of[k.code] != "" {
			rows = append(rows, Row{k.code, IndicatorPopulation, k.year, v[0]})
		}
	}
	return rows, of
}

func TestRealDataProvincialReference(t *testing.T) {
	rows, of := realRows(t, false)
	p := mustPanel(t, rows, Options{ReferenceOf: of, Vintage: "fawdywahyu18/regional-analysis f48eb64", Unit: "miliar Rp"})
	if len(p.Regions) != 514 || len(p.Sectors) != 17 || len(p.Years) != 8 {
		t.Fatalf("panel %d×%d×%d", len(p.Regions), len(p.Sectors), len(p.Years))
	}
	lq, err := LQ(p, 2019, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ region, sector string }{{"3522", "B"}, {"3578", "G"}} {
		v, st, _ := lq.LQ.Get(c.region, c.sector)
		if st != OK || v <= 1 {
			t.Errorf("LQ %s/%s 2019 = %v (%v), want > 1", c.region, c.sector, v, st)
		}
		t.Logf("LQ %s/%s 2019 vs province = %.4f", c.region, c.sector, v)
	}
	// Bojonegoro 2014 is a flagged defect (decimal point lost in B): every
	// window through 2014 is missing for it, never bridged.
	d, _ := DLQ(p, Window{2013, 2015}, AvgMean)
	if _, st, _ := d.DLQ.Get("3522", "B"); st != Missing {
		t.Errorf("DLQ over the flagged 2014: %v, want missing", st)
	}
	// Inequality inside each province: finite where population exists
	// (2018–2020), and reported missing, not NaN silently, before.
	prov := func(code string) string { return of[code] }
	for year := 2015; year <= 2020; year++ {
		in, err := Inequality(p, year, prov)
		if err != nil {
			t.Fatal(err)
		}
		if year < 2018 {
			if in.Williamson.Status == OK || len(in.Skipped) != 514 {
				t.Errorf("%d: no population, want every region skipped: %v, %d", year, in.Williamson.Status, len(in.Skipped))
			}
			continue
		}
		if !ok(in.Williamson.Value) || !ok(in.Theil.T.Value) {
			t.Fatalf("%d: IW %v T %v", year, in.Williamson.Value, in.Theil.T.Value)
		}
		near(t, "Theil decomposition", in.Theil.Between+in.Theil.Within, in.Theil.T.Value)
		for g, grp := range in.Theil.Groups {
			if !ok(grp.T) || (grp.N > 0 && !ok(in.GroupWilliamson[g].Value)) {
				t.Errorf("%d province %s: T %v IW %v", year, grp.Name, grp.T, in.GroupWilliamson[g].Value)
			}
		}
		t.Logf("%d: kab/kota Williamson %.4f, Theil T %.4f (between provinces %.1f %%), Gini %.4f, n=%d skipped=%d",
			year, in.Williamson.Value, in.Theil.T.Value, 100*in.Theil.BetweenShare, in.Gini.Value, in.Williamson.N, len(in.Skipped))
	}
}

func TestRealDataNational(t *testing.T) {
	rows, of := realRows(t, true)
	p := mustPanel(t, rows, Options{ReferenceOf: of})
	// National sums behave: the 514 kab/kota add up to the national sector
	// sum within a few percent every year. In this vintage the kab/kota sum
	// exceeds the nation by 2.6–6.0 % (2014 lower: seven flagged regencies are missing) (BPS discrepancy between the kab/kota
	// and national tables); the defect region-years are missing, not summed.
	for _, y := range p.Years {
		var s float64
		for _, r := range p.Regions {
			if v := p.Total(r, y); !math.IsNaN(v) {
				s += v
			}
		}
		X := p.ReferenceTotal("9999", y)
		gap := math.Abs(s-X) / X
		t.Logf("%d: Σ kab/kota %.0f vs nation %.0f (gap %.2f %%)", y, s, X, 100*gap)
		if gap > 0.08 {
			t.Errorf("%d: Σ kab/kota %.0f vs nation %.0f (gap %.2f %%)", y, s, X, 100*gap)
		}
	}
	rep, err := Sectoral(p, Window{2013, 2020}, Band2021)
	if err != nil {
		t.Fatal(err)
	}
	v, st, _ := rep.LQ[6].LQ.Get("3522", "B")
	if st != OK || v <= 1 {
		t.Errorf("Bojonegoro B 2019 vs nation = %v", v)
	}
	t.Logf("Bojonegoro LQ B 2019 vs nation = %.3f", v)
	for r := range p.Regions {
		n, st := rep.ShiftShare.RegionN.V[r], rep.ShiftShare.RegionN.St[r]
		if st == OK {
			d := rep.ShiftShare.RegionChange.V[r]
			near(t, "identity "+p.Regions[r], n+rep.ShiftShare.RegionM.V[r]+rep.ShiftShare.RegionC.V[r], d)
		}
	}
}

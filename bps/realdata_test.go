package bps

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/jalin-ksd/jalin/region"
)

// Files of shared/data/economy (see its SOURCE.md). They are never copied
// into the repository.
const (
	fileLU       = "pdrb_lapangan_usaha_adhk2010_kabkota_provinsi_2013_2020.csv"
	fileExpKabK  = "pdrb_pengeluaran_kabkota_adhk2010_2010_2023.csv"
	fileExpKabB  = "pdrb_pengeluaran_kabkota_adhb_2010_2023.csv"
	fileExpProvK = "pdrb_pengeluaran_provinsi_adhk2010_2010_2024.csv"
	fileExpProvB = "pdrb_pengeluaran_provinsi_adhb_2010_2024.csv"
	filePerCap   = "pdrb_perkapita_provinsi_2010_2023.csv"
	filePop      = "penduduk_kabkota_2018_2023.csv"
)

// readShared reads one economy file through Read, or skips the test when
// the shared data is absent. JALIN_SHARED_DATA overrides the default
// ../../shared/data.
func readShared(t *testing.T, name string) ([]Row, []Finding) {
	t.Helper()
	base := os.Getenv("JALIN_SHARED_DATA")
	if base == "" {
		base = filepath.Join("..", "..", "shared", "data")
	}
	path := filepath.Join(base, "economy", name)
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("shared data not available (%v); set JALIN_SHARED_DATA", err)
	}
	defer f.Close()
	rows, fs, err := Read(crosswalk(t), f, name)
	if err != nil {
		t.Fatal(err)
	}
	return rows, fs
}

// TestRealCrosswalkCoverage: in every kab/kota table, each of the 514 BPS
// kab/kota lands on its own Kemendagri regency, and all 514 Kemendagri
// regencies are covered.
func TestRealCrosswalkCoverage(t *testing.T) {
	dir := crosswalk(t).Directory()
	var regencies []string
	for _, p := range dir.Children("") {
		for _, r := range dir.Children(p.Code) {
			regencies = append(regencies, r.Code)
		}
	}
	if len(regencies) != 514 {
		t.Fatalf("reference has %d regencies, want 514", len(regencies))
	}
	for _, name := range []string{fileLU, fileExpKabK, fileExpKabB, filePop} {
		t.Run(name, func(t *testing.T) {
			rows, fs := readShared(t, name)
			bpsOf := map[string]string{} // Kemendagri regency → BPS code
			for _, r := range rows {
				reg, _ := dir.Get(r.Region)
				if reg.Level != region.Regency {
					continue
				}
				if prev, seen := bpsOf[r.Region]; seen && prev != r.BPSCode {
					t.Errorf("%s: BPS %s and %s both land on %s", name, prev, r.BPSCode, r.Region)
				}
				bpsOf[r.Region] = r.BPSCode
			}
			for _, c := range regencies {
				if _, ok := bpsOf[c]; !ok {
					t.Errorf("%s: Kemendagri %s has no BPS row", name, c)
				}
			}
			for _, f := range fs {
				if f.Kind == KindUnknownCode {
					t.Errorf("%s: %s", name, f.Detail)
				}
			}
			if len(bpsOf) != 514 {
				t.Errorf("%s: %d regencies placed, want 514", name, len(bpsOf))
			}
		})
	}
}

// TestRealProvinces: the 32 provinces outside Papua, the four new Papua
// provinces of the per-capita table and the national row are placed; the
// pre-2022 Papua and Papua Barat rows are reported, not placed.
func TestRealProvinces(t *testing.T) {
	for _, name := range []string{fileLU, fileExpProvK, filePerCap} {
		rows, fs := readShared(t, name)
		regions := map[string]bool{}
		for _, r := range rows {
			if len(r.Region) == 2 {
				regions[r.Region] = true
			}
		}
		want := 33 // 32 provinces + national
		if name == filePerCap {
			want += 4 // 93–96 in 2023
		}
		if len(regions) != want {
			t.Errorf("%s: %d province-level regions, want %d: %v", name, len(regions), want, regions)
		}
		if regions["91"] || regions["92"] {
			t.Errorf("%s: pre-2022 Papua rows placed on 91/92", name)
		}
		unmapped := 0
		for _, f := range fs {
			if f.Kind == KindUnmappedRegion {
				unmapped++
			}
		}
		if unmapped != 2 {
			t.Errorf("%s: %d unmapped regions, want 2 (BPS 9100, 9400)", name, unmapped)
		}
	}
}

// TestRealDefects: Check finds every defect SOURCE.md documents in the
// business-field table, and little else.
func TestRealDefects(t *testing.T) {
	rows, fs := readShared(t, fileLU)
	fs = append(fs, Check(rows)...)
	type want struct {
		region, ind string
		year        int
		kind        Kind
	}
	wants := []want{
		// 2013: new regencies without data (Muna Barat, Buton Tengah, Buton Selatan).
		{"74.13", "pdrb_adhk_lu:*", 2013, KindZeroTotal},
		{"74.14", "pdrb_adhk_lu:*", 2013, KindZeroTotal},
		{"74.15", "pdrb_adhk_lu:*", 2013, KindZeroTotal},
		// 2013: Pegunungan Arfak total 4.4.
		{"92.12", "pdrb_adhk_lu:*", 2013, KindSectorSum},
		// 2014: lost decimal point in B (and C for Malang).
		{"32.16", "pdrb_adhk_lu:B", 2014, KindJump}, // Bekasi
		{"33.28", "pdrb_adhk_lu:B", 2014, KindJump}, // Tegal
		{"33.74", "pdrb_adhk_lu:B", 2014, KindJump}, // Kota Semarang
		{"35.07", "pdrb_adhk_lu:B", 2014, KindJump}, // Malang
		{"35.07", "pdrb_adhk_lu:C", 2014, KindJump},
		{"35.22", "pdrb_adhk_lu:B", 2014, KindJump}, // Bojonegoro
		{"35.25", "pdrb_adhk_lu:B", 2014, KindJump}, // Gresik
		{"32.16", "pdrb_adhk_lu:*", 2014, KindSectorSum},
		{"33.28", "pdrb_adhk_lu:*", 2014, KindSectorSum},
		{"33.74", "pdrb_adhk_lu:*", 2014, KindSectorSum},
		{"35.07", "pdrb_adhk_lu:*", 2014, KindSectorSum},
		{"35.22", "pdrb_adhk_lu:*", 2014, KindSectorSum},
		{"35.25", "pdrb_adhk_lu:*", 2014, KindSectorSum},
		// 2014: Kota Pekalongan about 25 times its level, total and sectors.
		{"33.75", "pdrb_adhk_lu_total", 2014, KindJump},
		{"33.75", "pdrb_adhk_lu:C", 2014, KindJump},
		{"33.75", "pdrb_adhk_lu:*", 2014, KindSectorSum}, // the −0.7 % gap
		// 2018: Kutai Kartanegara total 21509.48 against sectors 121509.5.
		{"64.02", "pdrb_adhk_lu:*", 2018, KindSectorSum},
	}
	for y := 2013; y <= 2020; y++ {
		wants = append(wants, want{NationalCode, "pdrb_adhk_lu:*", y, KindNationalNetTaxes})
	}
	found := map[want]bool{}
	for _, f := range fs {
		found[want{f.Region, f.Indicator, f.Year, f.Kind}] = true
	}
	for _, w := range wants {
		if !found[w] {
			t.Errorf("not found: %+v", w)
		}
	}
	// Everything else: the further sectors of Kota Pekalongan 2014 and
	// the two pre-2022 Papua province rows; a few more would be tolerable.
	expected := map[want]bool{}
	for _, w := range wants {
		expected[w] = true
	}
	counts := map[Kind]int{}
	var other []string
	for _, f := range fs {
		counts[f.Kind]++
		w := want{f.Region, f.Indicator, f.Year, f.Kind}
		if expected[w] || (f.Region == "33.75" && f.Year == 2014 && f.Kind == KindJump) || f.Kind == KindUnmappedRegion {
			continue
		}
		other = append(other, fmt.Sprintf("%s:%d %s %s %d %s: %s", f.File, f.Line, f.Region, f.Indicator, f.Year, f.Kind, f.Detail))
	}
	t.Logf("findings by kind: %v", counts)
	for _, o := range other {
		t.Logf("other finding: %s", o)
	}
	if len(other) > 5 {
		t.Errorf("%d unexpected findings", len(other))
	}
	// Kota Pekalongan 2014: C to R,S,T,U and the total are about 25 times
	// their neighbours; A (298.99) and B (0) are not, so 16 rows jump.
	if counts[KindJump] != 7+16 {
		t.Errorf("%d jumps, want 23 (7 lost decimals, 16 Pekalongan rows)", counts[KindJump])
	}

	// The qa_flag of the tidy file marks every row Plan sets aside, and
	// Plan keeps every other row.
	keep, excluded := Plan(rows, fs, true)
	if len(keep)+len(excluded) != len(rows) {
		t.Fatalf("Plan lost rows: %d + %d != %d", len(keep), len(excluded), len(rows))
	}
	for _, r := range excluded {
		if r.SourceFlag == "" {
			t.Errorf("excluded row without qa_flag: %+v", r)
		}
	}
	for _, r := range keep {
		if r.SourceFlag != "" && r.Region != NationalCode {
			t.Errorf("kept a row flagged %q: %+v", r.SourceFlag, r)
		}
	}
	t.Logf("plan: keep %d, exclude %d of %d rows", len(keep), len(excluded), len(rows))
}

// TestRealPopulationDuplicates: the 2020 S2 rows with wrong labels in the
// source (SOURCE.md section 4) come out as duplicate keys.
func TestRealPopulationDuplicates(t *testing.T) {
	rows, fs := readShared(t, filePop)
	fs = append(fs, Check(rows)...)
	var dups []string
	for _, f := range fs {
		if f.Kind == KindDuplicateKey {
			dups = append(dups, fmt.Sprintf("%s/%d", f.Region, f.Year))
		}
	}
	sort.Strings(dups)
	// 6213 Murung Raya, 6310 Tanah Bumbu, 6503 Tana Tidung.
	if fmt.Sprint(dups) != "[62.12/2020 63.10/2020 65.04/2020]" {
		t.Errorf("duplicates %v", dups)
	}
	_, excluded := Plan(rows, fs, true)
	if len(excluded) != 6 {
		t.Errorf("excluded %d rows, want 6", len(excluded))
	}
}

// TestRealAllFilesSummary reads every file and logs the findings by kind,
// for the import report.
func TestRealAllFilesSummary(t *testing.T) {
	for _, name := range []string{fileLU, fileExpKabK, fileExpKabB, fileExpProvK, fileExpProvB, filePerCap, filePop} {
		rows, fs := readShared(t, name)
		fs = append(fs, Check(rows)...)
		counts := map[Kind]int{}
		for _, f := range fs {
			counts[f.Kind]++
		}
		keep, excluded := Plan(rows, fs, true)
		t.Logf("%s: %d rows, findings %v, keep %d, exclude %d", name, len(rows), counts, len(keep), len(excluded))
	}
}

// BenchmarkRealReadCheck reads, places, checks and plans all seven economy
// files (from memory), as `jalin import bps` does before it writes:
//
//	JALIN_SHARED_DATA=../shared/data go test ./bps -run '^$' -bench RealReadCheck -benchmem -cpu 1
func BenchmarkRealReadCheck(b *testing.B) {
	base := os.Getenv("JALIN_SHARED_DATA")
	if base == "" {
		base = filepath.Join("..", "..", "shared", "data")
	}
	names := []string{fileLU, fileExpKabK, fileExpKabB, fileExpProvK, fileExpProvB, filePerCap, filePop}
	files := make([][]byte, len(names))
	size := 0
	for i, name := range names {
		var err error
		if files[i], err = os.ReadFile(filepath.Join(base, "economy", name)); err != nil {
			b.Skipf("shared data not available (%v); set JALIN_SHARED_DATA", err)
		}
		size += len(files[i])
	}
	cw := crosswalk(b)
	b.SetBytes(int64(size))
	rows := 0
	for b.Loop() {
		rows = 0
		for i, name := range names {
			rs, fs, err := Read(cw, bytes.NewReader(files[i]), name)
			if err != nil {
				b.Fatal(err)
			}
			fs = append(fs, Check(rs)...)
			keep, _ := Plan(rs, fs, true)
			rows += len(keep)
		}
	}
	b.ReportMetric(float64(rows), "rows")
}

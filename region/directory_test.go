package region

import (
	"slices"
	"strings"
	"sync"
	"testing"
)

// testDir loads the directory once for all tests.
var testDir = sync.OnceValues(Load)

func dir(tb testing.TB) *Directory {
	tb.Helper()
	d, err := testDir()
	if err != nil {
		tb.Fatalf("Load: %v", err)
	}
	return d
}

func TestCounts(t *testing.T) {
	d := dir(t)
	for _, c := range []struct {
		level Level
		want  int
	}{
		{Province, 38},
		{Regency, 514},
		{District, 7285},
		{Village, 83762},
		{0, 38 + 514 + 7285 + 83762},
		{5, 0},
		{-1, 0},
	} {
		if got := d.Count(c.level); got != c.want {
			t.Errorf("Count(%d) = %d, want %d", c.level, got, c.want)
		}
	}
	kinds := map[Kind]int{}
	for _, r := range d.All() {
		kinds[r.Kind]++
	}
	want := map[Kind]int{
		KindProvince:  38,
		KindKabupaten: 416,
		KindKota:      98,
		KindDistrict:  7285,
		KindKelurahan: 8496,
		KindDesa:      75252 + 14, // 14 "Desa Adat" numbered 3xxx
	}
	for k, n := range want {
		if kinds[k] != n {
			t.Errorf("%d regions of kind %s, want %d", kinds[k], k, n)
		}
	}
}

func TestGetSamples(t *testing.T) {
	d := dir(t)
	for _, want := range []Region{
		{Code: "11", Name: "Aceh", Level: Province, Kind: KindProvince},
		{Code: "34", Name: "Daerah Istimewa Yogyakarta", Level: Province, Kind: KindProvince},
		{Code: "32.04", Name: "Kabupaten Bandung", Level: Regency, Kind: KindKabupaten, Parent: "32"},
		{Code: "11.71", Name: "Kota Banda Aceh", Level: Regency, Kind: KindKota, Parent: "11"},
		{Code: "34.71.01", Name: "Tegalrejo", Level: District, Kind: KindDistrict, Parent: "34.71"},
		{Code: "35.29.22", Name: `Ra"as`, Level: District, Kind: KindDistrict, Parent: "35.29"},
		{Code: "32.73.01.1001", Name: "Sukarasa", Level: Village, Kind: KindKelurahan, Parent: "32.73.01"},
		{Code: "11.01.01.2001", Name: "Keude Bakongan", Level: Village, Kind: KindDesa, Parent: "11.01.01"},
		{Code: "91.03.01.3007", Name: "Desa Adat Yoboi", Level: Village, Kind: KindDesa, Parent: "91.03.01"},
		{Code: "53.07.01.2021", Name: "Regapu’u", Level: Village, Kind: KindDesa, Parent: "53.07.01"},
		{Code: "14.02.09.2010", Name: "Lambang Sari I, II, III", Level: Village, Kind: KindDesa, Parent: "14.02.09"},
	} {
		got, ok := d.Get(want.Code)
		if !ok || got != want {
			t.Errorf("Get(%q) = %+v, %v; want %+v", want.Code, got, ok, want)
		}
	}
	for _, code := range []string{"", "10", "11.99", "11.01.01.9999", "11.1", "x"} {
		if r, ok := d.Get(code); ok {
			t.Errorf("Get(%q) = %+v, want not found", code, r)
		}
	}
}

func codes(rs []Region) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Code
	}
	return out
}

func TestAncestors(t *testing.T) {
	d := dir(t)
	for code, want := range map[string][]string{
		"32.73.01.1001": {"32", "32.73", "32.73.01"},
		"34.71.01":      {"34", "34.71"},
		"11.71":         {"11"},
		"11":            nil,
		"99":            nil,
		"":              nil,
	} {
		if got := codes(d.Ancestors(code)); !slices.Equal(got, want) {
			t.Errorf("Ancestors(%q) = %v, want %v", code, got, want)
		}
	}
	got := d.Ancestors("32.73.01.1001")
	if got[0].Name != "Jawa Barat" || got[1].Name != "Kota Bandung" || got[2].Name != "Sukasari" {
		t.Errorf("Ancestors names = %+v", got)
	}
}

func TestChildren(t *testing.T) {
	d := dir(t)
	prov := d.Children("")
	if len(prov) != 38 || prov[0].Code != "11" || prov[37].Code != "96" {
		t.Fatalf("Children(\"\") = %v", codes(prov))
	}
	if got := codes(d.Children("34.71.01")); !slices.Equal(got, []string{
		"34.71.01.1001", "34.71.01.1002", "34.71.01.1003", "34.71.01.1004"}) {
		t.Errorf("Children(34.71.01) = %v", got)
	}
	if n := len(d.Children("34.71")); n != 14 {
		t.Errorf("Kota Yogyakarta has %d districts, want 14", n)
	}
	for _, code := range []string{"11.01.01.2001", "99", "11.1"} {
		if got := d.Children(code); got != nil {
			t.Errorf("Children(%q) = %v, want nil", code, codes(got))
		}
	}
	// Every region is the child of its parent exactly once, in code order.
	total := 0
	for _, p := range append([]Region{{}}, d.All()...) {
		kids := d.Children(p.Code)
		total += len(kids)
		if !slices.IsSortedFunc(kids, func(a, b Region) int { return strings.Compare(a.Code, b.Code) }) {
			t.Fatalf("Children(%q) not sorted", p.Code)
		}
		for _, k := range kids {
			if k.Parent != p.Code || k.Level != p.Level+1 {
				t.Fatalf("Children(%q) holds %+v", p.Code, k)
			}
		}
	}
	if total != d.Count(0) {
		t.Errorf("children total %d, want %d", total, d.Count(0))
	}
	// The result is a copy.
	prov[0].Name = "changed"
	if r, _ := d.Get("11"); r.Name != "Aceh" {
		t.Error("modifying Children's result changed the directory")
	}
}

func TestAll(t *testing.T) {
	d := dir(t)
	all := d.All()
	if len(all) != d.Count(0) {
		t.Fatalf("len(All()) = %d", len(all))
	}
	seen := map[string]bool{}
	for i, r := range all {
		if i > 0 && all[i-1].Code >= r.Code {
			t.Fatalf("All not sorted at %d: %q >= %q", i, all[i-1].Code, r.Code)
		}
		if r.Level != LevelOf(r.Code) || r.Name == "" {
			t.Fatalf("bad region %+v", r)
		}
		if (r.Parent == "") != (r.Level == Province) || r.Parent != "" && !seen[r.Parent] {
			t.Fatalf("region %+v comes before its parent", r)
		}
		seen[r.Code] = true
	}
	all[0].Name = "changed"
	if r, _ := d.Get(all[0].Code); r.Name == "changed" {
		t.Error("modifying All's result changed the directory")
	}
}

func TestValidCode(t *testing.T) {
	for code, want := range map[string]Level{
		"11":             Province,
		"11.01":          Regency,
		"11.01.01":       District,
		"11.01.01.2001":  Village,
		"99.99.99.9999":  Village, // syntax only
		"":               0,
		"1":              0,
		"111":            0,
		"11.":            0,
		"11.1":           0,
		"11.01.":         0,
		"11.01.01.200":   0,
		"11.01.01.20011": 0,
		"11.01.01.2001.": 0,
		"11-01":          0,
		"1a":             0,
		"11.0a":          0,
		" 11":            0,
		"１１":             0, // full-width digits
	} {
		if got := LevelOf(code); got != want {
			t.Errorf("LevelOf(%q) = %d, want %d", code, got, want)
		}
		if got := ValidCode(code); got != (want != 0) {
			t.Errorf("ValidCode(%q) = %v", code, got)
		}
	}
}

func TestParseRejectsBadData(t *testing.T) {
	for name, data := range map[string]string{
		"no newline":   "11\tAceh",
		"no tab":       "11 Aceh\n",
		"empty name":   "11\t\n",
		"bad code":     "1x\tAceh\n",
		"out of order": "12\tA\n11\tB\n",
		"duplicate":    "11\tA\n11\tB\n",
		"orphan":       "11\tA\n12.01\tKota B\n",
	} {
		if _, err := parse([]byte(data)); err == nil {
			t.Errorf("%s: parse accepted %q", name, data)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGet(b *testing.B) {
	d := dir(b)
	all := d.All()
	codes := make([]string, 1024)
	for i := range codes {
		codes[i] = all[(i*7919)%len(all)].Code
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, ok := d.Get(codes[i&1023]); !ok {
			b.Fatal("missing")
		}
		i++
	}
}

package region

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

func norm(s string) string { return string(appendNormalized(nil, s)) }

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"Kota Banda Aceh":            "kota banda aceh",
		"  KOTA   banda\taceh  ":     "kota banda aceh",
		"Regapu’u":                   "regapu u",
		`Ra"as`:                      "ra as",
		"Ma'u":                       "ma u",
		"Kupa-kupa Selatan (Halehe)": "kupa kupa selatan halehe",
		"Lambang Sari I, II, III":    "lambang sari i ii iii",
		"Mns. Timu (X)":              "mns timu x",
		"Teuw*":                      "teuw",
		"Çikampek Éé ÀÖ":             "cikampek ee ao",
		"Straße Æsir Œuvre":          "strasse aesir oeuvre",
		"Cafe\u0301 Ĳssel":           "cafe ijssel",
		"2×3 ÷ 4":                    "2 3 4",
		"Ωmega":                      "ωmega",
		"'-.,()":                     "",
		"":                           "",
	} {
		if got := norm(in); got != want {
			t.Errorf("normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

// naiveSearch is the specification of a word search, written as plainly as
// possible: scan every region, check the words, sort everything.
func naiveSearch(d *Directory, q Query) []Region {
	words := strings.Fields(norm(q.Text))
	if len(words) == 0 {
		return nil
	}
	type hit struct {
		r     Region
		exact bool
		norm  string
	}
	var hits []hit
	for _, r := range d.All() {
		if q.Level != 0 && r.Level != q.Level {
			continue
		}
		if q.Within != "" && !strings.HasPrefix(r.Code, q.Within+".") {
			continue
		}
		n := norm(r.Name)
		if !assignWords(words, strings.Fields(n), make([]bool, len(strings.Fields(n)))) {
			continue
		}
		full := strings.Join(words, " ")
		exact := n == full
		if r.Level == Regency {
			exact = exact || n == "kabupaten "+full || n == "kota "+full
		}
		hits = append(hits, hit{r, exact, n})
	}
	slices.SortFunc(hits, func(a, b hit) int {
		if a.exact != b.exact {
			if a.exact {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(a.r.Level, b.r.Level), strings.Compare(a.norm, b.norm), strings.Compare(a.r.Code, b.r.Code))
	})
	out := make([]Region, len(hits))
	for i, h := range hits {
		out[i] = h.r
	}
	return out
}

// assignWords reports whether each query word can take a different name word
// that it is a prefix of (plain backtracking).
func assignWords(q, name []string, used []bool) bool {
	if len(q) == 0 {
		return true
	}
	for i, w := range name {
		if !used[i] && strings.HasPrefix(w, q[0]) {
			used[i] = true
			ok := assignWords(q[1:], name, used)
			used[i] = false
			if ok {
				return true
			}
		}
	}
	return false
}

var wordQueries = []Query{
	{Text: "ban ace"},
	{Text: "suka"},
	{Text: "SUKA maju"},
	{Text: "a"},
	{Text: "kota"},
	{Text: "kota baru"},
	{Text: "baru kota"},
	{Text: "bandung"},
	{Text: "bandung", Level: Regency},
	{Text: "suka", Within: "32"},
	{Text: "suka", Within: "32.04", Level: Village},
	{Text: "sumber rejo"},
	{Text: "kupa kupa"},
	{Text: "kupa kupa kupa"},
	{Text: "guwa guwa"},
	{Text: "s s s"},
	{Text: "sungai sun"},
	{Text: "kab"},
	{Text: "kabupaten aceh"},
	{Text: "aceh", Level: Province},
	{Text: "jaya", Within: "91"},
	{Text: "Régapu’u"},
	{Text: "ra'as"},
	{Text: "desa adat"},
	{Text: "i ii iii"},
	{Text: "zzzz"},
	{Text: "tegalrejo", Within: "34.71"},
	{Text: "tegalrejo", Within: "34.71.01"},
}

func TestSearchMatchesNaive(t *testing.T) {
	d := dir(t)
	for _, q := range wordQueries {
		want := naiveSearch(d, q)
		q.Limit = 1 << 30
		got := d.Search(q)
		if got.Total != len(want) {
			t.Errorf("%+v: Total %d, want %d", q, got.Total, len(want))
			continue
		}
		if !slices.Equal(got.Regions, want) {
			for i := range min(len(want), len(got.Regions)) {
				if got.Regions[i] != want[i] {
					t.Errorf("%+v: first difference at %d: got %+v, want %+v", q, i, got.Regions[i], want[i])
					break
				}
			}
			if len(want) != len(got.Regions) {
				t.Errorf("%+v: %d regions, want %d", q, len(got.Regions), len(want))
			}
		}
	}
}

func TestSearchCases(t *testing.T) {
	d := dir(t)
	first := func(q Query) string {
		t.Helper()
		r := d.Search(q)
		if len(r.Regions) == 0 {
			t.Errorf("%+v: no results", q)
			return ""
		}
		return r.Regions[0].Code
	}
	// Word prefixes, multi-word, exact name first.
	if c := first(Query{Text: "ban ace"}); c != "11.71" {
		t.Errorf("ban ace: first %s, want 11.71 (Kota Banda Aceh)", c)
	}
	if r := d.Search(Query{Text: "bandung"}); len(r.Regions) < 2 || r.Regions[0].Code != "32.04" || r.Regions[1].Code != "32.73" {
		t.Errorf("bandung: first two %v, want Kabupaten then Kota Bandung", codes(r.Regions))
	}
	if c := first(Query{Text: "kota bandung"}); c != "32.73" {
		t.Errorf("kota bandung: first %s", c)
	}
	// Diacritics, apostrophes, case.
	for _, text := range []string{"REGAPU'U", "régapu u", "regapu’u", "Regapu"} {
		if c := first(Query{Text: text}); c != "53.07.01.2021" {
			t.Errorf("%q: first %s, want 53.07.01.2021", text, c)
		}
	}
	if r := d.Search(Query{Text: `ra"as`}); r.Total < 2 || r.Regions[0].Code != "35.29.22" || r.Regions[1].Code != "35.26.07.2007" {
		t.Errorf(`ra"as: %v`, codes(r.Regions))
	}
	// Every word needs its own name word.
	if r := d.Search(Query{Text: "guwa guwa guwa"}); r.Total != 0 {
		t.Errorf("guwa guwa guwa: %d results", r.Total)
	}
	// Filters.
	if r := d.Search(Query{Text: "bandung", Level: Regency}); !slices.Equal(codes(r.Regions), []string{"32.04", "32.73", "32.17"}) {
		t.Errorf("bandung at regency level: %v", codes(r.Regions))
	}
	r := d.Search(Query{Text: "suka", Within: "32.04", Limit: 1000})
	if r.Total == 0 {
		t.Fatal("no suka in Kabupaten Bandung")
	}
	for _, x := range r.Regions {
		if !strings.HasPrefix(x.Code, "32.04.") {
			t.Errorf("Within 32.04 returned %s", x.Code)
		}
	}
	if r := d.Search(Query{Text: "bandung", Within: "32.04"}); slices.Contains(codes(r.Regions), "32.04") {
		t.Error("Within includes the region itself")
	}
	for _, q := range []Query{
		{Text: "suka", Within: "99"},
		{Text: "suka", Level: 5},
		{Text: "suka", Level: -1},
		{Text: "11", Within: "99"},
	} {
		if r := d.Search(q); r.Total != 0 || r.Regions != nil {
			t.Errorf("%+v: %+v, want nothing", q, r)
		}
	}
	// Empty queries match nothing.
	for _, text := range []string{"", "   ", "'-.,", "…"} {
		if r := d.Search(Query{Text: text}); r.Total != 0 || r.Regions != nil {
			t.Errorf("%q: %d results, want none", text, r.Total)
		}
	}
	// Default limit.
	if r := d.Search(Query{Text: "suka"}); len(r.Regions) != DefaultLimit || r.Total <= DefaultLimit {
		t.Errorf("suka: %d regions of %d", len(r.Regions), r.Total)
	}
}

func TestSearchCode(t *testing.T) {
	d := dir(t)
	r := d.Search(Query{Text: "32.73", Limit: 1000})
	// Kota Bandung, its 30 districts and 151 kelurahan.
	if r.Total != 1+30+151 || r.Regions[0].Code != "32.73" {
		t.Errorf("32.73: Total %d, first %v", r.Total, codes(r.Regions[:1]))
	}
	if !slices.IsSortedFunc(r.Regions, func(a, b Region) int {
		return cmp.Or(cmp.Compare(a.Level, b.Level), strings.Compare(a.Code, b.Code))
	}) {
		t.Error("code results not in (level, code) order")
	}
	for _, x := range r.Regions {
		if !strings.HasPrefix(x.Code, "32.73") {
			t.Fatalf("32.73 returned %s", x.Code)
		}
	}
	same := func(a, b Query) {
		t.Helper()
		ra, rb := d.Search(a), d.Search(b)
		if ra.Total != rb.Total || !slices.Equal(ra.Regions, rb.Regions) {
			t.Errorf("%+v and %+v differ: %d vs %d", a, b, ra.Total, rb.Total)
		}
	}
	same(Query{Text: "3273"}, Query{Text: "32.73"})
	same(Query{Text: " 32.73.01.1001 "}, Query{Text: "3273011001"})
	if r := d.Search(Query{Text: "32.73", Level: District}); r.Total != 30 || r.Regions[0].Code != "32.73.01" {
		t.Errorf("32.73 districts: %d, %v", r.Total, codes(r.Regions))
	}
	// Within: strict descendants only, and the prefixes must agree.
	if r := d.Search(Query{Text: "3", Within: "32.73"}); r.Total != 30+151 {
		t.Errorf("3 within 32.73: %d", r.Total)
	}
	if r := d.Search(Query{Text: "32.73.01", Within: "32"}); r.Total != 1+4 {
		t.Errorf("32.73.01 within 32: %d", r.Total)
	}
	if r := d.Search(Query{Text: "33", Within: "32"}); r.Total != 0 {
		t.Errorf("33 within 32: %d", r.Total)
	}
	if r := d.Search(Query{Text: "1"}); r.Total != d.Count(0)-countPrefix(d, "2", "3", "5", "6", "7", "8", "9") {
		t.Errorf("code 1: %d", r.Total)
	}
	if r := d.Search(Query{Text: "0"}); r.Total != 0 {
		t.Errorf("code 0: %d", r.Total)
	}
}

func countPrefix(d *Directory, prefixes ...string) int {
	n := 0
	for _, r := range d.All() {
		for _, p := range prefixes {
			if strings.HasPrefix(r.Code, p) {
				n++
			}
		}
	}
	return n
}

func TestSearchPagination(t *testing.T) {
	d := dir(t)
	for _, q := range []Query{{Text: "suka"}, {Text: "bandung"}, {Text: "32.73"}, {Text: "a", Level: District}} {
		all := d.Search(Query{Text: q.Text, Level: q.Level, Limit: 1 << 30})
		var pages []Region
		for off := 0; off < all.Total; off += 7 {
			p := d.Search(Query{Text: q.Text, Level: q.Level, Limit: 7, Offset: off})
			if p.Total != all.Total {
				t.Fatalf("%q offset %d: Total %d, want %d", q.Text, off, p.Total, all.Total)
			}
			pages = append(pages, p.Regions...)
		}
		if !slices.Equal(pages, all.Regions) {
			t.Errorf("%q: pages differ from one big page", q.Text)
		}
		for _, off := range []int{all.Total, all.Total + 1, 1 << 40} {
			p := d.Search(Query{Text: q.Text, Level: q.Level, Offset: off})
			if p.Total != all.Total || len(p.Regions) != 0 {
				t.Errorf("%q offset %d: %d regions, Total %d", q.Text, off, len(p.Regions), p.Total)
			}
		}
		if p := d.Search(Query{Text: q.Text, Level: q.Level, Offset: -5, Limit: 3}); !slices.Equal(p.Regions, all.Regions[:3]) {
			t.Errorf("%q: negative offset not treated as 0", q.Text)
		}
	}
}

func TestSearchConcurrent(t *testing.T) {
	d := dir(t)
	want := make([]Result, len(wordQueries))
	for i, q := range wordQueries {
		want[i] = d.Search(q)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 200 {
				i := (g*31 + k) % len(wordQueries)
				got := d.Search(wordQueries[i])
				if got.Total != want[i].Total || !slices.Equal(got.Regions, want[i].Regions) {
					t.Errorf("concurrent %+v differs", wordQueries[i])
					return
				}
			}
		}()
	}
	wg.Wait()
}

// benchQueries are prefix searches a user would type, including the most
// popular prefixes.
var benchQueries = []Query{
	{Text: "suka"},
	{Text: "a"},
	{Text: "kota"},
	{Text: "s"},
	{Text: "sumber"},
	{Text: "ban ace"},
	{Text: "kampung baru"},
	{Text: "desa"},
	{Text: "bandung", Level: Regency},
	{Text: "suka", Within: "32"},
	{Text: "Régapu’u"},
	{Text: "32.73"},
}

func BenchmarkSearchPrefix(b *testing.B) {
	d := dir(b)
	for _, q := range benchQueries {
		name := strings.ReplaceAll(q.Text, " ", "_")
		if q.Level != 0 {
			name += fmt.Sprintf("/level=%d", q.Level)
		}
		if q.Within != "" {
			name += "/within=" + q.Within
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				d.Search(q)
			}
		})
	}
	// Per-call latency over the whole mix, as median and 99th percentile.
	b.Run("mix", func(b *testing.B) {
		b.ReportAllocs()
		var lat []time.Duration
		i := 0
		for b.Loop() {
			t0 := time.Now()
			d.Search(benchQueries[i%len(benchQueries)])
			lat = append(lat, time.Since(t0))
			i++
		}
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds()), "p50-ns")
		b.ReportMetric(float64(lat[len(lat)*99/100].Nanoseconds()), "p99-ns")
	})
}

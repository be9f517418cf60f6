package analysis

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	jalin "github.com/jalin-ksd/jalin"
)

// round rounds x to d decimals, to compare with printed references.
func round(x float64, d int) float64 {
	f := math.Pow(10, float64(d))
	return math.Round(x*f) / f
}

func mustPanel(t *testing.T, rows []Row, opt Options) *Panel {
	t.Helper()
	p, err := FromRows(rows, opt)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestLQFarhauerKroell reproduces the REAT locq() example, taken from
// Farhauer/Kröll (2013), "Standorttheorien", as printed in the REAT 1.2.1
// documentation (https://rdocumentation.org/packages/REAT/versions/1.2.1/topics/locq):
//
//	locq (1714, 79006, 879213, 15593224)   # returns the location quotient (0.3847623)
func TestLQFarhauerKroell(t *testing.T) {
	// Region j: 1714 in industry i, 79006 in all; reference: 879213 in i,
	// 15593224 in all. Other-industry values are the complements.
	rows := []Row{
		{"j", "i", 2013, 1714}, {"j", "other", 2013, 79006 - 1714},
		{"REF", "i", 2013, 879213}, {"REF", "other", 2013, 15593224 - 879213},
	}
	p := mustPanel(t, rows, Options{ReferenceOf: map[string]string{"j": "REF"}})
	res, err := LQ(p, 2013, 0)
	if err != nil {
		t.Fatal(err)
	}
	v, st, _ := res.LQ.Get("j", "i")
	if st != OK || round(v, 7) != 0.3847623 {
		t.Fatalf("LQ = %v (%v), want 0.3847623", v, st)
	}
	if res.Basis(0, 0) {
		t.Error("LQ < 1 must be non-basis")
	}
}

// TestShiftShareKrumme reproduces the shift-share table of G. Krumme,
// University of Washington, Geography 350, "Shift & Share Table with Excel
// Explanations" (http://faculty.washington.edu/krumme/350/ssexcel.html):
// region "Holukuluku" with industries I–IV, 1985 employment 500/100/200/200
// and 1995 1000/100/250/280; national shares 1985 10/20/40/30 % and national
// growth 10/20/30/40 % (29 % overall). Printed: regional growth 630,
// national growth effect 290, total shift 340, differential effect (net)
// 420, composition effect (net) 80 in magnitude (−80: 340 = 420 − 80; the
// page prints the per-industry effects 95, 9, 2, 22 and 450, 20, 10, 0
// without signs).
func TestShiftShareKrumme(t *testing.T) {
	reg0 := []float64{500, 100, 200, 200}
	reg1 := []float64{1000, 100, 250, 280}
	nat0 := []float64{100, 200, 400, 300} // shares 10/20/40/30 %
	nat1 := []float64{110, 240, 520, 420} // +10/20/30/40 %, total +29 %
	secs := []string{"I", "II", "III", "IV"}
	var rows []Row
	for i, s := range secs {
		rows = append(rows, Row{"H", s, 1985, reg0[i]}, Row{"H", s, 1995, reg1[i]},
			Row{"US", s, 1985, nat0[i]}, Row{"US", s, 1995, nat1[i]})
	}
	p := mustPanel(t, rows, Options{ReferenceOf: map[string]string{"H": "US"}, Sectors: secs})
	res, err := ShiftShare(p, Window{1985, 1995})
	if err != nil {
		t.Fatal(err)
	}
	get := func(v Vector) float64 { x, _, _ := v.Get("H"); return x }
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"regional growth", get(res.RegionChange), 630},
		{"national growth effect", get(res.RegionN), 290},
		{"total shift", get(res.RegionNetShift), 340},
		{"differential effect", get(res.RegionC), 420},
		{"composition effect", get(res.RegionM), -80},
	} {
		if round(c.got, 6) != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	wantM := []float64{-95, -9, 2, 22}
	wantC := []float64{450, -20, -10, 0}
	for s := range secs {
		m, _ := res.M.At(0, s)
		c, _ := res.C.At(0, s)
		if round(m, 6) != wantM[s] || round(c, 6) != wantC[s] {
			t.Errorf("%s: M=%v C=%v, want %v %v", secs[s], m, c, wantM[s], wantC[s])
		}
	}
}

func TestEdgeCases(t *testing.T) {
	rows := []Row{
		// region "z" has a zero total in 2013 (a new regency); "a" has no
		// value in sector B of the reference in 2013 (X_i = 0).
		{"a", "A", 2013, 10}, {"a", "B", 2013, 0}, {"a", "A", 2014, 11}, {"a", "B", 2014, 2},
		{"z", "A", 2013, 0}, {"z", "B", 2013, 0}, {"z", "A", 2014, 5}, {"z", "B", 2014, 1},
		{"R", "A", 2013, 100}, {"R", "B", 2013, 0}, {"R", "A", 2014, 110}, {"R", "B", 2014, 10},
	}
	p := mustPanel(t, rows, Options{ReferenceOf: map[string]string{"a": "R", "z": "R"}})
	lq, _ := LQ(p, 2013, 1)
	if _, st, _ := lq.LQ.Get("z", "A"); st != Missing {
		t.Errorf("zero-total region: status %v, want missing", st)
	}
	if _, st, _ := lq.LQ.Get("a", "B"); st != Undefined {
		t.Errorf("X_i = 0: status %v, want undefined", st)
	}
	foundZ := false
	for _, n := range lq.Notes {
		if n.Region == "z" && n.Reason == ReasonRegionZero {
			foundZ = true
		}
	}
	if !foundZ {
		t.Errorf("zero-total region not reported: %+v", lq.Notes)
	}
	ss, _ := ShiftShare(p, Window{2013, 2014})
	// x_ij0 = 0 for a/B: N = M = 0 and C = Δx = 2, but X_i0 = 0 too; the
	// x_ij0 = 0 rule wins and A, C' are undefined.
	c, st, _ := ss.C.Get("a", "B")
	if st != OK || c != 2 {
		t.Errorf("C(a,B) = %v %v, want 2 ok", c, st)
	}
	if _, st, _ := ss.Allocation.Get("a", "B"); st != Undefined {
		t.Errorf("A with x_ij0 = 0: %v, want undefined", st)
	}
	if _, st, _ := ss.RegionN.Get("z"); st != Missing {
		t.Errorf("zero base region total: %v, want missing", st)
	}
	// Duplicate rows and negative values are EInvalid naming the row.
	_, err := FromRows(append(rows, Row{"a", "A", 2013, 1}), Options{})
	var je *jalin.Error
	if !errors.As(err, &je) || je.Code != jalin.EInvalid || je.Field != "rows[12].region" {
		t.Errorf("duplicate: %v", err)
	}
	_, err = FromRows([]Row{{"a", "A", 2013, -1}}, Options{})
	if jalin.ErrorCode(err) != jalin.EInvalid {
		t.Errorf("negative: %v", err)
	}
	if _, err := ShiftShare(p, Window{2013, 2013}); jalin.ErrorCode(err) != jalin.EInvalid {
		t.Errorf("empty window: %v", err)
	}
}

func TestReadCanonicalCSV(t *testing.T) {
	in := "region,indicator,year,value,unit\n3401,A,2019,1000000,juta Rp\n3401,\"M,N\",2019,5,miliar Rp\n3401,POPULATION,2019,400000,jiwa\n"
	p, err := ReadCanonicalCSV(strings.NewReader(in), "x.csv")
	if err != nil {
		t.Fatal(err)
	}
	if v := p.Value("3401", "A", 2019); v != 1000 {
		t.Errorf("juta → miliar: %v", v)
	}
	if v := p.Value("3401", "M_N", 2019); v != 5 {
		t.Errorf("M,N looked up as M_N: %v", v)
	}
	if p.Unit != "miliar Rp" || p.Population("3401", 2019) != 400000 || p.Total("3401", 2019) != 1005 {
		t.Errorf("unit %q pop %v total %v", p.Unit, p.Population("3401", 2019), p.Total("3401", 2019))
	}
	_, err = ReadCanonicalCSV(strings.NewReader("region,indicator,year,value\n3401,A,2019,1\n3401,B,2019,x1\n"), "bad.csv")
	var je *jalin.Error
	if !errors.As(err, &je) || je.Code != jalin.EInvalid || je.Field != "value" || je.Args[0] != "bad.csv:3:13" {
		t.Fatalf("error = %#v", err)
	}
	if !strings.Contains(err.Error(), "bad.csv:3:13") {
		t.Errorf("message lacks position: %v", err)
	}
}

// TestReadCanonicalImportVocabulary reads the same economy written in the
// import layout (`jalin import bps`) and in this package's, and compares
// every value the methods read.
func TestReadCanonicalImportVocabulary(t *testing.T) {
	own := "region,indicator,year,value,unit\n" +
		"32.04,A,2019,10,miliar Rp\n32.04,M_N,2019,2.5,miliar Rp\n32.04,TOTAL,2019,12.5,miliar Rp\n32.04,POPULATION,2019,300,jiwa\n" +
		"32.73,A,2019,1,miliar Rp\n32.73,M_N,2019,9,miliar Rp\n32.73,POPULATION,2019,500,jiwa\n"
	imported := "region,indicator,year,value,unit\n" +
		"32.04,pdrb_adhk_lu:A,2019,10,miliar Rp\n32.04,pdrb_adhk_lu:M_N,2019,2.5,miliar Rp\n" +
		"32.04,pdrb_adhk_lu_total,2019,12.5,miliar Rp\n32.04,population,2019,300,jiwa\n" +
		"32.04,pdrb_adhk_total,2019,13000,juta Rp\n32.04,pdrb_adhb_per_capita,2019,41,ribu Rp\n" +
		"32.73,pdrb_adhk_lu:A,2019,1,miliar Rp\n32.73,pdrb_adhk_lu:M_N,2019,9,miliar Rp\n32.73,population,2019,500,jiwa\n"
	a, err := ReadCanonicalCSV(strings.NewReader(own), "own.csv")
	if err != nil {
		t.Fatal(err)
	}
	b, err := ReadCanonicalCSV(strings.NewReader(imported), "import.csv")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a.Regions, b.Regions) || !reflect.DeepEqual(a.Sectors, b.Sectors) || a.Unit != b.Unit {
		t.Fatalf("regions %v / %v, sectors %v / %v, unit %q / %q", a.Regions, b.Regions, a.Sectors, b.Sectors, a.Unit, b.Unit)
	}
	for _, r := range a.Regions {
		for _, s := range a.Sectors {
			if a.Value(r, s, 2019) != b.Value(r, s, 2019) {
				t.Errorf("%s %s: %v / %v", r, s, a.Value(r, s, 2019), b.Value(r, s, 2019))
			}
		}
		if a.Population(r, 2019) != b.Population(r, 2019) || a.Total(r, 2019) != b.Total(r, 2019) {
			t.Errorf("%s: population %v / %v, total %v / %v", r, a.Population(r, 2019), b.Population(r, 2019),
				a.Total(r, 2019), b.Total(r, 2019))
		}
	}
	if b.Population("32.04", 2019) != 300 || b.Value("32.73", "M_N", 2019) != 9 {
		t.Errorf("import layout read wrong: %v %v", b.Population("32.04", 2019), b.Value("32.73", "M_N", 2019))
	}
}

func TestGrowthBandAndGravity(t *testing.T) {
	rows := []Row{
		{"lo", "A", 2020, 100}, {"lo", "A", 2021, 104},
		{"in", "A", 2020, 100}, {"in", "A", 2021, 104.5}, // exactly on the lower bound
		{"hi", "A", 2020, 100}, {"hi", "A", 2021, 106},
	}
	p := mustPanel(t, rows, Options{})
	g, err := GrowthAgainstBand(p, Window{2020, 2021}, Band2021, AvgMean)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"lo": GrowthBelow, "hi": GrowthAbove}
	for r, code := range p.Regions {
		if w, ok := want[code]; ok && g.Class[r] != w {
			t.Errorf("%s: %s, want %s", code, g.Class[r], w)
		}
	}
	// 104.5/100 − 1 is 0.04499999... in float64, so "in" lands below the
	// band unless the caller rounds: documented unrounded comparison.
	gr, err := Gravity([]string{"a", "b", "c"}, []float64{100, 200, 300},
		[]float64{0, 10, 20, 10, 0, 0, 20, 0, 0}, GravityOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if gr.T[0*3+1] != 200 || gr.T[0*3+2] != 75 || !math.IsNaN(gr.T[1*3+2]) {
		t.Errorf("T = %v", gr.T)
	}
	if p := gr.Partners[0]; p[0].Name != "b" || round(p[0].Share, 12) != round(200.0/275, 12) {
		t.Errorf("partners = %+v", p)
	}
	if len(gr.Notes) != 1 {
		t.Errorf("zero distance b–c must be excluded and reported: %+v", gr.Notes)
	}
}

package analysis

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// benchPanel is the national analysis: 514 kab/kota × 17 sectors × 8 years
// against the national row, from the real file when present, otherwise a
// synthetic panel of the same shape.
func benchPanel(b *testing.B) *Panel {
	b.Helper()
	dir := os.Getenv("JALIN_SHARED_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "data")
	}
	if _, err := os.Stat(filepath.Join(dir, "economy")); err == nil {
		rows, of := realRows(b, true)
		p, err := FromRows(rows, Options{ReferenceOf: of})
		if err != nil {
			b.Fatal(err)
		}
		return p
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var rows []Row
	of := map[string]string{}
	for r := 0; r < 514; r++ {
		code := fmt.Sprintf("%04d", 1101+r)
		of[code] = "9999"
		for y := 2013; y <= 2020; y++ {
			for s := 0; s < 17; s++ {
				rows = append(rows, Row{code, fmt.Sprintf("S%02d", s), y, 1 + 1000*rng.Float64()})
			}
		}
	}
	for y := 2013; y <= 2020; y++ {
		for s := 0; s < 17; s++ {
			rows = append(rows, Row{"9999", fmt.Sprintf("S%02d", s), y, 1e5 + 1e5*rng.Float64()})
		}
	}
	p, err := FromRows(rows, Options{ReferenceOf: of})
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkSectoralNational computes every sectoral method (8 annual LQs,
// SLQ, DLQ and class, classic + Esteban-Marquillas and dynamic shift-share,
// sectoral Klassen, Krugman/Hoover/HHI, growth band) in one call.
func BenchmarkSectoralNational(b *testing.B) {
	p := benchPanel(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Sectoral(p, Window{2013, 2020}, Band2021); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInequalityNational: Williamson, Theil T/L with the
// by-province decomposition and the weighted Gini for 514 kab/kota.
func BenchmarkInequalityNational(b *testing.B) {
	sharedData(b)
	rows, of := realRows(b, false)
	p, err := FromRows(rows, Options{ReferenceOf: of})
	if err != nil {
		b.Fatal(err)
	}
	group := func(c string) string { return of[c] }
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Inequality(p, 2019, group); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFromRows measures building the national panel from rows.
func BenchmarkFromRows(b *testing.B) {
	sharedData(b)
	rows, of := realRows(b, true)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := FromRows(rows, Options{ReferenceOf: of}); err != nil {
			b.Fatal(err)
		}
	}
}

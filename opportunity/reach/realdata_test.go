package reach

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/jalin-ksd/jalin/geo"
)

// realPoints reads one point file of the shared geography:
// $JALIN_SHARED_DATA/geo, by default ../../../shared/data/geo relative to
// this package. It skips the test or benchmark when the file is absent.
func realPoints(tb testing.TB, name string) []geo.Point {
	tb.Helper()
	base := os.Getenv("JALIN_SHARED_DATA")
	if base == "" {
		base = filepath.Join("..", "..", "..", "shared", "data")
	}
	path := filepath.Join(base, "geo", name)
	f, err := os.Open(path)
	if err != nil {
		tb.Skipf("shared geography data not found at %s (set JALIN_SHARED_DATA): %v", path, err)
	}
	defer f.Close()
	pts, _, err := geo.ParsePoints(f, path, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return pts
}

// realData returns the seats and all districts followed by all villages.
func realData(tb testing.TB) (seats, places []geo.Point, districts int) {
	tb.Helper()
	seats = realPoints(tb, "regency_points.csv")
	d := realPoints(tb, "district_points.csv")
	v := realPoints(tb, "village_points.csv")
	return seats, append(d, v...), len(d)
}

func TestRealData(t *testing.T) {
	seats, places, nd := realData(t)
	if len(seats) != 514 || nd != 7277 || len(places)-nd != 83763 {
		t.Fatalf("got %d seats, %d districts, %d villages; want 514, 7277, 83763", len(seats), nd, len(places)-nd)
	}
	r := Analyze(places, seats, Options{})
	if len(r.Missing) != 0 {
		t.Errorf("%d places without an own seat, first %s", len(r.Missing), r.Missing[0])
	}
	for _, p := range r.Places {
		if p.Own.Seat == "" || p.Other.Seat == "" || p.Other.Seat == p.Regency {
			t.Fatalf("%s: own %q other %q", p.Code, p.Own.Seat, p.Other.Seat)
		}
	}
	// Spot-check the index against brute force on the real seats.
	ix := NewIndex(seats)
	for k := 0; k < len(places); k += 97 {
		p := places[k]
		own := p.Code[:5]
		i, _ := ix.NearestWhere(p.Lon, p.Lat, func(i int) bool { return seats[i].Code != own })
		if want := bruteNearest(seats, p.Lon, p.Lat, func(i int) bool { return seats[i].Code != own }); i != want {
			t.Fatalf("%s: nearest other %s, brute force %s", p.Code, seats[i].Code, seats[want].Code)
		}
	}
	t.Logf("nearer to another regency's seat: %d of %d districts (%.1f %%), %d of %d villages (%.1f %%), %d pairs",
		r.NearerDistricts, nd, 100*float64(r.NearerDistricts)/float64(nd),
		r.NearerVillages, len(places)-nd, 100*float64(r.NearerVillages)/float64(len(places)-nd), len(r.Pairs))
	for _, p := range r.Pairs[:min(10, len(r.Pairs))] {
		t.Logf("  %s -> %s: %d villages, %d districts", p.Home, p.Other, p.Villages, p.Districts)
	}
}

func BenchmarkAnalyzeVillages(b *testing.B) {
	seats, places, _ := realData(b)
	b.ReportAllocs()
	for b.Loop() {
		Analyze(places, seats, Options{})
	}
}

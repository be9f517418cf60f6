package reach

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/jalin-ksd/jalin/geo"
)

func TestHaversine(t *testing.T) {
	for _, tc := range []struct {
		name                   string
		lon1, lat1, lon2, lat2 float64
		want                   float64
	}{
		{"same point", 106.8, -6.2, 106.8, -6.2, 0},
		{"one degree on the equator", 0, 0, 1, 0, EarthRadiusKm * math.Pi / 180},
		{"pole to pole", 0, 90, 0, -90, EarthRadiusKm * math.Pi},
		{"antipodes on the equator", 0, 0, 180, 0, EarthRadiusKm * math.Pi},
		{"across the antimeridian", 179.5, 0, -179.5, 0, EarthRadiusKm * math.Pi / 180},
	} {
		if got := HaversineKm(tc.lon1, tc.lat1, tc.lon2, tc.lat2); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("%s: got %.12f km, want %.12f", tc.name, got, tc.want)
		}
	}
}

// bruteNearest is the reference: every point, chord order, lower code on a tie.
func bruteNearest(pts []geo.Point, lon, lat float64, ok func(int) bool) int {
	p, best, bd := unit(lon, lat), -1, math.Inf(1)
	for i, s := range pts {
		if ok != nil && !ok(i) {
			continue
		}
		d := chord2(p, unit(s.Lon, s.Lat))
		if d < bd || (d == bd && s.Code < pts[best].Code) {
			best, bd = i, d
		}
	}
	return best
}

// randomSeats spreads n seats over Indonesia's bounding box, half of them
// in a few tight clusters as on Java, with a few exact duplicate positions
// to exercise the tie rule.
func randomSeats(r *rand.Rand, n int) []geo.Point {
	pts := make([]geo.Point, n)
	for i := range pts {
		lon, lat := 95+r.Float64()*46, -11+r.Float64()*17
		if i%2 == 1 {
			c := pts[(i/10)*2]
			lon, lat = c.Lon+r.NormFloat64()*0.1, c.Lat+r.NormFloat64()*0.1
		}
		if i%50 == 49 {
			lon, lat = pts[i-1].Lon, pts[i-1].Lat
		}
		pts[i] = geo.Point{Code: fmt.Sprintf("%02d.%02d", 11+r.IntN(80), 1+i%99), Lon: lon, Lat: lat}
	}
	r.Shuffle(len(pts), func(i, j int) { pts[i], pts[j] = pts[j], pts[i] })
	return pts
}

func TestIndexAgreesWithBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	seats := randomSeats(r, 514)
	ix := NewIndex(seats)
	even := func(i int) bool { return i%2 == 0 }
	for k := range 10000 {
		lon, lat := 90+r.Float64()*56, -15+r.Float64()*25
		if k%10 == 0 { // now and then anywhere on Earth
			lon, lat = -180+r.Float64()*360, -90+r.Float64()*180
		}
		if k%7 == 0 { // and exactly on a seat
			s := seats[r.IntN(len(seats))]
			lon, lat = s.Lon, s.Lat
		}
		i, km := ix.Nearest(lon, lat)
		if want := bruteNearest(seats, lon, lat, nil); i != want {
			t.Fatalf("Nearest(%v, %v) = %d, want %d", lon, lat, i, want)
		}
		// The chord order is the great-circle order: no seat is nearer by haversine.
		for _, s := range seats {
			if d := HaversineKm(lon, lat, s.Lon, s.Lat); d < km-1e-9 {
				t.Fatalf("Nearest(%v, %v) = %s at %v km, but %s is at %v km", lon, lat, seats[i].Code, km, s.Code, d)
			}
		}
		if i, _ := ix.NearestWhere(lon, lat, even); i != bruteNearest(seats, lon, lat, even) {
			t.Fatalf("NearestWhere(%v, %v, even) = %d", lon, lat, i)
		}
		skip := r.IntN(len(seats))
		not := func(j int) bool { return j != skip }
		if i, _ := ix.NearestExcept(lon, lat, skip); i != bruteNearest(seats, lon, lat, not) {
			t.Fatalf("NearestExcept(%v, %v, %d) = %d", lon, lat, skip, i)
		}
	}
}

func TestIndexEmpty(t *testing.T) {
	ix := NewIndex(nil)
	if i, km := ix.Nearest(100, 0); i != -1 || !math.IsInf(km, 1) {
		t.Errorf("empty index: got %d, %v", i, km)
	}
	one := NewIndex([]geo.Point{{Code: "11.01", Lon: 100}})
	if i, _ := one.NearestWhere(100, 0, func(int) bool { return false }); i != -1 {
		t.Errorf("nothing qualifies: got %d", i)
	}
}

package reach

import (
	"math"
	"slices"
	"testing"

	"github.com/jalin-ksd/jalin/geo"
)

// deg is one degree of longitude on the equator, in km.
const deg = EarthRadiusKm * math.Pi / 180

// line is three towns on the equator one degree apart, and a far island.
var line = []geo.Point{
	{Code: "91.01", Lon: 100}, // A
	{Code: "91.02", Lon: 101}, // B
	{Code: "91.03", Lon: 102}, // C
	{Code: "93.01", Lon: 130, Lat: -8},
}

func find(t *testing.T, r Result, code string) Place {
	t.Helper()
	for _, p := range r.Places {
		if p.Code == code {
			return p
		}
	}
	t.Fatalf("place %s not in the result", code)
	return Place{}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func TestAnalyzeLine(t *testing.T) {
	places := []geo.Point{
		{Code: "91.01.01", Lon: 100.2},      // A 0.2, B 0.8: stays
		{Code: "91.01.02", Lon: 100.7},      // A 0.7, B 0.3: to B
		{Code: "91.02.01.2001", Lon: 101.9}, // B 0.9, C 0.1: to C
		{Code: "91.03.01", Lon: 101.4},      // C 0.6, B 0.4: to B
		{Code: "91.03.01.2001", Lon: 101.45},
		{Code: "93.01.01", Lon: 130.1, Lat: -8}, // island
		{Code: "94.01.01", Lon: 100.1},          // regency 94.01 has no seat
		{Code: "91.01", Lon: 100},               // not a district or village
	}
	pop := map[string]int64{"91.01.02": 500, "91.03.01.2001": 1200, "91.03.01": 3000}
	r := Analyze(places, line, Options{Population: pop})

	for _, tc := range []struct {
		code          string
		own, other    string
		ownDeg, othDg float64
		nearer        bool
	}{
		{"91.01.01", "91.01", "91.02", 0.2, 0.8, false},
		{"91.01.02", "91.01", "91.02", 0.7, 0.3, true},
		{"91.02.01.2001", "91.02", "91.03", 0.9, 0.1, true},
		{"91.03.01", "91.03", "91.02", 0.6, 0.4, true},
	} {
		p := find(t, r, tc.code)
		if p.Own.Seat != tc.own || p.Other.Seat != tc.other || p.Nearer != tc.nearer {
			t.Errorf("%s: own %q other %q nearer %v, want %q %q %v", tc.code, p.Own.Seat, p.Other.Seat, p.Nearer, tc.own, tc.other, tc.nearer)
		}
		if !near(p.Own.Km, tc.ownDeg*deg*1.3) || !near(p.Other.Km, tc.othDg*deg*1.3) {
			t.Errorf("%s: km %v / %v, want %v / %v", tc.code, p.Own.Km, p.Other.Km, tc.ownDeg*deg*1.3, tc.othDg*deg*1.3)
		}
		if !near(p.Own.Minutes, p.Own.Km*60/40) || p.Own.FromMatrix {
			t.Errorf("%s: own minutes %v from km %v at the default 40 km/h", tc.code, p.Own.Minutes, p.Own.Km)
		}
	}

	// The island has no seat nearby but still gets the nearest other one.
	is := find(t, r, "93.01.01")
	if is.Own.Seat != "93.01" || is.Other.Seat != "91.03" || is.Nearer {
		t.Errorf("island: %+v", is)
	}
	if want := HaversineKm(130.1, -8, 102, 0) * 1.3; !near(is.Other.Km, want) {
		t.Errorf("island: other at %v km, want %v", is.Other.Km, want)
	}

	// Missing own seats are reported, never replaced by the nearest seat.
	if want := []string{"94.01.01", "91.01"}; !slices.Equal(r.Missing, want) {
		t.Errorf("Missing = %v, want %v", r.Missing, want)
	}
	m := find(t, r, "94.01.01")
	if m.Own.Seat != "" || m.Regency != "94.01" || m.Other.Seat != "91.01" || m.Nearer {
		t.Errorf("missing own seat: %+v", m)
	}

	want := []Pair{
		{Home: "91.03", Other: "91.02", Districts: 1, Villages: 1, DistrictResidents: 3000, VillageResidents: 1200},
		{Home: "91.02", Other: "91.03", Villages: 1},
		{Home: "91.01", Other: "91.02", Districts: 1, DistrictResidents: 500},
	}
	if !slices.Equal(r.Pairs, want) {
		t.Errorf("Pairs =\n%+v\nwant\n%+v", r.Pairs, want)
	}
	if r.NearerDistricts != 2 || r.NearerVillages != 2 {
		t.Errorf("nearer: %d districts, %d villages, want 2, 2", r.NearerDistricts, r.NearerVillages)
	}
}

func TestAnalyzeTieLowerCodeWins(t *testing.T) {
	// X and Y are exactly one degree either side of the place; the own seat
	// Z is two degrees north.
	seats := []geo.Point{
		{Code: "92.02", Lon: -1},
		{Code: "92.03", Lon: 0, Lat: 2},
		{Code: "92.01", Lon: 1},
	}
	place := []geo.Point{{Code: "92.03.01", Lon: 0, Lat: 0}}
	for range 2 {
		r := Analyze(place, seats, Options{})
		p := r.Places[0]
		if p.Other.Seat != "92.01" || !p.Nearer {
			t.Errorf("seat order %v: other %q nearer %v, want 92.01 true", seats, p.Other.Seat, p.Nearer)
		}
		if len(r.Pairs) != 1 || r.Pairs[0].Other != "92.01" {
			t.Errorf("pairs %+v", r.Pairs)
		}
		slices.Reverse(seats)
	}
}

func TestAnalyzeMinGain(t *testing.T) {
	// 91.01.02: own 0.7°, other 0.3°, a gain of 0.4° × 1.3 ≈ 57.8 km.
	places := []geo.Point{{Code: "91.01.02", Lon: 100.7}}
	for _, tc := range []struct {
		gain   float64
		nearer bool
	}{{0, true}, {50, true}, {60, false}} {
		if got := Analyze(places, line, Options{MinGainKm: tc.gain}).Places[0].Nearer; got != tc.nearer {
			t.Errorf("MinGainKm %v: nearer %v, want %v", tc.gain, got, tc.nearer)
		}
	}
}

func TestAnalyzeTravelTimes(t *testing.T) {
	est := func(d float64) float64 { return d * deg * 1.3 * 60 / 40 } // minutes at the defaults
	places := []geo.Point{
		{Code: "91.01.01", Lon: 100.2}, // near A, but the road to A is bad
		{Code: "91.01.02", Lon: 100.7}, // near B, but no road to B
		{Code: "91.02.01", Lon: 101.2},
	}
	tt := map[[2]string]float64{
		{"91.01.01", "91.01"}: 300,
		{"91.01.02", "91.02"}: 500,
		{"91.02.01", "91.03"}: 10,
		{"91.02.01", "99.99"}: 1, // no such seat: ignored
	}
	r := Analyze(places, line, Options{TravelTimes: tt})

	p := r.Places[0]
	if !p.Own.FromMatrix || p.Own.Minutes != 300 || p.Other.Seat != "91.02" || p.Other.FromMatrix || !p.Nearer {
		t.Errorf("bad road home: %+v", p)
	}
	if !near(p.Other.Minutes, est(0.8)) {
		t.Errorf("bad road home: other %v min, want %v", p.Other.Minutes, est(0.8))
	}
	// B is out of reach; the next other seat, C, is only an estimate and
	// slower than home.
	p = r.Places[1]
	if p.Other.Seat != "91.03" || p.Other.FromMatrix || !near(p.Other.Minutes, est(1.3)) || p.Nearer {
		t.Errorf("no road to B: %+v", p)
	}
	// An imported leg to a farther seat beats the estimate to a nearer one.
	p = r.Places[2]
	if p.Other.Seat != "91.03" || !p.Other.FromMatrix || p.Other.Minutes != 10 || !p.Nearer {
		t.Errorf("fast road to C: %+v", p)
	}
	if !near(p.Other.Km, 0.8*deg*1.3) {
		t.Errorf("fast road to C: km %v, want the straight-line estimate %v", p.Other.Km, 0.8*deg*1.3)
	}

	// Without imports the detour changes no answer, only the km.
	a, b := Analyze(places, line, Options{Detour: 1}), Analyze(places, line, Options{Detour: 2})
	for i := range places {
		pa, pb := a.Places[i], b.Places[i]
		if pa.Other.Seat != pb.Other.Seat || pa.Nearer != pb.Nearer || !near(2*pa.Own.Km, pb.Own.Km) {
			t.Errorf("detour changed %s: %+v vs %+v", places[i].Code, pa, pb)
		}
	}
	// With imports it does: at detour 3 the estimate to B exceeds 300 minutes.
	if r := Analyze(places[:1], line, Options{TravelTimes: tt, Detour: 3}); r.Places[0].Nearer {
		t.Errorf("detour 3: %+v", r.Places[0])
	}
}

func TestAnalyzeSingleSeat(t *testing.T) {
	r := Analyze([]geo.Point{{Code: "91.01.01", Lon: 100.2}}, line[:1], Options{})
	p := r.Places[0]
	if p.Own.Seat != "91.01" || p.Other.Seat != "" || p.Nearer || len(r.Pairs) != 0 {
		t.Errorf("single seat: %+v", p)
	}
}

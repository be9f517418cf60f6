package geo

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedGeoDir returns the real geography folder: $JALIN_SHARED_DATA/geo,
// by default ../../shared/data/geo relative to this package. It skips the
// test or benchmark when the folder is absent.
func sharedGeoDir(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv("JALIN_SHARED_DATA")
	if base == "" {
		base = filepath.Join("..", "..", "shared", "data")
	}
	dir := filepath.Join(base, "geo")
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		tb.Skipf("shared geography data not found at %s (set JALIN_SHARED_DATA)", dir)
	}
	return dir
}

func parseFile[T any](t *testing.T, path string, parse func(*os.File, string, func(string) bool) ([]T, []Unmatched, error)) []T {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out, u, err := parse(f, path, acceptAll)
	if err != nil {
		t.Fatal(err)
	}
	if len(u) != 0 {
		t.Errorf("%s: %d unmatched with an accept-all reference, first %+v", path, len(u), u[0])
	}
	return out
}

func parseBoundaryFile(f *os.File, name string, known func(string) bool) ([]Boundary, []Unmatched, error) {
	return ParseBoundaries(f, name, known)
}
func parsePointFile(f *os.File, name string, known func(string) bool) ([]Point, []Unmatched, error) {
	return ParsePoints(f, name, known)
}
func parseAdjacencyFile(f *os.File, name string, known func(string) bool) ([]Adjacency, []Unmatched, error) {
	return ParseAdjacency(f, name, known)
}

func TestRealFiles(t *testing.T) {
	dir := sharedGeoDir(t)
	for _, tc := range []struct {
		file  string
		count int
		level int
	}{
		{"provinces_web.geojson", 38, 1},
		{"provinces.geojson", 38, 1},
		{"regencies_web.geojson", 514, 2},
		{"regencies.geojson", 514, 2},
	} {
		b := parseFile(t, filepath.Join(dir, tc.file), parseBoundaryFile)
		if len(b) != tc.count {
			t.Errorf("%s: %d boundaries, want %d", tc.file, len(b), tc.count)
		}
		for _, x := range b {
			if CodeLevel(x.Code) != tc.level {
				t.Errorf("%s: code %q at level %d, want %d", tc.file, x.Code, CodeLevel(x.Code), tc.level)
			}
			// Indonesia lies within about 94-142 E, 12 S-7 N.
			if x.BBox[0] < 94 || x.BBox[2] > 142 || x.BBox[1] < -12 || x.BBox[3] > 7 || x.BBox[0] >= x.BBox[2] || x.BBox[1] >= x.BBox[3] {
				t.Errorf("%s: %s bbox %v", tc.file, x.Code, x.BBox)
			}
		}
	}
	for _, tc := range []struct {
		file  string
		count int
		level int
	}{
		{"regency_points.csv", 514, 2},
		{"district_points.csv", 7277, 3},
		{"village_points.csv", 83763, 4},
	} {
		p := parseFile(t, filepath.Join(dir, tc.file), parsePointFile)
		if len(p) != tc.count {
			t.Errorf("%s: %d points, want %d", tc.file, len(p), tc.count)
		}
		for _, x := range p {
			if CodeLevel(x.Code) != tc.level || x.Kind == "" {
				t.Errorf("%s: point %+v", tc.file, x)
				break
			}
		}
	}
	for _, tc := range []struct {
		file         string
		count, cross int
	}{
		{"regency_adjacency.csv", 995, 0},
		{"district_adjacency.csv", 18571, 5337},
	} {
		a := parseFile(t, filepath.Join(dir, tc.file), parseAdjacencyFile)
		if len(a) != tc.count {
			t.Errorf("%s: %d pairs, want %d", tc.file, len(a), tc.count)
		}
		cross := 0
		for _, x := range a {
			if !(x.A < x.B) || CodeLevel(x.A) != CodeLevel(x.B) {
				t.Errorf("%s: pair %+v", tc.file, x)
			}
			if len(x.A) > 5 && x.A[:5] != x.B[:5] {
				cross++
			}
		}
		if cross != tc.cross {
			t.Errorf("%s: %d pairs across a regency border, want %d", tc.file, cross, tc.cross)
		}
	}
}

// TestRealDir checks LoadDir on the shared folder against facts stated in
// its SOURCE.md.
func TestRealDir(t *testing.T) {
	dir := sharedGeoDir(t)
	ds, err := LoadDir(dir, acceptAll)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Unmatched) != 0 {
		t.Errorf("%d unmatched, first %+v", len(ds.Unmatched), ds.Unmatched[0])
	}
	levels := map[int]int{}
	bbox := map[string][4]float64{}
	for _, b := range ds.Boundaries {
		levels[CodeLevel(b.Code)]++
		bbox[b.Code] = b.BBox
	}
	if levels[1] != 38 || levels[2] != 514 || len(ds.Boundaries) != 552 {
		t.Errorf("boundaries by level = %v", levels)
	}
	if len(ds.Points) != 514+7277+83763 {
		t.Errorf("%d points", len(ds.Points))
	}
	if len(ds.Adjacency) != 995+18571 {
		t.Errorf("%d pairs", len(ds.Adjacency))
	}

	// Every regency lies within its province's box.
	for code, b := range bbox {
		if CodeLevel(code) != 2 {
			continue
		}
		p, ok := bbox[code[:2]]
		if !ok || b[0] < p[0] || b[1] < p[1] || b[2] > p[2] || b[3] > p[3] {
			t.Errorf("regency %s box %v outside province box %v", code, b, p)
		}
	}

	// Seats: 11.01 Aceh Selatan -> Tapaktuan, 3.2548 N 97.1741 E; every
	// seat within about 1 km of its regency, checked against the box of the
	// full-resolution polygon (the _web simplification drops small islands:
	// 31.01 Kepulauan Seribu keeps 1 of its 114 polygons there).
	full := map[string][4]float64{}
	for _, b := range parseFile(t, filepath.Join(dir, "regencies.geojson"), parseBoundaryFile) {
		full[b.Code] = b.BBox
	}
	seats := 0
	for _, p := range ds.Points {
		if CodeLevel(p.Code) != 2 {
			continue
		}
		seats++
		if p.Kind != "capital-seat" {
			t.Errorf("%s: kind %q", p.Code, p.Kind)
		}
		b := full[p.Code]
		const tol = 0.01
		if p.Lon < b[0]-tol || p.Lon > b[2]+tol || p.Lat < b[1]-tol || p.Lat > b[3]+tol {
			t.Errorf("seat of %s (%g, %g) outside box %v", p.Code, p.Lon, p.Lat, b)
		}
		if p.Code == "11.01" && (math.Abs(p.Lat-3.25) > 0.01 || math.Abs(p.Lon-97.17) > 0.01) {
			t.Errorf("seat of 11.01 at %g N %g E, want near 3.25 N 97.17 E", p.Lat, p.Lon)
		}
	}
	if seats != 514 {
		t.Errorf("%d seats", seats)
	}

	// The 31 island regencies have no land neighbour; all others have one.
	islands := strings.Fields(`11.09 11.72 13.09 14.10 21.02 21.03 21.04 21.05 21.71 31.01 53.05 53.13 53.14 53.20 65.71 71.03
		71.04 71.09 72.07 72.11 73.01 74.07 74.12 81.03 81.07 81.08 82.05 82.07 82.08 82.71 91.05`)
	if len(islands) != 31 {
		t.Fatalf("test lists %d islands", len(islands))
	}
	neighbours := map[string]int{}
	pairs := map[[2]string]bool{}
	for _, a := range ds.Adjacency {
		if CodeLevel(a.A) == 2 {
			neighbours[a.A]++
			neighbours[a.B]++
			pairs[[2]string{a.A, a.B}] = true
		}
	}
	for _, c := range islands {
		if neighbours[c] != 0 {
			t.Errorf("island regency %s has %d neighbours", c, neighbours[c])
		}
	}
	if len(neighbours) != 514-31 {
		t.Errorf("%d regencies with a neighbour, want %d", len(neighbours), 514-31)
	}
	// District-only evidence is listed; contacts made by gap filling are not.
	for _, p := range [][2]string{{"13.05", "13.74"}, {"16.10", "16.74"}, {"17.05", "17.08"}, {"91.10", "95.06"}} {
		if !pairs[p] {
			t.Errorf("pair %v missing", p)
		}
	}
	if pairs[[2]string{"33.27", "33.29"}] {
		t.Error("pair 33.27-33.29 (Pemalang-Brebes, gap filling only) listed")
	}
}

// TestRealDirUnmatched loads the real folder with a reference that knows
// only province 11 (Aceh) and checks that everything else is reported.
func TestRealDirUnmatched(t *testing.T) {
	dir := sharedGeoDir(t)
	aceh := func(c string) bool { return c[:2] == "11" }
	ds, err := LoadDir(dir, aceh)
	if err != nil {
		t.Fatal(err)
	}
	all, err := LoadDir(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(ds.Boundaries) + len(ds.Points); n+len(ds.Unmatched) < len(all.Boundaries)+len(all.Points) {
		t.Errorf("rows lost: %d kept + %d unmatched", n, len(ds.Unmatched))
	}
	for _, b := range ds.Boundaries {
		if !aceh(b.Code) {
			t.Errorf("boundary %s kept", b.Code)
		}
	}
	for _, u := range ds.Unmatched {
		if aceh(u.Code) || u.Line < 1 || u.File == "" {
			t.Errorf("bad unmatched %+v", u)
			break
		}
	}
	if len(ds.Boundaries) != 1+23 { // Aceh has 23 regencies/cities
		t.Errorf("%d Aceh boundaries", len(ds.Boundaries))
	}
}

func BenchmarkLoadDir(b *testing.B) {
	dir := sharedGeoDir(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LoadDir(dir, acceptAll); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseBoundariesFull(b *testing.B) {
	path := filepath.Join(sharedGeoDir(b), "regencies.geojson")
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := ParseBoundaries(strings.NewReader(string(data)), path, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRealInteriorPoints checks the points of each of the 38 provinces
// against the real boundaries, as InteriorPoint and as InteriorPointAway
// from the seats of the province's regencies (what the network map
// draws): each lies inside the province and inside one of the province's
// own regencies (the provinces are dissolved from them, so this is a
// second, independent outline), and the second lies well away from every
// regency seat, so that a line between a province and its capital city
// has a length on the map.
func TestRealInteriorPoints(t *testing.T) {
	dir := sharedGeoDir(t)
	provinces := parseFile(t, filepath.Join(dir, "provinces.geojson"), parseBoundaryFile)
	regencies := map[string][][][][2]float64{} // by province
	for _, b := range parseFile(t, filepath.Join(dir, "regencies.geojson"), parseBoundaryFile) {
		polys, err := decodePolygons(b.Geometry)
		if err != nil {
			t.Fatal(err)
		}
		regencies[b.Code[:2]] = append(regencies[b.Code[:2]], polys...)
	}
	seats := parseFile(t, filepath.Join(dir, "regency_points.csv"), parsePointFile)
	if len(provinces) != 38 || len(seats) != 514 {
		t.Fatalf("%d provinces, %d seats", len(provinces), len(seats))
	}
	own := map[string][][2]float64{}
	var bandung [2]float64 // Kota Bandung's seat
	for _, s := range seats {
		own[s.Code[:2]] = append(own[s.Code[:2]], [2]float64{s.Lon, s.Lat})
		if s.Code == "32.73" {
			bandung = [2]float64{s.Lon, s.Lat}
		}
	}
	inside := func(p [2]float64, polys [][][][2]float64) bool {
		for _, part := range polys {
			if inPolygon(p, part) {
				return true
			}
		}
		return false
	}
	nearest := func(p [2]float64) (float64, string) {
		d, code := math.Inf(1), ""
		for _, s := range seats {
			if x := math.Hypot(p[0]-s.Lon, p[1]-s.Lat); x < d {
				d, code = x, s.Code
			}
		}
		return d, code
	}
	closest := math.Inf(1)
	for _, b := range provinces {
		polys, err := decodePolygons(b.Geometry)
		if err != nil {
			t.Fatal(err)
		}
		plain, err := InteriorPoint(b.Geometry)
		if err != nil {
			t.Errorf("%s: %v", b.Code, err)
			continue
		}
		away, err := InteriorPointAway(b.Geometry, own[b.Code], 0.05)
		if err != nil {
			t.Errorf("%s: %v", b.Code, err)
			continue
		}
		for _, p := range [][2]float64{plain, away} {
			if !inside(p, polys) {
				t.Errorf("%s: %v outside the province", b.Code, p)
			}
			if !inside(p, regencies[b.Code]) {
				t.Errorf("%s: %v in none of its regencies", b.Code, p)
			}
		}
		// 0.01 degrees is about 1 km.
		d, code := nearest(away)
		if d < 0.03 {
			t.Errorf("%s: %v is %.3f degrees from the seat of %s", b.Code, away, d, code)
		}
		closest = min(closest, d)
		// West Java's centroid is in Kota Bandung, its capital, 1.3 km from
		// the city's seat; the point drawn is moved well away.
		if b.Code == "32" {
			if d, code := nearest(plain); d > 0.02 || code != "32.73" {
				t.Errorf("32: centroid %.3f degrees from %s, want near 32.73", d, code)
			}
			if d := math.Hypot(away[0]-bandung[0], away[1]-bandung[1]); d < 0.2 {
				t.Errorf("32: %v only %.3f degrees from Kota Bandung's seat", away, d)
			}
		}
	}
	t.Logf("nearest seat to a province point: %.3f degrees", closest)
}

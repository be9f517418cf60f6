package geo

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
)

// square is a closed ring around (x, y) with side s, with n points on
// each side, so that all but the corners lie on straight lines.
func square(x, y, s float64, n int) [][2]float64 {
	var r [][2]float64
	for _, side := range [4][2][2]float64{{{x, y}, {x + s, y}}, {{x + s, y}, {x + s, y + s}}, {{x + s, y + s}, {x, y + s}}, {{x, y + s}, {x, y}}} {
		for i := range n {
			f := float64(i) / float64(n)
			r = append(r, [2]float64{side[0][0] + f*(side[1][0]-side[0][0]), side[0][1] + f*(side[1][1]-side[0][1])})
		}
	}
	return append(r, r[0])
}

func TestSimplify(t *testing.T) {
	ring := func(r [][2]float64) string { b, _ := json.Marshal(r); return string(b) }
	big, island, hole := square(100, -5, 1, 50), square(102, -5, 0.01, 5), square(100.4, -4.6, 0.2, 10)
	for _, c := range []struct {
		name, in, want string
	}{
		{"polygon with a hole", `{"type":"Polygon","coordinates":[` + ring(big) + `,` + ring(hole) + `]}`,
			`{"type":"MultiPolygon","coordinates":[[[[100,-5],[101,-5],[101,-4],[100,-4],[100,-5]],[[100.4,-4.6],[100.6,-4.6],[100.6,-4.4],[100.4,-4.4],[100.4,-4.6]]]]}`},
		{"island dropped", `{"type":"MultiPolygon","coordinates":[[` + ring(big) + `],[` + ring(island) + `]]}`,
			`{"type":"MultiPolygon","coordinates":[[[[100,-5],[101,-5],[101,-4],[100,-4],[100,-5]]]]}`},
		{"nothing left", `{"type":"Polygon","coordinates":[` + ring(island) + `]}`, `null`},
	} {
		got, err := Simplify(json.RawMessage(c.in), 0.02, 0.05)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if s := string(got); s != c.want && !(got == nil && c.want == "null") {
			t.Errorf("%s:\n got %s\nwant %s", c.name, s, c.want)
		}
	}
	for _, bad := range []string{`{"type":"Point","coordinates":[1,2]}`, `{"type":"Polygon","coordinates":7}`, `[`} {
		if _, err := Simplify(json.RawMessage(bad), 0.02, 0.05); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

// TestRealSimplifyProvinces thins the 38 full-resolution province outlines
// as the national network map does: each province keeps a shape, and the
// whole is small enough for one request.
func TestRealSimplifyProvinces(t *testing.T) {
	dir := sharedGeoDir(t)
	bs := parseFile(t, filepath.Join(dir, "provinces.geojson"), parseBoundaryFile)
	var size, full int
	for _, b := range bs {
		g, err := Simplify(b.Geometry, 0.02, 0.05)
		if err != nil {
			t.Fatal(err)
		}
		if g == nil {
			t.Errorf("%s: nothing left", b.Code)
		}
		size, full = size+len(g), full+len(b.Geometry)
	}
	if len(bs) != 38 || size > 250_000 {
		t.Errorf("%d provinces, %d bytes", len(bs), size)
	}
	t.Logf("%d provinces: %s of outlines thinned to %s", len(bs), kb(full), kb(size))
}

func kb(n int) string { return fmt.Sprintf("%d kB", n/1000) }

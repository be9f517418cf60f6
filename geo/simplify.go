package geo

import (
	"encoding/json"
	"fmt"
	"math"
)

// Simplify returns a lighter outline of a Polygon or MultiPolygon geometry
// for a map of the whole country: every ring is thinned with
// Douglas-Peucker to within tolerance degrees, rings whose bounding box is
// smaller than minExtent degrees both ways are dropped (small islands and
// holes), and coordinates are rounded to 3 decimals (about 100 m). The
// result is a MultiPolygon; it is nil when nothing is left (a region of
// small islands only). A tolerance of 0.02 and a minExtent of 0.05 keep
// Indonesia's 38 province outlines near 150 kB.
func Simplify(g json.RawMessage, tolerance, minExtent float64) (json.RawMessage, error) {
	polys, err := decodePolygons(g)
	if err != nil {
		return nil, fmt.Errorf("geo: simplify: %w", err)
	}
	out := make([][][][2]float64, 0, len(polys))
	for _, p := range polys {
		var rings [][][2]float64
		for i, ring := range p {
			r := simplifyRing(ring, tolerance, minExtent)
			if r == nil && i == 0 {
				break // the outer ring is gone, and its holes with it
			}
			if r != nil {
				rings = append(rings, r)
			}
		}
		if len(rings) > 0 {
			out = append(out, rings)
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	return json.Marshal(struct {
		Type        string           `json:"type"`
		Coordinates [][][][2]float64 `json:"coordinates"`
	}{"MultiPolygon", out})
}

// decodePolygons returns the parts of a Polygon or MultiPolygon geometry:
// each part is its outer ring followed by its holes, each ring a list of
// [lon, lat] positions. A Polygon is one part.
func decodePolygons(g json.RawMessage) ([][][][2]float64, error) {
	var in struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	}
	if err := json.Unmarshal(g, &in); err != nil {
		return nil, err
	}
	switch in.Type {
	case "Polygon":
		var p [][][2]float64
		if err := json.Unmarshal(in.Coordinates, &p); err != nil {
			return nil, err
		}
		return [][][][2]float64{p}, nil
	case "MultiPolygon":
		var polys [][][][2]float64
		if err := json.Unmarshal(in.Coordinates, &polys); err != nil {
			return nil, err
		}
		return polys, nil
	}
	return nil, fmt.Errorf("%q is not a Polygon or MultiPolygon", in.Type)
}

// simplifyRing thins a closed ring, or returns nil when it is too small or
// collapses below a triangle.
func simplifyRing(ring [][2]float64, tolerance, minExtent float64) [][2]float64 {
	if len(ring) < 4 {
		return nil
	}
	lo, hi := ring[0], ring[0]
	for _, p := range ring {
		lo = [2]float64{min(lo[0], p[0]), min(lo[1], p[1])}
		hi = [2]float64{max(hi[0], p[0]), max(hi[1], p[1])}
	}
	if hi[0]-lo[0] < minExtent && hi[1]-lo[1] < minExtent {
		return nil
	}
	keep := make([]bool, len(ring))
	keep[0], keep[len(ring)-1] = true, true
	// A closed ring's ends are one point: split it at the point farthest
	// from them first, so that the two halves are open lines.
	far, best := 0, -1.0
	for i, p := range ring {
		if d := math.Hypot(p[0]-ring[0][0], p[1]-ring[0][1]); d > best {
			far, best = i, d
		}
	}
	keep[far] = true
	stack := [][2]int{{0, far}, {far, len(ring) - 1}}
	for len(stack) > 0 {
		a, b := stack[len(stack)-1][0], stack[len(stack)-1][1]
		stack = stack[:len(stack)-1]
		i, d := farthest(ring, a, b)
		if d > tolerance {
			keep[i] = true
			stack = append(stack, [2]int{a, i}, [2]int{i, b})
		}
	}
	var out [][2]float64
	for i, p := range ring {
		if !keep[i] {
			continue
		}
		q := [2]float64{math.Round(p[0]*1000) / 1000, math.Round(p[1]*1000) / 1000}
		if len(out) == 0 || out[len(out)-1] != q {
			out = append(out, q)
		}
	}
	if len(out) < 4 {
		return nil
	}
	return out
}

// farthest returns the point strictly between a and b farthest from the
// line through them, and its distance; -1 when there is none.
func farthest(ring [][2]float64, a, b int) (int, float64) {
	pa, pb := ring[a], ring[b]
	dx, dy := pb[0]-pa[0], pb[1]-pa[1]
	l := math.Hypot(dx, dy)
	best, bi := -1.0, -1
	for i := a + 1; i < b; i++ {
		p := ring[i]
		var d float64
		if l == 0 {
			d = math.Hypot(p[0]-pa[0], p[1]-pa[1])
		} else {
			d = math.Abs(dx*(pa[1]-p[1])-dy*(pa[0]-p[0])) / l
		}
		if d > best {
			best, bi = d, i
		}
	}
	return bi, best
}

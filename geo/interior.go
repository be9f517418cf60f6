package geo

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
)

// ErrNoInterior is returned by InteriorPoint for a geometry without area:
// no parts, or only rings of fewer than three distinct corners or of zero
// area.
var ErrNoInterior = errors.New("geo: geometry has no area")

// InteriorPoint returns a point that lies inside a Polygon or MultiPolygon
// geometry (not on its edge and not in a hole), as [lon, lat]. It stands
// for a region that has no seat point of its own, such as a province: its
// capital city's seat would put the province on the same spot as the city.
//
// The point is chosen, deterministically, in the largest part (by area;
// the first of equal ones):
//
//  1. the part's area-weighted centroid, when it lies inside the part;
//  2. otherwise (an L or U shape, a ring around a hole) the midpoint of the
//     widest stretch of the part along the horizontal line through the
//     centroid's latitude;
//  3. should that line miss the part, the same along the vertical line
//     through the centroid's longitude.
//
// Coordinates are taken as plane coordinates (degrees), which is close
// enough for choosing a point to draw. Rings are read with the even-odd
// rule, so their orientation does not matter.
func InteriorPoint(g json.RawMessage) ([2]float64, error) {
	polys, err := decodePolygons(g)
	if err != nil {
		return [2]float64{}, fmt.Errorf("geo: interior point: %w", err)
	}
	p, ok := interiorPoint(polys)
	if !ok {
		return [2]float64{}, ErrNoInterior
	}
	return p, nil
}

// interiorPoint is InteriorPoint on decoded parts; ok is false when no part
// has an area.
func interiorPoint(polys [][][][2]float64) ([2]float64, bool) {
	best := largestPart(polys)
	if best < 0 {
		return [2]float64{}, false
	}
	return partPoint(polys[best])
}

// largestPart returns the index of the part with the largest area, the
// first of equal ones, or -1 when none has an area.
func largestPart(polys [][][][2]float64) int {
	best, bestArea := -1, 0.0
	for i, p := range polys {
		if a := polygonArea(p); a > bestArea {
			best, bestArea = i, a
		}
	}
	return best
}

// partPoint is the interior point of one part with a positive area.
func partPoint(part [][][2]float64) ([2]float64, bool) {
	c := polygonCentroid(part)
	if inPolygon(c, part) && !nearEdge(c, part) {
		return c, true
	}
	// Horizontal line first (axis 1: the latitude is fixed), then vertical.
	for _, axis := range []int{1, 0} {
		if p, ok := widestCrossing(part, axis, c[axis]); ok {
			return p, true
		}
	}
	return [2]float64{}, false
}

// InteriorPointAway is InteriorPoint kept clear of the given points (such
// as the seats of a province's regencies): a province's centroid can lie
// next to a city's seat (West Java's is 1.3 km from Kota Bandung's), and a
// link between the two would then have no length on the map.
//
// The wanted clearance is clearance times the larger side of the largest
// part's bounding box. When the interior point is nearer than that to a
// point to avoid, the stretch inside the part of the horizontal line
// through it, then of the vertical one, is cut in two at the point, and
// the middle of each half (west, east, south, north) is tried in turn.
// The first candidate with the clearance wins; when none has it, the one
// farthest from its nearest point to avoid. Every candidate lies inside.
func InteriorPointAway(g json.RawMessage, avoid [][2]float64, clearance float64) ([2]float64, error) {
	polys, err := decodePolygons(g)
	if err != nil {
		return [2]float64{}, fmt.Errorf("geo: interior point: %w", err)
	}
	best := largestPart(polys)
	if best < 0 {
		return [2]float64{}, ErrNoInterior
	}
	part := polys[best]
	p, ok := partPoint(part)
	if !ok {
		return [2]float64{}, ErrNoInterior
	}
	lo, hi := bounds(part[0])
	want := clearance * max(hi[0]-lo[0], hi[1]-lo[1])
	clear := func(c [2]float64) float64 {
		d := math.Inf(1)
		for _, a := range avoid {
			d = min(d, math.Hypot(c[0]-a[0], c[1]-a[1]))
		}
		return d
	}
	found, foundClear := p, clear(p)
	if foundClear >= want {
		return p, nil
	}
	for _, axis := range []int{1, 0} {
		v, w := p[axis], p[1-axis]
		xs := crossings(part, axis, v)
		for i := 0; i+1 < len(xs); i += 2 {
			if xs[i] >= w || w >= xs[i+1] {
				continue // not the stretch that holds p
			}
			for _, c := range []float64{(xs[i] + w) / 2, (w + xs[i+1]) / 2} {
				pt := onLine(axis, v, c)
				if d := clear(pt); d >= want {
					return pt, nil
				} else if d > foundClear {
					found, foundClear = pt, d
				}
			}
		}
	}
	return found, nil
}

// bounds returns the lower-left and upper-right corners of a ring's box.
func bounds(r [][2]float64) (lo, hi [2]float64) {
	lo, hi = r[0], r[0]
	for _, q := range r {
		lo = [2]float64{min(lo[0], q[0]), min(lo[1], q[1])}
		hi = [2]float64{max(hi[0], q[0]), max(hi[1], q[1])}
	}
	return lo, hi
}

// ringArea is the signed area of a ring by the shoelace formula: positive
// when it runs counter-clockwise. A closing position equal to the first is
// optional. Positions are taken relative to the first, to keep precision.
func ringArea(r [][2]float64) float64 {
	if len(r) < 3 {
		return 0
	}
	o := r[0]
	s := 0.0
	for i := range r {
		a, b := r[i], r[(i+1)%len(r)]
		s += (a[0]-o[0])*(b[1]-o[1]) - (b[0]-o[0])*(a[1]-o[1])
	}
	return s / 2
}

// polygonArea is the area of a polygon part: its outer ring less its holes.
func polygonArea(p [][][2]float64) float64 {
	if len(p) == 0 {
		return 0
	}
	a := math.Abs(ringArea(p[0]))
	for _, h := range p[1:] {
		a -= math.Abs(ringArea(h))
	}
	return max(a, 0)
}

// ringCentroid returns the centroid of the area a ring encloses and that
// area (unsigned). The ring must have a non-zero area.
func ringCentroid(r [][2]float64) ([2]float64, float64) {
	o := r[0]
	var cx, cy, s float64
	for i := range r {
		a, b := r[i], r[(i+1)%len(r)]
		ax, ay, bx, by := a[0]-o[0], a[1]-o[1], b[0]-o[0], b[1]-o[1]
		cross := ax*by - bx*ay
		s += cross
		cx += (ax + bx) * cross
		cy += (ay + by) * cross
	}
	// s is twice the signed area; the signs cancel in the quotient.
	return [2]float64{o[0] + cx/(3*s), o[1] + cy/(3*s)}, math.Abs(s) / 2
}

// polygonCentroid is the area-weighted centroid of a part with a positive
// area: the outer ring's centroid weighed with its area, less each hole's.
func polygonCentroid(p [][][2]float64) [2]float64 {
	c, a := ringCentroid(p[0])
	sx, sy, sa := c[0]*a, c[1]*a, a
	for _, h := range p[1:] {
		if ringArea(h) == 0 {
			continue
		}
		c, a := ringCentroid(h)
		sx, sy, sa = sx-c[0]*a, sy-c[1]*a, sa-a
	}
	return [2]float64{sx / sa, sy / sa}
}

// inRing reports whether pt is inside the ring, by counting the edges that
// a ray from pt towards +lon crosses (even-odd). A point exactly on an edge
// may count either way; see nearEdge.
func inRing(pt [2]float64, r [][2]float64) bool {
	in := false
	for i := range r {
		a, b := r[i], r[(i+1)%len(r)]
		if (a[1] > pt[1]) != (b[1] > pt[1]) {
			x := a[0] + (pt[1]-a[1])/(b[1]-a[1])*(b[0]-a[0])
			if pt[0] < x {
				in = !in
			}
		}
	}
	return in
}

// inPolygon reports whether pt is inside a part: in its outer ring and in
// none of its holes.
func inPolygon(pt [2]float64, p [][][2]float64) bool {
	if len(p) == 0 || !inRing(pt, p[0]) {
		return false
	}
	for _, h := range p[1:] {
		if inRing(pt, h) {
			return false
		}
	}
	return true
}

// nearEdge reports whether pt lies on an edge of the part, or within a
// billionth of the part's extent of one, where inRing cannot be trusted.
func nearEdge(pt [2]float64, p [][][2]float64) bool {
	lo, hi := bounds(p[0])
	eps := 1e-9 * max(hi[0]-lo[0], hi[1]-lo[1])
	for _, r := range p {
		for i := range r {
			if segmentDistance(pt, r[i], r[(i+1)%len(r)]) <= eps {
				return true
			}
		}
	}
	return false
}

// segmentDistance is the distance from pt to the segment a-b.
func segmentDistance(pt, a, b [2]float64) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	t := 0.0
	if l := dx*dx + dy*dy; l > 0 {
		t = min(max(((pt[0]-a[0])*dx+(pt[1]-a[1])*dy)/l, 0), 1)
	}
	return math.Hypot(pt[0]-(a[0]+t*dx), pt[1]-(a[1]+t*dy))
}

// crossings intersects the line where coordinate axis (0 lon, 1 lat)
// equals v with every edge of the part, outer ring and holes alike, and
// returns the other coordinate of each crossing, sorted. With the even-odd
// rule they pair up into the stretches of the line inside the part: from
// the first to the second, the third to the fourth, and so on.
func crossings(p [][][2]float64, axis int, v float64) []float64 {
	other := 1 - axis
	var xs []float64
	for _, r := range p {
		for i := range r {
			a, b := r[i], r[(i+1)%len(r)]
			// Half-open: an edge counts when one end is above v and the
			// other is not, so a vertex on the line is counted once, or
			// twice where the ring only touches the line there.
			if (a[axis] > v) != (b[axis] > v) {
				xs = append(xs, a[other]+(v-a[axis])/(b[axis]-a[axis])*(b[other]-a[other]))
			}
		}
	}
	sort.Float64s(xs)
	return xs
}

// onLine returns the point of the line where coordinate axis equals v
// whose other coordinate is w.
func onLine(axis int, v, w float64) [2]float64 {
	var pt [2]float64
	pt[axis], pt[1-axis] = v, w
	return pt
}

// widestCrossing returns the midpoint of the widest stretch inside the
// part of the line where coordinate axis (0 lon, 1 lat) equals v, the
// first of equal ones. ok is false when the line misses the part or
// touches it only.
func widestCrossing(p [][][2]float64, axis int, v float64) ([2]float64, bool) {
	xs := crossings(p, axis, v)
	best, width := -1, 0.0
	for i := 0; i+1 < len(xs); i += 2 {
		if w := xs[i+1] - xs[i]; w > width {
			best, width = i, w
		}
	}
	if best < 0 {
		return [2]float64{}, false
	}
	return onLine(axis, v, (xs[best]+xs[best+1])/2), true
}

package reach

import (
	"math"
	"slices"

	"github.com/jalin-ksd/jalin/geo"
)

// Index answers nearest-seat queries over a fixed set of points (the 514
// regency seats) with a static k-d tree on 3D unit vectors.
//
// Why a k-d tree on the sphere rather than a lon/lat grid: the seats are
// very unevenly spread (Jakarta's five cities within 20 km, single seats
// hundreds of km apart in Papua and Maluku), so a grid either has cells too
// coarse for Java or a ring search that walks many empty cells at sea
// before it may stop; and a degree grid needs care at the poles and the
// antimeridian. The k-d tree adapts to the density, needs no tuning, and on
// unit vectors its pruning bound (the distance to a splitting plane) is
// exact in chord terms, which order points as great-circle distance does.
// For 514 points it is nine levels deep and a query looks at a few dozen
// seats.
//
// An Index is read-only after NewIndex and safe for concurrent use.
type Index struct {
	pts  []geo.Point
	vec  []vec3 // unit vectors, by position in pts
	tree []node // implicit balanced tree: the node of [lo,hi) sits at (lo+hi)/2
}

type node struct {
	i    int32 // position in pts
	axis uint8
}

// NewIndex indexes pts. Query results are positions in pts. The slice is
// kept, not copied; do not change it while the Index is in use.
func NewIndex(pts []geo.Point) *Index {
	x := &Index{pts: pts, vec: make([]vec3, len(pts)), tree: make([]node, len(pts))}
	for i, p := range pts {
		x.vec[i] = unit(p.Lon, p.Lat)
		x.tree[i] = node{i: int32(i)}
	}
	x.build(0, len(pts))
	return x
}

// build splits [lo,hi) on the axis of largest spread at the median.
func (x *Index) build(lo, hi int) {
	if hi-lo <= 1 {
		return
	}
	var mn, mx vec3
	for a := range 3 {
		mn[a], mx[a] = 2, -2
	}
	for _, n := range x.tree[lo:hi] {
		v := x.vec[n.i]
		for a := range 3 {
			mn[a], mx[a] = min(mn[a], v[a]), max(mx[a], v[a])
		}
	}
	axis := uint8(0)
	for a := uint8(1); a < 3; a++ {
		if mx[a]-mn[a] > mx[axis]-mn[axis] {
			axis = a
		}
	}
	// A full sort of each range is O(n log² n) overall; for a few hundred
	// seats built once that is simpler than a selection algorithm.
	slices.SortFunc(x.tree[lo:hi], func(p, q node) int {
		vp, vq := x.vec[p.i][axis], x.vec[q.i][axis]
		switch {
		case vp < vq:
			return -1
		case vp > vq:
			return 1
		}
		return int(p.i - q.i)
	})
	mid := (lo + hi) / 2
	x.tree[mid].axis = axis
	x.build(lo, mid)
	x.build(mid+1, hi)
}

// Len is the number of indexed points.
func (x *Index) Len() int { return len(x.pts) }

// Nearest returns the position of the point nearest to lon/lat and its
// great-circle distance in km, or -1 and +Inf when the index is empty.
// Of points at exactly the same distance the one with the lower code wins,
// so results do not depend on the order of the input.
func (x *Index) Nearest(lon, lat float64) (idx int, km float64) {
	return x.NearestWhere(lon, lat, nil)
}

// NearestWhere is Nearest over the points for which pred returns true (all
// points when pred is nil). It returns -1 and +Inf when none qualifies.
func (x *Index) NearestWhere(lon, lat float64, pred func(i int) bool) (idx int, km float64) {
	return x.nearest(lon, lat, -1, pred)
}

// NearestExcept is Nearest over every point but the one at position skip
// (none when skip < 0): the nearest seat of another regency when skip is the
// place's own seat, without a predicate call per visited seat.
func (x *Index) NearestExcept(lon, lat float64, skip int) (idx int, km float64) {
	return x.nearest(lon, lat, skip, nil)
}

func (x *Index) nearest(lon, lat float64, skip int, pred func(int) bool) (int, float64) {
	i := x.nearestIdx(lon, lat, skip, pred)
	if i < 0 {
		return -1, math.Inf(1)
	}
	s := x.pts[i]
	return i, HaversineKm(lon, lat, s.Lon, s.Lat)
}

// nearestIdx is nearest without the distance, for callers that compute
// their own.
func (x *Index) nearestIdx(lon, lat float64, skip int, pred func(int) bool) int {
	q := query{x: x, p: unit(lon, lat), skip: skip, pred: pred, best: -1, d2: 5} // 5 > max chord² 4
	q.search(0, len(x.tree))
	return q.best
}

type query struct {
	x    *Index
	p    vec3
	skip int
	pred func(int) bool
	best int
	d2   float64
}

func (q *query) search(lo, hi int) {
	for hi > lo {
		mid := (lo + hi) / 2
		n := q.x.tree[mid]
		i := int(n.i)
		v := q.x.vec[i]
		if d2 := chord2(q.p, v); d2 <= q.d2 && i != q.skip && (q.pred == nil || q.pred(i)) {
			if d2 < q.d2 || q.x.pts[i].Code < q.x.pts[q.best].Code {
				q.best, q.d2 = i, d2
			}
		}
		if hi-lo == 1 {
			return
		}
		diff := q.p[n.axis] - v[n.axis]
		near, far := [2]int{lo, mid}, [2]int{mid + 1, hi}
		if diff > 0 {
			near, far = far, near
		}
		q.search(near[0], near[1])
		// <= so that a point at exactly the best distance on the far side is
		// still seen and the lower-code rule holds.
		if diff*diff > q.d2 {
			return
		}
		lo, hi = far[0], far[1] // loop instead of a tail call
	}
}

package geo

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

// polygonJSON returns a Polygon geometry of the rings, or a MultiPolygon
// of several parts.
func polygonJSON(parts ...[][][2]float64) json.RawMessage {
	var v any = map[string]any{"type": "MultiPolygon", "coordinates": parts}
	if len(parts) == 1 {
		v = map[string]any{"type": "Polygon", "coordinates": parts[0]}
	}
	b, _ := json.Marshal(v)
	return b
}

// closed returns the ring with its first position repeated at the end.
func closed(r ...[2]float64) [][2]float64 { return append(r, r[0]) }

func TestInteriorPoint(t *testing.T) {
	sq := closed([2]float64{0, 0}, [2]float64{2, 0}, [2]float64{2, 2}, [2]float64{0, 2})
	clockwise := closed([2]float64{0, 0}, [2]float64{0, 2}, [2]float64{2, 2}, [2]float64{2, 0})
	// A U open to the north: a 3×3 square less the notch x 1–2, y 1–3.
	// Its centroid (1.5, 9.5/7) is in the notch; the line at that latitude
	// crosses the two arms, equally wide, and the western one is taken.
	u := closed([2]float64{0, 0}, [2]float64{3, 0}, [2]float64{3, 3}, [2]float64{2, 3}, [2]float64{2, 1}, [2]float64{1, 1}, [2]float64{1, 3}, [2]float64{0, 3})
	// A thin L: a 10×1 bar and a 1×9 post; its centroid (54.5/19, 54.5/19)
	// is in the open corner, and the line through it crosses the post.
	l := closed([2]float64{0, 0}, [2]float64{10, 0}, [2]float64{10, 1}, [2]float64{1, 1}, [2]float64{1, 10}, [2]float64{0, 10})
	// A 4×4 square around a 2×2 hole that holds the centroid (2, 2).
	outer := closed([2]float64{0, 0}, [2]float64{4, 0}, [2]float64{4, 4}, [2]float64{0, 4})
	hole := closed([2]float64{1, 1}, [2]float64{1, 3}, [2]float64{3, 3}, [2]float64{3, 1})
	// An off-centre hole: the centroid moves away from it and stays inside.
	smallHole := closed([2]float64{3, 3}, [2]float64{3, 3.5}, [2]float64{3.5, 3.5}, [2]float64{3.5, 3})
	island := closed([2]float64{20, 20}, [2]float64{21, 20}, [2]float64{21, 21}, [2]float64{20, 21})
	big := closed([2]float64{100, -5}, [2]float64{103, -5}, [2]float64{103, -3}, [2]float64{100, -3})
	for _, c := range []struct {
		name string
		g    json.RawMessage
		want [2]float64
	}{
		{"square", polygonJSON([][][2]float64{sq}), [2]float64{1, 1}},
		{"clockwise square", polygonJSON([][][2]float64{clockwise}), [2]float64{1, 1}},
		{"square without closing position", polygonJSON([][][2]float64{sq[:4]}), [2]float64{1, 1}},
		{"U shape", polygonJSON([][][2]float64{u}), [2]float64{0.5, 9.5 / 7}},
		{"L shape", polygonJSON([][][2]float64{l}), [2]float64{0.5, 54.5 / 19}},
		{"hole around the centroid", polygonJSON([][][2]float64{outer, hole}), [2]float64{0.5, 2}},
		{"hole away from the centroid", polygonJSON([][][2]float64{outer, smallHole}), [2]float64{(32 - 3.25*0.25) / 15.75, (32 - 3.25*0.25) / 15.75}},
		{"largest part wins", polygonJSON([][][2]float64{island}, [][][2]float64{big}, [][][2]float64{sq}), [2]float64{101.5, -4}},
		{"U shape among small parts", polygonJSON([][][2]float64{island}, [][][2]float64{u}), [2]float64{0.5, 9.5 / 7}},
	} {
		got, err := InteriorPoint(c.g)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if math.Abs(got[0]-c.want[0]) > 1e-9 || math.Abs(got[1]-c.want[1]) > 1e-9 {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestInteriorPointDegenerate(t *testing.T) {
	line := closed([2]float64{0, 0}, [2]float64{1, 1}, [2]float64{2, 2})
	sq := closed([2]float64{0, 0}, [2]float64{2, 0}, [2]float64{2, 2}, [2]float64{0, 2})
	for _, c := range []struct {
		name string
		g    string
		none bool // ErrNoInterior rather than a decoding error
	}{
		{"no parts", `{"type":"MultiPolygon","coordinates":[]}`, true},
		{"no rings", `{"type":"Polygon","coordinates":[]}`, true},
		{"empty ring", `{"type":"Polygon","coordinates":[[]]}`, true},
		{"collinear ring", string(polygonJSON([][][2]float64{line})), true},
		{"hole as large as the ring", string(polygonJSON([][][2]float64{sq, sq})), true},
		{"not a polygon", `{"type":"LineString","coordinates":[[0,0],[1,1]]}`, false},
		{"not JSON", `{"type":`, false},
	} {
		p, err := InteriorPoint(json.RawMessage(c.g))
		if err == nil {
			t.Errorf("%s: %v, want an error", c.name, p)
		} else if errors.Is(err, ErrNoInterior) != c.none {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

// A line that misses the part, or only touches a corner, has no stretch
// inside it; one through a part does.
func TestWidestCrossing(t *testing.T) {
	sq := [][][2]float64{closed([2]float64{0, 0}, [2]float64{2, 0}, [2]float64{2, 2}, [2]float64{0, 2})}
	for _, c := range []struct {
		axis int
		v    float64
		want [2]float64
		ok   bool
	}{
		{1, 5, [2]float64{}, false},
		{1, 2, [2]float64{}, false},
		{0, -1, [2]float64{}, false},
		{1, 0.5, [2]float64{1, 0.5}, true},
		{0, 1.5, [2]float64{1.5, 1}, true},
	} {
		got, ok := widestCrossing(sq, c.axis, c.v)
		if ok != c.ok || got != c.want {
			t.Errorf("axis %d at %g: %v %v, want %v %v", c.axis, c.v, got, ok, c.want, c.ok)
		}
	}
}

// Star-shaped polygons with random spikes, many with a concave centre: the
// point is always strictly inside.
func TestInteriorPointStars(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for n := range 500 {
		k := 3 + rnd.IntN(20)
		var r [][2]float64
		for i := range k {
			a := 2 * math.Pi * (float64(i) + 0.8*rnd.Float64()) / float64(k)
			d := 0.1 + 5*rnd.Float64()
			r = append(r, [2]float64{110 + d*math.Cos(a), -7 + d*math.Sin(a)})
		}
		part := [][][2]float64{closed(r...)}
		p, ok := interiorPoint([][][][2]float64{part})
		if !ok {
			t.Fatalf("star %d: no point", n)
		}
		if !inPolygon(p, part) || nearEdge(p, part) {
			t.Fatalf("star %d: %v not inside %v", n, p, part[0])
		}
	}
}

func TestInPolygon(t *testing.T) {
	outer := closed([2]float64{0, 0}, [2]float64{4, 0}, [2]float64{4, 4}, [2]float64{0, 4})
	hole := closed([2]float64{1, 1}, [2]float64{1, 3}, [2]float64{3, 3}, [2]float64{3, 1})
	part := [][][2]float64{outer, hole}
	for _, c := range []struct {
		pt     [2]float64
		in, on bool
	}{
		{[2]float64{0.5, 0.5}, true, false},
		{[2]float64{2, 2}, false, false},  // in the hole
		{[2]float64{5, 2}, false, false},  // east of it all
		{[2]float64{-1, 2}, false, false}, // west: the ray crosses four edges
		{[2]float64{3.5, 3.99}, true, false},
		{[2]float64{4, 2}, false, true}, // on the outer edge
		{[2]float64{1, 2}, false, true}, // on the hole's edge
	} {
		if in := inPolygon(c.pt, part); in != c.in && !c.on {
			t.Errorf("%v: in %v, want %v", c.pt, in, c.in)
		}
		if on := nearEdge(c.pt, part); on != c.on {
			t.Errorf("%v: on an edge %v, want %v", c.pt, on, c.on)
		}
	}
}

func TestInteriorPointAway(t *testing.T) {
	// A 4×4 square: its centroid (2, 2) has a clearance of 0.2 to keep.
	sq := polygonJSON([][][2]float64{closed([2]float64{0, 0}, [2]float64{4, 0}, [2]float64{4, 4}, [2]float64{0, 4})})
	for _, c := range []struct {
		name  string
		avoid [][2]float64
		want  [2]float64
	}{
		{"nothing to avoid", nil, [2]float64{2, 2}},
		{"far enough", [][2]float64{{2.3, 2}}, [2]float64{2, 2}},
		{"on the centroid: west half", [][2]float64{{2.1, 2}}, [2]float64{1, 2}},
		{"west taken: east half", [][2]float64{{2, 2}, {1, 2.1}}, [2]float64{3, 2}},
		{"both taken: south half", [][2]float64{{2, 2}, {1, 2}, {3, 2}}, [2]float64{2, 1}},
		{"all near: the clearest", [][2]float64{{2, 2}, {1, 2}, {3, 2.1}, {2, 1}, {2, 3}}, [2]float64{3, 2}},
	} {
		got, err := InteriorPointAway(sq, c.avoid, 0.05)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if math.Abs(got[0]-c.want[0]) > 1e-9 || math.Abs(got[1]-c.want[1]) > 1e-9 {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	// A U: the point moves along the arm it is in, and stays inside.
	u := [][][2]float64{closed([2]float64{0, 0}, [2]float64{3, 0}, [2]float64{3, 3}, [2]float64{2, 3}, [2]float64{2, 1}, [2]float64{1, 1}, [2]float64{1, 3}, [2]float64{0, 3})}
	got, err := InteriorPointAway(polygonJSON(u), [][2]float64{{0.5, 9.5 / 7}}, 0.05)
	if want := [2]float64{0.25, 9.5 / 7}; err != nil || math.Abs(got[0]-want[0]) > 1e-9 || got[1] != want[1] || !inPolygon(got, u) {
		t.Errorf("U: %v %v, want %v", got, err, want)
	}
	if _, err := InteriorPointAway(json.RawMessage(`{"type":"Polygon","coordinates":[]}`), nil, 0.05); !errors.Is(err, ErrNoInterior) {
		t.Errorf("no rings: %v", err)
	}
}

// Package geo reads and checks the geography Jalin imports: region
// boundaries (GeoJSON), seat and centroid points (CSV) and border adjacency
// (CSV), keyed by Kemendagri region codes. It has no database or HTTP in it;
// sqlstore stores a Dataset and web draws it.
package geo

import "encoding/json"

// Boundary is the outline of one region as a GeoJSON Polygon or
// MultiPolygon geometry object (lon/lat, WGS84), kept as compact JSON so it
// can be stored and served without re-encoding.
type Boundary struct {
	Code     string
	Geometry json.RawMessage
	BBox     [4]float64 // min lon, min lat, max lon, max lat
}

// Point is a representative point of a region: the seat (ibu kota) of a
// regency/city, or a centroid or point-on-surface of a district or village.
type Point struct {
	Code string
	Lon  float64
	Lat  float64
	Kind string // as given by the source: capital-seat, centroid, point-on-surface, district-fallback
}

// Adjacency says two regions share a land border. A < B always.
type Adjacency struct {
	A, B           string
	SharedBorderKm float64 // 0 when unknown
}

// Unmatched is a row whose region code is not in the reference.
type Unmatched struct {
	File string
	Line int
	Code string
}

// TravelTime is a measured or modelled travel time from a district or
// village to the seat of a regency/city, which replaces the straight-line
// estimate of the service access analysis for that leg.
type TravelTime struct {
	Place   string // district or village code
	Seat    string // regency/city code (its seat)
	Minutes float64
}

// Dataset is what one import brings. Each of the four parts that is
// non-nil replaces the stored part of that category wholesale; a nil part
// leaves the stored one as it is.
type Dataset struct {
	Boundaries  []Boundary
	Points      []Point
	Adjacency   []Adjacency
	TravelTimes []TravelTime
	Unmatched   []Unmatched
}

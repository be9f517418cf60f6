package partner

import (
	"math"

	jalin "github.com/jalin-ksd/jalin"
)

// ExistingState is what already links a pair of regions.
type ExistingState uint8

const (
	None    ExistingState = iota // no cooperation on record
	Active                       // a cooperation in force
	Expired                      // one that ended and could be renewed
)

func (e ExistingState) String() string {
	switch e {
	case Active:
		return "active"
	case Expired:
		return "expired"
	}
	return "none"
}

// LQFunc returns the location quotient of region for Inputs.Sectors[s];
// ok is false when it is missing or undefined (no data, zero totals).
type LQFunc func(region string, s int) (lq float64, ok bool)

// LQTable adapts a table region → one LQ per sector (NaN for missing; a
// region absent from the table has no data) to an LQFunc.
func LQTable(m map[string][]float64) LQFunc {
	return func(region string, s int) (float64, bool) {
		row := m[region]
		if s >= len(row) || math.IsNaN(row[s]) || math.IsInf(row[s], 0) {
			return 0, false
		}
		return row[s], true
	}
}

// Inputs are the plain data a ranking needs. Maps keyed by a pair accept
// either order of the two codes.
type Inputs struct {
	Regions []string          // the candidate set, Kemendagri codes
	Names   map[string]string // display names for Explain; optional
	Sectors []string          // sector keys ("A", "M_N", ...), at most 64
	LQ      LQFunc            // nil: no economic data at all
	// Threshold for "basis": LQ > Threshold (strict). 0 means 1.
	Threshold float64
	Borders   map[[2]string]bool
	Seats     map[string][2]float64 // lon, lat of the seat (ibu kota)
	Mass      map[string]float64    // gravity mass: GRDP or population, > 0
	Existing  map[[2]string]ExistingState
}

// Weights of the score parts. A negative weight is invalid; a zero weight
// switches a part off (it is still reported).
type Weights struct {
	Complementarity, SharedBase, Border, Distance, Gravity, Existing float64
}

// DefaultWeights puts the economy first, as the issue asks for partners
// that supply or buy what a region lacks: complementarity 0.35 and shared
// basis 0.15 make half the score; proximity (border 0.15, distance 0.10,
// gravity 0.15) the other half, so a complementary neighbour beats both a
// complementary region across the sea and a neighbour with nothing to
// trade. Existing 0.20 turns an active cooperation into −0.20 and an
// expired one into +0.10.
func DefaultWeights() Weights {
	return Weights{Complementarity: 0.35, SharedBase: 0.15, Border: 0.15, Distance: 0.10, Gravity: 0.15, Existing: 0.20}
}

// Options narrow and size the ranking. Zero values mean the defaults.
type Options struct {
	// Sector limits the economic parts to one sector key. Urusan (a code
	// such as "3.27") limits them to the sectors of that affair (see
	// UrusanSectors); an affair with no sector leaves only proximity and
	// existing cooperation. Setting both is invalid.
	Sector string
	Urusan string
	// Limit is the number of suggestions per region: 0 means DefaultLimit,
	// a negative value every candidate.
	Limit          int
	HalfDistanceKm float64 // default 100
	Beta           float64 // gravity distance friction, default 2
}

// DefaultLimit is the number of suggestions when Options.Limit is 0.
const DefaultLimit = 10

// Part is one component of a score.
type Part struct {
	Name     string  // PartComplementarity, ...
	Value    float64 // the normalised part, see the package doc
	Weighted float64 // Value × its weight; the parts' Weighted sum to Score
}

// Part names.
const (
	PartComplementarity = "complementarity"
	PartSharedBase      = "shared_base"
	PartBorder          = "border"
	PartDistance        = "distance"
	PartGravity         = "gravity"
	PartExisting        = "existing"
)

// Suggestion is one ranked partner.
type Suggestion struct {
	Partner string
	Score   float64
	Parts   []Part
	Reasons []Reason
}

func (w Weights) validate() error {
	for _, v := range []float64{w.Complementarity, w.SharedBase, w.Border, w.Distance, w.Gravity, w.Existing} {
		if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			return jalin.Invalid("weights", "partner.weight_invalid")
		}
	}
	return nil
}

func (o Options) withDefaults() Options {
	if o.Limit == 0 {
		o.Limit = DefaultLimit
	}
	if o.HalfDistanceKm <= 0 {
		o.HalfDistanceKm = 100
	}
	if o.Beta <= 0 {
		o.Beta = 2
	}
	return o
}

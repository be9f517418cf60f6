// Package reach finds the districts and villages that lie nearer to the
// seat of another regency/city than to the seat of their own: where people
// would be better served across a border, a candidate for a mandatory
// cooperation (KSDD wajib) on public services. It is pure computation over
// geo.Point values, with no database or HTTP in it.
package reach

import (
	"cmp"
	"slices"

	"github.com/jalin-ksd/jalin/geo"
)

// Options tune Analyze. The zero value is usable.
type Options struct {
	// Detour turns straight-line km into an estimate of road km (default
	// 1.3). It scales both legs of a place alike, so on distances alone it
	// changes no answer; it matters when some legs come from TravelTimes and
	// for the km reported.
	Detour float64
	// SpeedKmh turns estimated road km into minutes where TravelTimes has no
	// entry (default 40).
	SpeedKmh float64
	// MinGainKm is how much nearer, in estimated road km, the other seat must
	// be before a place counts as Nearer (default 0: any gain). With travel
	// times it is converted to minutes at SpeedKmh.
	MinGainKm float64
	// TravelTimes holds imported travel times in minutes, keyed by (place
	// code, regency code of the seat). An entry replaces the distance
	// estimate for that leg; entries for a regency without a seat are
	// ignored.
	TravelTimes map[[2]string]float64
	// Population gives residents per place code where known; places without
	// an entry add nothing to the residents of a pair.
	Population map[string]int64
}

func (o Options) withDefaults() Options {
	if o.Detour <= 0 {
		o.Detour = 1.3
	}
	if o.SpeedKmh <= 0 {
		o.SpeedKmh = 40
	}
	return o
}

// Leg is the way from a place to one seat.
type Leg struct {
	Seat       string  // regency code of the seat; "" when there is none
	Km         float64 // great-circle km × Detour
	Minutes    float64 // from TravelTimes when FromMatrix, else Km at SpeedKmh
	FromMatrix bool
}

// Place is the answer for one district or village.
type Place struct {
	Code    string
	Regency string // the place's own regency (first 5 characters of Code)
	Own     Leg    // Seat is "" when the own seat is missing: see Result.Missing
	Other   Leg    // the nearest seat of any other regency
	// Nearer: Other is quicker than Own by more than MinGainKm. False when
	// either seat is missing.
	Nearer bool
}

// Pair aggregates the places of Home that are nearer to the seat of Other.
type Pair struct {
	Home, Other string
	Districts   int
	Villages    int
	// Residents of those districts and of those villages, summed over the
	// places with a known population. Kept apart because a district's
	// residents are also its villages' residents.
	DistrictResidents int64
	VillageResidents  int64
}

// Result is the outcome of Analyze.
type Result struct {
	Places []Place // in input order
	// Pairs are ordered by Villages, then Districts (both descending), then
	// by codes.
	Pairs []Pair
	// Missing lists, in input order, the places without an own seat: their
	// code is not a district or village code, or their regency has no seat.
	// They are reported rather than given a guessed seat.
	Missing         []string
	NearerDistricts int
	NearerVillages  int
}

// Analyze finds, for every place, the seat of its own regency and the
// nearest seat of any other. seats are regency seats with regency codes
// ("11.01"); places are districts and villages. A regency with several seat
// rows uses the first.
func Analyze(places, seats []geo.Point, opt Options) Result {
	opt = opt.withDefaults()
	ix := NewIndex(seats)
	seatOf := make(map[string]int, len(seats))
	for i, s := range seats {
		if _, dup := seatOf[s.Code]; !dup {
			seatOf[s.Code] = i
		}
	}
	a := analyzer{opt: opt, seats: seats, ix: ix, seatOf: seatOf,
		minPerKm: 60 / opt.SpeedKmh}
	a.gainMin = opt.MinGainKm * a.minPerKm
	if len(opt.TravelTimes) > 0 {
		a.times = byPlace(opt.TravelTimes, seatOf)
	}

	res := Result{Places: make([]Place, len(places))}
	pairs := map[[2]string]*Pair{}
	for k, p := range places {
		pl := a.place(p)
		res.Places[k] = pl
		if pl.Own.Seat == "" {
			res.Missing = append(res.Missing, p.Code)
		}
		if !pl.Nearer {
			continue
		}
		key := [2]string{pl.Regency, pl.Other.Seat}
		pr := pairs[key]
		if pr == nil {
			pr = &Pair{Home: key[0], Other: key[1]}
			pairs[key] = pr
		}
		pop, known := opt.Population[p.Code]
		switch geo.CodeLevel(p.Code) {
		case 3:
			res.NearerDistricts++
			pr.Districts++
			if known {
				pr.DistrictResidents += pop
			}
		case 4:
			res.NearerVillages++
			pr.Villages++
			if known {
				pr.VillageResidents += pop
			}
		}
	}
	res.Pairs = make([]Pair, 0, len(pairs))
	for _, pr := range pairs {
		res.Pairs = append(res.Pairs, *pr)
	}
	slices.SortFunc(res.Pairs, func(x, y Pair) int {
		return cmp.Or(cmp.Compare(y.Villages, x.Villages), cmp.Compare(y.Districts, x.Districts),
			cmp.Compare(x.Home, y.Home), cmp.Compare(x.Other, y.Other))
	})
	return res
}

package reach

import (
	"math"

	"github.com/jalin-ksd/jalin/geo"
)

type analyzer struct {
	opt      Options
	seats    []geo.Point
	ix       *Index
	seatOf   map[string]int
	minPerKm float64
	gainMin  float64
	times    map[string][]timed // place code -> imported legs
}

// timed is one imported travel time, resolved to a seat position.
type timed struct {
	seat    int
	minutes float64
}

// byPlace regroups the matrix by place so that a place's imported legs are
// one lookup, and drops entries for regencies without a seat.
func byPlace(m map[[2]string]float64, seatOf map[string]int) map[string][]timed {
	out := make(map[string][]timed)
	for k, minutes := range m {
		if s, ok := seatOf[k[1]]; ok && !math.IsNaN(minutes) && minutes >= 0 {
			out[k[0]] = append(out[k[0]], timed{s, minutes})
		}
	}
	return out
}

// leg is the estimated leg from p to seat i.
func (a *analyzer) leg(p geo.Point, i int) Leg {
	s := a.seats[i]
	km := HaversineKm(p.Lon, p.Lat, s.Lon, s.Lat) * a.opt.Detour
	return Leg{Seat: s.Code, Km: km, Minutes: km * a.minPerKm}
}

// better orders legs by minutes, then by the lower seat code, so that ties
// do not depend on input order.
func better(x, y Leg) bool {
	if y.Seat == "" {
		return x.Seat != ""
	}
	return x.Minutes < y.Minutes || (x.Minutes == y.Minutes && x.Seat < y.Seat)
}

func (a *analyzer) place(p geo.Point) Place {
	pl := Place{Code: p.Code}
	own := -1
	if lvl := geo.CodeLevel(p.Code); lvl == 3 || lvl == 4 {
		pl.Regency = p.Code[:5]
		if i, ok := a.seatOf[pl.Regency]; ok {
			own = i
			pl.Own = a.leg(p, i)
		}
	}
	imported := a.times[p.Code]
	if len(imported) == 0 {
		// Without imported legs minutes grow with distance, so the nearest
		// other seat is the quickest. Skipping the own seat's position is
		// the same as skipping its regency because each regency has one.
		if i := a.ix.nearestIdx(p.Lon, p.Lat, own, nil); i >= 0 && a.seats[i].Code != pl.Regency {
			pl.Other = a.leg(p, i)
		} else if i >= 0 {
			// A duplicate seat row of the own regency: fall back to the
			// general search.
			pl.Other = a.estimatedOther(p, pl.Regency, nil)
		}
	} else {
		for _, t := range imported {
			l := a.leg(p, t.seat)
			l.Minutes, l.FromMatrix = t.minutes, true
			switch {
			case t.seat == own:
				pl.Own = l
			case l.Seat != pl.Regency && better(l, pl.Other):
				pl.Other = l
			}
		}
		// The quickest other seat is either an imported leg or the nearest
		// of the seats without one.
		if l := a.estimatedOther(p, pl.Regency, imported); better(l, pl.Other) {
			pl.Other = l
		}
	}
	pl.Nearer = pl.Own.Seat != "" && pl.Other.Seat != "" &&
		pl.Other.Minutes < pl.Own.Minutes-a.gainMin
	return pl
}

// estimatedOther is the nearest seat outside regency that has no imported leg.
func (a *analyzer) estimatedOther(p geo.Point, regency string, imported []timed) Leg {
	i := a.ix.nearestIdx(p.Lon, p.Lat, -1, func(i int) bool {
		if a.seats[i].Code == regency {
			return false
		}
		for _, t := range imported {
			if t.seat == i {
				return false
			}
		}
		return true
	})
	if i < 0 {
		return Leg{}
	}
	return a.leg(p, i)
}

package web

import (
	"github.com/jalin-ksd/jalin/analysis"
)

// inequalityYear is one year of the inequality series. Nationally Theil's
// T is split into the part between provinces and the part within them;
// within a province there is no such split.
type inequalityYear struct {
	Year         int      `json:"year"`
	Williamson   *float64 `json:"williamson"`
	Theil        *float64 `json:"theil"`
	Between      *float64 `json:"theil_between"`
	Within       *float64 `json:"theil_within"`
	BetweenShare *float64 `json:"between_share"`
	Regions      int      `json:"regions"`
	NoPopulation int      `json:"regions_without_population"`
	NoOutput     int      `json:"regions_without_output"`
}

type inequalitySeries struct {
	Province string           `json:"province_code"` // "" nationally
	Meta     potentialMeta    `json:"meta"`
	Years    []inequalityYear `json:"years"`
}

// inequality computes the series over every year of the regency panel,
// nationally (province == "") or among the regencies of one province.
func (n *potentialNational) inequality(province string, from, to int) inequalitySeries {
	l := n.Regency
	p := l.Panel
	out := inequalitySeries{Province: province, Meta: n.meta(l), Years: []inequalityYear{}}
	out.Meta.From, out.Meta.To = p.Years[0], p.Years[len(p.Years)-1]
	for _, year := range p.Years {
		if (from != 0 && year < from) || (to != 0 && year > to) {
			continue
		}
		iy := inequalityYear{Year: year}
		var gdp, pop []float64
		var group []int
		groups := map[string]int{}
		var names []string
		for _, code := range p.Regions {
			if province != "" && code[:2] != province {
				continue
			}
			x, pp := p.Total(code, year), p.Population(code, year)
			switch {
			case !finite(x):
				iy.NoOutput++
				continue
			case !finite(pp) || pp <= 0:
				iy.NoPopulation++
				continue
			}
			g, ok := groups[code[:2]]
			if !ok {
				g = len(names)
				groups[code[:2]] = g
				names = append(names, code[:2])
			}
			gdp, pop, group = append(gdp, x), append(pop, pp), append(group, g)
		}
		iy.Regions = len(gdp)
		if len(gdp) > 0 {
			w := analysis.Williamson(gdp, pop)
			iy.Williamson = indexPtr(w)
			if province == "" {
				t := analysis.Theil(gdp, pop, group, names)
				iy.Theil = indexPtr(t.T)
				if iy.Theil != nil {
					iy.Between, iy.Within, iy.BetweenShare = numPtr(t.Between), numPtr(t.Within), numPtr(t.BetweenShare)
				}
			} else {
				iy.Theil = indexPtr(analysis.Theil(gdp, pop, nil, nil).T)
			}
		}
		out.Years = append(out.Years, iy)
	}
	return out
}

func indexPtr(ix analysis.Index) *float64 {
	if ix.Status != analysis.OK {
		return nil
	}
	return numPtr(ix.Value)
}

func finite(x float64) bool { return numPtr(x) != nil }

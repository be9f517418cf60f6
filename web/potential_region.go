package web

import (
	"github.com/jalin-ksd/jalin/analysis"
	"github.com/jalin-ksd/jalin/i18n"
	"github.com/jalin-ksd/jalin/taxonomy"
)

// sectorCode is the taxonomy code of a panel sector key ("M,N" → "M_N").
func sectorCode(key string) string {
	if s, ok := taxonomy.SectorByCode(key); ok {
		return s.Code
	}
	return key
}

// potentialMeta says what a result was computed from (ANALYTICS.md section 9).
type potentialMeta struct {
	PriceBasis  string `json:"price_basis"`
	Reference   string `json:"reference"`
	From        int    `json:"from"`
	To          int    `json:"to"`
	Year        int    `json:"year"`
	Vintage     string `json:"vintage"`
	Unit        string `json:"unit"`
	DataVersion string `json:"data_version"`
	Source      string `json:"source"`
}

func (n *potentialNational) meta(l *levelResult) potentialMeta {
	p := l.Panel
	return potentialMeta{PriceBasis: p.PriceBasis, Reference: p.ReferenceKind, From: l.Window.From, To: l.Window.To, Year: l.Year,
		Vintage: p.Vintage, Unit: p.Unit, DataVersion: n.Version, Source: "BPS"}
}

// shiftShare is the classic decomposition of a sector's change over the window.
type shiftShare struct {
	Change *float64 `json:"change"`
	N      *float64 `json:"national_share"`
	M      *float64 `json:"industry_mix"`
	C      *float64 `json:"competitive"`
}

type potentialSector struct {
	Sector  string     `json:"sector"`
	NameID  string     `json:"name_id"`
	NameEN  string     `json:"name_en"`
	Value   *float64   `json:"value"` // in the latest year
	Share   *float64   `json:"share"` // of the region total, latest year
	LQ      *float64   `json:"lq"`
	SLQ     *float64   `json:"slq"`
	DLQ     *float64   `json:"dlq"`
	Class   string     `json:"dlq_class"`
	Basis   bool       `json:"basis"`
	Shift   shiftShare `json:"shift_share"`
	Klassen int        `json:"klassen_quadrant"`
	Leading bool       `json:"leading"`
}

// Name is the sector's name in lang.
func (s potentialSector) Name(lang i18n.Lang) string {
	if lang == i18n.EN {
		return s.NameEN
	}
	return s.NameID
}

type potentialRegional struct {
	Quadrant     int      `json:"klassen_quadrant"`
	Growth       *float64 `json:"growth"`
	PerCapita    *float64 `json:"per_capita"`
	RefGrowth    *float64 `json:"reference_growth"`
	RefPerCapita *float64 `json:"reference_per_capita"`
	GrowthClass  string   `json:"growth_class"`
	BandLow      float64  `json:"band_low"`
	BandHigh     float64  `json:"band_high"`
}

type potentialSeries struct {
	Sector string     `json:"sector"`
	Values []*float64 `json:"values"`
}

type potentialNote struct {
	Sector string `json:"sector,omitempty"`
	Year   int    `json:"year,omitempty"`
	Status string `json:"status"`
	Reason string `json:"reason"`
}

// potentialRegion is a region's potential as the page and the API show it.
type potentialRegion struct {
	Code      string             `json:"code"`
	Name      string             `json:"name"`
	Level     int                `json:"level"`
	Reference string             `json:"reference_code"`
	Meta      potentialMeta      `json:"meta"`
	Problem   string             `json:"problem,omitempty"`
	Leading   []string           `json:"leading"`
	Sectors   []potentialSector  `json:"sectors"`
	Regional  *potentialRegional `json:"regional"`
	Years     []int              `json:"years"`
	Trend     []potentialSeries  `json:"trend"`
	Notes     []potentialNote    `json:"notes"`
	Suspect   []potentialNote    `json:"suspect"`
}

// regionPotential builds the view of region code from l, which must hold it.
func (n *potentialNational) regionPotential(l *levelResult, code, name string, level int) potentialRegion {
	p := l.Panel
	r := l.index[code]
	S := len(p.Sectors)
	out := potentialRegion{Code: code, Name: name, Level: level, Reference: p.ReferenceOf(code), Meta: n.meta(l), Problem: l.Problem,
		Leading: []string{}, Sectors: make([]potentialSector, 0, S), Years: p.Years, Notes: []potentialNote{}, Suspect: []potentialNote{}}
	lq, _ := l.lq(l.Year)
	rep := l.Report
	total := p.Total(code, l.Year)
	for s, key := range p.Sectors {
		c := sectorCode(key)
		t, _ := taxonomy.SectorByCode(c)
		ps := potentialSector{Sector: c, NameID: t.NameID, NameEN: t.NameEN}
		if ps.NameID == "" {
			ps.NameID, ps.NameEN = key, key
		}
		v := p.Value(code, key, l.Year)
		ps.Value = numPtr(v)
		if total > 0 {
			ps.Share = numPtr(v / total)
		}
		if lq != nil {
			x, _ := lq.LQ.At(r, s)
			ps.LQ, ps.Basis = numPtr(x), lq.Basis(r, s)
		}
		if rep != nil {
			x, _ := rep.DLQ.SLQ.At(r, s)
			ps.SLQ = numPtr(x)
			x, _ = rep.DLQ.DLQ.At(r, s)
			ps.DLQ, ps.Class = numPtr(x), rep.DLQ.Class[r*S+s]
			ss := rep.ShiftShare
			ch, _ := ss.Change.At(r, s)
			nn, _ := ss.N.At(r, s)
			m, _ := ss.M.At(r, s)
			cc, _ := ss.C.At(r, s)
			ps.Shift = shiftShare{Change: numPtr(ch), N: numPtr(nn), M: numPtr(m), C: numPtr(cc)}
			ps.Klassen = int(rep.Klassen.Quadrant[r*S+s])
			// Leading sector (ANALYTICS.md section 9, step 4): basis,
			// competitive and in Klassen quadrant I or III.
			ps.Leading = ps.Basis && ps.Shift.C != nil && *ps.Shift.C > 0 &&
				(ps.Klassen == analysis.QuadrantI || ps.Klassen == analysis.QuadrantIII)
		}
		if ps.Leading {
			out.Leading = append(out.Leading, c)
		}
		out.Sectors = append(out.Sectors, ps)
		series := potentialSeries{Sector: c, Values: make([]*float64, len(p.Years))}
		for y, year := range p.Years {
			series.Values[y] = numPtr(p.Value(code, key, year))
		}
		out.Trend = append(out.Trend, series)
	}
	if rep != nil && l.Regional != nil {
		k := -1
		for i, ref := range p.References {
			if ref == out.Reference {
				k = i
			}
		}
		g, _, _ := l.Regional.Growth.Get(code)
		pc, _, _ := l.Regional.PerCapita.Get(code)
		reg := &potentialRegional{Quadrant: int(l.Regional.Quadrant[r]), Growth: numPtr(g), PerCapita: numPtr(pc),
			GrowthClass: rep.Growth.Class[r], BandLow: rep.Growth.Band.Low, BandHigh: rep.Growth.Band.High}
		if reg.Growth == nil {
			bg, _, _ := rep.Growth.Growth.Get(code)
			reg.Growth = numPtr(bg)
		}
		if k >= 0 {
			reg.RefGrowth, reg.RefPerCapita = numPtr(l.Regional.RefGrowth[k]), numPtr(l.Regional.RefPerCapita[k])
		}
		out.Regional = reg
		out.Notes = appendNotes(out.Notes, code, l.Regional.Notes)
	}
	if lq != nil {
		out.Notes = appendNotes(out.Notes, code, lq.Notes)
	}
	if rep != nil {
		out.Notes = appendNotes(out.Notes, code, rep.DLQ.Notes)
		out.Notes = appendNotes(out.Notes, code, rep.ShiftShare.Notes)
	}
	for _, is := range l.Issues {
		if is.Region == code {
			out.Suspect = append(out.Suspect, potentialNote{Year: is.Year, Status: "suspect", Reason: is.Kind})
		}
	}
	for _, x := range n.Excluded {
		if x.Region == code {
			out.Suspect = append(out.Suspect, potentialNote{Sector: x.Indicator, Year: x.Year, Status: "excluded", Reason: x.Kind})
		}
	}
	return out
}

// appendNotes adds the notes about code, each (sector, year, reason) once.
func appendNotes(out []potentialNote, code string, ns []analysis.Note) []potentialNote {
	seen := make(map[potentialNote]bool, len(out))
	for _, n := range out {
		seen[n] = true
	}
	for _, n := range ns {
		if n.Region != code {
			continue
		}
		pn := potentialNote{Sector: sectorCode(n.Sector), Year: n.Year, Status: n.Status.String(), Reason: n.Reason}
		if !seen[pn] {
			seen[pn] = true
			out = append(out, pn)
		}
	}
	return out
}

package analysis

// SectoralReport bundles every sectoral method of ANALYTICS.md sections
// 1–4 and 6 for one window, as the "potensi daerah" pipeline (section 9)
// consumes them.
type SectoralReport struct {
	LQ             []*LQResult // one per year of the window
	DLQ            *DLQResult  // with SLQ and the SLQ/DLQ class
	ShiftShare     *ShiftShareResult
	Dynamic        *ShiftShareResult
	Klassen        *KlassenSectoralResult
	Specialisation *SpecialisationResult // for w.To
	Growth         *GrowthBandResult
}

// Sectoral runs every sectoral method over w with the defaults (LQ
// threshold 1, mean annual growth) and the growth band b.
func Sectoral(p *Panel, w Window, b Band) (*SectoralReport, error) {
	y0, y1, err := p.window(w, true)
	if err != nil {
		return nil, err
	}
	rep := &SectoralReport{LQ: make([]*LQResult, 0, y1-y0+1)}
	for y := y0; y <= y1; y++ {
		lq, err := LQ(p, p.Years[y], 1)
		if err != nil {
			return nil, err
		}
		rep.LQ = append(rep.LQ, lq)
	}
	if rep.DLQ, err = DLQ(p, w, AvgMean); err != nil {
		return nil, err
	}
	if rep.ShiftShare, err = ShiftShare(p, w); err != nil {
		return nil, err
	}
	if rep.Dynamic, err = DynamicShiftShare(p, w); err != nil {
		return nil, err
	}
	if rep.Klassen, err = KlassenSectoral(p, w, AvgMean); err != nil {
		return nil, err
	}
	if rep.Specialisation, err = Specialisation(p, w.To); err != nil {
		return nil, err
	}
	if rep.Growth, err = GrowthAgainstBand(p, w, b, AvgMean); err != nil {
		return nil, err
	}
	return rep, nil
}

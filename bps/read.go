package bps

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/jalin-ksd/jalin/taxonomy"
)

// placer maps the BPS regions of one file, remembering each answer, and
// collects one finding per BPS region it could not place.
type placer struct {
	cw      *Crosswalk
	file    string
	memo    map[string]placed
	missing map[string]*Finding
	counts  map[string]int
	order   []string
	byCode  map[string]string // BPS code → Kemendagri code it was placed on
}

type placed struct {
	code, reason string
	ok           bool
}

func newPlacer(cw *Crosswalk, file string) *placer {
	return &placer{cw: cw, file: file, memo: map[string]placed{}, missing: map[string]*Finding{}, counts: map[string]int{}, byCode: map[string]string{}}
}

// place returns the Kemendagri code of a row, or false after noting the row
// as unplaced.
func (p *placer) place(bpsCode, bpsName string, line int) (string, bool) {
	key := bpsCode + "\x00" + bpsName
	pl, seen := p.memo[key]
	if !seen {
		pl.code, pl.ok, pl.reason = p.cw.Map(bpsCode, bpsName)
		if prev, placedBefore := p.byCode[bpsCode]; pl.ok && placedBefore && prev != pl.code {
			pl = placed{reason: fmt.Sprintf("BPS code %s was placed on %s earlier in this file, but the name %q names %s", bpsCode, prev, bpsName, pl.code)}
		} else if pl.ok {
			p.byCode[bpsCode] = pl.code
		}
		p.memo[key] = pl
	}
	if pl.ok {
		return pl.code, true
	}
	if p.missing[key] == nil {
		kind := KindUnknownCode
		if _, reviewed := p.cw.renames[bpsCode][normName(bpsName, bpsKind(bpsCode))]; reviewed {
			kind = KindUnmappedRegion
		}
		p.missing[key] = &Finding{File: p.file, Line: line, Kind: kind, Severity: ExcludeSuggested,
			Detail: fmt.Sprintf("BPS %s %q: %s", bpsCode, bpsName, pl.reason)}
		p.order = append(p.order, key)
	}
	p.counts[key]++
	return "", false
}

func (p *placer) findings() []Finding {
	out := make([]Finding, 0, len(p.order))
	for _, k := range p.order {
		f := *p.missing[k]
		f.Detail += fmt.Sprintf(" (%d rows, first at line %d)", p.counts[k], f.Line)
		out = append(out, f)
	}
	return out
}

// ReadBusinessField reads the tidy PDRB-by-business-field table (ADHK 2010,
// billion rupiah; columns tahun, kode_wilayah, nama_wilayah, kategori,
// nilai_miliar_rp and optionally qa_flag). Each category becomes
// IndLUPrefix + its taxonomy code; TOTAL becomes IndLUTotal.
func ReadBusinessField(cw *Crosswalk, r io.Reader, file string) ([]Row, []Finding, error) {
	t, err := openTable(r, file, "tahun", "kode_wilayah", "nama_wilayah", "kategori", "nilai_miliar_rp")
	if err != nil {
		return nil, nil, err
	}
	p := newPlacer(cw, file)
	var rows []Row
	err = t.each(func() error {
		var ind string
		switch cat := t.get("kategori"); {
		case strings.EqualFold(cat, "TOTAL"):
			ind = IndLUTotal
		default:
			s, ok := taxonomy.SectorByCode(strings.ToUpper(strings.ReplaceAll(cat, " ", "")))
			if !ok {
				return t.fieldErr("kategori", "bps.csv_sector", fmt.Errorf("unknown category %q", cat))
			}
			ind = IndLUPrefix + s.Code
		}
		year, err := t.year("tahun")
		if err != nil {
			return err
		}
		v, err := t.number("nilai_miliar_rp")
		if err != nil {
			return err
		}
		code := t.get("kode_wilayah")
		reg, ok := p.place(code, t.get("nama_wilayah"), t.line())
		if !ok {
			return nil
		}
		rows = append(rows, Row{Region: reg, BPSCode: code, Indicator: ind, Year: year, Value: v,
			Unit: UnitMiliar, Line: t.line(), File: file, SourceFlag: t.get("qa_flag")})
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return rows, p.findings(), nil
}

// ReadExpenditure reads a tidy PDRB-by-expenditure table (kab/kota or
// province, ADHK 2010 or ADHB, million rupiah; columns kode_wilayah,
// nama_wilayah, tahun, periode, harga, komponen, nilai_juta_rp). Only the
// annual total is taken (komponen PDRB, periode Tahun or Tahunan), as
// IndADHKTotal or IndADHBTotal; components and quarters are left out.
func ReadExpenditure(cw *Crosswalk, r io.Reader, file string) ([]Row, []Finding, error) {
	t, err := openTable(r, file, "kode_wilayah", "nama_wilayah", "tahun", "periode", "harga", "komponen", "nilai_juta_rp")
	if err != nil {
		return nil, nil, err
	}
	p := newPlacer(cw, file)
	var rows []Row
	err = t.each(func() error {
		if !strings.EqualFold(t.get("komponen"), "PDRB") {
			return nil
		}
		if per := strings.ToLower(t.get("periode")); per != "tahun" && per != "tahunan" {
			return nil
		}
		ind, err := priceIndicator(t, IndADHKTotal, IndADHBTotal)
		if err != nil {
			return err
		}
		row, ok, err := readPlaced(t, p, ind, "nama_wilayah", "nilai_juta_rp", UnitJuta)
		if err != nil {
			return err
		}
		if ok {
			rows = append(rows, row)
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return rows, p.findings(), nil
}

// ReadPerCapita reads the tidy province PDRB-per-capita table (thousand
// rupiah per person; columns kode_wilayah, nama_wilayah, tahun, harga,
// nilai_ribu_rp) as IndADHKPerCapita or IndADHBPerCapita.
func ReadPerCapita(cw *Crosswalk, r io.Reader, file string) ([]Row, []Finding, error) {
	t, err := openTable(r, file, "kode_wilayah", "nama_wilayah", "tahun", "harga", "nilai_ribu_rp")
	if err != nil {
		return nil, nil, err
	}
	p := newPlacer(cw, file)
	var rows []Row
	err = t.each(func() error {
		ind, err := priceIndicator(t, IndADHKPerCapita, IndADHBPerCapita)
		if err != nil {
			return err
		}
		row, ok, err := readPlaced(t, p, ind, "nama_wilayah", "nilai_ribu_rp", UnitRibu)
		if err != nil {
			return err
		}
		if ok {
			rows = append(rows, row)
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return rows, p.findings(), nil
}

// ReadPopulation reads the tidy kab/kota population table (persons;
// columns kode_wilayah, nama_wilayah_bps, tahun, semester,
// jumlah_penduduk, optionally catatan). A year published for two semesters
// keeps the later one (the end-of-year count); the dropped semester is
// reported once per year as an info finding of kind skipped_row.
func ReadPopulation(cw *Crosswalk, r io.Reader, file string) ([]Row, []Finding, error) {
	t, err := openTable(r, file, "kode_wilayah", "nama_wilayah_bps", "tahun", "semester", "jumlah_penduduk")
	if err != nil {
		return nil, nil, err
	}
	p := newPlacer(cw, file)
	type semRow struct {
		row Row
		sem string
	}
	var all []semRow
	latest := map[int]string{} // year → latest semester in the file
	err = t.each(func() error {
		sem := t.get("semester")
		if sem != "1" && sem != "2" {
			return t.fieldErr("semester", "bps.csv_semester", fmt.Errorf("semester %q is not 1 or 2", sem))
		}
		row, ok, err := readPlaced(t, p, IndPopulation, "nama_wilayah_bps", "jumlah_penduduk", UnitPersons)
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		row.SourceFlag = t.get("catatan")
		all = append(all, semRow{row, sem})
		if sem > latest[row.Year] {
			latest[row.Year] = sem
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	rows := make([]Row, 0, len(all))
	dropped := map[int]int{}
	first := map[int]int{}
	for _, sr := range all {
		if sr.sem == latest[sr.row.Year] {
			rows = append(rows, sr.row)
			continue
		}
		if dropped[sr.row.Year] == 0 {
			first[sr.row.Year] = sr.row.Line
		}
		dropped[sr.row.Year]++
	}
	fs := p.findings()
	years := make([]int, 0, len(dropped))
	for y := range dropped {
		years = append(years, y)
	}
	sort.Ints(years)
	for _, y := range years {
		fs = append(fs, Finding{File: file, Line: first[y], Indicator: IndPopulation, Year: y, Kind: KindSkipped, Severity: Info,
			Detail: fmt.Sprintf("%d rows of semester 1 left out: semester %s of %d is taken", dropped[y], latest[y], y)})
	}
	return rows, fs, nil
}

func priceIndicator(t *table, adhk, adhb string) (string, error) {
	switch h := strings.ToUpper(t.get("harga")); h {
	case "ADHK2010", "ADHK":
		return adhk, nil
	case "ADHB":
		return adhb, nil
	default:
		return "", t.fieldErr("harga", "bps.csv_price", fmt.Errorf("unknown price basis %q", h))
	}
}

// readPlaced reads year, region and value of the current record of a file
// with kode_wilayah and tahun columns.
func readPlaced(t *table, p *placer, ind, nameCol, valueCol, unit string) (Row, bool, error) {
	year, err := t.year("tahun")
	if err != nil {
		return Row{}, false, err
	}
	v, err := t.number(valueCol)
	if err != nil {
		return Row{}, false, err
	}
	code := t.get("kode_wilayah")
	reg, ok := p.place(code, t.get(nameCol), t.line())
	if !ok {
		return Row{}, false, nil
	}
	return Row{Region: reg, BPSCode: code, Indicator: ind, Year: year, Value: v, Unit: unit, Line: t.line(), File: t.file}, true, nil
}

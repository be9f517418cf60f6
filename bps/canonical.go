package bps

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	jalin "github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/taxonomy"
)

// CanonicalHeader is the header of the canonical CSV layout.
var CanonicalHeader = []string{"region", "indicator", "year", "value", "unit"}

// ReadCanonical reads the canonical layout region,indicator,year,value[,unit]
// (columns in any order, case-insensitive; others ignored). Region is a
// Kemendagri province or regency code, or NationalCode; a code the
// reference does not know gives an unknown_code finding and the row is left
// out. An indicator outside the vocabulary of doc.go, or a unit other than
// that of its indicator, is an error.
func ReadCanonical(cw *Crosswalk, r io.Reader, file string) ([]Row, []Finding, error) {
	t, err := openTable(r, file, "region", "indicator", "year", "value")
	if err != nil {
		return nil, nil, err
	}
	var rows []Row
	var fs []Finding
	err = t.each(func() error {
		ind := t.get("indicator")
		want, ok := unitOf(ind)
		if !ok {
			return t.fieldErr("indicator", "bps.csv_indicator", fmt.Errorf("unknown indicator %q", ind))
		}
		unit := want
		if t.has("unit") {
			if u := t.get("unit"); u != "" && !strings.EqualFold(u, want) {
				return t.fieldErr("unit", "bps.csv_unit", fmt.Errorf("unit %q, want %q for %s", u, want, ind))
			}
		}
		year, err := t.year("year")
		if err != nil {
			return err
		}
		v, err := t.number("value")
		if err != nil {
			return err
		}
		code := t.get("region")
		if reg, known := cw.dir.Get(code); code != NationalCode && (!known || reg.Level > region.Regency) {
			fs = append(fs, Finding{File: file, Line: t.line(), Region: code, Indicator: ind, Year: year,
				Kind: KindUnknownCode, Severity: ExcludeSuggested,
				Detail: fmt.Sprintf("%q is not a Kemendagri province or regency code", code)})
			return nil
		}
		rows = append(rows, Row{Region: code, Indicator: ind, Year: year, Value: v, Unit: unit, Line: t.line(), File: file})
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return rows, fs, nil
}

// unitOf returns the unit of an indicator of the vocabulary.
func unitOf(ind string) (string, bool) {
	if s, ok := strings.CutPrefix(ind, IndLUPrefix); ok {
		sec, known := taxonomy.SectorByCode(s)
		return UnitMiliar, known && sec.Code == s
	}
	switch ind {
	case IndLUTotal:
		return UnitMiliar, true
	case IndADHKTotal, IndADHBTotal:
		return UnitJuta, true
	case IndADHKPerCapita, IndADHBPerCapita:
		return UnitRibu, true
	case IndPopulation:
		return UnitPersons, true
	}
	return "", false
}

// WriteCanonical writes rows in the canonical layout, in the given order.
func WriteCanonical(w io.Writer, rows []Row) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CanonicalHeader); err != nil {
		return jalin.Wrap(err, "bps.csv_write")
	}
	for _, r := range rows {
		rec := []string{r.Region, r.Indicator, strconv.Itoa(r.Year), strconv.FormatFloat(r.Value, 'f', -1, 64), r.Unit}
		if err := cw.Write(rec); err != nil {
			return jalin.Wrap(err, "bps.csv_write")
		}
	}
	cw.Flush()
	return jalin.Wrap(cw.Error(), "bps.csv_write")
}

// Read recognises the layout of a file by its header and calls the reader
// for it: the canonical layout or one of the tidy BPS tables.
func Read(cw *Crosswalk, r io.Reader, file string) ([]Row, []Finding, error) {
	br := bufio.NewReader(r)
	head, err := br.ReadString('\n')
	if err != nil && err != io.EOF {
		return nil, nil, jalin.Wrap(err, "bps.read")
	}
	src := io.MultiReader(strings.NewReader(head), br)
	cols := map[string]bool{}
	for _, c := range strings.Split(strings.ToLower(strings.TrimSpace(strings.TrimPrefix(head, "\ufeff"))), ",") {
		cols[strings.Trim(strings.TrimSpace(c), `"`)] = true
	}
	switch {
	case cols["region"] && cols["indicator"]:
		return ReadCanonical(cw, src, file)
	case cols["kategori"] && cols["nilai_miliar_rp"]:
		return ReadBusinessField(cw, src, file)
	case cols["komponen"] && cols["nilai_juta_rp"]:
		return ReadExpenditure(cw, src, file)
	case cols["nilai_ribu_rp"]:
		return ReadPerCapita(cw, src, file)
	case cols["jumlah_penduduk"]:
		return ReadPopulation(cw, src, file)
	}
	e := jalin.Invalid("header", "bps.csv_layout_unknown", file+":1:1")
	e.Err = fmt.Errorf("%s:1:1: header %q matches no known layout", file, strings.TrimSpace(head))
	return nil, nil, e
}

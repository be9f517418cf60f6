package analysis

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	jalin "github.com/jalin-ksd/jalin"
)

// moneyUnits converts money units to the panel unit, miliar Rp.
var moneyUnits = map[string]float64{
	"miliar rp": 1, "milyar rp": 1, "miliar": 1, "juta rp": 1e-3, "juta": 1e-3,
	"ribu rp": 1e-6, "rp": 1e-9,
}

// ReadCanonicalCSV reads the canonical layout: a header naming region,
// indicator, year and value (any order, case-insensitive; other columns
// ignored) and optionally unit. Indicators may also be spelt as in the
// import layout (see ImportIndicator). Money units ("juta Rp", "miliar Rp", ...)
// are normalised to miliar Rp; population rows keep persons. An empty value
// is missing (NaN). Errors are EInvalid *jalin.Error whose Args hold
// "name:line:column" of the offending field. The panel gets the default
// Options (reference = sum of regions); use ReadCanonicalRows and FromRows
// to choose others.
func ReadCanonicalCSV(r io.Reader, name string) (*Panel, error) {
	rows, unit, err := ReadCanonicalRows(r, name)
	if err != nil {
		return nil, err
	}
	return FromRows(rows, Options{Unit: unit})
}

// ReadCanonicalRows reads the canonical CSV into rows and returns the unit
// of the money values after normalisation ("miliar Rp", or "" when the file
// has no unit column).
func ReadCanonicalRows(r io.Reader, name string) ([]Row, string, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		return nil, "", csvErr(name, cr, 0, "header", "analysis.csv_header", err)
	}
	col := map[string]int{"unit": -1}
	for i, h := range head {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	for _, c := range []string{"region", "indicator", "year", "value"} {
		if _, ok := col[c]; !ok {
			return nil, "", csvErr(name, cr, 0, "header", "analysis.csv_column_missing", fmt.Errorf("no column %q", c))
		}
	}
	var rows []Row
	money := false
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, "", csvErr(name, cr, 0, "row", "analysis.csv_syntax", err)
		}
		year, err := strconv.Atoi(rec[col["year"]])
		if err != nil {
			return nil, "", csvErr(name, cr, col["year"], "year", "analysis.csv_year", err)
		}
		v := math.NaN()
		if s := rec[col["value"]]; s != "" {
			v, err = strconv.ParseFloat(s, 64)
			if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
				if err == nil {
					err = fmt.Errorf("not a finite number: %q", s)
				}
				return nil, "", csvErr(name, cr, col["value"], "value", "analysis.csv_number", err)
			}
		}
		ind, use := ImportIndicator(rec[col["indicator"]])
		if !use {
			continue
		}
		if u := col["unit"]; u >= 0 && ind != IndicatorPopulation {
			unit := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(rec[u])), "_", " ")
			if unit != "" {
				f, known := moneyUnits[unit]
				if !known {
					return nil, "", csvErr(name, cr, u, "unit", "analysis.csv_unit", fmt.Errorf("unknown unit %q", rec[u]))
				}
				v *= f
				money = true
			}
		}
		if v < 0 {
			return nil, "", csvErr(name, cr, col["value"], "value", "analysis.value_negative", nil)
		}
		rows = append(rows, Row{Region: rec[col["region"]], Indicator: ind, Year: year, Value: v})
	}
	if len(rows) == 0 {
		return nil, "", jalin.Invalid("rows", "analysis.rows_empty")
	}
	if money {
		return rows, "miliar Rp", nil
	}
	return rows, "", nil
}

// ImportIndicator maps the indicators of Jalin's import layout (package
// bps, `jalin import bps`) onto this package's, so that one canonical file
// serves both: pdrb_adhk_lu:<sector> is the sector, pdrb_adhk_lu_total the
// published total of that table, population the population. The other
// totals and per-capita series of the import (other vintages and prices)
// are not inputs of any method here: use reports false for them. Anything
// else is returned as it is, for FromRows to judge.
func ImportIndicator(ind string) (out string, use bool) {
	if sec, ok := strings.CutPrefix(ind, "pdrb_adhk_lu:"); ok {
		return sec, true
	}
	switch ind {
	case "pdrb_adhk_lu_total":
		return IndicatorTotal, true
	case "population":
		return IndicatorPopulation, true
	case "pdrb_adhk_total", "pdrb_adhb_total", "pdrb_adhk_per_capita", "pdrb_adhb_per_capita":
		return "", false
	}
	return ind, true
}

func csvErr(name string, cr *csv.Reader, field int, what, msg string, cause error) error {
	line, col := cr.FieldPos(field)
	var pe *csv.ParseError
	if errors.As(cause, &pe) {
		line, col = pe.Line, pe.Column
	}
	pos := fmt.Sprintf("%s:%d:%d", name, line, col)
	if cause == nil {
		cause = errors.New(msg)
	}
	return &jalin.Error{Code: jalin.EInvalid, Msg: msg, Field: what, Args: []any{pos}, Err: fmt.Errorf("%s: %w", pos, cause)}
}

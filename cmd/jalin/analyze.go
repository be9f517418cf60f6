package main

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"

	"github.com/jalin-ksd/jalin/analysis"
	"github.com/jalin-ksd/jalin/analysis/spatial"
	"github.com/jalin-ksd/jalin/geo"
)

// table is a method's result as rows of named columns, written as CSV or
// as a JSON array of objects (NaN as null).
type table struct {
	cols  []string
	rows  [][]any
	notes []string // what was left out and why, for standard error
}

func (t *table) add(row ...any) { t.rows = append(t.rows, row) }

func (t *table) write(w io.Writer, format string) error {
	if format == "csv" {
		cw := csv.NewWriter(w)
		_ = cw.Write(t.cols)
		for _, r := range t.rows {
			rec := make([]string, len(r))
			for i, v := range r {
				rec[i] = cell(v)
			}
			_ = cw.Write(rec)
		}
		cw.Flush()
		return cw.Error()
	}
	out := make([]map[string]any, len(t.rows))
	for i, r := range t.rows {
		m := make(map[string]any, len(r))
		for j, v := range r {
			if f, ok := v.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
				v = nil
			}
			m[t.cols[j]] = v
		}
		out[i] = m
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(out)
}

func cell(v any) string {
	switch x := v.(type) {
	case float64:
		if math.IsNaN(x) {
			return ""
		}
		return strconv.FormatFloat(x, 'g', 10, 64)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

var analyzeMethods = map[string]string{
	"lq":         "location quotient per region and sector (--year)",
	"dlq":        "dynamic LQ with the SLQ/DLQ class (--from, --to)",
	"shiftshare": "classic shift-share with Esteban-Marquillas per region and sector (--from, --to)",
	"klassen":    "Klassen regional typology (--from, --to; needs POPULATION rows)",
	"inequality": "Williamson, Theil (between/within the first two code digits), Gini (--year; needs POPULATION)",
	"moran":      "global Moran's I of each sector's LQ (--year, --weights, --permutations, --seed)",
	"lisa":       "local Moran of each sector's LQ (--year, --weights, --permutations, --seed)",
	"getisord":   "Getis-Ord Gi* of each sector's LQ (--year, --weights)",
}

// cmdAnalyze runs one method of the analysis engine on a table in the
// canonical layout (region,indicator,year,value[,unit]) without a
// database, for planners and researchers with their own data.
func cmdAnalyze(e env, args []string) int {
	fs := flag.NewFlagSet("jalin analyze", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	in := fs.String("in", "", "table in the canonical layout region,indicator,year,value[,unit] (required)")
	weights := fs.String("weights", "", "adjacency CSV with code_a,code_b, for moran, lisa, getisord")
	from := fs.Int("from", 0, "first year of the window (default: the table's first)")
	to := fs.Int("to", 0, "last year of the window (default: the table's last)")
	year := fs.Int("year", 0, "the year (default: the table's last)")
	format := fs.String("format", "json", "json or csv")
	perms := fs.Int("permutations", spatial.DefaultPermutations, "permutations for moran and lisa")
	seed := fs.Uint64("seed", 1, "random seed for the permutations (results are reproducible)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage: jalin analyze METHOD --in TABLE.csv [flags]\n\nMethods:")
		names := make([]string, 0, len(analyzeMethods))
		for n := range analyzeMethods {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintf(e.stderr, "  %-11s %s\n", n, analyzeMethods[n])
		}
		fmt.Fprintln(e.stderr, "\nFlags:")
		fs.PrintDefaults()
	}
	if len(args) == 0 || analyzeMethods[args[0]] == "" {
		fs.Usage()
		return exitUsage
	}
	method := args[0]
	if err := fs.Parse(args[1:]); err != nil {
		return exitUsage
	}
	if *in == "" || (*format != "json" && *format != "csv") {
		fmt.Fprintln(e.stderr, "jalin analyze: --in is required and --format is json or csv")
		return exitUsage
	}
	f, err := os.Open(*in)
	if err != nil {
		fail(e, err)
		return exitData
	}
	defer f.Close()
	p, err := analysis.ReadCanonicalCSV(f, *in)
	if err != nil {
		fail(e, err)
		return exitData
	}
	if *year == 0 {
		*year = p.Years[len(p.Years)-1]
	}
	w := analysis.Window{From: p.Years[0], To: p.Years[len(p.Years)-1]}
	if *from != 0 {
		w.From = *from
	}
	if *to != 0 {
		w.To = *to
	}
	t, err := runMethod(method, p, w, *year, *weights, *perms, *seed)
	if err != nil {
		fail(e, err)
		var pe *geo.ParseError
		if errors.As(err, &pe) {
			return exitData
		}
		return exitUsage
	}
	if err := t.write(e.stdout, *format); err != nil {
		fail(e, err)
		return exitFailure
	}
	for _, n := range t.notes {
		fmt.Fprintf(e.stderr, "jalin analyze %s: %s\n", method, n)
	}
	return exitOK
}

func runMethod(method string, p *analysis.Panel, w analysis.Window, year int, weights string, perms int, seed uint64) (*table, error) {
	switch method {
	case "lq":
		r, err := analysis.LQ(p, year, 1)
		if err != nil {
			return nil, err
		}
		t := &table{cols: []string{"region", "sector", "year", "lq", "basis"}}
		for i, reg := range p.Regions {
			for j, sec := range p.Sectors {
				v, _ := r.LQ.At(i, j)
				t.add(reg, sec, year, v, r.Basis(i, j))
			}
		}
		return t, nil
	case "dlq":
		r, err := analysis.DLQ(p, w, analysis.AvgMean)
		if err != nil {
			return nil, err
		}
		t := &table{cols: []string{"region", "sector", "slq", "dlq", "class"}}
		for i, reg := range p.Regions {
			for j, sec := range p.Sectors {
				s, _ := r.SLQ.At(i, j)
				d, _ := r.DLQ.At(i, j)
				t.add(reg, sec, s, d, r.Class[i*len(p.Sectors)+j])
			}
		}
		return t, nil
	case "shiftshare":
		r, err := analysis.ShiftShare(p, w)
		if err != nil {
			return nil, err
		}
		t := &table{cols: []string{"region", "sector", "change", "national_share", "industry_mix", "competitive", "net_competitive", "allocation"}}
		for i, reg := range p.Regions {
			for j, sec := range p.Sectors {
				at := func(g analysis.Grid) float64 { v, _ := g.At(i, j); return v }
				t.add(reg, sec, at(r.Change), at(r.N), at(r.M), at(r.C), at(r.NetCompetitive), at(r.Allocation))
			}
		}
		return t, nil
	case "klassen":
		r, err := analysis.KlassenRegional(p, w, analysis.AvgMean)
		if err != nil {
			return nil, err
		}
		t := &table{cols: []string{"region", "growth", "per_capita", "quadrant"}}
		for i, reg := range p.Regions {
			t.add(reg, r.Growth.V[i], r.PerCapita.V[i], int(r.Quadrant[i]))
		}
		return t, nil
	case "inequality":
		r, err := analysis.Inequality(p, year, func(code string) string { return code[:min(2, len(code))] })
		if err != nil {
			return nil, err
		}
		t := &table{cols: []string{"year", "williamson", "theil", "theil_between", "theil_within", "gini"}}
		t.add(year, r.Williamson.Value, r.Theil.T.Value, r.Theil.Between, r.Theil.Within, r.Gini.Value)
		return t, nil
	}
	return spatialMethod(method, p, year, weights, perms, seed)
}

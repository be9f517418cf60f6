package main

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/app"
	"github.com/jalin-ksd/jalin/bps"
	"github.com/jalin-ksd/jalin/region"
)

// maxSuspectLines is how many suspect rows the import lists before
// summing up the rest.
const maxSuspectLines = 50

// cmdImportBPS reads BPS tables, shows what bps.Check finds, and imports
// them as the person running it chose: without the suspect rows
// (--exclude-suspect) or not at all when anything is suspect
// (--cancel-on-findings). Without either flag it imports only data without
// suspect rows, and otherwise asks for a choice: the findings are for a
// person to judge, not for a default to hide.
func cmdImportBPS(e env, args []string) int {
	var exclude, cancel bool
	var canonical string
	cfg, fs, code := parseConfig(e, "import bps", args, func(fs *flag.FlagSet) {
		fs.BoolVar(&exclude, "exclude-suspect", false, "import without the rows the checks suggest excluding")
		fs.BoolVar(&cancel, "cancel-on-findings", false, "import nothing when the checks suggest excluding any row (exit 3)")
		fs.StringVar(&canonical, "canonical", "", "write the rows that would be imported to this file in the canonical CSV layout, "+
			"and import nothing (no database needed)")
	})
	if code >= 0 {
		return code
	}
	if fs.NArg() == 0 || (exclude && cancel) {
		fmt.Fprintln(e.stderr, "Usage: jalin import bps [--exclude-suspect | --cancel-on-findings] [--canonical OUT.csv] [flags] FILE...")
		return exitUsage
	}
	var a *app.App
	dir, err := region.Load()
	if canonical == "" {
		if a, code = open(e, cfg); code >= 0 {
			return code
		}
		defer a.Close()
		dir, err = a.Regions, nil
	}
	if err != nil {
		fail(e, err)
		return exitFailure
	}
	cw, err := bps.NewCrosswalk(dir)
	if err != nil {
		fail(e, err)
		return exitFailure
	}
	rows, findings, err := readBPS(cw, fs.Args())
	if err != nil {
		fail(e, err)
		if errors.Is(err, os.ErrNotExist) || jalin.ErrorCode(err) == jalin.EInvalid {
			return exitData
		}
		return exitFailure
	}
	suspect := printFindings(e.stdout, findings)
	switch {
	case suspect > 0 && cancel:
		fmt.Fprintf(e.stderr, "jalin import bps: %d findings suggest excluding rows; cancelled (--cancel-on-findings), nothing was imported\n", suspect)
		return exitData
	case suspect > 0 && !exclude:
		_, excluded := bps.Plan(rows, findings, true)
		fmt.Fprintf(e.stderr, "jalin import bps: %d findings suggest excluding %d of %d rows; nothing was imported.\n"+
			"  Read the findings above, then run again with one of:\n"+
			"    --exclude-suspect      import the other rows and leave the suspect ones out\n"+
			"    --cancel-on-findings   import nothing while there are findings (for scripts)\n",
			suspect, len(excluded), len(rows))
		return exitUsage
	}
	if canonical != "" {
		return writeCanonical(e, canonical, rows, findings)
	}
	imp, err := a.DB.ImportEcon(e.ctx, rows, findings, strings.Join(fs.Args(), " "), cliMeta())
	if err != nil {
		fail(e, err)
		if jalin.ErrorCode(err) == jalin.EInvalid {
			return exitData
		}
		return exitFailure
	}
	fmt.Fprintf(e.stdout, "imported %d values as import %d (%d suspect rows left out, %d stored values replaced; crosswalk %s)\n",
		imp.RowsKept, imp.ID, imp.RowsExcluded, imp.Replaced, imp.CrosswalkVersion)
	return exitOK
}

// writeCanonical writes the rows an import would keep to path in the
// canonical layout, which `jalin analyze` reads as it is.
func writeCanonical(e env, path string, rows []bps.Row, findings []bps.Finding) int {
	keep, excluded := bps.Plan(rows, findings, true)
	f, err := os.Create(path)
	if err != nil {
		fail(e, err)
		return exitFailure
	}
	if err := bps.WriteCanonical(f, keep); err != nil {
		f.Close()
		fail(e, err)
		return exitFailure
	}
	if err := f.Close(); err != nil {
		fail(e, err)
		return exitFailure
	}
	fmt.Fprintf(e.stdout, "wrote %d rows to %s (%d suspect rows left out); nothing was imported\n", len(keep), path, len(excluded))
	return exitOK
}

// readBPS reads every file with bps.Read and checks all their rows
// together (a jump is judged over the years of every file), returning the
// rows and the findings of reading and checking. The first file that
// cannot be read ends it, with an error naming file:line:column.
func readBPS(cw *bps.Crosswalk, paths []string) ([]bps.Row, []bps.Finding, error) {
	var rows []bps.Row
	var findings []bps.Finding
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, nil, err
		}
		rs, fs, err := bps.Read(cw, f, p)
		f.Close()
		if err != nil {
			return nil, nil, err
		}
		rows = append(rows, rs...)
		findings = append(findings, fs...)
	}
	findings = append(findings, bps.Check(rows)...)
	return rows, findings, nil
}

// printFindings writes the findings by kind with their counts, then each
// finding that suggests excluding rows, and returns how many of those
// there are.
func printFindings(w io.Writer, findings []bps.Finding) int {
	if len(findings) == 0 {
		fmt.Fprintln(w, "no findings")
		return 0
	}
	type kindCount struct {
		kind     bps.Kind
		severity bps.Severity
		n        int
	}
	var counts []kindCount
	var suspect []bps.Finding
	for _, f := range findings {
		i := slices.IndexFunc(counts, func(c kindCount) bool { return c.kind == f.Kind && c.severity == f.Severity })
		if i < 0 {
			i = len(counts)
			counts = append(counts, kindCount{kind: f.Kind, severity: f.Severity})
		}
		counts[i].n++
		if f.Severity == bps.ExcludeSuggested {
			suspect = append(suspect, f)
		}
	}
	slices.SortFunc(counts, func(a, b kindCount) int {
		return cmp.Or(strings.Compare(string(a.severity), string(b.severity)), cmp.Compare(b.n, a.n), strings.Compare(string(a.kind), string(b.kind)))
	})
	fmt.Fprintf(w, "%d findings:\n", len(findings))
	for _, c := range counts {
		fmt.Fprintf(w, "  %-28s %5d  %s\n", c.kind, c.n, c.severity)
	}
	if len(suspect) > 0 {
		fmt.Fprintf(w, "suspect (%d):\n", len(suspect))
	}
	for i, f := range suspect {
		if i == maxSuspectLines {
			fmt.Fprintf(w, "  ... and %d more\n", len(suspect)-maxSuspectLines)
			break
		}
		reg, year := cmp.Or(f.Region, "-"), "-"
		if f.Year != 0 {
			year = fmt.Sprint(f.Year)
		}
		fmt.Fprintf(w, "  %s:%d  %s  %s  %s  %s: %s\n", f.File, f.Line, reg, cmp.Or(f.Indicator, "-"), year, f.Kind, f.Detail)
	}
	return len(suspect)
}

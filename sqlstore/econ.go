package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/bps"
	"github.com/jalin-ksd/jalin/taxonomy"
)

// EconImport records one ImportEcon: who imported which files, with which
// crosswalk, how many rows were stored and how many set aside as suspect,
// and every finding of reading and checking them.
type EconImport struct {
	ID               int64
	ImportedAt       time.Time // UTC
	ActorName        string
	Sources          string
	CrosswalkVersion string
	RowsKept         int
	RowsExcluded     int
	Findings         []bps.Finding
	// Replaced is how many values of earlier imports the import removed
	// (the stored values of the table-years it brought). ImportEcon sets
	// it; it is not stored, so EconImports leaves it 0.
	Replaced int
}

// econFinding is a bps.Finding as econ_import.findings stores it: the
// field names are part of the stored format, not of the Go type.
type econFinding struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Region    string `json:"region,omitempty"`
	Indicator string `json:"indicator,omitempty"`
	Year      int    `json:"year,omitempty"`
	Kind      string `json:"kind"`
	Severity  string `json:"severity"`
	Detail    string `json:"detail"`
}

// ImportEcon stores BPS rows as read by bps.Read, in one transaction.
//
// rows are the rows as read and findings those of reading and of
// bps.Check. Rows named by a finding of severity exclude_suggested are never
// stored (bps.Plan with excludeSuspect): whether to import without them or
// to cancel is the caller's decision, taken before calling (the CLI lets
// the person who sees the findings choose), but a suspect value is never
// written, since an analysis would read a lost decimal point as growth.
//
// For every (indicator, year) present in rows, the stored values of that
// indicator and year are replaced by the kept rows: importing a table again
// replaces it, and other tables and years stay. The econ_import row and an
// "econ.import" audit record are written in the same transaction, so any
// failure leaves the stored data as it was.
//
// It returns EInvalid for no rows, a region that is neither "00" nor a
// province or regency of the region table, an indicator outside the
// vocabulary of bps/doc.go or with another unit, a value that is not
// finite, or two kept rows with one key.
func (db *DB) ImportEcon(ctx context.Context, rows []bps.Row, findings []bps.Finding, sources string, meta AuditMeta) (EconImport, error) {
	if len(rows) == 0 {
		return EconImport{}, jalin.Invalid("rows", "analysis.rows_empty")
	}
	keep, excluded := bps.Plan(rows, findings, true)
	if err := checkEconRows(keep); err != nil {
		return EconImport{}, err
	}
	stored := make([]econFinding, len(findings))
	for i, f := range findings {
		stored[i] = econFinding{File: f.File, Line: f.Line, Region: f.Region, Indicator: f.Indicator, Year: f.Year,
			Kind: string(f.Kind), Severity: string(f.Severity), Detail: f.Detail}
	}
	findingsJSON, err := json.Marshal(stored)
	if err != nil {
		return EconImport{}, jalin.Wrap(err, "db.query")
	}
	imp := EconImport{ActorName: meta.Actor.Name, Sources: sources, CrosswalkVersion: bps.CrosswalkVersion,
		RowsKept: len(keep), RowsExcluded: len(excluded), Findings: slices.Clone(findings)}
	groups := econGroups(rows)
	err = db.Tx(ctx, func(tx *Tx) error {
		if err := tx.checkEconRegions(ctx, keep); err != nil {
			return err
		}
		id, err := tx.nextID(ctx, "econ_import")
		if err != nil {
			return err
		}
		imp.ID, imp.ImportedAt = id, tx.db.Now()
		if _, err := tx.Exec(ctx, `INSERT INTO econ_import (id, imported_at, actor_name, sources, crosswalk_version,
			rows_kept, rows_excluded, findings) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			imp.ID, imp.ImportedAt, imp.ActorName, imp.Sources, imp.CrosswalkVersion,
			imp.RowsKept, imp.RowsExcluded, string(findingsJSON)); err != nil {
			return jalin.Wrap(fmt.Errorf("econ import: %w", err), "db.query")
		}
		for _, g := range groups {
			n, err := affected(tx.Exec(ctx, "DELETE FROM econ_value WHERE indicator = ? AND year = ?", g.indicator, int64(g.year)))
			if err != nil {
				return err
			}
			imp.Replaced += n
		}
		err = tx.insertBatches(ctx, "INSERT INTO econ_value (region_code, indicator, year, value, unit, import_id)", "",
			6, len(keep), func(i int, args []any) []any {
				r := keep[i]
				return append(args, r.Region, r.Indicator, int64(r.Year), r.Value, r.Unit, imp.ID)
			})
		if err != nil {
			return jalin.Wrap(fmt.Errorf("econ values: %w", err), "db.query")
		}
		kinds := map[string]int{}
		for _, f := range findings {
			kinds[string(f.Kind)]++
		}
		return tx.appendAudit(ctx, meta, AuditEntry{Action: "econ.import", ObjectKind: "econ_import", ObjectID: idString(imp.ID),
			After: map[string]any{"sources": imp.Sources, "crosswalk_version": imp.CrosswalkVersion,
				"rows_kept": imp.RowsKept, "rows_excluded": imp.RowsExcluded, "replaced": imp.Replaced,
				"table_years": len(groups), "findings": kinds}})
	})
	if err != nil {
		return EconImport{}, err
	}
	return imp, nil
}

type econGroup struct {
	indicator string
	year      int
}

// econGroups returns the (indicator, year) pairs of rows, sorted.
func econGroups(rows []bps.Row) []econGroup {
	seen := map[econGroup]bool{}
	var gs []econGroup
	for _, r := range rows {
		g := econGroup{r.Indicator, r.Year}
		if !seen[g] {
			seen[g] = true
			gs = append(gs, g)
		}
	}
	slices.SortFunc(gs, func(a, b econGroup) int {
		return cmp.Or(strings.Compare(a.indicator, b.indicator), cmp.Compare(a.year, b.year))
	})
	return gs
}

// econUnit returns the unit of an indicator of the vocabulary of
// bps/doc.go: the store refuses anything the readers would not produce.
func econUnit(ind string) (string, bool) {
	if s, ok := strings.CutPrefix(ind, bps.IndLUPrefix); ok {
		sec, known := taxonomy.SectorByCode(s)
		return bps.UnitMiliar, known && sec.Code == s
	}
	switch ind {
	case bps.IndLUTotal:
		return bps.UnitMiliar, true
	case bps.IndADHKTotal, bps.IndADHBTotal:
		return bps.UnitJuta, true
	case bps.IndADHKPerCapita, bps.IndADHBPerCapita:
		return bps.UnitRibu, true
	case bps.IndPopulation:
		return bps.UnitPersons, true
	}
	return "", false
}

// checkEconRows checks what can be checked without the database.
func checkEconRows(rows []bps.Row) error {
	type key struct {
		region, ind string
		year        int
	}
	seen := make(map[key]bool, len(rows))
	for _, r := range rows {
		pos := r.File + ":" + strconv.Itoa(r.Line)
		unit, ok := econUnit(r.Indicator)
		switch {
		case !ok:
			return jalin.Invalid("indicator", "bps.csv_indicator", pos)
		case r.Unit != unit:
			return jalin.Invalid("unit", "bps.csv_unit", pos)
		case math.IsNaN(r.Value) || math.IsInf(r.Value, 0):
			return jalin.Invalid("value", "analysis.value_infinite")
		case seen[key{r.Region, r.Indicator, r.Year}]:
			return jalin.Invalid("rows", "analysis.row_duplicate")
		}
		seen[key{r.Region, r.Indicator, r.Year}] = true
	}
	return nil
}

// checkEconRegions checks that every row's region is the nation or a
// province or regency of the region table.
func (tx *Tx) checkEconRegions(ctx context.Context, rows []bps.Row) error {
	q, err := tx.Query(ctx, "SELECT code FROM region WHERE level <= 2")
	if err != nil {
		return jalin.Wrap(err, "db.query")
	}
	defer q.Close()
	known := map[string]bool{bps.NationalCode: true}
	for q.Next() {
		var c string
		if err := q.Scan(&c); err != nil {
			return jalin.Wrap(err, "db.query")
		}
		known[c] = true
	}
	if err := q.Err(); err != nil {
		return jalin.Wrap(err, "db.query")
	}
	for _, r := range rows {
		if !known[r.Region] {
			return jalin.Invalid("region", "error.region_unknown", r.Region)
		}
	}
	return nil
}

// EconImports returns the latest imports first, at most limit (see
// pageLimit), with their findings.
func (db *DB) EconImports(ctx context.Context, limit int) ([]EconImport, error) {
	rows, err := db.Query(ctx, `SELECT id, imported_at, actor_name, sources, crosswalk_version, rows_kept,
		rows_excluded, findings FROM econ_import ORDER BY id DESC LIMIT ?`, pageLimit(limit))
	if err != nil {
		return nil, jalin.Wrap(err, "db.query")
	}
	defer rows.Close()
	var out []EconImport
	for rows.Next() {
		var imp EconImport
		var fj string
		if err := rows.Scan(&imp.ID, &imp.ImportedAt, &imp.ActorName, &imp.Sources, &imp.CrosswalkVersion,
			&imp.RowsKept, &imp.RowsExcluded, &fj); err != nil {
			return nil, jalin.Wrap(err, "db.query")
		}
		imp.ImportedAt = imp.ImportedAt.UTC()
		var fs []econFinding
		if err := json.Unmarshal([]byte(fj), &fs); err != nil {
			return nil, jalin.Wrap(fmt.Errorf("econ_import %d findings: %w", imp.ID, err), "db.query")
		}
		for _, f := range fs {
			imp.Findings = append(imp.Findings, bps.Finding{File: f.File, Line: f.Line, Region: f.Region,
				Indicator: f.Indicator, Year: f.Year, Kind: bps.Kind(f.Kind), Severity: bps.Severity(f.Severity), Detail: f.Detail})
		}
		out = append(out, imp)
	}
	return out, jalin.Wrap(rows.Err(), "db.query")
}

// EconVersion names the state of the stored economic data: the id and time
// of the last import, "" before the first. Every change of econ_value goes
// through ImportEcon, which adds an import, so callers can keep analysis
// results computed from the data until the version changes.
func (db *DB) EconVersion(ctx context.Context) (string, error) {
	var id int64
	var at time.Time
	err := db.QueryRow(ctx, "SELECT id, imported_at FROM econ_import ORDER BY id DESC LIMIT 1").Scan(&id, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", jalin.Wrap(err, "db.query")
	}
	return idString(id) + "@" + at.UTC().Format(time.RFC3339Nano), nil
}

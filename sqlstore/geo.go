package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/geo"
)

// Kept is the count a GeoImport gives for a part the import left as it was.
const Kept = -1

// GeoImport records one ReplaceGeo: the rows written per part (Kept for a
// part that was nil in the dataset) and the rows the source had that matched
// no region, so an operator can see what each import brought.
type GeoImport struct {
	ID          int64
	ImportedAt  time.Time // UTC
	ActorName   string    // who imported it: a username, "cli" on the command line, "" before migration 0012
	Source      string
	Boundaries  int
	Points      int
	Adjacency   int
	TravelTimes int
	Unmatched   int
}

// GeoStats says how much geography is stored, for the status page and the
// CLI.
type GeoStats struct {
	Boundaries  int
	Points      int
	Adjacency   int
	TravelTimes int
	LastImport  *time.Time // nil before the first import
	// LastImportID is the id of the last import, 0 before the first: it
	// changes with every import, even two within one clock tick.
	LastImportID int64
}

// ReplaceGeo stores ds in one transaction: each non-nil part replaces its
// whole table, a nil part is left as it was. Either everything is replaced
// or nothing is: a row naming a region code that is not in the region table
// fails the import with EInvalid "db.geo_unknown_region", leaving the
// previous geography intact. source (a file name or URL) is recorded with
// the counts in geo_import.
//
// Ids of geo_import are chosen here as the previous maximum plus one, within
// the write transaction: portable (no SERIAL or AUTOINCREMENT), and two
// imports racing on PostgreSQL make one of them fail rather than interleave.
func (db *DB) ReplaceGeo(ctx context.Context, ds *geo.Dataset, source string) (GeoImport, error) {
	return db.replaceGeo(ctx, ds, source, -1, nil)
}

// ImportGeo is ReplaceGeo for a person (the web upload): the import is
// also recorded in the audit trail under meta's actor, and it is refused
// with EConflict "geo.import_stale" unless the last import is still the one
// with id after (0: none), the one the person saw when checking the file.
// That refuses a confirmation sent twice and one that another import
// overtook.
func (db *DB) ImportGeo(ctx context.Context, ds *geo.Dataset, source string, after int64, meta AuditMeta) (GeoImport, error) {
	return db.replaceGeo(ctx, ds, source, after, &meta)
}

// replaceGeo stores ds; after < 0 skips the check of the last import, a nil
// meta the audit entry.
func (db *DB) replaceGeo(ctx context.Context, ds *geo.Dataset, source string, after int64, meta *AuditMeta) (GeoImport, error) {
	if ds == nil {
		return GeoImport{}, jalin.Invalid("dataset", "db.geo_dataset_nil")
	}
	imp := GeoImport{
		ImportedAt: time.Now().UTC().Truncate(time.Microsecond),
		Source:     source,
		Boundaries: Kept, Points: Kept, Adjacency: Kept, TravelTimes: Kept,
		Unmatched: len(ds.Unmatched),
	}
	if meta != nil {
		imp.ActorName = meta.Actor.Name
	}
	err := db.Tx(ctx, func(tx *Tx) error {
		if after >= 0 {
			var last int64
			if err := tx.QueryRow(ctx, "SELECT COALESCE(MAX(id), 0) FROM geo_import").Scan(&last); err != nil {
				return jalin.Wrap(err, "db.query")
			}
			if last != after {
				return jalin.Errorf(jalin.EConflict, "geo.import_stale")
			}
		}
		if ds.Boundaries != nil {
			if err := tx.replaceBoundaries(ctx, ds.Boundaries); err != nil {
				return geoError("boundaries", err)
			}
			imp.Boundaries = len(ds.Boundaries)
		}
		if ds.Points != nil {
			if err := tx.replacePoints(ctx, ds.Points); err != nil {
				return geoError("points", err)
			}
			imp.Points = len(ds.Points)
		}
		if ds.Adjacency != nil {
			if err := tx.replaceAdjacency(ctx, ds.Adjacency); err != nil {
				return geoError("adjacency", err)
			}
			imp.Adjacency = len(ds.Adjacency)
		}
		if ds.TravelTimes != nil {
			if err := tx.replaceTravelTimes(ctx, ds.TravelTimes); err != nil {
				return geoError("travel_times", err)
			}
			imp.TravelTimes = len(ds.TravelTimes)
		}
		if err := tx.QueryRow(ctx, "SELECT COALESCE(MAX(id), 0) + 1 FROM geo_import").Scan(&imp.ID); err != nil {
			return jalin.Wrap(err, "db.query")
		}
		_, err := tx.Exec(ctx, `INSERT INTO geo_import
			(id, imported_at, actor_name, source, boundaries, points, adjacency, travel_times, unmatched)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			imp.ID, imp.ImportedAt, imp.ActorName, imp.Source, keptNull(imp.Boundaries),
			keptNull(imp.Points), keptNull(imp.Adjacency), keptNull(imp.TravelTimes), imp.Unmatched)
		if err != nil || meta == nil {
			return jalin.Wrap(err, "db.query")
		}
		return tx.appendAudit(ctx, *meta, AuditEntry{Action: "geo.import", ObjectKind: "geo_import", ObjectID: idString(imp.ID),
			After: map[string]any{"source": imp.Source, "boundaries": keptNull(imp.Boundaries), "points": keptNull(imp.Points),
				"adjacency": keptNull(imp.Adjacency), "travel_times": keptNull(imp.TravelTimes), "unmatched": imp.Unmatched}})
	})
	if err != nil {
		return GeoImport{}, err
	}
	return imp, nil
}

func (tx *Tx) replaceBoundaries(ctx context.Context, bs []geo.Boundary) error {
	if _, err := tx.Exec(ctx, "DELETE FROM region_boundary"); err != nil {
		return err
	}
	return tx.insertBatches(ctx,
		"INSERT INTO region_boundary (code, geometry, min_lon, min_lat, max_lon, max_lat)", "",
		6, len(bs), func(i int, args []any) []any {
			b := bs[i]
			return append(args, b.Code, string(b.Geometry), b.BBox[0], b.BBox[1], b.BBox[2], b.BBox[3])
		})
}

func (tx *Tx) replacePoints(ctx context.Context, ps []geo.Point) error {
	if _, err := tx.Exec(ctx, "DELETE FROM region_point"); err != nil {
		return err
	}
	return tx.insertBatches(ctx, "INSERT INTO region_point (code, lon, lat, kind)", "",
		4, len(ps), func(i int, args []any) []any {
			p := ps[i]
			return append(args, p.Code, p.Lon, p.Lat, p.Kind)
		})
}

func (tx *Tx) replaceAdjacency(ctx context.Context, as []geo.Adjacency) error {
	if _, err := tx.Exec(ctx, "DELETE FROM region_adjacency"); err != nil {
		return err
	}
	return tx.insertBatches(ctx, "INSERT INTO region_adjacency (code_a, code_b, shared_border_km)", "",
		3, len(as), func(i int, args []any) []any {
			a := as[i]
			return append(args, a.A, a.B, a.SharedBorderKm)
		})
}

func (tx *Tx) replaceTravelTimes(ctx context.Context, ts []geo.TravelTime) error {
	if _, err := tx.Exec(ctx, "DELETE FROM travel_time"); err != nil {
		return err
	}
	return tx.insertBatches(ctx, "INSERT INTO travel_time (place_code, seat_code, minutes)", "",
		3, len(ts), func(i int, args []any) []any {
			t := ts[i]
			return append(args, t.Place, t.Seat, t.Minutes)
		})
}

// TravelTimes returns the imported travel times in minutes by (place code,
// seat's regency code), as reach.Options takes them; empty when none were
// imported.
func (db *DB) TravelTimes(ctx context.Context) (map[[2]string]float64, error) {
	out := map[[2]string]float64{}
	err := db.eachRow(ctx, "SELECT place_code, seat_code, minutes FROM travel_time", nil, func(rows *sql.Rows) error {
		var place, seat string
		var minutes float64
		if err := rows.Scan(&place, &seat, &minutes); err != nil {
			return err
		}
		out[[2]string{place, seat}] = minutes
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// geoError turns a failed part of an import into the error to report: an
// unknown region code is the input's fault, anything else is internal.
func geoError(part string, err error) error {
	if isForeignKeyViolation(err) {
		return &jalin.Error{Code: jalin.EInvalid, Msg: "db.geo_unknown_region", Field: part, Err: err}
	}
	return jalin.Wrap(fmt.Errorf("replace %s: %w", part, err), "db.geo_import")
}

func keptNull(n int) any {
	if n == Kept {
		return nil
	}
	return int64(n)
}

// GeoStats counts the stored geography and gives the time of the last
// import.
func (db *DB) GeoStats(ctx context.Context) (GeoStats, error) {
	var s GeoStats
	err := db.QueryRow(ctx, `SELECT
		(SELECT COUNT(*) FROM region_boundary),
		(SELECT COUNT(*) FROM region_point),
		(SELECT COUNT(*) FROM region_adjacency),
		(SELECT COUNT(*) FROM travel_time)`).Scan(&s.Boundaries, &s.Points, &s.Adjacency, &s.TravelTimes)
	if err != nil {
		return GeoStats{}, jalin.Wrap(err, "db.query")
	}
	rows, err := db.Query(ctx, "SELECT id, imported_at FROM geo_import ORDER BY id DESC LIMIT 1")
	if err != nil {
		return GeoStats{}, jalin.Wrap(err, "db.query")
	}
	defer rows.Close()
	if rows.Next() {
		var t time.Time
		if err := rows.Scan(&s.LastImportID, &t); err != nil {
			return GeoStats{}, jalin.Wrap(err, "db.query")
		}
		t = t.UTC()
		s.LastImport = &t
	}
	return s, jalin.Wrap(rows.Err(), "db.query")
}

// GeoVersion is the id of the last geography import, 0 before the first.
// Every change of the stored geography goes through ReplaceGeo or
// ImportGeo, which record an import, so the id names what is stored: one
// indexed read, where GeoStats counts every table.
func (db *DB) GeoVersion(ctx context.Context) (int64, error) {
	var v int64
	err := db.QueryRow(ctx, "SELECT COALESCE(MAX(id), 0) FROM geo_import").Scan(&v)
	return v, jalin.Wrap(err, "db.query")
}

// GeoImports returns the last limit imports, newest first, with Kept for
// the parts each left as they were.
func (db *DB) GeoImports(ctx context.Context, limit int) ([]GeoImport, error) {
	out := []GeoImport{}
	err := db.eachRow(ctx, `SELECT id, imported_at, actor_name, source, boundaries, points, adjacency, travel_times, unmatched
		FROM geo_import ORDER BY id DESC LIMIT ?`, []any{int64(limit)}, func(rows *sql.Rows) error {
		var imp GeoImport
		var parts [4]sql.NullInt64
		if err := rows.Scan(&imp.ID, &imp.ImportedAt, &imp.ActorName, &imp.Source, &parts[0], &parts[1], &parts[2], &parts[3], &imp.Unmatched); err != nil {
			return err
		}
		imp.ImportedAt = imp.ImportedAt.UTC()
		for i, dst := range []*int{&imp.Boundaries, &imp.Points, &imp.Adjacency, &imp.TravelTimes} {
			*dst = Kept
			if parts[i].Valid {
				*dst = int(parts[i].Int64)
			}
		}
		out = append(out, imp)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

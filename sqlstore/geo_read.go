package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/geo"
)

// maxInList bounds the codes in one IN (...) list, well under both engines'
// parameter limits; longer lists of codes are read in several queries.
const maxInList = 1000

// notFound wraps jalin.ErrNotFound with what was looked for, so callers test
// errors.Is(err, jalin.ErrNotFound) and the log still says which code.
func notFound(what, code string) error {
	return fmt.Errorf("%s %q: %w", what, code, jalin.ErrNotFound)
}

const boundaryCols = "code, geometry, min_lon, min_lat, max_lon, max_lat"

func scanBoundary(s interface{ Scan(...any) error }) (geo.Boundary, error) {
	var b geo.Boundary
	var g string
	err := s.Scan(&b.Code, &g, &b.BBox[0], &b.BBox[1], &b.BBox[2], &b.BBox[3])
	b.Geometry = json.RawMessage(g)
	return b, err
}

// Boundary returns the outline of one region, or an error wrapping
// jalin.ErrNotFound if none is stored.
func (db *DB) Boundary(ctx context.Context, code string) (geo.Boundary, error) {
	b, err := scanBoundary(db.QueryRow(ctx, "SELECT "+boundaryCols+" FROM region_boundary WHERE code = ?", code))
	if errors.Is(err, sql.ErrNoRows) {
		return geo.Boundary{}, notFound("boundary", code)
	}
	if err != nil {
		return geo.Boundary{}, jalin.Wrap(err, "db.query")
	}
	return b, nil
}

// Boundaries returns the stored outlines of codes, sorted by code; codes
// without one are left out rather than failing the map of a whole province.
func (db *DB) Boundaries(ctx context.Context, codes []string) ([]geo.Boundary, error) {
	out := []geo.Boundary{}
	err := db.eachIn(ctx, "SELECT "+boundaryCols+" FROM region_boundary WHERE code IN", codes,
		func(rows *sql.Rows) error {
			b, err := scanBoundary(rows)
			out = append(out, b)
			return err
		})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b geo.Boundary) int { return strings.Compare(a.Code, b.Code) })
	return out, nil
}

const pointCols = "code, lon, lat, kind"

func scanPoint(s interface{ Scan(...any) error }) (geo.Point, error) {
	var p geo.Point
	err := s.Scan(&p.Code, &p.Lon, &p.Lat, &p.Kind)
	return p, err
}

// Point returns the representative point of one region, or an error
// wrapping jalin.ErrNotFound if none is stored.
func (db *DB) Point(ctx context.Context, code string) (geo.Point, error) {
	p, err := scanPoint(db.QueryRow(ctx, "SELECT "+pointCols+" FROM region_point WHERE code = ?", code))
	if errors.Is(err, sql.ErrNoRows) {
		return geo.Point{}, notFound("point", code)
	}
	if err != nil {
		return geo.Point{}, jalin.Wrap(err, "db.query")
	}
	return p, nil
}

// Points returns the stored points of codes, sorted by code; codes without
// one are left out.
func (db *DB) Points(ctx context.Context, codes []string) ([]geo.Point, error) {
	out := []geo.Point{}
	err := db.eachIn(ctx, "SELECT "+pointCols+" FROM region_point WHERE code IN", codes,
		func(rows *sql.Rows) error {
			p, err := scanPoint(rows)
			out = append(out, p)
			return err
		})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b geo.Point) int { return strings.Compare(a.Code, b.Code) })
	return out, nil
}

// Neighbours returns the borders code shares, whichever side of the pair it
// was stored on, sorted by the other region's code. Each keeps A < B as geo
// defines it. A region with no stored neighbours (an island) gives an empty
// slice; a code that is not a region gives an error wrapping
// jalin.ErrNotFound. Sorting happens here, not in SQL, so that both engines
// order codes byte-wise whatever the PostgreSQL collation.
func (db *DB) Neighbours(ctx context.Context, code string) ([]geo.Adjacency, error) {
	rows, err := db.Query(ctx, `SELECT code_a, code_b, shared_border_km FROM region_adjacency WHERE code_a = ?
		UNION ALL SELECT code_a, code_b, shared_border_km FROM region_adjacency WHERE code_b = ?`, code, code)
	if err != nil {
		return nil, jalin.Wrap(err, "db.query")
	}
	defer rows.Close()
	out := []geo.Adjacency{}
	for rows.Next() {
		var a geo.Adjacency
		if err := rows.Scan(&a.A, &a.B, &a.SharedBorderKm); err != nil {
			return nil, jalin.Wrap(err, "db.query")
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, jalin.Wrap(err, "db.query")
	}
	if len(out) == 0 {
		var n int
		if err := db.QueryRow(ctx, "SELECT COUNT(*) FROM region WHERE code = ?", code).Scan(&n); err != nil {
			return nil, jalin.Wrap(err, "db.query")
		}
		if n == 0 {
			return nil, notFound("region", code)
		}
	}
	other := func(a geo.Adjacency) string {
		if a.A == code {
			return a.B
		}
		return a.A
	}
	slices.SortFunc(out, func(x, y geo.Adjacency) int { return strings.Compare(other(x), other(y)) })
	return out, nil
}

// eachIn runs prefix followed by "(?, ...)" for codes in chunks of
// maxInList, calling scan for every row.
func (db *DB) eachIn(ctx context.Context, prefix string, codes []string, scan func(*sql.Rows) error) error {
	for start := 0; start < len(codes); start += maxInList {
		part := codes[start:min(start+maxInList, len(codes))]
		args := make([]any, len(part))
		for i, c := range part {
			args[i] = c
		}
		q := prefix + " (" + strings.Repeat("?, ", len(part)-1) + "?)"
		if err := db.eachRow(ctx, q, args, scan); err != nil {
			return err
		}
	}
	return nil
}

func (db *DB) eachRow(ctx context.Context, q string, args []any, scan func(*sql.Rows) error) error {
	rows, err := db.Query(ctx, q, args...)
	if err != nil {
		return jalin.Wrap(err, "db.query")
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return jalin.Wrap(err, "db.query")
		}
	}
	return jalin.Wrap(rows.Err(), "db.query")
}

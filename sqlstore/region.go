package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/region"
)

// metaRegionVersion is the meta key holding the version of the region
// reference last loaded, so that starting the program again costs one query.
const metaRegionVersion = "region_version"

// regionUpsert inserts new regions and updates changed ones. The WHERE
// clause leaves unchanged rows untouched, so a reload that changes a few
// names writes a few rows, not 91,599.
const regionUpsert = `ON CONFLICT (code) DO UPDATE SET
	name = excluded.name, level = excluded.level, kind = excluded.kind, parent_code = excluded.parent_code
	WHERE region.name <> excluded.name OR region.level <> excluded.level OR region.kind <> excluded.kind
	OR region.parent_code IS DISTINCT FROM excluded.parent_code`

// LoadRegions makes the region table hold exactly regions, in one
// transaction, unless meta already records version as loaded (then it is a
// no-op, so every start can call it). The region package is the source of
// truth; the table exists so that other tables can reference region codes.
//
// It never deletes blindly: new codes are inserted, changed ones updated,
// and codes no longer in the reference deleted only if nothing references
// them. If something does (a boundary, a cooperation), the whole load is
// refused with EConflict "db.region_referenced" and the database is left as
// it was: dropping a region that data hangs on is a decision for a person,
// not for a reference update.
func (db *DB) LoadRegions(ctx context.Context, regions []region.Region, version string) error {
	if version == "" {
		return jalin.Invalid("version", "db.region_version_empty")
	}
	if len(regions) == 0 {
		return jalin.Invalid("regions", "db.regions_empty")
	}
	byCode := func(a, b region.Region) int { return strings.Compare(a.Code, b.Code) }
	if !slices.IsSortedFunc(regions, byCode) {
		// A parent's code is a prefix of its children's, so code order
		// inserts every parent before its children.
		regions = slices.Clone(regions)
		slices.SortFunc(regions, byCode)
	}
	return db.Tx(ctx, func(tx *Tx) error {
		loaded, err := tx.meta(ctx, metaRegionVersion)
		if err != nil {
			return err
		}
		if loaded == version {
			return nil
		}
		existing, err := tx.regionCodes(ctx)
		if err != nil {
			return err
		}
		err = tx.insertBatches(ctx, "INSERT INTO region (code, name, level, kind, parent_code)",
			regionUpsert, 5, len(regions), func(i int, args []any) []any {
				r := regions[i]
				var parent any
				if r.Parent != "" {
					parent = r.Parent
				}
				return append(args, r.Code, r.Name, int64(r.Level), string(r.Kind), parent)
			})
		if isForeignKeyViolation(err) {
			return &jalin.Error{Code: jalin.EInvalid, Msg: "db.region_parent_unknown", Err: err}
		}
		if err != nil {
			return jalin.Wrap(fmt.Errorf("load regions: %w", err), "db.region_load")
		}
		if err := tx.removeRegions(ctx, existing, regions); err != nil {
			return err
		}
		return tx.setMeta(ctx, metaRegionVersion, version)
	})
}

// RegionVersion returns the version of the region reference last loaded,
// or "" if none was.
func (db *DB) RegionVersion(ctx context.Context) (string, error) {
	var v string
	err := db.QueryRow(ctx, "SELECT value FROM meta WHERE key = ?", metaRegionVersion).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", jalin.Wrap(err, "db.query")
	}
	return v, nil
}

// regionCodes returns the codes in the region table as a set.
func (tx *Tx) regionCodes(ctx context.Context) (map[string]struct{}, error) {
	rows, err := tx.Query(ctx, "SELECT code FROM region")
	if err != nil {
		return nil, jalin.Wrap(err, "db.query")
	}
	defer rows.Close()
	codes := make(map[string]struct{})
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, jalin.Wrap(err, "db.query")
		}
		codes[c] = struct{}{}
	}
	return codes, jalin.Wrap(rows.Err(), "db.query")
}

// removeRegions deletes the codes of existing that regions no longer has,
// deepest first so that children go before their parents.
func (tx *Tx) removeRegions(ctx context.Context, existing map[string]struct{}, regions []region.Region) error {
	if len(existing) == 0 {
		return nil
	}
	for _, r := range regions {
		delete(existing, r.Code)
	}
	gone := make([]string, 0, len(existing))
	for c := range existing {
		gone = append(gone, c)
	}
	slices.SortFunc(gone, func(a, b string) int {
		return cmp.Or(cmp.Compare(len(b), len(a)), strings.Compare(a, b))
	})
	for start := 0; start < len(gone); start += 500 {
		part := gone[start:min(start+500, len(gone))]
		q := "DELETE FROM region WHERE code IN (" + strings.Repeat("?, ", len(part)-1) + "?)"
		args := make([]any, len(part))
		for i, c := range part {
			args[i] = c
		}
		_, err := tx.Exec(ctx, q, args...)
		if isForeignKeyViolation(err) {
			return &jalin.Error{Code: jalin.EConflict, Msg: "db.region_referenced", Args: []any{len(gone)}, Err: err}
		}
		if err != nil {
			return jalin.Wrap(fmt.Errorf("remove regions: %w", err), "db.region_load")
		}
	}
	return nil
}

// meta returns the value of key in meta, or "" if it is not set.
func (tx *Tx) meta(ctx context.Context, key string) (string, error) {
	var v string
	err := tx.QueryRow(ctx, "SELECT value FROM meta WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, jalin.Wrap(err, "db.query")
}

func (tx *Tx) setMeta(ctx context.Context, key, value string) error {
	_, err := tx.Exec(ctx, `INSERT INTO meta (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return jalin.Wrap(err, "db.query")
}

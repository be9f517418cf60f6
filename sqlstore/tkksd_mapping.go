package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/tkksd"
)

// Mapping is a region's pemetaan urusan: its entries, the version the
// next save must state, and when it was submitted (nil: a draft).
type Mapping struct {
	Region    string               `json:"region_code"`
	Entries   []tkksd.MappingEntry `json:"entries"`
	Submitted *time.Time           `json:"submitted_at,omitempty"`
	UpdatedAt time.Time            `json:"updated_at"`
	Version   int64                `json:"version"` // 0: nothing recorded yet
}

// GetMapping returns region's mapping if scope covers the region; a
// region that has recorded nothing has an empty mapping at version 0.
func (db *DB) GetMapping(ctx context.Context, scope access.Scope, region string) (Mapping, error) {
	if !scope.Covers(region) {
		return Mapping{}, notFound("region", region)
	}
	return getMapping(ctx, db.QueryRow, db.Query, region)
}

func getMapping(ctx context.Context, queryRow queryRowFunc, query func(context.Context, string, ...any) (*sql.Rows, error),
	region string) (Mapping, error) {
	m := Mapping{Region: region, Entries: []tkksd.MappingEntry{}}
	var sub sql.NullTime
	err := queryRow(ctx, "SELECT submitted_at, updated_at, version FROM tkksd_mapping WHERE region_code = ?", region).
		Scan(&sub, &m.UpdatedAt, &m.Version)
	if err == sql.ErrNoRows {
		return m, nil
	}
	if err != nil {
		return m, jalin.Wrap(err, "db.query")
	}
	m.Submitted, m.UpdatedAt = timePtr(sub), m.UpdatedAt.UTC()
	rows, err := query(ctx, `SELECT region_code, urusan, offer, need, priority, notes FROM tkksd_mapping_entry
		WHERE region_code = ? ORDER BY urusan`, region)
	if err != nil {
		return m, jalin.Wrap(err, "db.query")
	}
	defer rows.Close()
	for rows.Next() {
		var e tkksd.MappingEntry
		if err := rows.Scan(&e.Region, &e.Urusan, &e.Offer, &e.Need, &e.Priority, &e.Notes); err != nil {
			return m, jalin.Wrap(err, "db.query")
		}
		m.Entries = append(m.Entries, e)
	}
	return m, jalin.Wrap(rows.Err(), "db.query")
}

// SaveMapping replaces region's whole mapping with entries (each validated,
// one per urusan) and, if submit, marks it submitted now. A save without
// submit makes it a draft again: what the rules read as the region's
// submitted mapping (V-07) is never a change nobody has submitted.
// version is the version read (0 for a region that has none); a stale one
// is EConflict "error.stale". One transaction, audited with the counts
// before and after.
func (db *DB) SaveMapping(ctx context.Context, scope access.Scope, region string, version int64,
	entries []tkksd.MappingEntry, submit bool, meta AuditMeta) (Mapping, error) {
	if !scope.Covers(region) {
		return Mapping{}, notFound("region", region)
	}
	seen := map[string]bool{}
	for i := range entries {
		e := &entries[i]
		e.Region = region
		if err := e.Validate(); err != nil {
			return Mapping{}, err
		}
		if seen[e.Urusan] {
			return Mapping{}, jalin.Invalid("urusan", "tkksd.urusan_twice", e.Urusan)
		}
		seen[e.Urusan] = true
	}
	if submit && len(entries) == 0 {
		return Mapping{}, jalin.Invalid("entries", "tkksd.mapping_empty")
	}
	var out Mapping
	err := db.Tx(ctx, func(tx *Tx) error {
		before, err := getMapping(ctx, tx.QueryRow, tx.Query, region)
		if err != nil {
			return err
		}
		if before.Version != version {
			return errStale()
		}
		now := dbTime(db.Now())
		var sub *time.Time
		if submit {
			sub = &now
		}
		var subArg any
		if sub != nil {
			subArg = dbTime(*sub)
		}
		if before.Version == 0 {
			_, err = tx.Exec(ctx, "INSERT INTO tkksd_mapping (region_code, submitted_at, updated_at, version) VALUES (?, ?, ?, 1)",
				region, subArg, now)
			if isForeignKeyViolation(err) {
				return &jalin.Error{Code: jalin.EInvalid, Msg: "tkksd.region_unknown", Field: "region_code", Err: err}
			}
		} else {
			var n int
			n, err = affected(tx.Exec(ctx, `UPDATE tkksd_mapping SET submitted_at = ?, updated_at = ?, version = ?
				WHERE region_code = ? AND version = ?`, subArg, now, before.Version+1, region, before.Version))
			if err == nil && n == 0 {
				return errStale()
			}
		}
		if err != nil {
			return jalin.Wrap(err, "db.query")
		}
		if _, err := tx.Exec(ctx, "DELETE FROM tkksd_mapping_entry WHERE region_code = ?", region); err != nil {
			return jalin.Wrap(err, "db.query")
		}
		err = tx.insertBatches(ctx, "INSERT INTO tkksd_mapping_entry (region_code, urusan, offer, need, priority, notes)",
			"", 6, len(entries), func(i int, a []any) []any {
				e := entries[i]
				return append(a, region, e.Urusan, e.Offer, e.Need, e.Priority, e.Notes)
			})
		if err != nil {
			return jalin.Wrap(err, "db.query")
		}
		out = Mapping{Region: region, Entries: entries, Submitted: sub, UpdatedAt: now, Version: before.Version + 1}
		action := "tkksd_mapping.save"
		if submit {
			action = "tkksd_mapping.submit"
		}
		return tx.appendAudit(ctx, meta, AuditEntry{Action: action, ObjectKind: "tkksd_mapping", ObjectID: region,
			Region: region, Before: map[string]any{"entries": len(before.Entries), "version": before.Version},
			After: map[string]any{"entries": len(entries), "version": out.Version, "submitted": sub != nil}})
	})
	return out, err
}

// MappingStatus is one region's mapping at a glance.
type MappingStatus struct {
	Region    string     `json:"region_code"`
	Entries   int        `json:"entries"`
	Submitted *time.Time `json:"submitted_at,omitempty"`
}

// MappingOverview returns the mapping status of every region scope covers
// that has recorded one, and every submitted entry under it, for the
// national and provincial views and offer/need matching.
func (db *DB) MappingOverview(ctx context.Context, scope access.Scope) ([]MappingStatus, []tkksd.MappingEntry, error) {
	cond, args := scopeCond(scope, "m.region_code", "")
	status := []MappingStatus{}
	err := db.eachRow(ctx, `SELECT m.region_code, m.submitted_at, (SELECT COUNT(*) FROM tkksd_mapping_entry e
		WHERE e.region_code = m.region_code) FROM tkksd_mapping m WHERE `+cond+" ORDER BY m.region_code", args,
		func(rows *sql.Rows) error {
			var s MappingStatus
			var sub sql.NullTime
			err := rows.Scan(&s.Region, &sub, &s.Entries)
			s.Submitted = timePtr(sub)
			status = append(status, s)
			return err
		})
	if err != nil {
		return nil, nil, err
	}
	entries := []tkksd.MappingEntry{}
	err = db.eachRow(ctx, `SELECT e.region_code, e.urusan, e.offer, e.need, e.priority, e.notes
		FROM tkksd_mapping_entry e JOIN tkksd_mapping m ON m.region_code = e.region_code
		WHERE m.submitted_at IS NOT NULL AND `+cond+" ORDER BY e.urusan, e.region_code", args,
		func(rows *sql.Rows) error {
			var e tkksd.MappingEntry
			err := rows.Scan(&e.Region, &e.Urusan, &e.Offer, &e.Need, &e.Priority, &e.Notes)
			entries = append(entries, e)
			return err
		})
	return status, entries, err
}

// MappedUrusan returns, for each of regions, the urusan its submitted
// mapping records: the fact the V-07 guard of a mandatory KSDD reads.
func (db *DB) MappedUrusan(ctx context.Context, regions []string) (map[string]map[string]bool, error) {
	out := map[string]map[string]bool{}
	for _, r := range regions {
		out[r] = map[string]bool{}
		err := db.eachRow(ctx, `SELECT e.urusan FROM tkksd_mapping_entry e JOIN tkksd_mapping m
			ON m.region_code = e.region_code WHERE e.region_code = ? AND m.submitted_at IS NOT NULL`, []any{r},
			func(rows *sql.Rows) error {
				var u string
				err := rows.Scan(&u)
				out[r][u] = true
				return err
			})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

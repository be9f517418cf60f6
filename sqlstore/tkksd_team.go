package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/tkksd"
)

// teamData is what tkksd_team.data holds: the parts of a Team without
// columns of their own.
type teamData struct {
	DecreeDoc  string       `json:"decree_document,omitempty"`
	DecreeFile *tkksd.File  `json:"decree_file,omitempty"`
	Seats      []tkksd.Seat `json:"seats"`
}

// SetTeam records a new composition of region's TKKSD by a new decree: it
// validates t, checks that every seat's user belongs to the region, marks
// the previous current composition as history (refusing with EConflict
// "error.stale" if that is no longer the one at currentVersion: 0 means
// "there is none yet"), inserts t as current and audits it, all in one
// transaction. scope must cover the region.
func (db *DB) SetTeam(ctx context.Context, scope access.Scope, t tkksd.Team, currentVersion int64, meta AuditMeta) (tkksd.Team, error) {
	if !scope.Covers(t.Region) {
		return t, notFound("region", t.Region)
	}
	if err := t.Validate(); err != nil {
		return t, err
	}
	err := db.Tx(ctx, func(tx *Tx) error {
		prev, err := currentTeam(ctx, tx.QueryRow, t.Region)
		hasPrev := err == nil
		if err != nil && jalin.ErrorCode(err) != jalin.ENotFound {
			return err
		}
		if (hasPrev && prev.Version != currentVersion) || (!hasPrev && currentVersion != 0) {
			return errStale()
		}
		for i, s := range t.Seats {
			if s.UserID == 0 {
				continue
			}
			ok, err := tx.exists(ctx, "SELECT COUNT(*) FROM app_user WHERE id = ? AND region_code = ?", s.UserID, t.Region)
			if err != nil {
				return err
			}
			if !ok {
				return jalin.Invalid(fmt.Sprintf("seats.%d.user_id", i), "tkksd.seat_user_unknown")
			}
		}
		if hasPrev {
			n, err := affected(tx.Exec(ctx, "UPDATE tkksd_team SET current = ?, version = ? WHERE id = ? AND version = ?",
				false, prev.Version+1, prev.ID, prev.Version))
			if err != nil {
				return err
			}
			if n == 0 {
				return errStale()
			}
		}
		id, err := tx.nextID(ctx, "tkksd_team")
		if err != nil {
			return err
		}
		t.ID, t.Version, t.Current, t.CreatedAt = id, 1, true, dbTime(db.Now())
		data, err := json.Marshal(teamData{DecreeDoc: t.DecreeDoc, DecreeFile: t.DecreeFile, Seats: t.Seats})
		if err != nil {
			return jalin.Wrap(err, "db.query")
		}
		if _, err := tx.Exec(ctx, `INSERT INTO tkksd_team (id, region_code, decree_number, decree_date, term_start,
			term_end, current, data, created_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, t.Region, t.DecreeNumber, t.DecreeDate.String(), t.TermStart.String(), nullDate(t.TermEnd), true,
			string(data), t.CreatedAt, t.Version); err != nil {
			if isForeignKeyViolation(err) {
				return &jalin.Error{Code: jalin.EInvalid, Msg: "tkksd.region_unknown", Field: "region_code", Err: err}
			}
			return jalin.Wrap(err, "db.query")
		}
		var before any
		if hasPrev {
			before = prev
		}
		return tx.appendAudit(ctx, meta, AuditEntry{Action: "tkksd_team.set", ObjectKind: "tkksd_team",
			ObjectID: idString(id), Region: t.Region, Before: before, After: t})
	})
	return t, err
}

const teamCols = "id, region_code, decree_number, decree_date, term_start, term_end, current, data, created_at, version"

func scanTeam(s interface{ Scan(...any) error }) (tkksd.Team, error) {
	var t tkksd.Team
	var decree, start string
	var end sql.NullString
	var data string
	var created time.Time
	if err := s.Scan(&t.ID, &t.Region, &t.DecreeNumber, &decree, &start, &end, &t.Current, &data, &created,
		&t.Version); err != nil {
		return t, err
	}
	var d teamData
	if err := json.Unmarshal([]byte(data), &d); err != nil {
		return t, err
	}
	t.DecreeDoc, t.DecreeFile, t.Seats, t.CreatedAt = d.DecreeDoc, d.DecreeFile, d.Seats, created.UTC()
	var err error
	if t.DecreeDate, err = scanDate(sql.NullString{String: decree, Valid: true}); err != nil {
		return t, err
	}
	if t.TermStart, err = scanDate(sql.NullString{String: start, Valid: true}); err != nil {
		return t, err
	}
	t.TermEnd, err = scanDate(end)
	return t, err
}

func currentTeam(ctx context.Context, queryRow queryRowFunc, region string) (tkksd.Team, error) {
	t, err := scanTeam(queryRow(ctx, "SELECT "+teamCols+" FROM tkksd_team WHERE region_code = ? AND current = ?",
		region, true))
	if err == sql.ErrNoRows {
		return t, notFound("tkksd_team", region)
	}
	if err != nil {
		return t, jalin.Wrap(err, "db.query")
	}
	return t, nil
}

// Teams returns region's TKKSD compositions, the current one first and
// then the history, newest first, if scope covers the region. A region
// without a recorded team has none (an empty list, not an error).
func (db *DB) Teams(ctx context.Context, scope access.Scope, region string) ([]tkksd.Team, error) {
	if !scope.Covers(region) {
		return nil, notFound("region", region)
	}
	out := []tkksd.Team{}
	err := db.eachRow(ctx, "SELECT "+teamCols+" FROM tkksd_team WHERE region_code = ? ORDER BY current DESC, id DESC",
		[]any{region}, func(rows *sql.Rows) error {
			t, err := scanTeam(rows)
			out = append(out, t)
			return err
		})
	return out, err
}

// TeamRegions returns the regions scope covers that have a current team
// recorded.
func (db *DB) TeamRegions(ctx context.Context, scope access.Scope) (map[string]bool, error) {
	cond, args := scopeCond(scope, "region_code", "")
	out := map[string]bool{}
	err := db.eachRow(ctx, "SELECT region_code FROM tkksd_team WHERE current = ? AND "+cond,
		append([]any{true}, args...), func(rows *sql.Rows) error {
			var r string
			err := rows.Scan(&r)
			out[r] = true
			return err
		})
	return out, err
}

// TeamByID returns composition id if scope covers its region.
func (db *DB) TeamByID(ctx context.Context, scope access.Scope, id int64) (tkksd.Team, error) {
	cond, args := scopeCond(scope, "region_code", "")
	t, err := scanTeam(db.QueryRow(ctx, "SELECT "+teamCols+" FROM tkksd_team WHERE id = ? AND "+cond, append([]any{id}, args...)...))
	if err == sql.ErrNoRows {
		return t, notFound("tkksd_team", idString(id))
	}
	if err != nil {
		return t, jalin.Wrap(err, "db.query")
	}
	return t, nil
}

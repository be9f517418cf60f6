package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/tkksd"
	"github.com/jalin-ksd/jalin/workday"
)

// AddConsideration records a TKKSD's consideration on a cooperation that
// scope sees, at the cooperation's current stage, with an audit record,
// in one transaction. The region must be a party of the cooperation
// (EInvalid "tkksd.not_a_party") and the meeting, if named, one that
// region took part in (EInvalid "tkksd.meeting_unknown"). Considerations
// are never changed: a new one supersedes (see tkksd.Supports).
func (db *DB) AddConsideration(ctx context.Context, scope access.Scope, c tkksd.Consideration, meta AuditMeta) (tkksd.Consideration, error) {
	err := db.Tx(ctx, func(tx *Tx) error {
		coop, err := getCoop(ctx, tx.QueryRow, scope, c.CooperationID)
		if err != nil {
			return err
		}
		c.Stage = string(coop.Stage)
		party := false
		for _, p := range coop.Parties {
			party = party || p.Region == c.Region && c.Region != ""
		}
		if !party {
			return jalin.Invalid("region_code", "tkksd.not_a_party")
		}
		if err := c.Validate(workday.DateOf(db.Now().Add(7 * time.Hour))); err != nil {
			return err
		}
		if c.MeetingID != 0 {
			ok, err := tx.exists(ctx, "SELECT COUNT(*) FROM tkksd_meeting_region WHERE meeting_id = ? AND region_code = ?",
				c.MeetingID, c.Region)
			if err != nil {
				return err
			}
			if !ok {
				return jalin.Invalid("meeting_id", "tkksd.meeting_unknown")
			}
		}
		id, err := tx.nextID(ctx, "tkksd_consideration")
		if err != nil {
			return err
		}
		c.ID, c.CreatedAt = id, dbTime(db.Now())
		if _, err := tx.Exec(ctx, `INSERT INTO tkksd_consideration (id, cooperation_id, region_code, stage,
			recommendation, reasoning, meeting_id, decided_by, decided_on, actor_id, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, c.CooperationID, c.Region, c.Stage, string(c.Recommendation),
			c.Reasoning, nullID(c.MeetingID), c.DecidedBy, c.DecidedOn.String(), nullID(max(meta.Actor.UserID, 0)),
			c.CreatedAt); err != nil {
			return jalin.Wrap(err, "db.query")
		}
		return tx.appendAudit(ctx, meta, AuditEntry{Action: "tkksd.consideration", ObjectKind: "cooperation",
			ObjectID: idString(c.CooperationID), Region: c.Region, After: c})
	})
	return c, err
}

// Considerations returns the considerations on cooperation id, oldest
// first, if scope sees the cooperation.
func (db *DB) Considerations(ctx context.Context, scope access.Scope, id int64) ([]tkksd.Consideration, error) {
	if err := db.checkCoopVisible(ctx, scope, id); err != nil {
		return nil, err
	}
	out := []tkksd.Consideration{}
	err := db.eachRow(ctx, `SELECT id, cooperation_id, region_code, stage, recommendation, reasoning, meeting_id,
		decided_by, decided_on, created_at FROM tkksd_consideration WHERE cooperation_id = ? ORDER BY id`, []any{id},
		func(rows *sql.Rows) error {
			var c tkksd.Consideration
			var meeting sql.NullInt64
			var on string
			if err := rows.Scan(&c.ID, &c.CooperationID, &c.Region, &c.Stage, &c.Recommendation, &c.Reasoning,
				&meeting, &c.DecidedBy, &on, &c.CreatedAt); err != nil {
				return err
			}
			var err error
			c.DecidedOn, err = workday.ParseDate(on)
			c.MeetingID, c.CreatedAt = meeting.Int64, c.CreatedAt.UTC()
			out = append(out, c)
			return err
		})
	if err != nil {
		return nil, err
	}
	return out, nil
}

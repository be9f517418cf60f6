package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/tkksd"
	"github.com/jalin-ksd/jalin/workday"
)

const actionCols = `a.id, a.meeting_id, a.title, a.owner_region, a.owner_user_id, a.owner_name, a.due_date,
	a.status, a.note, a.cooperation_id, a.closed_at, a.version`

func scanAction(rows interface{ Scan(...any) error }) (tkksd.Action, error) {
	var x tkksd.Action
	var user, coop sql.NullInt64
	var due string
	var closed sql.NullTime
	if err := rows.Scan(&x.ID, &x.MeetingID, &x.Title, &x.OwnerRegion, &user, &x.OwnerName, &due, &x.Status,
		&x.Note, &coop, &closed, &x.Version); err != nil {
		return x, err
	}
	var err error
	x.Due, err = workday.ParseDate(due)
	x.OwnerUserID, x.CooperationID, x.ClosedAt = user.Int64, coop.Int64, timePtr(closed)
	return x, err
}

// AddAction validates action x against meeting meetingID, which scope must
// see, and stores it open, with an audit record, in one transaction. The
// meeting's version is not checked: adding an action does not change the
// meeting. Who may add it is the caller's decision (tkksd.CanManage); the
// owner user, if any, must exist, and the cooperation must be one scope
// sees (else EInvalid naming the field).
func (db *DB) AddAction(ctx context.Context, scope access.Scope, meetingID int64, x tkksd.Action,
	check func(m tkksd.Meeting) error, meta AuditMeta) (tkksd.Action, error) {
	err := db.Tx(ctx, func(tx *Tx) error {
		m, err := getMeeting(ctx, tx.QueryRow, scope, meetingID)
		if err != nil {
			return err
		}
		if err := check(m); err != nil {
			return err
		}
		if err := x.Validate(m); err != nil {
			return err
		}
		if x.CooperationID != 0 {
			if err := coopVisible(ctx, tx.QueryRow, scope, x.CooperationID); err != nil {
				return jalin.Invalid("cooperation_id", "tkksd.cooperation_unknown")
			}
		}
		id, err := tx.nextID(ctx, "tkksd_action")
		if err != nil {
			return err
		}
		now := dbTime(db.Now())
		x.ID, x.MeetingID, x.Version = id, meetingID, 1
		_, err = tx.Exec(ctx, `INSERT INTO tkksd_action (id, meeting_id, title, owner_region, owner_user_id,
			owner_name, due_date, status, note, cooperation_id, closed_at, created_at, updated_at, version)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
			id, meetingID, x.Title, x.OwnerRegion, nullID(x.OwnerUserID), x.OwnerName, x.Due.String(),
			string(x.Status), x.Note, nullID(x.CooperationID), now, now, x.Version)
		if isForeignKeyViolation(err) {
			return &jalin.Error{Code: jalin.EInvalid, Msg: "tkksd.owner_user_unknown", Field: "owner_user_id", Err: err}
		}
		if err != nil {
			return jalin.Wrap(err, "db.query")
		}
		return tx.appendAudit(ctx, meta, AuditEntry{Action: "tkksd_action.create", ObjectKind: "tkksd_action",
			ObjectID: idString(id), Region: x.OwnerRegion, After: x})
	})
	if err != nil {
		return tkksd.Action{}, err
	}
	return x, nil
}

// actionVisibleCond: scope sees an action it owns, or one of a meeting it
// sees (the host follows up every action it decided).
func actionVisibleCond(scope access.Scope) (string, []any) {
	if scope.All {
		return "1 = 1", nil
	}
	own, args := scopeCond(scope, "a.owner_region", "")
	mcond, margs := scopeCond(scope, "mr.region_code", "")
	return "(" + own + " OR EXISTS (SELECT 1 FROM tkksd_meeting_region mr WHERE mr.meeting_id = a.meeting_id AND " +
		mcond + "))", append(args, margs...)
}

// ActionFilter selects actions.
type ActionFilter struct {
	MeetingID     int64
	CooperationID int64
	OwnerIn       string // only actions owned by this region or below it
	OpenOnly      bool
	DueBy         workday.Date // only actions due on or before this day (zero: any)
	Limit         int
	Offset        int
}

// Actions returns the actions scope sees that pass f, by due date.
func (db *DB) Actions(ctx context.Context, scope access.Scope, f ActionFilter) ([]tkksd.Action, error) {
	cond, args := actionVisibleCond(scope)
	q := "SELECT " + actionCols + " FROM tkksd_action a WHERE " + cond
	if f.MeetingID != 0 {
		q += " AND a.meeting_id = ?"
		args = append(args, f.MeetingID)
	}
	if f.CooperationID != 0 {
		q += " AND a.cooperation_id = ?"
		args = append(args, f.CooperationID)
	}
	if f.OwnerIn != "" {
		c, a := subtreeCond("a.owner_region", f.OwnerIn)
		q += " AND " + c
		args = append(args, a...)
	}
	if f.OpenOnly {
		q += " AND a.status = 'open'"
	}
	if !f.DueBy.IsZero() {
		q += " AND a.due_date <= ?"
		args = append(args, f.DueBy.String())
	}
	q += " ORDER BY a.due_date, a.id LIMIT ? OFFSET ?"
	args = append(args, pageLimit(f.Limit), max(f.Offset, 0))
	out := []tkksd.Action{}
	err := db.eachRow(ctx, q, args, func(rows *sql.Rows) error {
		x, err := scanAction(rows)
		out = append(out, x)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// GetAction returns action id and its meeting if scope sees the action.
func (db *DB) GetAction(ctx context.Context, scope access.Scope, id int64) (tkksd.Action, tkksd.Meeting, error) {
	return getAction(ctx, db.QueryRow, scope, id)
}

func getAction(ctx context.Context, queryRow queryRowFunc, scope access.Scope, id int64) (tkksd.Action, tkksd.Meeting, error) {
	cond, args := actionVisibleCond(scope)
	x, err := scanAction(queryRow(ctx, "SELECT "+actionCols+" FROM tkksd_action a WHERE a.id = ? AND "+cond,
		append([]any{id}, args...)...))
	if err == sql.ErrNoRows {
		return x, tkksd.Meeting{}, notFound("tkksd_action", idString(id))
	}
	if err != nil {
		return x, tkksd.Meeting{}, jalin.Wrap(err, "db.query")
	}
	m, err := getMeeting(ctx, queryRow, access.Scope{All: true}, x.MeetingID)
	return x, m, err
}

// UpdateAction changes action id, which scope must see, in one
// transaction: a stale version is EConflict "error.stale"; change edits a
// copy (with the meeting to decide who may); the row is rewritten with the
// version one higher and "tkksd_action.<what>" audited.
func (db *DB) UpdateAction(ctx context.Context, scope access.Scope, id, version int64, what string,
	change func(x *tkksd.Action, m tkksd.Meeting) error, meta AuditMeta) (tkksd.Action, error) {
	var out tkksd.Action
	err := db.Tx(ctx, func(tx *Tx) error {
		before, m, err := getAction(ctx, tx.QueryRow, scope, id)
		if err != nil {
			return err
		}
		if before.Version != version {
			return errStale()
		}
		x := before
		if err := change(&x, m); err != nil {
			return err
		}
		x.ID, x.MeetingID, x.Version = before.ID, before.MeetingID, before.Version+1
		if err := tx.writeAction(ctx, x, before.Version); err != nil {
			return err
		}
		out = x
		return tx.appendAudit(ctx, meta, AuditEntry{Action: "tkksd_action." + what, ObjectKind: "tkksd_action",
			ObjectID: idString(id), Region: x.OwnerRegion, Before: before, After: x})
	})
	return out, err
}

func (tx *Tx) writeAction(ctx context.Context, x tkksd.Action, oldVersion int64) error {
	var closed any
	if x.ClosedAt != nil {
		closed = dbTime(*x.ClosedAt)
	}
	n, err := affected(tx.Exec(ctx, `UPDATE tkksd_action SET title = ?, owner_region = ?, owner_user_id = ?,
		owner_name = ?, due_date = ?, status = ?, note = ?, cooperation_id = ?, closed_at = ?, updated_at = ?,
		version = ? WHERE id = ? AND version = ?`,
		x.Title, x.OwnerRegion, nullID(x.OwnerUserID), x.OwnerName, x.Due.String(), string(x.Status), x.Note,
		nullID(x.CooperationID), closed, dbTime(tx.db.Now()), x.Version, x.ID, oldVersion))
	if isForeignKeyViolation(err) {
		return &jalin.Error{Code: jalin.EInvalid, Msg: "tkksd.owner_user_unknown", Field: "owner_user_id", Err: err}
	}
	if err != nil {
		return err
	}
	if n == 0 {
		return errStale()
	}
	return nil
}

// Handover is the record of an official's open actions moved to a successor.
type Handover struct {
	ID        int64     `json:"id"`
	Region    string    `json:"region_code"`
	From      int64     `json:"from_user_id"`
	To        int64     `json:"to_user_id"`
	Reason    string    `json:"reason"`
	ActionIDs []int64   `json:"action_ids"`
	At        time.Time `json:"at"`
}

// HandOver moves every open action of user from, owned by region (which
// scope must cover), to user to (named toName on the actions), and stores
// the handover record with one audit record per action and one for the
// handover, all in one transaction. Both users must be users of
// that region, the successor not disabled (EInvalid otherwise); a reason
// is required.
func (db *DB) HandOver(ctx context.Context, scope access.Scope, region string, from, to int64, toName, reason string,
	meta AuditMeta) (Handover, error) {
	h := Handover{Region: region, From: from, To: to, Reason: reason, ActionIDs: []int64{}}
	switch {
	case !scope.Covers(region):
		return h, notFound("region", region)
	case reason == "":
		return h, jalin.Invalid("reason", "tkksd.handover_reason_required")
	case from == to || to == 0:
		return h, jalin.Invalid("to_user_id", "tkksd.handover_same_user")
	}
	err := db.Tx(ctx, func(tx *Tx) error {
		// The official who leaves may be disabled already; the successor
		// must be able to sign in.
		for _, u := range []struct {
			id    int64
			field string
			cond  string
		}{{from, "from_user_id", ""}, {to, "to_user_id", " AND disabled = ?"}} {
			args := []any{u.id, region}
			if u.cond != "" {
				args = append(args, false)
			}
			ok, err := tx.exists(ctx, "SELECT COUNT(*) FROM app_user WHERE id = ? AND region_code = ?"+u.cond, args...)
			if err != nil {
				return err
			}
			if !ok {
				return jalin.Invalid(u.field, "tkksd.handover_user_unknown")
			}
		}
		var open []tkksd.Action
		rows, err := tx.Query(ctx, "SELECT "+actionCols+` FROM tkksd_action a WHERE a.owner_user_id = ?
			AND a.owner_region = ? AND a.status = 'open' ORDER BY a.id`, from, region)
		if err != nil {
			return jalin.Wrap(err, "db.query")
		}
		for rows.Next() {
			x, err := scanAction(rows)
			if err != nil {
				rows.Close()
				return jalin.Wrap(err, "db.query")
			}
			open = append(open, x)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return jalin.Wrap(err, "db.query")
		}
		for _, before := range open {
			x := before
			x.OwnerUserID, x.OwnerName, x.Version = to, toName, before.Version+1
			if err := tx.writeAction(ctx, x, before.Version); err != nil {
				return err
			}
			if err := tx.appendAudit(ctx, meta, AuditEntry{Action: "tkksd_action.handover", ObjectKind: "tkksd_action",
				ObjectID: idString(x.ID), Region: region, Before: before, After: x}); err != nil {
				return err
			}
			h.ActionIDs = append(h.ActionIDs, x.ID)
		}
		id, err := tx.nextID(ctx, "tkksd_handover")
		if err != nil {
			return err
		}
		h.ID, h.At = id, dbTime(db.Now())
		ids, _ := json.Marshal(h.ActionIDs)
		if _, err := tx.Exec(ctx, `INSERT INTO tkksd_handover (id, region_code, from_user_id, to_user_id, reason,
			action_ids, actor_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, region, from, to, reason, string(ids),
			nullID(max(meta.Actor.UserID, 0)), h.At); err != nil {
			return jalin.Wrap(err, "db.query")
		}
		return tx.appendAudit(ctx, meta, AuditEntry{Action: "tkksd.handover", ObjectKind: "tkksd_handover",
			ObjectID: idString(id), Region: region, After: h})
	})
	return h, err
}

// Handovers returns region's handovers, newest first, if scope covers it.
func (db *DB) Handovers(ctx context.Context, scope access.Scope, region string) ([]Handover, error) {
	if !scope.Covers(region) {
		return nil, notFound("region", region)
	}
	out := []Handover{}
	err := db.eachRow(ctx, `SELECT id, region_code, from_user_id, to_user_id, reason, action_ids, at FROM tkksd_handover
		WHERE region_code = ? ORDER BY at DESC, id DESC LIMIT 100`, []any{region}, func(rows *sql.Rows) error {
		var h Handover
		var ids string
		if err := rows.Scan(&h.ID, &h.Region, &h.From, &h.To, &h.Reason, &ids, &h.At); err != nil {
			return err
		}
		h.At = h.At.UTC()
		err := json.Unmarshal([]byte(ids), &h.ActionIDs)
		out = append(out, h)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

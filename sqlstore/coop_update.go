package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
)

// CoopEvent is one entry of a cooperation's timeline: Seq counts 1, 2, 3...
// from the "create" event on.
type CoopEvent struct {
	Seq int
	cooperation.Event
}

// coopView is what the audit trail records of a cooperation: enough to see
// what a transition changed, not the whole JSON.
type coopView struct {
	ID      int64             `json:"id"`
	Title   string            `json:"title"`
	Kind    cooperation.Kind  `json:"kind"`
	Stage   cooperation.Stage `json:"stage"`
	Start   string            `json:"start_date,omitempty"`
	End     string            `json:"end_date,omitempty"`
	Publish bool              `json:"published"`
	Version int64             `json:"version"`
	Parties []partyView       `json:"parties"`
}

// partyView is a party's progress: its answer, DPRD status and signatures.
type partyView struct {
	Key    string                 `json:"key"`
	Answer cooperation.Answer     `json:"answer,omitempty"`
	DPRD   cooperation.DPRDStatus `json:"dprd,omitempty"`
	Signed []string               `json:"signed,omitempty"`
}

func summarize(c *cooperation.Cooperation) coopView {
	v := coopView{ID: c.ID, Title: c.Title, Kind: c.Kind, Stage: c.Stage, Publish: c.Published,
		Version: c.Version, Parties: []partyView{}}
	if !c.StartDate.IsZero() {
		v.Start = c.StartDate.String()
	}
	if !c.EndDate.IsZero() {
		v.End = c.EndDate.String()
	}
	for _, p := range c.Parties {
		pv := partyView{Key: p.Key(), Answer: p.Answer, DPRD: p.DPRD}
		for _, s := range []struct {
			name string
			sig  *cooperation.Signature
		}{{"kb", p.KB}, {"pks", p.PKS}, {"nk", p.NK}, {"loi", p.LoI}, {"naskah", p.Naskah}} {
			if s.sig.Signed() {
				pv.Signed = append(pv.Signed, s.name)
			}
		}
		v.Parties = append(v.Parties, pv)
	}
	return v
}

// appendEvent writes ev as event seq of cooperation id.
func (tx *Tx) appendEvent(ctx context.Context, id int64, seq int, ev cooperation.Event) error {
	var data any
	if len(ev.Data) > 0 {
		b, err := json.Marshal(ev.Data)
		if err != nil {
			return jalin.Wrap(fmt.Errorf("event json: %w", err), "db.query")
		}
		data = string(b)
	}
	if ev.At.IsZero() {
		ev.At = tx.db.Now()
	}
	_, err := tx.Exec(ctx, `INSERT INTO cooperation_event (cooperation_id, seq, at, type, from_stage, to_stage,
		actor_id, actor_name, role, party, reason, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, seq, dbTime(ev.At), string(ev.Type), string(ev.From), string(ev.To), nullID(ev.ActorID),
		ev.ActorName, string(ev.Role), ev.Party, ev.Reason, data)
	return jalin.Wrap(err, "db.query")
}

// UpdateCooperation changes cooperation id, which scope must see (see
// GetCooperation), in one transaction: it refuses a stale version
// (EConflict "error.stale" on field "version"), lets change edit a copy and
// return the timeline event of the change (nil for none), rewrites the row,
// parties and urusan with Version one higher and UpdatedAt now, appends the
// event with the next seq and records "cooperation.<event type>" (or
// "cooperation.update" without an event) in the audit trail with summaries
// before and after, and tells the other parties of the event (see
// tellParties). An error from change is returned as it is; any error
// rolls everything back.
//
// change cannot change ID, Version, CreatedAt, UpdatedAt or Documents.
func (db *DB) UpdateCooperation(ctx context.Context, scope access.Scope, id, version int64,
	change func(c *cooperation.Cooperation) (*cooperation.Event, error), meta AuditMeta) (cooperation.Cooperation, error) {
	var out cooperation.Cooperation
	err := db.Tx(ctx, func(tx *Tx) error {
		before, err := getCoop(ctx, tx.QueryRow, scope, id)
		if err != nil {
			return err
		}
		if before.Version != version {
			return errStale()
		}
		c, err := decodeCoopCopy(before)
		if err != nil {
			return err
		}
		if c.Documents, err = tx.currentDocs(ctx, id); err != nil {
			return err
		}
		ev, err := change(&c)
		if err != nil {
			return err
		}
		if err := checkCoop(&c); err != nil {
			return err
		}
		c.ID, c.CreatedAt, c.Documents = before.ID, before.CreatedAt, nil
		c.Version, c.UpdatedAt = before.Version+1, tx.db.Now()
		if err := tx.writeCoop(ctx, &c, false, before.Version); err != nil {
			return err
		}
		action := "cooperation.update"
		if ev != nil {
			var last sql.NullInt64
			if err := tx.QueryRow(ctx, "SELECT MAX(seq) FROM cooperation_event WHERE cooperation_id = ?", id).
				Scan(&last); err != nil {
				return jalin.Wrap(err, "db.query")
			}
			seq := int(last.Int64) + 1
			if err := tx.appendEvent(ctx, id, seq, *ev); err != nil {
				return err
			}
			if err := tx.tellParties(ctx, c, *ev, seq, scope); err != nil {
				return err
			}
			if ev.Type != "" {
				action = "cooperation." + string(ev.Type)
			}
		}
		if err := tx.appendAudit(ctx, meta, AuditEntry{
			Action: action, ObjectKind: "cooperation", ObjectID: idString(id), Region: initiatorRegion(&c),
			Before: summarize(&before), After: summarize(&c),
		}); err != nil {
			return err
		}
		out = c
		return nil
	})
	if err != nil {
		return cooperation.Cooperation{}, err
	}
	return out, nil
}

// tellParties stores a notification of ev, the event seq of c, for each
// party that cooperation.Told names, with scope the recorder's: a region
// party's TKKSD is told as a region, a third party through each of its
// organisation's enabled accounts. The change and the news of it are
// stored together or not at all. The message names the step and who
// recorded it: the recorder's region or organisation, else its role (a
// national administrator), and the reason the step was given, if any.
func (tx *Tx) tellParties(ctx context.Context, c cooperation.Cooperation, ev cooperation.Event, seq int, scope access.Scope) error {
	key, who := "notification.coop_event", scope.Prefix
	if p, _, ok := c.Party(cooperation.Party{Kind: cooperation.PartyThirdParty, OrgID: scope.OrgID}.Key()); scope.OrgID != 0 && ok {
		who = p.Name
	}
	if who == "" {
		key, who = "notification.coop_event_by_role", string(ev.Role)
	}
	args := []string{c.Title, string(ev.Type), who}
	if ev.Reason != "" { // why an offer was declined, a plan returned, a dispute raised
		key, args = key+"_reason", append(args, ev.Reason)
	}
	tell := func(region string, user int64, to string) error {
		_, err := tx.addNotification(ctx, Notification{Region: region, UserID: user, CooperationID: c.ID,
			Kind: NotifyCoopEvent, MessageKey: key, Args: args, CreatedAt: ev.At,
			DedupeKey: fmt.Sprintf("coop_event:%d:%d:%s", c.ID, seq, to)})
		return err
	}
	for _, p := range c.Told(ev, scope.Prefix, scope.OrgID) {
		if p.Kind == cooperation.PartyRegion {
			if err := tell(p.Region, 0, p.Region); err != nil {
				return err
			}
			continue
		}
		users, err := tx.orgUsers(ctx, p.OrgID)
		if err != nil {
			return err
		}
		for _, u := range users {
			if err := tell("", u, "user:"+idString(u)); err != nil {
				return err
			}
		}
	}
	return nil
}

// orgUsers lists the enabled accounts of organisation org.
func (tx *Tx) orgUsers(ctx context.Context, org int64) ([]int64, error) {
	rows, err := tx.Query(ctx, "SELECT id FROM app_user WHERE org_id = ? AND disabled = ? ORDER BY id", org, false)
	if err != nil {
		return nil, jalin.Wrap(err, "db.query")
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, jalin.Wrap(err, "db.query")
		}
		ids = append(ids, id)
	}
	return ids, jalin.Wrap(rows.Err(), "db.query")
}

// decodeCoopCopy returns a deep copy of c, so that change cannot reach the
// "before" value through shared slices and pointers.
func decodeCoopCopy(c cooperation.Cooperation) (cooperation.Cooperation, error) {
	data, err := encodeCoop(c)
	if err != nil {
		return c, err
	}
	cp, err := decodeCoop(data)
	cp.ID, cp.Version, cp.CreatedAt, cp.UpdatedAt = c.ID, c.Version, c.CreatedAt, c.UpdatedAt
	return cp, err
}

// CooperationEvents returns the timeline of cooperation id, oldest first,
// if scope may see the cooperation.
func (db *DB) CooperationEvents(ctx context.Context, scope access.Scope, id int64) ([]CoopEvent, error) {
	if err := db.checkCoopVisible(ctx, scope, id); err != nil {
		return nil, err
	}
	out := []CoopEvent{}
	err := db.eachRow(ctx, `SELECT seq, at, type, from_stage, to_stage, actor_id, actor_name, role, party,
		reason, data FROM cooperation_event WHERE cooperation_id = ? ORDER BY seq`, []any{id},
		func(rows *sql.Rows) error {
			var e CoopEvent
			var actor sql.NullInt64
			var data sql.NullString
			var at time.Time
			if err := rows.Scan(&e.Seq, &at, &e.Type, &e.From, &e.To, &actor, &e.ActorName, &e.Role,
				&e.Party, &e.Reason, &data); err != nil {
				return err
			}
			e.At, e.ActorID = at.UTC(), actor.Int64
			if data.Valid {
				if err := json.Unmarshal([]byte(data.String), &e.Data); err != nil {
					return err
				}
			}
			out = append(out, e)
			return nil
		})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// checkCoopVisible returns a not-found error unless scope may see
// cooperation id.
func (db *DB) checkCoopVisible(ctx context.Context, scope access.Scope, id int64) error {
	return coopVisible(ctx, db.queryRowCached, scope, id)
}

func coopVisible(ctx context.Context, queryRow queryRowFunc, scope access.Scope, id int64) error {
	cond, args := visibleCond(scope)
	var n int
	err := queryRow(ctx, "SELECT COUNT(*) FROM cooperation c WHERE c.id = ? AND "+cond,
		append([]any{id}, args...)...).Scan(&n)
	if err != nil {
		return jalin.Wrap(err, "db.query")
	}
	if n == 0 {
		return notFound("cooperation", idString(id))
	}
	return nil
}

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

// meetingView is what the audit trail records of a meeting.
type meetingView struct {
	ID         int64    `json:"id"`
	Title      string   `json:"title"`
	Mode       string   `json:"mode"`
	Start      string   `json:"start"`
	Invited    []string `json:"invited_regions"`
	Invitees   int      `json:"invitees"`
	Attendance int      `json:"attendance"`
	Minutes    bool     `json:"minutes"`
	Decisions  int      `json:"decisions"`
	Version    int64    `json:"version"`
}

func summarizeMeeting(m tkksd.Meeting) meetingView {
	return meetingView{ID: m.ID, Title: m.Title, Mode: string(m.Mode), Start: m.Start.UTC().Format(time.RFC3339),
		Invited: m.Invited, Invitees: len(m.Invitees), Attendance: len(m.Attendance), Minutes: m.Minutes != "", Decisions: len(m.Decisions),
		Version: m.Version}
}

// auditRegion is the region a meeting's audit records are read under: its
// host, or for a ministry meeting the first invited region.
func meetingRegion(m tkksd.Meeting) string {
	if m.Host != "" {
		return m.Host
	}
	if len(m.Invited) > 0 {
		return m.Invited[0]
	}
	return ""
}

// CreateMeeting validates and stores a new meeting with the regions taking
// part, and records it in the audit trail, in one transaction. Who may
// host it is the caller's decision (tkksd.CanHost). A region that is not
// in the reference is EInvalid on "invited_regions".
func (db *DB) CreateMeeting(ctx context.Context, m tkksd.Meeting, meta AuditMeta) (tkksd.Meeting, error) {
	if err := m.Validate(); err != nil {
		return tkksd.Meeting{}, err
	}
	if err := m.CheckInvitees(m.Invitees); err != nil {
		return tkksd.Meeting{}, err
	}
	if m.Attendance == nil {
		m.Attendance = []tkksd.Attendee{}
	}
	if m.Decisions == nil {
		m.Decisions = []string{}
	}
	m.Start, m.End = dbTime(m.Start), dbTime(m.End)
	err := db.Tx(ctx, func(tx *Tx) error {
		id, err := tx.nextID(ctx, "tkksd_meeting")
		if err != nil {
			return err
		}
		m.ID, m.Version, m.CreatedAt = id, 1, db.Now()
		m.CreatedBy = max(meta.Actor.UserID, 0) // system actors have negative ids and no row
		data, err := json.Marshal(m)
		if err != nil {
			return jalin.Wrap(fmt.Errorf("meeting json: %w", err), "db.query")
		}
		_, err = tx.Exec(ctx, `INSERT INTO tkksd_meeting (id, host_region, kind, title, start_at, end_at, data,
			created_by, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, nullString(m.Host), string(m.Kind), m.Title, m.Start, m.End, string(data), nullID(m.CreatedBy),
			dbTime(m.CreatedAt), dbTime(m.CreatedAt), m.Version)
		if err != nil {
			return meetingRefError(err)
		}
		for _, r := range m.Regions() {
			if _, err := tx.Exec(ctx, "INSERT INTO tkksd_meeting_region (meeting_id, region_code, host) VALUES (?, ?, ?)",
				id, r, r == m.Host); err != nil {
				return meetingRefError(err)
			}
		}
		return tx.appendAudit(ctx, meta, AuditEntry{Action: "tkksd_meeting.create", ObjectKind: "tkksd_meeting",
			ObjectID: idString(id), Region: meetingRegion(m), After: summarizeMeeting(m)})
	})
	if err != nil {
		return tkksd.Meeting{}, err
	}
	return m, nil
}

func meetingRefError(err error) error {
	if isForeignKeyViolation(err) {
		return &jalin.Error{Code: jalin.EInvalid, Msg: "tkksd.region_unknown", Field: "invited_regions", Err: err}
	}
	return jalin.Wrap(err, "db.query")
}

// meetingVisibleCond is the condition "scope sees meeting m.id": national
// scopes see all; others see meetings one of whose regions they cover.
func meetingVisibleCond(scope access.Scope) (string, []any) {
	if scope.All {
		return "1 = 1", nil
	}
	cond, args := scopeCond(scope, "mr.region_code", "")
	return "EXISTS (SELECT 1 FROM tkksd_meeting_region mr WHERE mr.meeting_id = m.id AND " + cond + ")", args
}

func getMeeting(ctx context.Context, queryRow queryRowFunc, scope access.Scope, id int64) (tkksd.Meeting, error) {
	cond, args := meetingVisibleCond(scope)
	var m tkksd.Meeting
	var data string
	var version int64
	var created time.Time
	err := queryRow(ctx, "SELECT m.data, m.version, m.created_at FROM tkksd_meeting m WHERE m.id = ? AND "+cond,
		append([]any{id}, args...)...).Scan(&data, &version, &created)
	if err == sql.ErrNoRows {
		return m, notFound("tkksd_meeting", idString(id))
	}
	if err != nil {
		return m, jalin.Wrap(err, "db.query")
	}
	return decodeMeeting(id, data, version, created)
}

// GetMeeting returns meeting id if scope sees it (see meetingVisibleCond);
// otherwise the error wraps jalin.ErrNotFound.
func (db *DB) GetMeeting(ctx context.Context, scope access.Scope, id int64) (tkksd.Meeting, error) {
	return getMeeting(ctx, db.QueryRow, scope, id)
}

// UpdateMeeting changes meeting id, which scope must see, in one
// transaction: it refuses a stale version (EConflict "error.stale"), lets
// change edit a copy (changing its plan, attendance, minutes or
// decisions; change decides who may, and validates), then rewrites the
// row and its regions with the version one higher and records
// "tkksd_meeting.<what>" in the audit trail with before and after.
func (db *DB) UpdateMeeting(ctx context.Context, scope access.Scope, id, version int64, what string,
	change func(m *tkksd.Meeting) error, meta AuditMeta) (tkksd.Meeting, error) {
	var out tkksd.Meeting
	err := db.Tx(ctx, func(tx *Tx) error {
		before, err := getMeeting(ctx, tx.QueryRow, scope, id)
		if err != nil {
			return err
		}
		if before.Version != version {
			return errStale()
		}
		m := before
		m.Invited = append([]string(nil), before.Invited...)
		m.Attendance = append([]tkksd.Attendee(nil), before.Attendance...)
		m.Invitees = append([]tkksd.Attendee(nil), before.Invitees...)
		m.Decisions = append([]string(nil), before.Decisions...)
		if err := change(&m); err != nil {
			return err
		}
		if err := m.Validate(); err != nil {
			return err
		}
		if err := m.CheckAttendance(m.Attendance); err != nil {
			return err
		}
		if err := m.CheckInvitees(m.Invitees); err != nil {
			return err
		}
		if m.Attendance == nil {
			m.Attendance = []tkksd.Attendee{}
		}
		if m.Decisions == nil {
			m.Decisions = []string{}
		}
		m.ID, m.CreatedAt, m.CreatedBy, m.Host = before.ID, before.CreatedAt, before.CreatedBy, before.Host
		m.Version = before.Version + 1
		m.Start, m.End = dbTime(m.Start), dbTime(m.End)
		data, err := json.Marshal(m)
		if err != nil {
			return jalin.Wrap(fmt.Errorf("meeting json: %w", err), "db.query")
		}
		n, err := affected(tx.Exec(ctx, `UPDATE tkksd_meeting SET kind = ?, title = ?, start_at = ?, end_at = ?,
			data = ?, updated_at = ?, version = ? WHERE id = ? AND version = ?`,
			string(m.Kind), m.Title, m.Start, m.End, string(data), dbTime(db.Now()), m.Version, id, before.Version))
		if err != nil {
			return err
		}
		if n == 0 {
			return errStale()
		}
		if _, err := tx.Exec(ctx, "DELETE FROM tkksd_meeting_region WHERE meeting_id = ?", id); err != nil {
			return jalin.Wrap(err, "db.query")
		}
		for _, r := range m.Regions() {
			if _, err := tx.Exec(ctx, "INSERT INTO tkksd_meeting_region (meeting_id, region_code, host) VALUES (?, ?, ?)",
				id, r, r == m.Host); err != nil {
				return meetingRefError(err)
			}
		}
		if err := tx.appendAudit(ctx, meta, AuditEntry{Action: "tkksd_meeting." + what, ObjectKind: "tkksd_meeting",
			ObjectID: idString(id), Region: meetingRegion(m), Before: summarizeMeeting(before),
			After: summarizeMeeting(m)}); err != nil {
			return err
		}
		out = m
		return nil
	})
	return out, err
}

// Meetings returns the meetings scope sees that end after from and start
// before to (zero for no bound), soonest first, at most limit.
func (db *DB) Meetings(ctx context.Context, scope access.Scope, from, to time.Time, limit int) ([]tkksd.Meeting, error) {
	cond, args := meetingVisibleCond(scope)
	q := "SELECT m.id, m.data, m.version, m.created_at FROM tkksd_meeting m WHERE " + cond
	if !from.IsZero() {
		q += " AND m.end_at > ?"
		args = append(args, dbTime(from))
	}
	if !to.IsZero() {
		q += " AND m.start_at < ?"
		args = append(args, dbTime(to))
	}
	q += " ORDER BY m.start_at, m.id LIMIT ?"
	args = append(args, pageLimit(limit))
	out := []tkksd.Meeting{}
	err := db.eachRow(ctx, q, args, func(rows *sql.Rows) error {
		var id, version int64
		var data string
		var created time.Time
		if err := rows.Scan(&id, &data, &version, &created); err != nil {
			return err
		}
		m, err := decodeMeeting(id, data, version, created)
		out = append(out, m)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func decodeMeeting(id int64, data string, version int64, created time.Time) (tkksd.Meeting, error) {
	var m tkksd.Meeting
	if err := json.Unmarshal([]byte(data), &m); err != nil {
		return m, jalin.Wrap(fmt.Errorf("meeting json: %w", err), "db.query")
	}
	m.ID, m.Version, m.CreatedAt = id, version, created.UTC()
	m.Start, m.End = m.Start.UTC(), m.End.UTC()
	return m, nil
}

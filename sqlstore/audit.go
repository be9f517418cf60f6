package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
)

// The audit trail is append-only and hash-chained. Every record holds the
// hash of the one before it (prev_hash) and its own hash over prev_hash and
// all its other columns, so altering, removing or reordering a record
// breaks the chain where it happened, and VerifyAudit finds it. The one-row
// audit_head holds the last seq and hash, so removing records at the end
// shows too.
//
// Append-only is enforced here by offering no method that updates or
// deletes a record. A production PostgreSQL deployment can enforce it in
// the database as well, by running the application under a role without
// those rights:
//
//	REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM jalin_app;
//
// (audit_head must stay updatable: every append advances it.)

// AuditMeta says who does something and from where.
type AuditMeta struct {
	Actor access.Actor
	IP    string
}

// AuditEntry is what an append records: an action ("user.update") on an
// object (kind "user", id "42"), the object's region for scoped reading
// ("" for none: then only national scopes read it), and the object before
// and after as any value encoding/json accepts (nil for none).
type AuditEntry struct {
	Action, ObjectKind, ObjectID, Region string
	Before, After                        any
}

// AuditRecord is one stored record. ActorID is 0 and Region "" where the
// column is NULL; Before and After are nil for NULL.
type AuditRecord struct {
	Seq       int64
	At        time.Time
	ActorID   int64
	ActorName string
	IP        string
	Action    string
	ObjectKind, ObjectID,
	Region string
	Before, After  json.RawMessage
	PrevHash, Hash string
}

// auditRow is a record as stored, with NULLs told apart from empty values,
// which is what the hash covers.
type auditRow struct {
	seq                             int64
	at                              time.Time
	actorID                         sql.NullInt64
	actorName, ip, action, kind, id string
	region, before, after           sql.NullString
	prevHash, hash                  string
}

// auditTimeFormat is how the hash encodes a record's time: UTC, always six
// fractional digits, as both engines store it.
const auditTimeFormat = "2006-01-02T15:04:05.000000Z"

// auditHash returns hex(SHA-256(prev_hash || encoding)), where prev_hash is
// the previous record's hash as stored (64 hex digits, or "" for the first
// record) and the encoding is, in this order, seq, at, actor_id,
// actor_name, ip, action, object_kind, object_id, region_code, before_json
// and after_json, each as either the byte 0x00 for NULL, or the byte 0x01,
// the length of the value in bytes as 4 bytes big-endian, then the value's
// bytes: integers in decimal, at in auditTimeFormat, text and JSON exactly
// as stored. The fixed layout makes the bytes the same whichever engine
// the record is read back from, and no two records encode alike.
func auditHash(r *auditRow) string {
	h := sha256.New()
	h.Write([]byte(r.prevHash))
	var lenBuf [5]byte
	field := func(valid bool, s string) {
		if !valid {
			h.Write([]byte{0})
			return
		}
		lenBuf[0] = 1
		binary.BigEndian.PutUint32(lenBuf[1:], uint32(len(s)))
		h.Write(lenBuf[:])
		h.Write([]byte(s))
	}
	field(true, strconv.FormatInt(r.seq, 10))
	field(true, r.at.UTC().Format(auditTimeFormat))
	field(r.actorID.Valid, strconv.FormatInt(r.actorID.Int64, 10))
	field(true, r.actorName)
	field(true, r.ip)
	field(true, r.action)
	field(true, r.kind)
	field(true, r.id)
	field(r.region.Valid, r.region.String)
	field(r.before.Valid, r.before.String)
	field(r.after.Valid, r.after.String)
	return hex.EncodeToString(h.Sum(nil))
}

// auditJSON encodes v for before_json/after_json: NULL for nil.
func auditJSON(v any) (sql.NullString, error) {
	if v == nil {
		return sql.NullString{}, nil
	}
	if raw, ok := v.(json.RawMessage); ok && raw == nil {
		return sql.NullString{}, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return sql.NullString{}, jalin.Wrap(fmt.Errorf("audit json: %w", err), "db.audit")
	}
	return sql.NullString{String: string(b), Valid: true}, nil
}

// appendAudit appends e to the trail inside tx, so that the change it
// records and the record commit or roll back together. Call it last in the
// transaction: the head row stays locked (on PostgreSQL) until the end.
//
// It first advances audit_head, which takes the head's row lock on
// PostgreSQL (concurrent appends from any instance queue there and then see
// the committed head) and happens under SQLite's single writer anyway;
// only then does it read the time, so seq and at grow together.
func (tx *Tx) appendAudit(ctx context.Context, meta AuditMeta, e AuditEntry) error {
	if e.Action == "" || e.ObjectKind == "" {
		return jalin.Invalid("action", "audit.entry_incomplete")
	}
	r := auditRow{
		actorName: meta.Actor.Name, ip: meta.IP,
		action: e.Action, kind: e.ObjectKind, id: e.ObjectID,
	}
	if meta.Actor.UserID != 0 {
		r.actorID = sql.NullInt64{Int64: meta.Actor.UserID, Valid: true}
	}
	if e.Region != "" {
		r.region = sql.NullString{String: e.Region, Valid: true}
	}
	var err error
	if r.before, err = auditJSON(e.Before); err != nil {
		return err
	}
	if r.after, err = auditJSON(e.After); err != nil {
		return err
	}
	err = tx.QueryRow(ctx, "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash").
		Scan(&r.seq, &r.prevHash)
	if errors.Is(err, sql.ErrNoRows) {
		return jalin.Wrap(errors.New("audit_head row missing"), "db.audit")
	}
	if err != nil {
		return jalin.Wrap(fmt.Errorf("audit head: %w", err), "db.audit")
	}
	r.at = tx.db.Now()
	r.hash = auditHash(&r)
	_, err = tx.Exec(ctx, `INSERT INTO audit_log (seq, at, actor_id, actor_name, ip, action,
		object_kind, object_id, region_code, before_json, after_json, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.seq, r.at, r.actorID, r.actorName, r.ip, r.action, r.kind, r.id,
		r.region, r.before, r.after, r.prevHash, r.hash)
	if err != nil {
		return jalin.Wrap(fmt.Errorf("audit insert: %w", err), "db.audit")
	}
	_, err = tx.Exec(ctx, "UPDATE audit_head SET hash = ? WHERE id = 1", r.hash)
	return jalin.Wrap(err, "db.audit")
}

// AppendAudit appends e in a transaction of its own, for events that change
// nothing else in the database (a login, a failed login).
func (db *DB) AppendAudit(ctx context.Context, meta AuditMeta, e AuditEntry) error {
	return db.Tx(ctx, func(tx *Tx) error { return tx.appendAudit(ctx, meta, e) })
}

package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
)

const auditCols = `seq, at, actor_id, actor_name, ip, action, object_kind, object_id,
	region_code, before_json, after_json, prev_hash, hash`

func scanAuditRow(s interface{ Scan(...any) error }) (auditRow, error) {
	var r auditRow
	err := s.Scan(&r.seq, &r.at, &r.actorID, &r.actorName, &r.ip, &r.action, &r.kind, &r.id,
		&r.region, &r.before, &r.after, &r.prevHash, &r.hash)
	r.at = r.at.UTC()
	return r, err
}

func (r *auditRow) record() AuditRecord {
	rec := AuditRecord{
		Seq: r.seq, At: r.at, ActorID: r.actorID.Int64, ActorName: r.actorName, IP: r.ip,
		Action: r.action, ObjectKind: r.kind, ObjectID: r.id, Region: r.region.String,
		PrevHash: r.prevHash, Hash: r.hash,
	}
	if r.before.Valid {
		rec.Before = json.RawMessage(r.before.String)
	}
	if r.after.Valid {
		rec.After = json.RawMessage(r.after.String)
	}
	return rec
}

// AuditFilter selects records for AuditList; zero fields select all.
type AuditFilter struct {
	Action     string
	ObjectKind string
	ActorID    int64
	Limit      int // 0 for the default page size; capped at 500
	Offset     int
}

// AuditHistory returns the records about one object, newest first, at most
// limit (default 50, at most 500). Records are scoped by their region like
// users: All reads every record, a Prefix scope the records whose region it
// covers (not those without a region), other scopes none.
func (db *DB) AuditHistory(ctx context.Context, scope access.Scope, kind, id string, limit int) ([]AuditRecord, error) {
	cond, args := scopeCond(scope, "region_code", "")
	args = append(args, kind, id, pageLimit(limit))
	return db.auditRecords(ctx, "SELECT "+auditCols+" FROM audit_log WHERE "+cond+
		" AND object_kind = ? AND object_id = ? ORDER BY seq DESC LIMIT ?", args)
}

// AuditList returns one page of the records in scope that match f, newest
// first, and how many match in all.
func (db *DB) AuditList(ctx context.Context, scope access.Scope, f AuditFilter) ([]AuditRecord, int, error) {
	cond, args := scopeCond(scope, "region_code", "")
	where := []string{cond}
	if f.Action != "" {
		where, args = append(where, "action = ?"), append(args, f.Action)
	}
	if f.ObjectKind != "" {
		where, args = append(where, "object_kind = ?"), append(args, f.ObjectKind)
	}
	if f.ActorID != 0 {
		where, args = append(where, "actor_id = ?"), append(args, f.ActorID)
	}
	w := " WHERE " + strings.Join(where, " AND ")
	var total int
	if err := db.QueryRow(ctx, "SELECT COUNT(*) FROM audit_log"+w, args...).Scan(&total); err != nil {
		return nil, 0, jalin.Wrap(err, "db.query")
	}
	args = append(args, pageLimit(f.Limit), max(f.Offset, 0))
	recs, err := db.auditRecords(ctx, "SELECT "+auditCols+" FROM audit_log"+w+
		" ORDER BY seq DESC LIMIT ? OFFSET ?", args)
	return recs, total, err
}

func (db *DB) auditRecords(ctx context.Context, q string, args []any) ([]AuditRecord, error) {
	out := []AuditRecord{}
	err := db.eachRow(ctx, q, args, func(rows *sql.Rows) error {
		r, err := scanAuditRow(rows)
		out = append(out, r.record())
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Reasons VerifyAudit gives for a broken chain.
const (
	AuditAltered   = "altered"   // the record's contents no longer match its hash
	AuditRemoved   = "removed"   // a record is missing: a gap in seq, or prev_hash does not link
	AuditTruncated = "truncated" // records at the end are missing: the head names a later one
)

// AuditVerification is the outcome of VerifyAudit: how many records were
// checked and, unless OK, the seq of the first broken link and why (one of
// the Audit* reasons; for AuditRemoved and AuditTruncated, BrokenSeq is the
// first missing seq).
type AuditVerification struct {
	Checked   int64
	OK        bool
	BrokenSeq int64
	Reason    string
}

// VerifyAudit walks the trail in seq order, one row at a time (never the
// whole trail in memory), recomputing every hash and link, and reports the
// first break. It reads the head first and checks the records up to it, so
// appends running meanwhile neither disturb nor fail it.
func (db *DB) VerifyAudit(ctx context.Context) (AuditVerification, error) {
	var headSeq int64
	var headHash string
	err := db.QueryRow(ctx, "SELECT seq, hash FROM audit_head WHERE id = 1").Scan(&headSeq, &headHash)
	if errors.Is(err, sql.ErrNoRows) {
		return AuditVerification{BrokenSeq: 1, Reason: AuditTruncated}, nil
	}
	if err != nil {
		return AuditVerification{}, jalin.Wrap(err, "db.query")
	}
	rows, err := db.Query(ctx, "SELECT "+auditCols+" FROM audit_log WHERE seq <= ? ORDER BY seq", headSeq)
	if err != nil {
		return AuditVerification{}, jalin.Wrap(err, "db.query")
	}
	defer rows.Close()
	var v AuditVerification
	var last auditRow // seq 0, hash "": what the first record links to
	done := false
	for !done && rows.Next() {
		r, err := scanAuditRow(rows)
		if err != nil {
			return AuditVerification{}, jalin.Wrap(err, "db.query")
		}
		done = true
		switch {
		case r.seq != last.seq+1:
			v.BrokenSeq, v.Reason = last.seq+1, AuditRemoved
		case r.prevHash != last.hash:
			v.BrokenSeq, v.Reason = r.seq, AuditRemoved
		case auditHash(&r) != r.hash:
			v.BrokenSeq, v.Reason = r.seq, AuditAltered
		default:
			v.Checked++
			last, done = r, false
		}
	}
	if err := rows.Err(); err != nil {
		return AuditVerification{}, jalin.Wrap(err, "db.query")
	}
	switch {
	case done:
	case last.seq < headSeq:
		v.BrokenSeq, v.Reason = last.seq+1, AuditTruncated
	case last.hash != headHash:
		v.BrokenSeq, v.Reason = last.seq, AuditAltered
	default:
		v.OK = true
	}
	return v, nil
}

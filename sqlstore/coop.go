package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	jsonv2 "github.com/go-json-experiment/json"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/workday"
)

// A cooperation is stored twice over in one row set: cooperation.data holds
// the JSON of the whole cooperation.Cooperation (except Documents, which
// come from document_version), and the other columns of cooperation,
// cooperation_party and cooperation_urusan are its indexed copy, written
// from the struct on every save. Reads take the struct from the JSON; lists
// read only the columns.

// coopCols are the columns GetCooperation reads; data is the JSON.
const coopCols = "c.id, c.data, c.created_at, c.updated_at, c.version"

// encodeCoop returns the JSON stored in cooperation.data.
func encodeCoop(c cooperation.Cooperation) (string, error) {
	c.Documents = nil
	b, err := json.Marshal(c)
	if err != nil {
		return "", jalin.Wrap(fmt.Errorf("cooperation json: %w", err), "db.query")
	}
	return string(b), nil
}

// decodeCoop reads cooperation.data. Every view of a cooperation decodes
// it, so it uses the JSON v2 decoder (the proposed encoding/json/v2), which
// reads what encodeCoop writes in half the time and a third of the
// allocations of encoding/json; TestDecodeCoopAsStdlib holds the two to the
// same result.
func decodeCoop(data string) (cooperation.Cooperation, error) {
	var c cooperation.Cooperation
	if err := jsonv2.Unmarshal([]byte(data), &c); err != nil {
		return c, jalin.Wrap(fmt.Errorf("cooperation json: %w", err), "db.query")
	}
	return c, nil
}

// nullDate is d for a TEXT date column: NULL for the zero Date.
func nullDate(d workday.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

// scanDate reads a nullable TEXT date column.
func scanDate(s sql.NullString) (workday.Date, error) {
	if !s.Valid || s.String == "" {
		return workday.Date{}, nil
	}
	return workday.ParseDate(s.String)
}

// provinceOf is the province part of a province or regency code.
func provinceOf(code string) string {
	if len(code) < 2 {
		return ""
	}
	return code[:2]
}

// initiatorRegion is the region the audit trail files a cooperation under:
// the initiating region, else the first region party, else "".
func initiatorRegion(c *cooperation.Cooperation) string {
	first := ""
	for _, p := range c.Parties {
		if p.Kind != cooperation.PartyRegion {
			continue
		}
		if p.Initiator {
			return p.Region
		}
		if first == "" {
			first = p.Region
		}
	}
	return first
}

// checkCoop refuses what the tables cannot hold: an unknown kind, no
// title or stage, two parties with the same key.
func checkCoop(c *cooperation.Cooperation) error {
	c.Title = strings.TrimSpace(c.Title)
	switch {
	case c.Title == "":
		return jalin.Invalid("title", "cooperation.title_required")
	case !c.Kind.Valid():
		return jalin.Invalid("kind", "cooperation.kind_invalid")
	case c.Stage == "":
		return jalin.Invalid("stage", "cooperation.stage_required")
	}
	seen := make(map[string]bool, len(c.Parties))
	for _, p := range c.Parties {
		k := p.Key()
		if seen[k] || (p.Kind == cooperation.PartyRegion && p.Region == "") ||
			(p.Kind == cooperation.PartyThirdParty && p.OrgID == 0) {
			return jalin.Invalid("parties", "cooperation.party_invalid", k)
		}
		seen[k] = true
	}
	return nil
}

// writeCoop inserts (insert) or rewrites the row of c and replaces its
// parties and urusan. A party naming an unknown region or organisation is
// EInvalid on field "parties".
func (tx *Tx) writeCoop(ctx context.Context, c *cooperation.Cooperation, insert bool, oldVersion int64) error {
	data, err := encodeCoop(*c)
	if err != nil {
		return err
	}
	if err := tx.bumpCoopGeneration(ctx); err != nil {
		return err
	}
	args := []any{c.Title, strings.ToLower(c.Title), string(c.Kind), string(c.Stage), nullDate(c.StartDate),
		nullDate(c.EndDate), c.ValueIDR, c.Sector, nullString(initiatorRegion(c)), c.Published,
		c.RuleVersion, data, c.UpdatedAt, c.Version, encodeSummary(c)}
	if insert {
		_, err = tx.Exec(ctx, `INSERT INTO cooperation (title, title_lower, kind, stage, start_date, end_date,
			value_idr, sector, initiator_region, published, rule_version, data, updated_at, version, summary,
			created_at, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			append(args, c.CreatedAt, c.ID)...)
		if err != nil {
			return jalin.Wrap(err, "db.query")
		}
	} else {
		n, err := affected(tx.Exec(ctx, `UPDATE cooperation SET title = ?, title_lower = ?, kind = ?, stage = ?,
			start_date = ?, end_date = ?, value_idr = ?, sector = ?, initiator_region = ?, published = ?,
			rule_version = ?, data = ?, updated_at = ?, version = ?, summary = ? WHERE id = ? AND version = ?`,
			append(args, c.ID, oldVersion)...))
		if err != nil {
			return err
		}
		if n == 0 {
			return errStale()
		}
		for _, t := range []string{"cooperation_party", "cooperation_urusan"} {
			if _, err := tx.Exec(ctx, "DELETE FROM "+t+" WHERE cooperation_id = ?", c.ID); err != nil {
				return jalin.Wrap(err, "db.query")
			}
		}
	}
	err = tx.insertBatches(ctx, partyInsert, "", partyCols, len(c.Parties),
		func(i int, a []any) []any { return appendPartyRow(a, c, i) })
	if isForeignKeyViolation(err) {
		return &jalin.Error{Code: jalin.EInvalid, Msg: "cooperation.party_unknown", Field: "parties", Err: err}
	}
	if err != nil {
		return jalin.Wrap(err, "db.query")
	}
	urusan := dedupe(c.Urusan)
	err = tx.insertBatches(ctx, "INSERT INTO cooperation_urusan (cooperation_id, urusan)", "", 2, len(urusan),
		func(i int, a []any) []any { return append(a, c.ID, urusan[i]) })
	return jalin.Wrap(err, "db.query")
}

// partyInsert and partyCols are the INSERT of cooperation_party rows, whose
// values appendPartyRow appends.
const (
	partyInsert = `INSERT INTO cooperation_party (cooperation_id, party_key, pos, kind, region_code,
		province_code, org_id, name, initiator, stage, end_key, published, first_in_province)`
	partyCols = 13
)

// noEndKey is cooperation_party.end_key for no end date: after every date.
const noEndKey = 99999999

// endKey is cooperation_party.end_key of an end date: YYYYMMDD as a number.
func endKey(d workday.Date) int64 {
	if d.IsZero() {
		return noEndKey
	}
	return int64(d.Year*10000 + int(d.Month)*100 + d.Day)
}

// appendPartyRow appends the cooperation_party values of party i of c: the
// party, the copies of the cooperation's stage, end date and published
// flag that let a list be read from the party indexes (see 0004), and
// whether it is the first region party of c in its province (see 0006).
func appendPartyRow(a []any, c *cooperation.Cooperation, i int) []any {
	p := c.Parties[i]
	var region, province any
	first := false
	if p.Kind == cooperation.PartyRegion {
		region, province = p.Region, provinceOf(p.Region)
		first = !slices.ContainsFunc(c.Parties[:i], func(q cooperation.Party) bool {
			return q.Kind == cooperation.PartyRegion && provinceOf(q.Region) == provinceOf(p.Region)
		})
	}
	var org any
	if p.Kind == cooperation.PartyThirdParty {
		org = p.OrgID
	}
	return append(a, c.ID, p.Key(), i, string(p.Kind), region, province, org, p.Name, p.Initiator, string(c.Stage),
		endKey(c.EndDate), c.Published, first)
}

// dedupe returns s without repeats, in first-seen order.
func dedupe(s []string) []string {
	out := make([]string, 0, len(s))
	seen := make(map[string]bool, len(s))
	for _, x := range s {
		if x != "" && !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// CreateCooperation stores c as a new cooperation: it sets ID, Version 1
// and CreatedAt/UpdatedAt, writes its rows, the timeline's first event
// ("create") and the audit record "cooperation.create" in one transaction.
// A party naming a region or organisation that does not exist is EInvalid
// on field "parties". Documents are ignored: see AddDocument.
func (db *DB) CreateCooperation(ctx context.Context, c cooperation.Cooperation, meta AuditMeta) (cooperation.Cooperation, error) {
	if err := checkCoop(&c); err != nil {
		return cooperation.Cooperation{}, err
	}
	c.Documents = nil
	err := db.Tx(ctx, func(tx *Tx) error {
		id, err := tx.nextID(ctx, "cooperation")
		if err != nil {
			return err
		}
		now := tx.db.Now()
		c.ID, c.Version, c.CreatedAt, c.UpdatedAt = id, 1, now, now
		if err := tx.writeCoop(ctx, &c, true, 0); err != nil {
			return err
		}
		ev := cooperation.Event{Type: "create", To: c.Stage, ActorID: meta.Actor.UserID,
			ActorName: meta.Actor.Name, Role: meta.Actor.Role, At: now}
		if err := tx.appendEvent(ctx, c.ID, 1, ev); err != nil {
			return err
		}
		return tx.appendAudit(ctx, meta, AuditEntry{
			Action: "cooperation.create", ObjectKind: "cooperation", ObjectID: idString(c.ID),
			Region: initiatorRegion(&c), After: summarize(&c),
		})
	})
	if err != nil {
		return cooperation.Cooperation{}, err
	}
	return c, nil
}

// visibleCond is the condition "scope may see cooperation c": All sees
// every one; a Prefix scope those with a region party in its subtree; an
// OrgID scope those its organisation is party to; and every scope, the
// PublicOnly and the zero Scope included, the published ones.
func visibleCond(s access.Scope) (string, []any) {
	switch {
	case s.All:
		return "1 = 1", nil
	case s.PublicOnly:
	case s.OrgID != 0:
		return "(c.published = TRUE OR EXISTS (SELECT 1 FROM cooperation_party v WHERE v.cooperation_id = c.id AND v.org_id = ?))",
			[]any{s.OrgID}
	case s.Prefix != "":
		cond, args := partyRegionCond("v", s.Prefix)
		return "(c.published = TRUE OR EXISTS (SELECT 1 FROM cooperation_party v WHERE v.cooperation_id = c.id AND " +
			cond + "))", args
	}
	return "c.published = TRUE", nil
}

// partyRegionCond is "party alias a is region code or below it", written
// so that the province_code index narrows it first.
func partyRegionCond(a, code string) (string, []any) {
	if len(code) <= 2 {
		return a + ".province_code = ?", []any{code}
	}
	return a + ".province_code = ? AND (" + a + ".region_code = ? OR substr(" + a + ".region_code, 1, ?) = ?)",
		[]any{provinceOf(code), code, int64(len(code) + 1), code + "."}
}

type queryRowFunc func(context.Context, string, ...any) *sql.Row

// GetCooperation returns cooperation id if scope may see it (see
// visibleCond), with Documents filled from the current document versions
// (Ref is the version's id in decimal). Out of scope is not found, like a
// cooperation that does not exist: the error wraps jalin.ErrNotFound.
func (db *DB) GetCooperation(ctx context.Context, scope access.Scope, id int64) (cooperation.Cooperation, error) {
	// Both queries are fixed texts per kind of scope, kept prepared; both
	// are searches of a unique key (cooperation's id; document_version's
	// cooperation_id, doc_type, party_key, version_no, also in the order
	// wanted).
	c, err := getCoop(ctx, db.queryRowCached, scope, id)
	if err != nil {
		return c, err
	}
	if err := db.eachCached(ctx, `SELECT id, doc_type, party_key FROM document_version
		WHERE cooperation_id = ? AND is_current = TRUE ORDER BY doc_type, party_key`, []any{id},
		func(rows *sql.Rows) error {
			var d cooperation.DocRef
			var docID int64
			d.Current = true
			err := rows.Scan(&docID, &d.Type, &d.Party)
			d.Ref = idString(docID)
			c.Documents = append(c.Documents, d)
			return err
		}); err != nil {
		return cooperation.Cooperation{}, err
	}
	return c, nil
}

func getCoop(ctx context.Context, queryRow queryRowFunc, scope access.Scope, id int64) (cooperation.Cooperation, error) {
	cond, args := visibleCond(scope)
	var data string
	var cid, version int64
	var created, updated time.Time
	err := queryRow(ctx, "SELECT "+coopCols+" FROM cooperation c WHERE c.id = ? AND "+cond,
		append([]any{id}, args...)...).Scan(&cid, &data, &created, &updated, &version)
	if errors.Is(err, sql.ErrNoRows) {
		return cooperation.Cooperation{}, notFound("cooperation", idString(id))
	}
	if err != nil {
		return cooperation.Cooperation{}, jalin.Wrap(err, "db.query")
	}
	c, err := decodeCoop(data)
	if err != nil {
		return c, err
	}
	c.ID, c.Version, c.CreatedAt, c.UpdatedAt = cid, version, created.UTC(), updated.UTC()
	c.Documents = nil
	return c, nil
}

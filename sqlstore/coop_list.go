package sqlstore

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/workday"
)

// CoopFilter selects cooperations for ListCooperations; zero fields select
// all.
type CoopFilter struct {
	Kind     cooperation.Kind
	Stage    cooperation.Stage
	Province string // a province code: cooperations with a party in it
	// Partner is a region code (a party is that region or below it) or
	// "org:ID" (the organisation is a party).
	Partner string
	Urusan  string
	Sector  string
	// Year selects the cooperations active in that year: started on or
	// before 31 December and ending on or after 1 January, or open-ended.
	Year int
	// ExpiringWithin selects those ending between Today and Today+N days.
	ExpiringWithin int
	Today          workday.Date // zero for the store's today in WIB
	Query          string       // part of the title, any case
	// Sort is "end_date" (the default; no end date last), "-end_date" (no
	// end date last too), "updated" (latest first) or "title".
	Sort          string
	Limit, Offset int // Limit 0 for 50; at most 500
}

// PartySummary is a party as a list shows it.
type PartySummary struct {
	Key, Kind, Region string
	OrgID             int64
	Name              string
	Initiator         bool
}

// CoopSummary is a cooperation as a list shows it, read from the indexed
// columns without decoding the JSON.
type CoopSummary struct {
	ID                 int64
	Title              string
	Kind               cooperation.Kind
	Stage              cooperation.Stage
	StartDate, EndDate workday.Date
	ValueIDR           int64
	Sector             string
	Parties            []PartySummary
	Urusan             []string
	Published          bool
	UpdatedAt          time.Time
	Version            int64
}

// coopOrders are the ORDER BY clauses of CoopFilter.Sort. Every one ends
// with the id, so pages never overlap or skip rows that tie.
var coopOrders = map[string]string{
	"":          "c.end_date ASC NULLS LAST, c.id",
	"end_date":  "c.end_date ASC NULLS LAST, c.id",
	"-end_date": "c.end_date DESC NULLS LAST, c.id DESC",
	"updated":   "c.updated_at DESC, c.id DESC",
	"title":     "c.title_lower, c.id",
}

// coopWhere returns the WHERE clause (without the keyword) of f in scope.
// Party and urusan filters are IN subqueries that the planners drive from
// the party and urusan indexes; a province filter together with a stage is
// answered by the (province_code, stage, cooperation_id) index alone.
func (db *DB) coopWhere(scope access.Scope, f CoopFilter) (string, []any, error) {
	cond, args := visibleCond(scope)
	where := []string{cond}
	add := func(c string, a ...any) { where, args = append(where, c), append(args, a...) }
	if f.Kind != "" {
		add("c.kind = ?", string(f.Kind))
	}
	if f.Stage != "" {
		add("c.stage = ?", string(f.Stage))
	}
	if f.Province != "" {
		if f.Stage != "" {
			add("c.id IN (SELECT p.cooperation_id FROM cooperation_party p WHERE p.province_code = ? AND p.stage = ?)",
				f.Province, string(f.Stage))
		} else {
			add("c.id IN (SELECT p.cooperation_id FROM cooperation_party p WHERE p.province_code = ?)", f.Province)
		}
	}
	if f.Partner != "" {
		if rest, ok := strings.CutPrefix(f.Partner, "org:"); ok {
			org, err := strconv.ParseInt(rest, 10, 64)
			if err != nil || org <= 0 {
				return "", nil, jalin.Invalid("partner", "cooperation.partner_invalid", f.Partner)
			}
			add("c.id IN (SELECT q.cooperation_id FROM cooperation_party q WHERE q.org_id = ?)", org)
		} else {
			c, a := partyRegionCond("q", f.Partner)
			add("c.id IN (SELECT q.cooperation_id FROM cooperation_party q WHERE "+c+")", a...)
		}
	}
	if f.Urusan != "" {
		add("c.id IN (SELECT u.cooperation_id FROM cooperation_urusan u WHERE u.urusan = ?)", f.Urusan)
	}
	if f.Sector != "" {
		add("c.sector = ?", f.Sector)
	}
	if f.Year != 0 {
		add("c.start_date <= ? AND (c.end_date IS NULL OR c.end_date >= ?)",
			workday.NewDate(f.Year, 12, 31).String(), workday.NewDate(f.Year, 1, 1).String())
	}
	if f.ExpiringWithin > 0 {
		today := f.Today
		if today.IsZero() {
			today = workday.DateOf(db.Now())
		}
		add("c.end_date >= ? AND c.end_date <= ?", today.String(), today.AddDays(f.ExpiringWithin).String())
	}
	if q := strings.ToLower(strings.TrimSpace(f.Query)); q != "" {
		add(`c.title_lower LIKE ? ESCAPE '\'`, likeContains(q))
	}
	return strings.Join(where, " AND "), args, nil
}

// ListCooperations returns one page of the cooperations scope may see (see
// GetCooperation) that match f, and how many match in all. It makes four
// queries whatever the page size: the count, the page, and the page's
// parties and urusan each with one IN list; a list the party indexes answer
// (see partyRangeOf) makes five, none of which reads a row outside the page.
func (db *DB) ListCooperations(ctx context.Context, scope access.Scope, f CoopFilter) ([]CoopSummary, int, error) {
	order, ok := coopOrders[f.Sort]
	if !ok {
		return nil, 0, jalin.Invalid("sort", "cooperation.sort_invalid", f.Sort)
	}
	if r, ok := partyRangeOf(scope, f); ok {
		return db.listByParty(ctx, r, pageLimit(f.Limit), max(f.Offset, 0))
	}
	w, args, err := db.coopWhere(scope, f)
	if err != nil {
		return nil, 0, err
	}
	var total int
	if err := db.QueryRow(ctx, "SELECT COUNT(*) FROM cooperation c WHERE "+w, args...).Scan(&total); err != nil {
		return nil, 0, jalin.Wrap(err, "db.query")
	}
	out := []CoopSummary{}
	if total <= max(f.Offset, 0) {
		return out, total, nil
	}
	byID := make(map[int64]int)
	args = append(args, pageLimit(f.Limit), max(f.Offset, 0))
	err = db.eachRow(ctx, "SELECT "+summaryCols+" FROM cooperation c WHERE "+w+
		" ORDER BY "+order+" LIMIT ? OFFSET ?", args,
		func(rows *sql.Rows) error {
			s, err := scanSummary(rows)
			byID[s.ID] = len(out)
			out = append(out, s)
			return err
		})
	if err != nil || len(out) == 0 {
		return out, total, err
	}
	if err := db.fillSummaries(ctx, out, byID); err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// summaryCols are the columns of cooperation c that scanSummary reads.
const summaryCols = `c.id, c.title, c.kind, c.stage, c.start_date, c.end_date, c.value_idr, c.sector,
	c.published, c.updated_at, c.version`

func scanSummary(rows *sql.Rows) (CoopSummary, error) {
	var s CoopSummary
	var start, end sql.NullString
	err := rows.Scan(&s.ID, &s.Title, &s.Kind, &s.Stage, &start, &end, &s.ValueIDR, &s.Sector,
		&s.Published, &s.UpdatedAt, &s.Version)
	if err != nil {
		return s, err
	}
	if s.StartDate, err = scanDate(start); err != nil {
		return s, err
	}
	if s.EndDate, err = scanDate(end); err != nil {
		return s, err
	}
	s.UpdatedAt, s.Parties, s.Urusan = s.UpdatedAt.UTC(), []PartySummary{}, []string{}
	return s, nil
}

// partyRange is a list that an index of cooperation_party answers alone:
// the rows of one province (and stage), in end_key order, and a condition
// on a row that holds for some row of a cooperation exactly when the
// scope may see it.
type partyRange struct {
	where string // over cooperation_party p
	args  []any
	desc  bool // -end_date: latest end first, no end date still last
}

// partyRangeOf returns the partyRange of f in scope, if there is one: f
// filters by province and at most a stage, sorts by end date, and the
// scope's visibility (visibleCond) can be decided from a party row of that
// province. It can for All; for a Prefix scope of the province itself
// (every party in the range is in it) or of a region inside it (a party
// there is in the range too); and for the public (published is on every
// row). An organisation's party, or a region outside the province, is not
// in the range: those lists take the general path.
func partyRangeOf(scope access.Scope, f CoopFilter) (partyRange, bool) {
	rest := f
	rest.Province, rest.Stage, rest.Sort, rest.Limit, rest.Offset = "", "", "", 0, 0
	rest.Today, rest.Query = workday.Date{}, strings.TrimSpace(f.Query)
	if f.Province == "" || rest != (CoopFilter{}) || !(f.Sort == "" || f.Sort == "end_date" || f.Sort == "-end_date") {
		return partyRange{}, false
	}
	r := partyRange{where: "p.province_code = ?", args: []any{f.Province}, desc: f.Sort == "-end_date"}
	if f.Stage != "" {
		r.where += " AND p.stage = ?"
		r.args = append(r.args, string(f.Stage))
	}
	switch s := scope; {
	case s.All:
	case s.PublicOnly:
		r.where += " AND p.published = TRUE"
	case s.OrgID != 0:
		return partyRange{}, false
	case s.Prefix == f.Province:
	case s.Prefix != "" && provinceOf(s.Prefix) == f.Province:
		cond, args := partyRegionCond("p", s.Prefix)
		r.where += " AND (p.published = TRUE OR (" + cond + "))"
		r.args = append(r.args, args...)
	case s.Prefix != "":
		return partyRange{}, false
	default:
		r.where += " AND p.published = TRUE"
	}
	return r, true
}

// The parts of a partyRange that pageSQL reads: all of it in end date
// order, or for -end_date its dated rows and then its undated ones, each
// backwards, since the undated rows end the index.
const (
	partAll = iota
	partDated
	partUndated
)

const partyGroup = " GROUP BY p.end_key, p.cooperation_id"

// countSQL counts the cooperations of r, and those with an end date.
func (r partyRange) countSQL() (string, []any) {
	return `SELECT COUNT(*), COALESCE(SUM(CASE WHEN x.end_key < ? THEN 1 ELSE 0 END), 0)
		FROM (SELECT p.end_key FROM cooperation_party p WHERE ` + r.where + partyGroup + ") x",
		append([]any{noEndKey}, r.args...)
}

// pageSQL selects the ids of a page of part of r.
func (r partyRange) pageSQL(part, limit, offset int) (string, []any) {
	cond, order := "", "p.end_key, p.cooperation_id"
	switch part {
	case partDated:
		cond, order = " AND p.end_key < "+strconv.Itoa(noEndKey), "p.end_key DESC, p.cooperation_id DESC"
	case partUndated:
		cond, order = " AND p.end_key = "+strconv.Itoa(noEndKey), "p.end_key DESC, p.cooperation_id DESC"
	}
	return "SELECT p.cooperation_id FROM cooperation_party p WHERE " + r.where + cond + partyGroup +
			" ORDER BY " + order + " LIMIT ? OFFSET ?",
		append(slices.Clip(r.args), limit, offset)
}

// listByParty is ListCooperations for a partyRange: the count and the
// page's ids from the index (a cooperation has a row per party, so rows
// are grouped by cooperation; its rows are adjacent, having one end_key),
// then the page's rows by id.
func (db *DB) listByParty(ctx context.Context, r partyRange, limit, offset int) ([]CoopSummary, int, error) {
	var total, dated int
	q, args := r.countSQL()
	if err := db.QueryRow(ctx, q, args...).Scan(&total, &dated); err != nil {
		return nil, 0, jalin.Wrap(err, "db.query")
	}
	out := []CoopSummary{}
	if total <= offset {
		return out, total, nil
	}
	ids := make([]int64, 0, min(limit, total-offset))
	page := func(part int, limit, offset int) error {
		q, args := r.pageSQL(part, limit, offset)
		return db.eachRow(ctx, q, args,
			func(rows *sql.Rows) error {
				var id int64
				err := rows.Scan(&id)
				ids = append(ids, id)
				return err
			})
	}
	var err error
	switch {
	case !r.desc:
		err = page(partAll, limit, offset)
	case offset < dated:
		err = page(partDated, min(limit, dated-offset), offset)
	}
	if r.desc && err == nil && len(ids) < limit && total > dated {
		err = page(partUndated, limit-len(ids), max(offset-dated, 0))
	}
	if err != nil || len(ids) == 0 {
		return out, total, err
	}
	in := "(" + strings.Repeat("?, ", len(ids)-1) + "?)"
	args = make([]any, len(ids))
	at := make(map[int64]int, len(ids))
	for i, id := range ids {
		args[i], at[id] = id, i
	}
	// Without statistics SQLite prefers the unique key, whose rows it
	// must then read, each about a page of JSON; PostgreSQL plans well.
	from := "cooperation c"
	if db.engine == SQLite {
		from += " INDEXED BY cooperation_summary_idx"
	}
	found := make([]CoopSummary, len(ids))
	err = db.eachRow(ctx, "SELECT "+summaryCols+" FROM "+from+" WHERE c.id IN "+in, args,
		func(rows *sql.Rows) error {
			s, err := scanSummary(rows)
			found[at[s.ID]] = s
			return err
		})
	if err != nil {
		return nil, 0, err
	}
	// In ids order, without any cooperation gone since the ids were read.
	byID := make(map[int64]int, len(ids))
	for _, s := range found {
		if s.ID != 0 {
			byID[s.ID] = len(out)
			out = append(out, s)
		}
	}
	if err := db.fillSummaries(ctx, out, byID); err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// fillSummaries loads the parties and urusan of a page, one query each.
func (db *DB) fillSummaries(ctx context.Context, out []CoopSummary, byID map[int64]int) error {
	in := "(" + strings.Repeat("?, ", len(out)-1) + "?)"
	ids := make([]any, len(out))
	for i, s := range out {
		ids[i] = s.ID
	}
	err := db.eachRow(ctx, `SELECT cooperation_id, party_key, kind, region_code, org_id, name, initiator
		FROM cooperation_party WHERE cooperation_id IN `+in+" ORDER BY cooperation_id, pos", ids,
		func(rows *sql.Rows) error {
			var id int64
			var p PartySummary
			var region sql.NullString
			var org sql.NullInt64
			if err := rows.Scan(&id, &p.Key, &p.Kind, &region, &org, &p.Name, &p.Initiator); err != nil {
				return err
			}
			p.Region, p.OrgID = region.String, org.Int64
			s := &out[byID[id]]
			s.Parties = append(s.Parties, p)
			return nil
		})
	if err != nil {
		return err
	}
	return db.eachRow(ctx, "SELECT cooperation_id, urusan FROM cooperation_urusan WHERE cooperation_id IN "+in+
		" ORDER BY cooperation_id, urusan", ids,
		func(rows *sql.Rows) error {
			var id int64
			var u string
			if err := rows.Scan(&id, &u); err != nil {
				return err
			}
			s := &out[byID[id]]
			s.Urusan = append(s.Urusan, u)
			return nil
		})
}

package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
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
// GetCooperation) that match f, and how many match in all. It makes two
// queries whatever the page size, the count and the page, whose rows carry
// their parties and urusan (cooperation.summary, see 0006); a cooperation
// without a summary costs two more, for its parties and urusan. A list the
// party indexes answer (see partyRangeOf) reads no row outside the page.
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
	if total <= max(f.Offset, 0) {
		return []CoopSummary{}, total, nil
	}
	args = append(args, pageLimit(f.Limit), max(f.Offset, 0))
	out, err := db.summaries(ctx, db.eachRow, "SELECT "+summaryCols+" FROM cooperation c WHERE "+w+
		" ORDER BY "+order+" LIMIT ? OFFSET ?", args)
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// summaryCols are the columns of cooperation c that scanSummary reads.
const summaryCols = `c.id, c.title, c.kind, c.stage, c.start_date, c.end_date, c.value_idr, c.sector,
	c.published, c.updated_at, c.version, c.summary`

// summaries runs q, a query of summaryCols, through each (eachRow, or
// eachCached for a fixed text) and fills in the parties and urusan of the
// rows without a summary from their tables.
func (db *DB) summaries(ctx context.Context, each eachFunc, q string, args []any) ([]CoopSummary, error) {
	out := []CoopSummary{}
	var missing []int
	err := each(ctx, q, args, func(rows *sql.Rows) error {
		s, ok, err := scanSummary(rows)
		if !ok {
			missing = append(missing, len(out))
		}
		out = append(out, s)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(missing) > 0 {
		if err := db.fillSummaries(ctx, out, missing); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// scanSummary reads summaryCols; ok is false when the row has no summary,
// so that its Parties and Urusan are still to be read.
func scanSummary(rows *sql.Rows) (s CoopSummary, ok bool, err error) {
	var start, end, summary sql.NullString
	err = rows.Scan(&s.ID, &s.Title, &s.Kind, &s.Stage, &start, &end, &s.ValueIDR, &s.Sector,
		&s.Published, &s.UpdatedAt, &s.Version, &summary)
	if err != nil {
		return s, true, err
	}
	if s.StartDate, err = scanDate(start); err != nil {
		return s, true, err
	}
	if s.EndDate, err = scanDate(end); err != nil {
		return s, true, err
	}
	s.UpdatedAt = s.UpdatedAt.UTC()
	if !summary.Valid {
		s.Parties, s.Urusan = []PartySummary{}, []string{}
		return s, false, nil
	}
	s.Parties, s.Urusan, err = decodeSummary(summary.String)
	return s, true, err
}

type eachFunc func(ctx context.Context, q string, args []any, scan func(*sql.Rows) error) error

// eachCached is eachRow through a statement kept prepared (see prepared).
func (db *DB) eachCached(ctx context.Context, q string, args []any, scan func(*sql.Rows) error) error {
	rows, err := db.queryCached(ctx, q, args...)
	if err != nil {
		return jalin.Wrap(err, "db.query")
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return jalin.Wrap(err, "db.query")
		}
	}
	return jalin.Wrap(rows.Err(), "db.query")
}

// partyRange is a list that an index of cooperation_party answers alone:
// the rows of one province (and stage), in end_key order, and a condition
// on a row that holds for some row of a cooperation exactly when the
// scope may see it.
type partyRange struct {
	where string // over cooperation_party p
	args  []any
	desc  bool // -end_date: latest end first, no end date still last
	// first: the condition holds on the cooperation's first_in_province
	// row whenever it holds on any, and where selects only those rows:
	// one row per cooperation, counted and paged without grouping.
	first bool
	// engine is where the page query runs (set by listByParty): SQLite is
	// told which index to read cooperation by.
	engine string
}

// partyRangeOf returns the partyRange of f in scope, if there is one: f
// filters by province and at most a stage, sorts by end date, and the
// scope's visibility (visibleCond) can be decided from a party row of that
// province. It can for All; for a Prefix scope of the province itself
// (every party in the range is in it) or of a region inside it (a party
// there is in the range too); and for the public (published is on every
// row). Visibility is a property of the cooperation, hence of its
// first_in_province row, in all of these but the Prefix of a region inside
// the province, where it is a property of some party: that range groups
// its rows by cooperation. An organisation's party, or a region outside
// the province, is not in the range: those lists take the general path.
func partyRangeOf(scope access.Scope, f CoopFilter) (partyRange, bool) {
	rest := f
	rest.Province, rest.Stage, rest.Sort, rest.Limit, rest.Offset = "", "", "", 0, 0
	rest.Today, rest.Query = workday.Date{}, strings.TrimSpace(f.Query)
	if f.Province == "" || rest != (CoopFilter{}) || !(f.Sort == "" || f.Sort == "end_date" || f.Sort == "-end_date") {
		return partyRange{}, false
	}
	r := partyRange{where: "p.province_code = ?", args: []any{f.Province}, desc: f.Sort == "-end_date", first: true}
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
		r.first = false
	case s.Prefix != "":
		return partyRange{}, false
	default:
		r.where += " AND p.published = TRUE"
	}
	if r.first {
		// Written as the partial indexes' own condition, which is what
		// lets SQLite use them.
		r.where += " AND p.first_in_province = TRUE"
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

// group is what makes the rows of r one per cooperation: nothing when r
// selects first_in_province rows, else grouping (a cooperation's rows in
// the range are adjacent, having one end_key).
func (r partyRange) group() string {
	if r.first {
		return ""
	}
	return " GROUP BY p.end_key, p.cooperation_id"
}

// countSQL counts the cooperations of r, and for -end_date those with an
// end date (0 otherwise).
func (r partyRange) countSQL() (string, []any) {
	if r.first && !r.desc {
		return "SELECT COUNT(*), 0 FROM cooperation_party p WHERE " + r.where, r.args
	}
	if r.first {
		return `SELECT COUNT(*), COALESCE(SUM(CASE WHEN p.end_key < ? THEN 1 ELSE 0 END), 0)
		FROM cooperation_party p WHERE ` + r.where, append([]any{noEndKey}, r.args...)
	}
	return `SELECT COUNT(*), COALESCE(SUM(CASE WHEN x.end_key < ? THEN 1 ELSE 0 END), 0)
		FROM (SELECT p.end_key FROM cooperation_party p WHERE ` + r.where + r.group() + ") x",
		append([]any{noEndKey}, r.args...)
}

// pageSQL selects summaryCols of a page of part of r, in no particular
// order: the ids from the party index, then each one's row from
// cooperation_list_idx.
func (r partyRange) pageSQL(part, limit, offset int) (string, []any) {
	cond, order := "", "p.end_key, p.cooperation_id"
	switch part {
	case partDated:
		cond, order = " AND p.end_key < "+strconv.Itoa(noEndKey), "p.end_key DESC, p.cooperation_id DESC"
	case partUndated:
		cond, order = " AND p.end_key = "+strconv.Itoa(noEndKey), "p.end_key DESC, p.cooperation_id DESC"
	}
	// Without statistics SQLite would rather read the rows by the unique
	// key, each about a page of JSON; PostgreSQL plans well.
	from := "cooperation c"
	if r.engine == SQLite {
		from += " INDEXED BY cooperation_list_idx"
	}
	return "SELECT " + summaryCols + " FROM (SELECT p.cooperation_id FROM cooperation_party p WHERE " + r.where +
			cond + r.group() + " ORDER BY " + order + " LIMIT ? OFFSET ?) x JOIN " + from +
			" ON c.id = x.cooperation_id",
		append(slices.Clip(r.args), limit, offset)
}

// listByParty is ListCooperations for a partyRange: the count from the
// index, then the page in one query (for -end_date across the dated and
// undated rows, a UNION ALL of both parts), put in order here.
func (db *DB) listByParty(ctx context.Context, r partyRange, limit, offset int) ([]CoopSummary, int, error) {
	r.engine = db.engine
	var total, dated int
	q, args := r.countSQL()
	if err := db.queryRowCached(ctx, q, args...).Scan(&total, &dated); err != nil {
		return nil, 0, jalin.Wrap(err, "db.query")
	}
	if total <= offset {
		return []CoopSummary{}, total, nil
	}
	var qs []string
	args = nil
	add := func(part, limit, offset int) {
		q, a := r.pageSQL(part, limit, offset)
		qs, args = append(qs, q), append(args, a...)
	}
	switch {
	case !r.desc:
		add(partAll, limit, offset)
	case offset < dated:
		add(partDated, min(limit, dated-offset), offset)
		if n := limit - (dated - offset); n > 0 && total > dated {
			add(partUndated, n, 0)
		}
	default:
		add(partUndated, limit, offset-dated)
	}
	out, err := db.summaries(ctx, db.eachCached, strings.Join(qs, " UNION ALL "), args)
	if err != nil {
		return nil, 0, err
	}
	slices.SortFunc(out, func(a, b CoopSummary) int {
		if n := cmp.Compare(btoi(a.EndDate.IsZero()), btoi(b.EndDate.IsZero())); n != 0 {
			return n // no end date last, either way
		}
		n := cmp.Or(a.EndDate.Compare(b.EndDate), cmp.Compare(a.ID, b.ID))
		if r.desc {
			return -n
		}
		return n
	})
	return out, total, nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// fillSummaries loads the parties and urusan of the rows at missing in
// out, one query each.
func (db *DB) fillSummaries(ctx context.Context, out []CoopSummary, missing []int) error {
	in := "(" + strings.Repeat("?, ", len(missing)-1) + "?)"
	ids := make([]any, len(missing))
	byID := make(map[int64]int, len(missing))
	for i, at := range missing {
		ids[i], byID[out[at].ID] = out[at].ID, at
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

// maxSummary is the longest cooperation.summary written, in bytes: it is
// in an index, whose entries PostgreSQL limits to about 2.7 KB. A longer
// one is NULL, and a list reads those parties from their tables.
const maxSummary = 1000

// summaryEscaper escapes the separators of cooperation.summary (see 0006).
var summaryEscaper = strings.NewReplacer(`\`, `\\`, `|`, `\|`, `;`, `\;`)

// encodeSummary returns cooperation.summary of c: its parties in order and
// its urusan in byte order, or nil when that is longer than maxSummary.
func encodeSummary(c *cooperation.Cooperation) any {
	var b strings.Builder
	for _, p := range c.Parties {
		var region, org string
		switch p.Kind {
		case cooperation.PartyRegion:
			region = p.Region
		case cooperation.PartyThirdParty:
			org = strconv.FormatInt(p.OrgID, 10)
		}
		initiator := "0"
		if p.Initiator {
			initiator = "1"
		}
		for _, f := range []string{p.Key(), string(p.Kind), region, org, initiator} {
			summaryEscaper.WriteString(&b, f)
			b.WriteByte('|')
		}
		summaryEscaper.WriteString(&b, p.Name)
		b.WriteByte(';')
	}
	urusan := dedupe(c.Urusan)
	slices.Sort(urusan)
	for _, u := range urusan {
		summaryEscaper.WriteString(&b, u)
		b.WriteByte(';')
	}
	if b.Len() > maxSummary {
		return nil
	}
	return b.String()
}

// decodeSummary reads cooperation.summary: records ending in ';' of
// fields separated by '|', six for a party and one for an urusan.
func decodeSummary(s string) ([]PartySummary, []string, error) {
	parties, urusan := []PartySummary{}, []string{}
	var fields [6]string
	n, start, escaped := 0, 0, false
	var field []byte // the field being read, once it has an escape
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; ch {
		case '\\':
			if !escaped {
				field, escaped = append(field[:0], s[start:i]...), true
			}
			if i++; i < len(s) {
				field = append(field, s[i])
			}
			continue
		case '|', ';':
			if n == len(fields) {
				return nil, nil, errSummary(s)
			}
			if fields[n] = s[start:i]; escaped {
				fields[n] = string(field)
			}
			n, start, escaped = n+1, i+1, false
			if ch == '|' {
				continue
			}
			switch n {
			case 1:
				urusan = append(urusan, fields[0])
			case 6:
				p := PartySummary{Key: fields[0], Kind: fields[1], Region: fields[2], Name: fields[5],
					Initiator: fields[4] == "1"}
				if fields[3] != "" {
					org, err := strconv.ParseInt(fields[3], 10, 64)
					if err != nil {
						return nil, nil, errSummary(s)
					}
					p.OrgID = org
				}
				parties = append(parties, p)
			default:
				return nil, nil, errSummary(s)
			}
			n = 0
		default:
			if escaped {
				field = append(field, ch)
			}
		}
	}
	if start != len(s) || n != 0 {
		return nil, nil, errSummary(s)
	}
	return parties, urusan, nil
}

func errSummary(s string) error {
	return jalin.Wrap(fmt.Errorf("cooperation summary %q malformed", s), "db.query")
}

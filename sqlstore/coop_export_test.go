package sqlstore

import (
	"context"
	"strings"
	"testing"

	"github.com/jalin-ksd/jalin/access"
)

// ExplainCoopList, for tests only, returns the query plan of the count and the page queries of
// ListCooperations, one line per step.
func ExplainCoopList(t testing.TB, db *DB, scope access.Scope, f CoopFilter) (count, page string) {
	t.Helper()
	w, args, err := db.coopWhere(scope, f)
	if err != nil {
		t.Fatal(err)
	}
	explain := "EXPLAIN QUERY PLAN "
	if db.Engine() == Postgres {
		explain = "EXPLAIN "
	}
	plan := func(q string, args ...any) string {
		var lines []string
		rows, err := db.Query(context.Background(), explain+q, args...)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			lines = append(lines, strings.TrimSpace(asString(vals[len(vals)-1])))
		}
		return strings.Join(lines, "\n")
	}
	count = plan("SELECT COUNT(*) FROM cooperation c WHERE "+w, args...)
	page = plan("SELECT c.id FROM cooperation c WHERE "+w+" ORDER BY "+coopOrders[f.Sort]+" LIMIT 50 OFFSET 100", args...)
	return count, page
}

func asString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	}
	return ""
}

// ExplainCoopListByParty, for tests only, returns the query plans of the
// count and of each page query of the party-index path of ListCooperations,
// and false when f in scope takes the general path.
func ExplainCoopListByParty(t testing.TB, db *DB, scope access.Scope, f CoopFilter) (plans []string, ok bool) {
	t.Helper()
	r, ok := partyRangeOf(scope, f)
	if !ok {
		return nil, false
	}
	explain := "EXPLAIN QUERY PLAN "
	if db.Engine() == Postgres {
		explain = "EXPLAIN "
	}
	plan := func(q string, args []any) string {
		var lines []string
		rows, err := db.Query(context.Background(), explain+q, args...)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			lines = append(lines, strings.TrimSpace(asString(vals[len(vals)-1])))
		}
		return strings.Join(lines, "\n")
	}
	plans = append(plans, plan(r.countSQL()))
	for _, part := range []int{partAll, partDated, partUndated} {
		plans = append(plans, plan(r.pageSQL(part, 50, 100)))
	}
	return plans, true
}

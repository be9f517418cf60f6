package sqlstore_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

// benchCoops is how many cooperations the benchmarks load.
const benchCoops = 100_000

// loadBenchCoops opens a database of engine, for tb (the parent benchmark,
// so that its sub-benchmarks share it), with the 38 provinces and 514
// regencies of the real reference's shape and benchCoops cooperations.
func loadBenchCoops(tb testing.TB, engine string) (*sqlstore.DB, []region.Region) {
	tb.Helper()
	ctx := context.Background()
	db := sqlstoretest.Open(tb, engine)
	rs := sqlstoretest.Regions([4]int{sqlstoretest.FullCounts[0], sqlstoretest.FullCounts[1], 0, 0})
	if err := db.LoadRegions(ctx, rs, "bench"); err != nil {
		tb.Fatal(err)
	}
	sqlstoretest.CreateOrgs(tb, db, rs)
	start := time.Now()
	if err := db.BulkLoadCooperations(ctx, sqlstoretest.Cooperations(benchCoops, 1, rs)); err != nil {
		tb.Fatal(err)
	}
	if engine == sqlstore.Postgres {
		// As autovacuum would before long; without the visibility map no
		// scan is index-only.
		if _, err := db.Exec(ctx, "VACUUM ANALYZE"); err != nil {
			tb.Fatal(err)
		}
	}
	tb.Logf("%s: loaded %d cooperations in %v", engine, benchCoops, time.Since(start).Round(time.Millisecond))
	return db, rs
}

func provinceCodes(rs []region.Region) []string {
	var out []string
	for _, r := range rs {
		if r.Level == region.Province {
			out = append(out, r.Code)
		}
	}
	return out
}

// BenchmarkListCooperations lists one page of 50 of a province's
// cooperations at a stage, by end date, at offsets 0 to 450, for a
// national user, for the province's own user, and for the user of one of
// its regencies (whose list groups party rows: see partyRangeOf).
func BenchmarkListCooperations(b *testing.B) {
	ctx := context.Background()
	stages := []cooperation.Stage{cooperation.Pelaksanaan, cooperation.Persiapan, cooperation.Penawaran,
		cooperation.Berakhir}
	for _, engine := range sqlstoretest.Engines {
		db, rs := loadBenchCoops(b, engine)
		provinces := provinceCodes(rs)
		for _, who := range []string{"national", "province-scope", "regency-scope"} {
			b.Run(engine+"/"+who, func(b *testing.B) {
				i, rows := 0, 0
				for b.Loop() {
					p := provinces[i%len(provinces)]
					scope := access.Scope{All: true}
					switch who {
					case "province-scope":
						scope = access.Scope{Prefix: p}
					case "regency-scope":
						scope = access.Scope{Prefix: p + ".01"}
					}
					page, _, err := db.ListCooperations(ctx, scope, sqlstore.CoopFilter{Province: p,
						Stage: stages[i%len(stages)], Sort: "end_date", Limit: 50, Offset: 50 * (i % 10)})
					if err != nil {
						b.Fatal(err)
					}
					rows += len(page)
					i++
				}
				b.ReportMetric(float64(rows)/float64(i), "rows/op")
			})
		}
	}
}

// BenchmarkGetCooperation reads one cooperation by id with its current
// documents, as a national user.
func BenchmarkGetCooperation(b *testing.B) {
	ctx := context.Background()
	for _, engine := range sqlstoretest.Engines {
		db, _ := loadBenchCoops(b, engine)
		b.Run(engine, func(b *testing.B) {
			i := 0
			for b.Loop() {
				id := int64(1 + (i*7919)%benchCoops)
				if _, err := db.GetCooperation(ctx, access.Scope{All: true}, id); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// TestListCooperationsPlan checks that a province's list (at a stage) by
// end date is read from the party index alone, without visiting
// cooperation or sorting, in every scope that allows it; and that the
// general path still starts from the party index.
func TestListCooperationsPlan(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		rs := sqlstoretest.Regions([4]int{38, 514, 0, 0})
		if err := db.LoadRegions(ctx, rs, "test"); err != nil {
			t.Fatal(err)
		}
		sqlstoretest.CreateOrgs(t, db, rs)
		if err := db.BulkLoadCooperations(ctx, sqlstoretest.Cooperations(20_000, 1, rs)); err != nil {
			t.Fatal(err)
		}
		analyze := "ANALYZE"
		// SQLite must not sort either; PostgreSQL may sort the few hundred
		// rows of a range when it finds that cheaper than walking the index.
		bad := []string{"SCAN c", "SCAN p", "TEMP B-TREE"}
		if db.Engine() == sqlstore.Postgres {
			// The visibility map, without which no scan is index-only.
			analyze, bad = "VACUUM ANALYZE", []string{"Seq Scan", "cooperation_pkey"}
		}
		if _, err := db.Exec(ctx, analyze); err != nil {
			t.Fatal(err)
		}
		for _, f := range []sqlstore.CoopFilter{
			{Province: "12", Stage: cooperation.Pelaksanaan},
			{Province: "12", Stage: cooperation.Pelaksanaan, Sort: "-end_date"},
			{Province: "12"},
			{Province: "12", Sort: "-end_date"},
		} {
			for _, s := range []access.Scope{{All: true}, {Prefix: "12"}, {Prefix: "12.03"}, {PublicOnly: true}, {}} {
				// A cooperation's first_in_province row, through the partial
				// index of those rows, without grouping; a regency's list
				// groups the rows of the whole range.
				index, grouped := "cooperation_party_first_end_idx", false
				if s.Prefix == "12.03" {
					index, grouped = "cooperation_party_province_end_idx", true
				}
				if f.Stage != "" {
					index = strings.Replace(index, "_end_idx", "_stage_end_idx", 1)
				}
				plans, ok := sqlstore.ExplainCoopListByParty(t, db, s, f)
				if !ok {
					t.Errorf("%+v %+v takes the general path", s, f)
					continue
				}
				for i, plan := range plans {
					if !strings.Contains(plan, index) || containsAny(plan, bad) {
						t.Errorf("%+v %+v: plan does not read %s alone:\n%s", s, f, index, plan)
					}
					// PostgreSQL shows grouping; SQLite does not when the
					// index order does it.
					if !grouped && containsAny(plan, []string{"Group", "HashAggregate", "GROUP BY"}) {
						t.Errorf("%+v %+v: plan groups:\n%s", s, f, plan)
					}
					// The page's rows, parties and urusan come from the list
					// index of cooperation, one search per row.
					if i > 0 && !containsAny(plan, []string{"COVERING INDEX cooperation_list_idx (id=?)",
						"Index Only Scan using cooperation_list_idx on cooperation c"}) {
						t.Errorf("%+v %+v: page does not read cooperation_list_idx alone:\n%s", s, f, plan)
					}
				}
			}
			for _, s := range []access.Scope{{All: true}, {Prefix: "12.03"}} {
				t.Logf("%+v %+v:\n%s", s, f, strings.Join(must(sqlstore.ExplainCoopListByParty(t, db, s, f)), "\n--\n"))
			}
		}
		for _, c := range []struct {
			s access.Scope
			f sqlstore.CoopFilter
		}{
			{access.Scope{OrgID: 1}, sqlstore.CoopFilter{Province: "12"}},
			{access.Scope{Prefix: "13"}, sqlstore.CoopFilter{Province: "12"}},
			{access.Scope{Prefix: "13.01"}, sqlstore.CoopFilter{Province: "12"}},
			{access.Scope{All: true}, sqlstore.CoopFilter{Province: "12", Sort: "updated"}},
			{access.Scope{All: true}, sqlstore.CoopFilter{Province: "12", Kind: cooperation.KindWajib}},
			{access.Scope{All: true}, sqlstore.CoopFilter{Province: "12", Query: "air"}},
			{access.Scope{All: true}, sqlstore.CoopFilter{Stage: cooperation.Pelaksanaan}},
		} {
			if _, ok := sqlstore.ExplainCoopListByParty(t, db, c.s, c.f); ok {
				t.Errorf("%+v %+v takes the party-index path", c.s, c.f)
			}
		}
		// GetCooperation's two queries (copied from coop.go) search unique
		// keys, the documents' in the order wanted. PostgreSQL may scan
		// the empty document table.
		for _, q := range []string{
			"SELECT c.id, c.data, c.created_at, c.updated_at, c.version FROM cooperation c WHERE c.id = ? AND 1 = 1",
			`SELECT id, doc_type, party_key FROM document_version
		WHERE cooperation_id = ? AND is_current = TRUE ORDER BY doc_type, party_key`,
		} {
			plan := explain(t, db, q, 1234)
			if db.Engine() == sqlstore.SQLite && (!strings.Contains(plan, "SEARCH") || containsAny(plan, bad)) ||
				strings.Contains(q, "FROM cooperation c") && !strings.Contains(plan, "cooperation_pkey") &&
					!strings.Contains(plan, "sqlite_autoindex_cooperation_1") {
				t.Errorf("by id:\n%s\n%s", q, plan)
			}
			t.Logf("by id:\n%s", plan)
		}
		f := sqlstore.CoopFilter{Province: "12", Stage: cooperation.Pelaksanaan, Kind: cooperation.KindWajib}
		for _, s := range []access.Scope{{All: true}, {Prefix: "12"}} {
			count, page := sqlstore.ExplainCoopList(t, db, s, f)
			t.Logf("general %+v count:\n%s\npage:\n%s", s, count, page)
			for _, plan := range []string{count, page} {
				if !strings.Contains(plan, "cooperation_party_province_stage_end_idx") || strings.Contains(plan, "SCAN c") ||
					strings.Contains(plan, "Seq Scan") {
					t.Errorf("plan does not use the party index:\n%s", plan)
				}
			}
		}
	})
}

// explain returns the plan of q, the detail column of each line.
func explain(t *testing.T, db *sqlstore.DB, q string, args ...any) string {
	t.Helper()
	prefix := "EXPLAIN QUERY PLAN "
	if db.Engine() == sqlstore.Postgres {
		prefix = "EXPLAIN "
	}
	rows, err := db.Query(context.Background(), prefix+q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var lines []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, strings.TrimSpace(fmt.Sprint(vals[len(vals)-1])))
	}
	return strings.Join(lines, "\n")
}

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

func must[T any](v T, ok bool) T { return v }

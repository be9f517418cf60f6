package sqlstore_test

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

func TestListCooperations(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		clock := coopFixture(t, db)
		d := cooperation.D
		mk := func(title string, kind cooperation.Kind, stage cooperation.Stage, start, end cooperation.Date,
			sector string, urusan []string, parties ...cooperation.Party) int64 {
			c := newCoop(title, parties...)
			c.Kind, c.Stage, c.StartDate, c.EndDate, c.Sector, c.Urusan = kind, stage, start, end, sector, urusan
			clock.Advance(time.Minute)
			return mustCoop(t, db, c).ID
		}
		z := cooperation.Date{}
		a := mk("Air Minum Bandung_Raya", cooperation.KindSukarela, cooperation.Pelaksanaan, d(2021, 1, 1), d(2025, 12, 31),
			"E", []string{"1.03"}, regionParty("32.73", true), regionParty("32.04", false))
		b := mk("Sampah 50% Surabaya", cooperation.KindWajib, cooperation.Pelaksanaan, d(2024, 6, 1), d(2025, 4, 15),
			"E", []string{"1.05", "1.03"}, regionParty("35.78", true), regionParty("32.73", false))
		c := mk("PARIWISATA Bali", cooperation.KindKSDPK, cooperation.Penawaran, d(2026, 1, 1), z,
			"I", nil, regionParty("51.71", true), orgParty(1))
		e := mk("Jalan Provinsi", cooperation.KindSukarela, cooperation.Persiapan, z, z,
			"H", []string{"1.03"}, regionParty("32", true), regionParty("35", false))
		f := mk("Air Bersih Denpasar", cooperation.KindWajib, cooperation.Berakhir, d(2019, 1, 1), d(2020, 12, 31),
			"E", []string{"1.01"}, regionParty("51.71", true), regionParty("51", false))
		today := d(2025, 3, 1)
		for _, tc := range []struct {
			name string
			f    sqlstore.CoopFilter
			want []int64
		}{
			{"all by end date, none last", sqlstore.CoopFilter{}, []int64{f, b, a, c, e}},
			{"-end_date, none last", sqlstore.CoopFilter{Sort: "-end_date"}, []int64{a, b, f, e, c}},
			{"updated", sqlstore.CoopFilter{Sort: "updated"}, []int64{f, e, c, b, a}},
			{"title", sqlstore.CoopFilter{Sort: "title"}, []int64{f, a, e, c, b}},
			{"kind", sqlstore.CoopFilter{Kind: cooperation.KindWajib}, []int64{f, b}},
			{"stage", sqlstore.CoopFilter{Stage: cooperation.Pelaksanaan}, []int64{b, a}},
			{"province", sqlstore.CoopFilter{Province: "32"}, []int64{b, a, e}},
			{"province and stage", sqlstore.CoopFilter{Province: "32", Stage: cooperation.Pelaksanaan}, []int64{b, a}},
			{"partner province", sqlstore.CoopFilter{Partner: "51"}, []int64{f, c}},
			{"partner regency", sqlstore.CoopFilter{Partner: "32.73"}, []int64{b, a}},
			{"partner province party only", sqlstore.CoopFilter{Partner: "35"}, []int64{b, e}},
			{"partner org", sqlstore.CoopFilter{Partner: "org:1"}, []int64{c}},
			{"urusan", sqlstore.CoopFilter{Urusan: "1.03"}, []int64{b, a, e}},
			{"sector", sqlstore.CoopFilter{Sector: "E"}, []int64{f, b, a}},
			{"year 2025", sqlstore.CoopFilter{Year: 2025}, []int64{b, a}},
			{"year 2026 open end", sqlstore.CoopFilter{Year: 2026}, []int64{c}},
			{"year 2020", sqlstore.CoopFilter{Year: 2020}, []int64{f}},
			{"expiring 60 days", sqlstore.CoopFilter{ExpiringWithin: 60, Today: today}, []int64{b}},
			{"expiring 365 days", sqlstore.CoopFilter{ExpiringWithin: 365, Today: today}, []int64{b, a}},
			{"query any case", sqlstore.CoopFilter{Query: "air"}, []int64{f, a}},
			{"query escapes %", sqlstore.CoopFilter{Query: "50%"}, []int64{b}},
			{"query escapes _", sqlstore.CoopFilter{Query: "a_r"}, []int64{}},
			{"query with _", sqlstore.CoopFilter{Query: "g_r"}, []int64{a}},
			{"combined", sqlstore.CoopFilter{Province: "32", Urusan: "1.03", Kind: cooperation.KindSukarela}, []int64{a, e}},
		} {
			list, total, err := db.ListCooperations(ctx, national, tc.f)
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			got := []int64{}
			for _, s := range list {
				got = append(got, s.ID)
			}
			if !reflect.DeepEqual(got, tc.want) || total != len(tc.want) {
				t.Errorf("%s: got %v (total %d), want %v", tc.name, got, total, tc.want)
			}
		}
		list, _, _ := db.ListCooperations(ctx, national, sqlstore.CoopFilter{Partner: "35.78"})
		if len(list) != 1 {
			t.Fatalf("list %+v", list)
		}
		s := list[0]
		wantParties := []sqlstore.PartySummary{
			{Key: "35.78", Kind: "region", Region: "35.78", Name: "Pemda 35.78", Initiator: true},
			{Key: "32.73", Kind: "region", Region: "32.73", Name: "Pemda 32.73"},
		}
		if s.Title != "Sampah 50% Surabaya" || s.Kind != cooperation.KindWajib || s.EndDate != d(2025, 4, 15) ||
			s.StartDate != d(2024, 6, 1) || s.Sector != "E" || s.Version != 1 || s.UpdatedAt.IsZero() ||
			!reflect.DeepEqual(s.Parties, wantParties) || !reflect.DeepEqual(s.Urusan, []string{"1.03", "1.05"}) {
			t.Errorf("summary %+v", s)
		}
		list, _, _ = db.ListCooperations(ctx, national, sqlstore.CoopFilter{Partner: "org:1"})
		if len(list) != 1 || list[0].Parties[1].OrgID != 1 || list[0].Parties[1].Key != "org:1" ||
			len(list[0].Urusan) != 0 {
			t.Errorf("org summary %+v", list)
		}
		for _, bad := range []sqlstore.CoopFilter{{Sort: "id"}, {Partner: "org:x"}} {
			_, _, err := db.ListCooperations(ctx, national, bad)
			wantCode(t, err, jalin.EInvalid, "", "")
		}
	})
}

func TestListCooperationsPages(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		rs := sqlstoretest.Regions([4]int{6, 30, 0, 0})
		if err := db.LoadRegions(ctx, rs, "test"); err != nil {
			t.Fatal(err)
		}
		sqlstoretest.CreateOrgs(t, db, rs)
		cs := sqlstoretest.Cooperations(1234, 7, rs)
		if err := db.BulkLoadCooperations(ctx, cs); err != nil {
			t.Fatal(err)
		}
		f := sqlstore.CoopFilter{Province: "12", Limit: 100}
		seen := map[int64]bool{}
		var prev cooperation.Date
		prevNull := false
		total := -1
		for f.Offset = 0; ; f.Offset += f.Limit {
			page, n, err := db.ListCooperations(ctx, national, f)
			if err != nil {
				t.Fatal(err)
			}
			if total >= 0 && n != total {
				t.Fatalf("total changed %d -> %d", total, n)
			}
			total = n
			if len(page) == 0 {
				break
			}
			for _, s := range page {
				if seen[s.ID] {
					t.Fatalf("%d twice", s.ID)
				}
				seen[s.ID] = true
				null := s.EndDate.IsZero()
				if prevNull && !null || !null && s.EndDate.Before(prev) {
					t.Fatalf("order broken at %d: %v after %v", s.ID, s.EndDate, prev)
				}
				prev, prevNull = s.EndDate, null
			}
		}
		var want int
		for _, c := range cs {
			for _, p := range c.Parties {
				if len(p.Region) >= 2 && p.Region[:2] == "12" {
					want++
					break
				}
			}
		}
		if total != want || len(seen) != want || !prevNull {
			t.Errorf("total %d, paged %d, want %d (last without end date: %v)", total, len(seen), want, prevNull)
		}
		if page, _, _ := db.ListCooperations(ctx, national, sqlstore.CoopFilter{Limit: 10_000}); len(page) != 500 {
			t.Errorf("limit capped to %d", len(page))
		}
		if page, _, _ := db.ListCooperations(ctx, national, sqlstore.CoopFilter{}); len(page) != 50 {
			t.Errorf("default limit %d", len(page))
		}
		c, err := db.GetCooperation(ctx, national, 1234)
		if err != nil || c.Title != cs[1233].Title || c.EndDate != cs[1233].EndDate {
			t.Errorf("bulk-loaded %+v, %v", c, err)
		}
	})
}

// TestListCooperationsByPartyScopes pages through a province's list (at a
// stage), by end date both ways, in scopes that take the party-index path
// and scopes that do not, against visibility and order computed here from
// the cooperations themselves, after saves that change the copies the
// party rows keep (published, end date, stage).
func TestListCooperationsByPartyScopes(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		rs := sqlstoretest.Regions([4]int{6, 30, 60, 0})
		if err := db.LoadRegions(ctx, rs, "test"); err != nil {
			t.Fatal(err)
		}
		sqlstoretest.CreateOrgs(t, db, rs)
		cs := sqlstoretest.Cooperations(1500, 3, rs)
		if err := db.BulkLoadCooperations(ctx, cs); err != nil {
			t.Fatal(err)
		}
		for i := range cs {
			cs[i].ID = int64(i + 1)
		}
		// Saves through the ordinary path: publish or withdraw, move or
		// drop the end date, move the stage, add a district party.
		for i := 0; i < len(cs); i += 17 {
			c := &cs[i]
			change := func(x *cooperation.Cooperation) (*cooperation.Event, error) {
				x.Published = !x.Published
				switch {
				case i%3 == 0:
					x.EndDate = cooperation.Date{}
				case x.EndDate.IsZero():
					x.EndDate = cooperation.D(2027, 6, 30)
				default:
					x.EndDate = x.EndDate.AddDays(-400)
				}
				if i%2 == 0 {
					x.Stage = cooperation.Pelaksanaan
				}
				if i%5 == 0 {
					x.Parties = append(x.Parties, cooperation.Party{Kind: cooperation.PartyRegion,
						Region: "12.03.01", Name: "Kecamatan 12.03.01"})
				}
				// Which party is a cooperation's first in its province
				// (first_in_province) moves when the parties are reordered,
				// or when the first one leaves.
				switch {
				case i%7 == 0:
					slices.Reverse(x.Parties)
				case i%11 == 0 && len(x.Parties) > 1:
					x.Parties = x.Parties[1:]
				case i%13 == 0:
					x.Parties = append([]cooperation.Party{{Kind: cooperation.PartyRegion, Region: "12.04",
						Name: "Kab | 12.04; \\ 2"}}, x.Parties...)
				}
				x.Urusan = append(x.Urusan, "9.99;|")
				*c = *x
				return nil, nil
			}
			if _, err := db.UpdateCooperation(ctx, national, c.ID, 1, change, sqlstore.AuditMeta{}); err != nil {
				t.Fatal(err)
			}
		}
		visible := func(s access.Scope, c cooperation.Cooperation) bool {
			switch {
			case s.All:
				return true
			case c.Published:
				return true
			}
			for _, p := range c.Parties {
				if s.OrgID != 0 && p.OrgID == s.OrgID || !s.All && s.OrgID == 0 && s.Prefix != "" &&
					p.Kind == cooperation.PartyRegion && s.Covers(p.Region) {
					return true
				}
			}
			return false
		}
		inProvince := func(c cooperation.Cooperation, prov string) bool {
			for _, p := range c.Parties {
				if p.Kind == cooperation.PartyRegion && strings.HasPrefix(p.Region, prov) {
					return true
				}
			}
			return false
		}
		byEnd := func(desc bool) func(a, b cooperation.Cooperation) int {
			return func(a, b cooperation.Cooperation) int {
				if n := cmp.Compare(btoi(a.EndDate.IsZero()), btoi(b.EndDate.IsZero())); n != 0 {
					return n
				}
				n := a.EndDate.Compare(b.EndDate)
				if n == 0 {
					n = cmp.Compare(a.ID, b.ID)
				}
				if desc {
					return -n
				}
				return n
			}
		}
		scopes := []access.Scope{national, {Prefix: "12"}, {Prefix: "12.03"}, {Prefix: "12.03.01"}, {Prefix: "12.99"},
			{Prefix: "13"}, {Prefix: "13.02"}, {Prefix: "1"}, {OrgID: 3}, {PublicOnly: true}, {}}
		for _, s := range scopes {
			for _, stage := range []cooperation.Stage{"", cooperation.Pelaksanaan, cooperation.Persiapan} {
				for _, sort := range []string{"", "end_date", "-end_date"} {
					f := sqlstore.CoopFilter{Province: "12", Stage: stage, Sort: sort, Limit: 37}
					var want []int64
					sorted := slices.Clone(cs)
					slices.SortFunc(sorted, byEnd(sort == "-end_date"))
					for _, c := range sorted {
						if visible(s, c) && inProvince(c, "12") && (stage == "" || c.Stage == stage) {
							want = append(want, c.ID)
						}
					}
					var got []int64
					for f.Offset = 0; f.Offset <= len(want); f.Offset += f.Limit {
						page, total, err := db.ListCooperations(ctx, s, f)
						if err != nil {
							t.Fatal(err)
						}
						if total != len(want) {
							t.Fatalf("%+v %+v: total %d, want %d", s, f, total, len(want))
						}
						for _, c := range page {
							got = append(got, c.ID)
							if want := cs[c.ID-1]; c.EndDate != want.EndDate || c.Published != want.Published ||
								c.Stage != want.Stage || !reflect.DeepEqual(c.Parties, partySummaries(want)) ||
								!slices.Equal(c.Urusan, sortedUrusan(want)) {
								t.Fatalf("%+v %+v: summary %+v of %+v", s, f, c, want)
							}
						}
					}
					if !slices.Equal(got, want) {
						t.Errorf("%+v %+v:\n got %v\nwant %v", s, f, got, want)
					}
				}
			}
		}
	})
}

// partySummaries are the PartySummary values a list shows of c.
func partySummaries(c cooperation.Cooperation) []sqlstore.PartySummary {
	out := []sqlstore.PartySummary{}
	for _, p := range c.Parties {
		s := sqlstore.PartySummary{Key: p.Key(), Kind: string(p.Kind), Name: p.Name, Initiator: p.Initiator}
		switch p.Kind {
		case cooperation.PartyRegion:
			s.Region = p.Region
		case cooperation.PartyThirdParty:
			s.OrgID = p.OrgID
		}
		out = append(out, s)
	}
	return out
}

// sortedUrusan is c's urusan as a list shows them: once each, in order.
func sortedUrusan(c cooperation.Cooperation) []string {
	out := []string{}
	for _, u := range c.Urusan {
		if u != "" && !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	slices.Sort(out)
	return out
}

// TestCoopSummary checks the parties and urusan a list shows, kept in
// cooperation.summary: separators in names escaped, a summary too long for
// the index left out (and read from the tables), on create, update and
// bulk load; and that the backfill of migration 0006 writes, in SQL, the
// same summary and first_in_province flags as the Go code.
func TestCoopSummary(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		coopFixture(t, db)
		long := strings.Repeat("Kabupaten Panjang ", 70) // over the summary's cap
		odd := newCoop("Odd names", regionParty("32.73", true),
			cooperation.Party{Kind: cooperation.PartyRegion, Region: "32.04", Name: `a|b;c\d\|;`},
			regionParty("35.78", false), orgParty(1))
		odd.Urusan = []string{"1.05", `x;y|z\`, "1.03", "1.05"}
		a := mustCoop(t, db, odd)
		b := mustCoop(t, db, newCoop("Long name", cooperation.Party{Kind: cooperation.PartyRegion,
			Region: "32.73", Name: long, Initiator: true}))
		e := mustCoop(t, db, newCoop("No parties"))
		bulk := []cooperation.Cooperation{odd, newCoop("Bulk long", cooperation.Party{Kind: cooperation.PartyRegion,
			Region: "51.71", Name: long})}
		if err := db.BulkLoadCooperations(ctx, bulk); err != nil {
			t.Fatal(err)
		}
		// An update that moves the long name to a short one, and back.
		shorten := func(c *cooperation.Cooperation) (*cooperation.Event, error) {
			c.Parties[0].Name, c.Urusan = "Pendek", []string{"2.01"}
			b.Parties, b.Urusan = c.Parties, c.Urusan
			return nil, nil
		}
		if _, err := db.UpdateCooperation(ctx, national, b.ID, 1, shorten, sqlstore.AuditMeta{}); err != nil {
			t.Fatal(err)
		}
		want := map[int64]cooperation.Cooperation{a.ID: odd, b.ID: b, e.ID: e, e.ID + 1: odd, e.ID + 2: bulk[1]}
		check := func(when string) {
			t.Helper()
			list, total, err := db.ListCooperations(ctx, national, sqlstore.CoopFilter{Sort: "title"})
			if err != nil || total != len(want) {
				t.Fatalf("%s: %d, %v", when, total, err)
			}
			for _, s := range list {
				w := want[s.ID]
				if !reflect.DeepEqual(s.Parties, partySummaries(w)) || !slices.Equal(s.Urusan, sortedUrusan(w)) {
					t.Errorf("%s: %d: parties %+v urusan %q, want %+v %q", when, s.ID, s.Parties, s.Urusan,
						partySummaries(w), sortedUrusan(w))
				}
			}
			// The fast path reads the summary too.
			list, _, err = db.ListCooperations(ctx, national, sqlstore.CoopFilter{Province: "32"})
			if err != nil || len(list) != 3 {
				t.Fatalf("%s: province list %+v, %v", when, list, err)
			}
			for _, s := range list {
				if w := want[s.ID]; !reflect.DeepEqual(s.Parties, partySummaries(w)) {
					t.Errorf("%s: %d: parties %+v, want %+v", when, s.ID, s.Parties, partySummaries(w))
				}
			}
		}
		check("written")

		// The backfill: what Go wrote, then the columns spoilt and the
		// migration's UPDATEs run again.
		type state struct {
			summary map[int64]string
			first   map[string]bool
		}
		read := func() state {
			st := state{map[int64]string{}, map[string]bool{}}
			rows, err := db.Query(ctx, "SELECT id, COALESCE(summary, 'NULL') FROM cooperation")
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var id int64
				var s string
				if err := rows.Scan(&id, &s); err != nil {
					t.Fatal(err)
				}
				st.summary[id] = s
			}
			rows.Close()
			rows, err = db.Query(ctx, "SELECT cooperation_id, party_key, first_in_province FROM cooperation_party")
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			for rows.Next() {
				var id int64
				var key string
				var first bool
				if err := rows.Scan(&id, &key, &first); err != nil {
					t.Fatal(err)
				}
				st.first[fmt.Sprint(id, "/", key)] = first
			}
			return st
		}
		before := read()
		if n := len(before.first); n != 10 {
			t.Fatalf("%d party rows", n)
		}
		if before.summary[e.ID+2] != "NULL" || before.summary[e.ID] != "" {
			t.Errorf("summaries %v", before.summary)
		}
		if _, err := db.Exec(ctx, "UPDATE cooperation SET summary = 'x'"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, "UPDATE cooperation_party SET first_in_province = NOT first_in_province"); err != nil {
			t.Fatal(err)
		}
		for _, q := range backfill0006(t) {
			if _, err := db.Exec(ctx, q); err != nil {
				t.Fatalf("%v\n%s", err, q)
			}
		}
		if after := read(); !reflect.DeepEqual(after, before) {
			t.Errorf("backfill:\n got %v\nwant %v", after, before)
		}
		check("backfilled")
	})
}

// TestListCooperationsConcurrent runs lists and reads by id from many
// goroutines on one database, through the prepared statements the DB
// keeps and re-prepares on each pooled connection (run it with -race),
// and checks that Close closes them: calls after it fail, none panics.
func TestListCooperationsConcurrent(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		rs := sqlstoretest.Regions([4]int{6, 30, 0, 0})
		if err := db.LoadRegions(ctx, rs, "test"); err != nil {
			t.Fatal(err)
		}
		sqlstoretest.CreateOrgs(t, db, rs)
		if err := db.BulkLoadCooperations(ctx, sqlstoretest.Cooperations(600, 5, rs)); err != nil {
			t.Fatal(err)
		}
		filters := []sqlstore.CoopFilter{{Province: "12", Stage: cooperation.Pelaksanaan},
			{Province: "13", Sort: "-end_date", Offset: 20, Limit: 30}, {Province: "12"}}
		scopes := []access.Scope{national, {Prefix: "12"}, {Prefix: "12.03"}, {PublicOnly: true}}
		list := func(i int) ([]int64, error) {
			page, total, err := db.ListCooperations(ctx, scopes[i%len(scopes)], filters[i%len(filters)])
			ids := []int64{int64(total)}
			for _, s := range page {
				ids = append(ids, s.ID)
			}
			if err == nil {
				_, err = db.GetCooperation(ctx, national, int64(1+i%600))
			}
			return ids, err
		}
		n := len(scopes) * len(filters)
		want := make([][]int64, n)
		for i := range n {
			var err error
			if want[i], err = list(i); err != nil {
				t.Fatal(err)
			}
		}
		var wg sync.WaitGroup
		for g := range 8 {
			wg.Go(func() {
				for i := g; i < g+40; i++ {
					got, err := list(i)
					if err != nil || !slices.Equal(got, want[i%n]) {
						t.Errorf("%d: %v, %v; want %v", i, got, err, want[i%n])
						return
					}
				}
			})
		}
		wg.Wait()
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		if _, err := list(0); err == nil {
			t.Error("list after Close")
		}
	})
}

// backfill0006 returns the UPDATE statements of migration 0006.
func backfill0006(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("migrations/0006_coop_list_speed2.sql")
	if err != nil {
		t.Fatal(err)
	}
	up, _, _ := strings.Cut(string(b), "-- +goose Down")
	var out []string
	for _, q := range strings.Split(up, ";\n") {
		if q = strings.TrimSpace(q); strings.HasPrefix(q, "UPDATE") {
			out = append(out, q)
		}
	}
	if len(out) != 3 {
		t.Fatalf("%d UPDATE statements in 0006", len(out))
	}
	return out
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

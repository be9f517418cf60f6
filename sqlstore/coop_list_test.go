package sqlstore_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin"
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

package sqlstore_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
	"github.com/jalin-ksd/jalin/workday"
)

func TestHolidays(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		coopFixture(t, db)
		d1 := workday.Day{Date: workday.NewDate(2026, 3, 20), Kind: workday.KindCollectiveLeave,
			NameID: "Cuti bersama Idulfitri", NameEN: "Eid leave", Source: "SKB 3 Menteri 2025"}
		d2 := workday.Day{Date: workday.NewDate(2026, 1, 2), Kind: workday.KindWorkday, NameID: "Dibatalkan"}
		for _, d := range []workday.Day{d1, d2} {
			if err := db.AddHoliday(ctx, d, admin); err != nil {
				t.Fatal(err)
			}
		}
		d1.NameEN = "Eid al-Fitr leave" // an upsert replaces the day
		if err := db.AddHoliday(ctx, d1, admin); err != nil {
			t.Fatal(err)
		}
		got, err := db.ExtraHolidays(ctx)
		if err != nil || !reflect.DeepEqual(got, []workday.Day{d2, d1}) {
			t.Fatalf("extra = %+v, %v", got, err)
		}
		err = db.AddHoliday(ctx, workday.Day{Date: d1.Date, Kind: "libur"}, admin)
		wantCode(t, err, jalin.EInvalid, "", "name_id")
		if err := db.DeleteHoliday(ctx, d2.Date, admin); err != nil {
			t.Fatal(err)
		}
		wantNotFound(t, db.DeleteHoliday(ctx, d2.Date, admin))
		if got, _ := db.ExtraHolidays(ctx); !reflect.DeepEqual(got, []workday.Day{d1}) {
			t.Errorf("after delete %+v", got)
		}
		recs, _ := db.AuditHistory(ctx, national, "holiday", "2026-03-20", 10)
		if len(recs) != 2 || recs[0].Action != "holiday.add" || recs[0].Before == nil {
			t.Errorf("audit %+v", recs)
		}
		if recs, _ := db.AuditHistory(ctx, national, "holiday", "2026-01-02", 10); len(recs) != 2 ||
			recs[0].Action != "holiday.delete" {
			t.Errorf("delete audit %+v", recs)
		}
	})
}

func TestParamVersions(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		coopFixture(t, db)
		vs, err := db.ParamVersions(ctx)
		if err != nil || len(vs) != 1 || !reflect.DeepEqual(vs[0], cooperation.Defaults()) {
			t.Fatalf("versions %+v, %v", vs, err)
		}
		p := cooperation.Defaults()
		p.Version, p.EffectiveFrom = "2026-revisi", workday.NewDate(2026, 7, 1)
		v := p.Values[cooperation.POfferAnswer]
		v.Value, v.Confidence, v.Unverified, v.Source = 14, cooperation.Confirmed, false, "Permendagri 1/2026"
		p.Values[cooperation.POfferAnswer] = v
		if err := db.SaveParamVersion(ctx, p, admin); err != nil {
			t.Fatal(err)
		}
		vs, _ = db.ParamVersions(ctx)
		if len(vs) != 2 || !reflect.DeepEqual(vs[1], p) || vs[0].Int(cooperation.POfferAnswer) != 30 {
			t.Fatalf("versions %+v", vs)
		}
		if got := cooperation.ParamsFor(vs, workday.NewDate(2026, 8, 1)); got.Int(cooperation.POfferAnswer) != 14 {
			t.Errorf("in force: %+v", got)
		}
		// Not used yet: it may be replaced.
		v.Value = 20
		p.Values[cooperation.POfferAnswer] = v
		if err := db.SaveParamVersion(ctx, p, admin); err != nil {
			t.Fatal(err)
		}
		c := newCoop("Baru", regionParty("32", true), regionParty("35", false))
		c.RuleVersion = p.Version
		mustCoop(t, db, c)
		err = db.SaveParamVersion(ctx, p, admin)
		wantCode(t, err, jalin.EConflict, "params.version_in_use", "version")

		incomplete := cooperation.Params{Version: "x", EffectiveFrom: p.EffectiveFrom,
			Values: map[string]cooperation.Param{cooperation.POfferAnswer: v}}
		wantCode(t, db.SaveParamVersion(ctx, incomplete, admin), jalin.EInvalid, "params.incomplete", "values")
		wantCode(t, db.SaveParamVersion(ctx, cooperation.Defaults(), admin), jalin.EInvalid, "", "version")
		vs, _ = db.ParamVersions(ctx)
		if len(vs) != 2 || vs[1].Int(cooperation.POfferAnswer) != 20 {
			t.Errorf("after refusals %+v", vs)
		}
		recs, _ := db.AuditHistory(ctx, national, "params", p.Version, 10)
		if len(recs) != 2 || recs[0].Action != "params.replace" || recs[1].Action != "params.save" {
			t.Errorf("audit %+v", recs)
		}
	})
}

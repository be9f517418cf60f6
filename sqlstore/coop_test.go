package sqlstore_test

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

// coopFixture loads three provinces with regencies (32: 32.73, 32.04; 35:
// 35.78; 51: 51.71), two organisations (ids 1 and 2) and sets the clock.
func coopFixture(t testing.TB, db *sqlstore.DB) *testClock {
	t.Helper()
	ctx := context.Background()
	rs := []region.Region{
		{Code: "32", Name: "Jawa Barat", Level: region.Province, Kind: region.KindProvince},
		{Code: "32.04", Name: "Kabupaten Bandung", Level: region.Regency, Kind: region.KindKabupaten, Parent: "32"},
		{Code: "32.73", Name: "Kota Bandung", Level: region.Regency, Kind: region.KindKota, Parent: "32"},
		{Code: "35", Name: "Jawa Timur", Level: region.Province, Kind: region.KindProvince},
		{Code: "35.78", Name: "Kota Surabaya", Level: region.Regency, Kind: region.KindKota, Parent: "35"},
		{Code: "51", Name: "Bali", Level: region.Province, Kind: region.KindProvince},
		{Code: "51.71", Name: "Kota Denpasar", Level: region.Regency, Kind: region.KindKota, Parent: "51"},
	}
	if err := db.LoadRegions(ctx, rs, "test"); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"PT Air Bersih", "Universitas Contoh"} {
		if _, err := db.CreateOrg(ctx, sqlstore.Org{Name: name, Kind: sqlstore.OrgCompany, Region: "32"}, admin); err != nil {
			t.Fatal(err)
		}
	}
	c := &testClock{t: t0}
	db.SetNow(c.Now)
	return c
}

func regionParty(code string, initiator bool) cooperation.Party {
	return cooperation.Party{Kind: cooperation.PartyRegion, Region: code, Name: "Pemda " + code, Initiator: initiator}
}

func orgParty(id int64) cooperation.Party {
	return cooperation.Party{Kind: cooperation.PartyThirdParty, OrgID: id, Name: "Org", ThirdPartyType: cooperation.BadanUsaha}
}

// newCoop returns a KSDD sukarela in persiapan between parties.
func newCoop(title string, parties ...cooperation.Party) cooperation.Cooperation {
	return cooperation.Cooperation{Title: title, Kind: cooperation.KindSukarela, Stage: cooperation.Persiapan,
		Parties: parties, RuleVersion: cooperation.Defaults().Version}
}

func mustCoop(t testing.TB, db *sqlstore.DB, c cooperation.Cooperation) cooperation.Cooperation {
	t.Helper()
	got, err := db.CreateCooperation(context.Background(), c, admin)
	if err != nil {
		t.Fatalf("create %q: %v", c.Title, err)
	}
	return got
}

// fullCoop fills (nearly) every field, pointers and nested dates included.
func fullCoop() cooperation.Cooperation {
	d := cooperation.D
	sig := &cooperation.Signature{SignerName: "Ridwan", Office: "Wali Kota", On: d(2025, 2, 3)}
	p1 := regionParty("32.73", true)
	p1.KB, p1.Answer, p1.DPRD, p1.AnsweredAt = sig, cooperation.AnswerAccepted, cooperation.DPRDApproved, t0
	p1.DPRDDecision = cooperation.Record{Ref: "KEP/1", Date: d(2025, 1, 20)}
	p1.Liaisons = []cooperation.Liaison{{Name: "Ani", NIPOrNIK: "1", Phone: "0812", Email: "a@b.id", LetterRef: "ST/1"}}
	return cooperation.Cooperation{
		Title: "Pengelolaan Sampah Bandung Raya", Kind: cooperation.KindKSDPK, Stage: cooperation.Pelaksanaan,
		Parties: []cooperation.Party{p1, regionParty("35.78", false), orgParty(1)},
		Urusan:  []string{"1.03", "1.05"}, Sector: "E", Objectives: "Sampah", Scope: "TPA",
		Locations: []string{"32.73"}, ValueIDR: 12_500_000_000,
		Financing: []cooperation.Financing{cooperation.FundAPBD, cooperation.FundThirdParty},
		StartDate: d(2025, 3, 1), EndDate: d(2030, 2, 28), TermMonths: 60, InPlans: true, PlanRef: "RPJMD",
		Published: true, Mapping: &cooperation.Record{Ref: "MAP/1", Date: d(2024, 12, 1)},
		FeasibilityStudy: &cooperation.Feasibility{Record: cooperation.Record{Ref: "FS", Date: d(2024, 11, 1)},
			Author: "32.73", EconomicallyFeasible: true},
		Clauses:     cooperation.ContractClauses{RightsObligations: true, Term: true},
		OfferSentOn: d(2025, 1, 5),
		Deadlines:   []cooperation.Deadline{{Name: "offer", Party: "35.78", Start: d(2025, 1, 5), Due: d(2025, 2, 17)}},
		Amendments:  []cooperation.Amendment{{On: d(2026, 1, 2), DocRef: "ADD/1", Summary: "nilai"}},
		Results:     []cooperation.Result{{On: d(2026, 6, 1), Money: true, AmountIDR: 5, Ref: "KAS"}},
		Ending:      &cooperation.Ending{On: d(2030, 2, 28), Reason: "term_ended", Note: "0000-00-01"},
		RuleVersion: cooperation.Defaults().Version,
	}
}

func TestCooperationRoundTrip(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		coopFixture(t, db)
		in := fullCoop()
		got := mustCoop(t, db, in)
		if got.ID != 1 || got.Version != 1 || !got.CreatedAt.Equal(t0) || !got.UpdatedAt.Equal(t0) {
			t.Fatalf("created %d v%d %v %v", got.ID, got.Version, got.CreatedAt, got.UpdatedAt)
		}
		back, err := db.GetCooperation(ctx, national, got.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := in
		want.ID, want.Version, want.CreatedAt, want.UpdatedAt = 1, 1, t0, t0
		if !reflect.DeepEqual(back, want) {
			t.Errorf("read back\n%+v\nwant\n%+v", back, want)
		}
		// Zero dates (LoISignedOn, StartDate of an empty one) survive too.
		bare := mustCoop(t, db, newCoop("Tanpa tanggal", regionParty("32", true), regionParty("35", false)))
		if b, err := db.GetCooperation(ctx, national, bare.ID); err != nil || !b.StartDate.IsZero() ||
			!b.EndDate.IsZero() || len(b.Parties) != 2 {
			t.Errorf("bare = %+v, %v", b, err)
		}
		evs, err := db.CooperationEvents(ctx, national, got.ID)
		if err != nil || len(evs) != 1 || evs[0].Seq != 1 || evs[0].Type != "create" ||
			evs[0].To != cooperation.Pelaksanaan || !evs[0].At.Equal(t0) {
			t.Errorf("events = %+v, %v", evs, err)
		}
		recs, err := db.AuditHistory(ctx, national, "cooperation", "1", 10)
		if err != nil || len(recs) != 1 || recs[0].Action != "cooperation.create" || recs[0].Region != "32.73" {
			t.Fatalf("audit = %+v, %v", recs, err)
		}
		var after map[string]any
		if err := json.Unmarshal(recs[0].After, &after); err != nil || after["stage"] != "pelaksanaan" ||
			after["end_date"] != "2030-02-28" || after["Objectives"] != nil {
			t.Errorf("audit after = %s", recs[0].After)
		}
	})
}

func TestCreateCooperationInvalid(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		coopFixture(t, db)
		for name, c := range map[string]cooperation.Cooperation{
			"unknown region": newCoop("X", regionParty("32.99", true), regionParty("35", false)),
			"unknown org":    newCoop("X", regionParty("32", true), orgParty(99)),
			"same party":     newCoop("X", regionParty("32", true), regionParty("32", false)),
		} {
			_, err := db.CreateCooperation(ctx, c, admin)
			var e *jalin.Error
			if !errors.As(err, &e) || e.Code != jalin.EInvalid || e.Field != "parties" {
				t.Errorf("%s: error = %v, want invalid parties", name, err)
			}
		}
		if n := auditCount(t, db); n != 2 { // the two organisations
			t.Errorf("%d audit records", n)
		}
	})
}

func TestCooperationScope(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		coopFixture(t, db)
		cross := mustCoop(t, db, newCoop("Bandung–Surabaya", regionParty("32.73", true), regionParty("35.78", false)))
		withOrg := mustCoop(t, db, newCoop("Dengan pihak ketiga", regionParty("51.71", true), orgParty(2)))
		pub := newCoop("Terbit", regionParty("51", true), regionParty("51.71", false))
		pub.Published = true
		published := mustCoop(t, db, pub)
		for _, tc := range []struct {
			name  string
			scope access.Scope
			sees  []int64
		}{
			{"national", national, []int64{cross.ID, withOrg.ID, published.ID}},
			{"province of the initiator's regency", prov32, []int64{cross.ID, published.ID}},
			{"partner's province", access.Scope{Prefix: "35"}, []int64{cross.ID, published.ID}},
			{"partner city", access.Scope{Prefix: "35.78"}, []int64{cross.ID, published.ID}},
			{"third province", access.Scope{Prefix: "51"}, []int64{withOrg.ID, published.ID}},
			{"other regency", access.Scope{Prefix: "32.04"}, []int64{published.ID}},
			{"prefix is no string prefix", access.Scope{Prefix: "3"}, []int64{published.ID}},
			{"its organisation", access.Scope{OrgID: 2}, []int64{withOrg.ID, published.ID}},
			{"other organisation", access.Scope{OrgID: 1}, []int64{published.ID}},
			{"public", access.Scope{PublicOnly: true}, []int64{published.ID}},
			{"zero scope", access.Scope{}, []int64{published.ID}},
		} {
			var got []int64
			for _, id := range []int64{cross.ID, withOrg.ID, published.ID} {
				_, err := db.GetCooperation(ctx, tc.scope, id)
				if err == nil {
					got = append(got, id)
				} else if !errors.Is(err, jalin.ErrNotFound) {
					t.Fatalf("%s: %v", tc.name, err)
				}
			}
			list, total, err := db.ListCooperations(ctx, tc.scope, sqlstore.CoopFilter{Sort: "title"})
			if err != nil || total != len(tc.sees) {
				t.Errorf("%s: list total %d, %v", tc.name, total, err)
			}
			if !reflect.DeepEqual(got, tc.sees) || len(list) != len(tc.sees) {
				t.Errorf("%s: sees %v (list %d), want %v", tc.name, got, len(list), tc.sees)
			}
		}
		_, err := db.CooperationEvents(ctx, access.Scope{Prefix: "51"}, cross.ID)
		wantNotFound(t, err)
	})
}

// bump is a change that moves the stage and returns its event.
func bump(to cooperation.Stage) func(c *cooperation.Cooperation) (*cooperation.Event, error) {
	return func(c *cooperation.Cooperation) (*cooperation.Event, error) {
		ev := &cooperation.Event{Type: cooperation.TKKSDReview, From: c.Stage, To: to, ActorName: "jabar",
			Data: map[string]string{"note": "ok"}}
		c.Stage = to
		return ev, nil
	}
}

func TestUpdateCooperation(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		clock := coopFixture(t, db)
		c := mustCoop(t, db, newCoop("Air", regionParty("32.73", true), regionParty("35.78", false)))
		clock.Advance(time.Hour)
		got, err := db.UpdateCooperation(ctx, prov32, c.ID, 1, bump(cooperation.SiapDitawarkan), admin)
		if err != nil {
			t.Fatal(err)
		}
		if got.Version != 2 || !got.UpdatedAt.Equal(t0.Add(time.Hour)) || !got.CreatedAt.Equal(t0) ||
			got.Stage != cooperation.SiapDitawarkan {
			t.Errorf("updated %+v", got)
		}
		// The party index follows the stage.
		_, n, _ := db.ListCooperations(ctx, national, sqlstore.CoopFilter{Province: "35", Stage: cooperation.SiapDitawarkan})
		if n != 1 {
			t.Errorf("province+stage after update: %d", n)
		}
		// Without an event: audit "cooperation.update", no timeline entry.
		got, err = db.UpdateCooperation(ctx, national, c.ID, 2, func(c *cooperation.Cooperation) (*cooperation.Event, error) {
			c.Parties = append(c.Parties, regionParty("51.71", false))
			c.Urusan = []string{"1.01"}
			return nil, nil
		}, admin)
		if err != nil || got.Version != 3 {
			t.Fatal(got.Version, err)
		}
		if _, err := db.GetCooperation(ctx, access.Scope{Prefix: "51"}, c.ID); err != nil {
			t.Errorf("new party's scope: %v", err)
		}
		_, err = db.UpdateCooperation(ctx, national, c.ID, 3, bump(cooperation.Penawaran), admin)
		if err != nil {
			t.Fatal(err)
		}
		evs, _ := db.CooperationEvents(ctx, national, c.ID)
		for i, e := range evs {
			if e.Seq != i+1 {
				t.Errorf("event %d has seq %d", i, e.Seq)
			}
		}
		if len(evs) != 3 || evs[1].Type != cooperation.TKKSDReview || evs[1].Data["note"] != "ok" ||
			evs[2].To != cooperation.Penawaran {
			t.Errorf("events %+v", evs)
		}
		recs, _ := db.AuditHistory(ctx, national, "cooperation", "1", 10)
		if len(recs) != 4 || recs[0].Action != "cooperation.tkksd_review" || recs[1].Action != "cooperation.update" {
			t.Fatalf("audit %+v", recs)
		}
		var before, after map[string]any
		_ = json.Unmarshal(recs[0].Before, &before)
		_ = json.Unmarshal(recs[0].After, &after)
		if before["stage"] != "siap_ditawarkan" || after["stage"] != "penawaran" {
			t.Errorf("before %v after %v", before, after)
		}
	})
}

func TestUpdateCooperationWritesNothingOnError(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		coopFixture(t, db)
		c := mustCoop(t, db, newCoop("Air", regionParty("32.73", true), regionParty("35.78", false)))
		audits := auditCount(t, db)
		unchanged := func(step string) {
			t.Helper()
			got, err := db.GetCooperation(ctx, national, c.ID)
			if err != nil || !reflect.DeepEqual(got, c) {
				t.Errorf("%s: stored %+v, %v", step, got, err)
			}
			if evs, _ := db.CooperationEvents(ctx, national, c.ID); len(evs) != 1 {
				t.Errorf("%s: %d events", step, len(evs))
			}
			if n := auditCount(t, db); n != audits {
				t.Errorf("%s: %d audit records, want %d", step, n, audits)
			}
		}
		_, err := db.UpdateCooperation(ctx, national, c.ID, 7, bump(cooperation.SiapDitawarkan), admin)
		wantCode(t, err, jalin.EConflict, "error.stale", "version")
		unchanged("stale")

		boom := errors.New("boom")
		_, err = db.UpdateCooperation(ctx, national, c.ID, 1, func(c *cooperation.Cooperation) (*cooperation.Event, error) {
			c.Stage = cooperation.Ditolak
			return nil, boom
		}, admin)
		if err != boom {
			t.Errorf("change error = %v", err)
		}
		unchanged("change func")

		_, err = db.UpdateCooperation(ctx, access.Scope{Prefix: "51"}, c.ID, 1, bump(cooperation.SiapDitawarkan), admin)
		wantNotFound(t, err)
		unchanged("out of scope")

		if _, err := db.Exec(ctx, "DELETE FROM audit_head"); err != nil {
			t.Fatal(err)
		}
		_, err = db.UpdateCooperation(ctx, national, c.ID, 1, bump(cooperation.SiapDitawarkan), admin)
		wantCode(t, err, jalin.EInternal, "", "")
		unchanged("audit append fails")
		if _, n, _ := db.ListCooperations(ctx, national, sqlstore.CoopFilter{Province: "32", Stage: cooperation.Persiapan}); n != 1 {
			t.Errorf("party rows changed: %d", n)
		}
	})
}

// TestUpdateCooperationTellsParties: a step recorded on an offered
// cooperation is told to the other region parties' TKKSD in the same
// transaction (cooperation.Told says who); rolled back, it tells nobody.
func TestUpdateCooperationTellsParties(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		clock := coopFixture(t, db)
		c := newCoop("Air", regionParty("32.73", true), regionParty("35.78", false), regionParty("51.71", false))
		c.Stage = cooperation.Penawaran
		c = mustCoop(t, db, c)
		accept := func(c *cooperation.Cooperation) (*cooperation.Event, error) {
			return &cooperation.Event{Type: cooperation.AcceptOffer, From: c.Stage, To: c.Stage, ActorID: 5,
				ActorName: "surabaya", Role: access.RegencyAdmin, Party: "35.78"}, nil
		}
		if _, err := db.UpdateCooperation(ctx, access.Scope{Prefix: "35.78"}, c.ID, 1, accept, admin); err != nil {
			t.Fatal(err)
		}
		told := func(region string) []sqlstore.Notification {
			t.Helper()
			ns, err := db.Notifications(ctx, access.Scope{Prefix: region}, 0, false, 0)
			if err != nil {
				t.Fatal(err)
			}
			return ns
		}
		for _, region := range []string{"32.73", "51.71"} {
			ns := told(region)
			if len(ns) != 1 {
				t.Fatalf("%s told %d times, want once", region, len(ns))
			}
			n := ns[0]
			if n.Kind != sqlstore.NotifyCoopEvent || n.CooperationID != c.ID || n.Region != region ||
				n.MessageKey != "notification.coop_event" ||
				!reflect.DeepEqual(n.Args, []string{"Air", "accept_offer", "35.78"}) {
				t.Errorf("%s told %+v", region, n)
			}
		}
		if ns := told("35.78"); len(ns) != 0 {
			t.Errorf("the recorder was told of its own step: %+v", ns)
		}

		// A national administrator's step is told by its role, to every
		// region party.
		clock.Advance(time.Minute)
		byRole := func(c *cooperation.Cooperation) (*cooperation.Event, error) {
			return &cooperation.Event{Type: cooperation.DeclineOffer, From: c.Stage, To: c.Stage, ActorID: 1,
				Role: access.NationalAdmin, Party: "51.71", Reason: "belum dianggarkan"}, nil
		}
		if _, err := db.UpdateCooperation(ctx, national, c.ID, 2, byRole, admin); err != nil {
			t.Fatal(err)
		}
		// With the reason the step was given.
		if ns := told("51.71"); len(ns) != 2 || ns[0].MessageKey != "notification.coop_event_by_role_reason" ||
			!reflect.DeepEqual(ns[0].Args, []string{"Air", "decline_offer", "national_admin", "belum dianggarkan"}) {
			t.Errorf("51.71 after the national administrator's step: %+v", ns)
		}

		// A third party is told through its organisation's accounts, and
		// its own step is told by its name.
		u := mustUser(t, db, "pt.air", access.ThirdParty, "32", 1)
		other := mustUser(t, db, "kampus", access.ThirdParty, "32", 2)
		k := newCoop("Sampah", regionParty("32.73", false), orgParty(1))
		k.Kind, k.Stage = cooperation.KindKSDPK, cooperation.PenyusunanPKS
		k.Parties[1].Initiator, k.Parties[1].Name = true, "PT Air Bersih"
		k = mustCoop(t, db, k)
		sign := func(party string) func(c *cooperation.Cooperation) (*cooperation.Event, error) {
			return func(c *cooperation.Cooperation) (*cooperation.Event, error) {
				return &cooperation.Event{Type: cooperation.SignPKS, From: c.Stage, To: c.Stage, ActorID: 5, Party: party}, nil
			}
		}
		if _, err := db.UpdateCooperation(ctx, access.Scope{Prefix: "32.73"}, k.ID, 1, sign("32.73"), admin); err != nil {
			t.Fatal(err)
		}
		mine := func(u sqlstore.User) []sqlstore.Notification {
			t.Helper()
			ns, err := db.Notifications(ctx, access.Scope{OrgID: u.OrgID}, u.ID, false, 0)
			if err != nil {
				t.Fatal(err)
			}
			return ns
		}
		if ns := mine(u); len(ns) != 1 || ns[0].UserID != u.ID || ns[0].CooperationID != k.ID ||
			!reflect.DeepEqual(ns[0].Args, []string{"Sampah", "sign_pks", "32.73"}) {
			t.Errorf("the third party's account was told %+v", ns)
		}
		if ns := mine(other); len(ns) != 0 {
			t.Errorf("another organisation's account was told %+v", ns)
		}
		clock.Advance(time.Minute)
		if _, err := db.UpdateCooperation(ctx, access.Scope{OrgID: 1}, k.ID, 2, sign("org:1"), admin); err != nil {
			t.Fatal(err)
		}
		if ns := told("32.73"); len(ns) == 0 || ns[0].CooperationID != k.ID ||
			!reflect.DeepEqual(ns[0].Args, []string{"Sampah", "sign_pks", "PT Air Bersih"}) {
			t.Errorf("Kota Bandung after the third party's signature: %+v", ns)
		}
		if ns := mine(u); len(ns) != 1 {
			t.Errorf("the third party was told of its own signature: %+v", ns)
		}

		// The step fails: nobody is told.
		if _, err := db.Exec(ctx, "DELETE FROM audit_head"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.UpdateCooperation(ctx, access.Scope{Prefix: "35.78"}, c.ID, 3, accept, admin); err == nil {
			t.Fatal("update without an audit head succeeded")
		}
		if ns := told("32.73"); len(ns) != 3 {
			t.Errorf("32.73 told %d times after a failed step, want 3", len(ns))
		}
	})
}

package jobs_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/jobs"
	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
	"github.com/jalin-ksd/jalin/workday"
)

// now is the fixed time of these tests: Monday 10 March 2025, 08:00 WIB.
var now = time.Date(2025, 3, 10, 1, 0, 0, 0, time.UTC)

var (
	d      = cooperation.D
	all    = access.Scope{All: true}
	tester = sqlstore.AuditMeta{Actor: access.Actor{Name: "test", Role: access.NationalAdmin}, IP: "192.0.2.1"}
)

// setup returns a migrated database of engine with two provinces and a city
// in each (32, 32.73, 35, 35.78), its clock at now, and the jobs' deps.
func setup(t *testing.T, db *sqlstore.DB) jobs.Deps {
	t.Helper()
	rs := []region.Region{
		{Code: "32", Name: "Jawa Barat", Level: region.Province, Kind: region.KindProvince},
		{Code: "32.73", Name: "Kota Bandung", Level: region.Regency, Kind: region.KindKota, Parent: "32"},
		{Code: "35", Name: "Jawa Timur", Level: region.Province, Kind: region.KindProvince},
		{Code: "35.78", Name: "Kota Surabaya", Level: region.Regency, Kind: region.KindKota, Parent: "35"},
	}
	if err := db.LoadRegions(context.Background(), rs, "test"); err != nil {
		t.Fatal(err)
	}
	db.SetNow(func() time.Time { return now })
	cal, err := workday.Load()
	if err != nil {
		t.Fatal(err)
	}
	return jobs.Deps{DB: db, Holidays: cal}
}

// store creates c between Kota Bandung (initiating) and Kota Surabaya.
func store(t *testing.T, db *sqlstore.DB, c cooperation.Cooperation) cooperation.Cooperation {
	t.Helper()
	c.Kind, c.RuleVersion = cooperation.KindSukarela, cooperation.Defaults().Version
	c.Parties = []cooperation.Party{
		{Kind: cooperation.PartyRegion, Region: "32.73", Name: "Kota Bandung", Initiator: true},
		{Kind: cooperation.PartyRegion, Region: "35.78", Name: "Kota Surabaya", Answer: cooperation.AnswerPending},
	}
	got, err := db.CreateCooperation(context.Background(), c, tester)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// offered is a cooperation in penawaran whose answer is due on due.
func offered(t *testing.T, db *sqlstore.DB, title string, due workday.Date) cooperation.Cooperation {
	t.Helper()
	return store(t, db, cooperation.Cooperation{Title: title, Stage: cooperation.Penawaran,
		OfferSentOn: due.AddDays(-42),
		Deadlines:   []cooperation.Deadline{{Name: cooperation.POfferAnswer, Start: due.AddDays(-42), Due: due}}})
}

// running is a cooperation in pelaksanaan ending on end.
func running(t *testing.T, db *sqlstore.DB, title string, end workday.Date) cooperation.Cooperation {
	t.Helper()
	return store(t, db, cooperation.Cooperation{Title: title, Stage: cooperation.Pelaksanaan,
		StartDate: end.AddMonths(-24).AddDays(1), EndDate: end, TermMonths: 24})
}

// notes returns "kind@region" of the notifications about cooperation id.
func notes(t *testing.T, db *sqlstore.DB, id int64) []string {
	t.Helper()
	return noteList(t, db, func(n sqlstore.Notification) (string, bool) {
		return string(n.Kind) + "@" + n.Region, n.CooperationID == id
	})
}

// noteList returns, sorted, what show says of each stored notification
// it keeps.
func noteList(t *testing.T, db *sqlstore.DB, show func(sqlstore.Notification) (string, bool)) []string {
	t.Helper()
	ns, err := db.Notifications(context.Background(), all, 0, false, 500)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, n := range ns {
		if s, keep := show(n); keep {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}

func stageOf(t *testing.T, db *sqlstore.DB, id int64) cooperation.Cooperation {
	t.Helper()
	c, err := db.GetCooperation(context.Background(), all, id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// lastEvent is the latest timeline event of cooperation id.
func lastEvent(t *testing.T, db *sqlstore.DB, id int64) sqlstore.CoopEvent {
	t.Helper()
	evs, err := db.CooperationEvents(context.Background(), all, id)
	if err != nil {
		t.Fatal(err)
	}
	return evs[len(evs)-1]
}

func run(t *testing.T, f func(context.Context, jobs.Deps, time.Time) (jobs.Report, error), deps jobs.Deps, at time.Time) jobs.Report {
	t.Helper()
	rep, err := f(context.Background(), deps, at)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestRunOffers(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		deps := setup(t, db)
		lapsed := offered(t, db, "Lewat tenggat", d(2025, 3, 7)) // Friday: passed
		soon := offered(t, db, "Segera jatuh tempo", d(2025, 3, 12))
		onDue := offered(t, db, "Jatuh tempo hari ini", d(2025, 3, 10))
		later := offered(t, db, "Masih lama", d(2025, 4, 30))
		answered := offered(t, db, "Sudah dijawab", d(2025, 3, 11))
		if _, err := db.UpdateCooperation(context.Background(), all, answered.ID, answered.Version,
			func(c *cooperation.Cooperation) (*cooperation.Event, error) {
				c.Parties[1].Answer = cooperation.AnswerAccepted
				return nil, nil
			}, tester); err != nil {
			t.Fatal(err)
		}

		rep := run(t, jobs.RunOffers, deps, now)
		if rep.Checked != 5 || rep.Changed != 1 || rep.Skipped != 0 {
			t.Errorf("first run: %+v", rep)
		}

		// The passed offer is lapsed by "sistem", and its initiator told.
		c := stageOf(t, db, lapsed.ID)
		if c.Stage != cooperation.Ditolak || c.Version != lapsed.Version+1 {
			t.Errorf("lapsed: stage %s version %d", c.Stage, c.Version)
		}
		ev := lastEvent(t, db, lapsed.ID)
		if ev.Type != cooperation.LapseOffer || ev.From != cooperation.Penawaran || ev.To != cooperation.Ditolak ||
			ev.ActorName != "sistem" || ev.ActorID != -1 || ev.Role != access.NationalAdmin {
			t.Errorf("lapse event %+v", ev)
		}
		if got := notes(t, db, lapsed.ID); !slices.Equal(got, []string{"offer_lapsed@32.73"}) {
			t.Errorf("lapsed notes %v", got)
		}

		// Within offer_reminder_before (5 working days), and on the due
		// date itself, the silent partner is reminded; later ones are only
		// told of the offer; an answered partner is not bothered.
		want := []string{"answer_due_soon@35.78", "offer_received@35.78"}
		for _, id := range []int64{soon.ID, onDue.ID} {
			if got := notes(t, db, id); !slices.Equal(got, want) {
				t.Errorf("coop %d notes %v, want %v", id, got, want)
			}
			if s := stageOf(t, db, id).Stage; s != cooperation.Penawaran {
				t.Errorf("coop %d stage %s before its deadline passed", id, s)
			}
		}
		if got := notes(t, db, later.ID); !slices.Equal(got, []string{"offer_received@35.78"}) {
			t.Errorf("later notes %v", got)
		}
		if got := notes(t, db, answered.ID); len(got) != 0 {
			t.Errorf("answered notes %v", got)
		}

		// A second run (another instance, or the next period) adds nothing.
		rep = run(t, jobs.RunOffers, deps, now)
		if rep.Checked != 4 || rep.Changed != 0 || rep.Notified != 0 {
			t.Errorf("second run: %+v", rep)
		}
		if got := notes(t, db, soon.ID); !slices.Equal(got, want) {
			t.Errorf("after second run: %v", got)
		}

		// Days later the reminder window reaches the later offer.
		rep = run(t, jobs.RunOffers, deps, time.Date(2025, 4, 24, 1, 0, 0, 0, time.UTC))
		if got := notes(t, db, later.ID); !slices.Equal(got, want) {
			t.Errorf("later, in its window: %v (%+v)", got, rep)
		}
	})
}

// TestRunOffersConcurrent runs the job on two "instances" at once: each
// offer is lapsed once (the loser sees the new stage or a stale version and
// skips it), each notice stored once, and neither run fails.
func TestRunOffersConcurrent(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		deps := setup(t, db)
		var ids []int64
		for i := range 5 {
			ids = append(ids, offered(t, db, fmt.Sprintf("Tawaran %d", i), d(2025, 3, 7)).ID)
		}
		reps := make([]jobs.Report, 2)
		var wg sync.WaitGroup
		for i := range reps {
			wg.Go(func() {
				rep, err := jobs.RunOffers(context.Background(), deps, now)
				if err != nil {
					t.Error(err)
				}
				reps[i] = rep
			})
		}
		wg.Wait()
		if changed := reps[0].Changed + reps[1].Changed; changed != len(ids) {
			t.Errorf("changed %d in all, want %d: %+v", changed, len(ids), reps)
		}
		for _, id := range ids {
			evs, err := db.CooperationEvents(context.Background(), all, id)
			if err != nil {
				t.Fatal(err)
			}
			if len(evs) != 2 || evs[1].Type != cooperation.LapseOffer {
				t.Errorf("coop %d timeline %+v", id, evs)
			}
			if got := notes(t, db, id); !slices.Equal(got, []string{"offer_lapsed@32.73"}) {
				t.Errorf("coop %d notes %v", id, got)
			}
		}
	})
}

func TestRunExpiry(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		deps := setup(t, db)
		ended := running(t, db, "Sudah berakhir", d(2025, 3, 9))
		lastDay := running(t, db, "Hari terakhir", d(2025, 3, 10))
		in60 := running(t, db, "Enam puluh hari", d(2025, 5, 9))
		in15 := running(t, db, "Lima belas hari", d(2025, 3, 25))
		far := running(t, db, "Masih lama", d(2026, 3, 10))
		open := store(t, db, cooperation.Cooperation{Title: "Tanpa akhir", Stage: cooperation.Pelaksanaan,
			StartDate: d(2024, 1, 1), Continuous: true})

		rep := run(t, jobs.RunExpiry, deps, now)
		if rep.Checked != 4 || rep.Changed != 1 {
			t.Errorf("first run: %+v", rep)
		}
		c := stageOf(t, db, ended.ID)
		if c.Stage != cooperation.Berakhir || c.Ending == nil || c.Ending.Reason != cooperation.EndTermExpired ||
			c.Ending.On != ended.EndDate {
			t.Errorf("ended: stage %s ending %+v", c.Stage, c.Ending)
		}
		ev := lastEvent(t, db, ended.ID)
		if ev.Type != cooperation.Expire || ev.ActorName != "sistem" || ev.To != cooperation.Berakhir ||
			ev.Data["end_reason"] != string(cooperation.EndTermExpired) {
			t.Errorf("expire event %+v", ev)
		}
		both := func(kind string) []string { return []string{kind + "@32.73", kind + "@35.78"} }
		if got := notes(t, db, ended.ID); !slices.Equal(got, both("coop_expired")) {
			t.Errorf("ended notes %v", got)
		}
		for _, id := range []int64{lastDay.ID, in60.ID, in15.ID} {
			if got := notes(t, db, id); !slices.Equal(got, both("coop_expiring")) {
				t.Errorf("coop %d notes %v", id, got)
			}
		}
		if s := stageOf(t, db, lastDay.ID).Stage; s != cooperation.Pelaksanaan {
			t.Errorf("expired on its last day: %s", s)
		}
		for _, id := range []int64{far.ID, open.ID} {
			if got := notes(t, db, id); len(got) != 0 {
				t.Errorf("coop %d notes %v", id, got)
			}
		}
		thresholds := func(id int64) []string {
			ns, _ := db.Notifications(context.Background(), access.Scope{Prefix: "32.73"}, 0, false, 500)
			var out []string
			for _, n := range ns {
				if n.CooperationID == id {
					out = append(out, n.Args[2])
				}
			}
			slices.Sort(out)
			return out
		}
		if got := thresholds(in60.ID); !slices.Equal(got, []string{"90"}) {
			t.Errorf("60 days: thresholds %v", got)
		}
		if got := thresholds(in15.ID); !slices.Equal(got, []string{"30"}) {
			t.Errorf("15 days: thresholds %v (first seen within 30 days: the 30-day warning only)", got)
		}

		rep = run(t, jobs.RunExpiry, deps, now)
		if rep.Changed != 0 || rep.Notified != 0 {
			t.Errorf("second run: %+v", rep)
		}

		// Thirty days before its end the 60-day one is warned again.
		run(t, jobs.RunExpiry, deps, now.AddDate(0, 0, 30))
		if got := thresholds(in60.ID); !slices.Equal(got, []string{"30", "90"}) {
			t.Errorf("30 days later: thresholds %v", got)
		}
		// And after it, the last-day one has expired.
		if s := stageOf(t, db, lastDay.ID).Stage; s != cooperation.Berakhir {
			t.Errorf("last day, a month on: %s", s)
		}
	})
}

func TestRunHousekeeping(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		deps := setup(t, db)
		ctx := context.Background()
		for i, exp := range []time.Time{now.Add(-time.Hour), now, now.Add(time.Hour)} {
			if err := db.CreateSession(ctx, sqlstore.Session{IDHash: []byte{byte(i + 1)}, ExpiresAt: exp,
				CreatedAt: now.Add(-2 * time.Hour)}); err != nil {
				t.Fatal(err)
			}
		}
		for _, at := range []time.Time{now.Add(-49 * time.Hour), now.Add(-25 * time.Hour), now.Add(-time.Hour)} {
			if err := db.RecordLoginFailure(ctx, "user:ana", at); err != nil {
				t.Fatal(err)
			}
		}
		rep := run(t, jobs.RunHousekeeping, deps, now)
		if rep.Deleted != 2 {
			t.Errorf("deleted %d sessions, want 2 (expired before and at now)", rep.Deleted)
		}
		if _, err := db.SessionByHash(ctx, []byte{3}, now); err != nil {
			t.Errorf("live session: %v", err)
		}
		n, _, err := db.LoginFailures(ctx, "user:ana", time.Time{})
		if err != nil || n != 1 {
			t.Errorf("login failures left %d (%v), want 1", n, err)
		}
	})
}

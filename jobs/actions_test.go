package jobs_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/jobs"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
	"github.com/jalin-ksd/jalin/tkksd"
)

// actionNotes returns "kind@region:args" of every action reminder stored.
func actionNotes(t *testing.T, db *sqlstore.DB) []string {
	t.Helper()
	return noteList(t, db, func(n sqlstore.Notification) (string, bool) {
		if !n.Kind.AboutAction() {
			return "", false
		}
		return string(n.Kind) + "@" + n.Region + ":" + n.Args[0] + " " + n.Args[1], true
	})
}

// assistanceAt stores the province's assistance meeting to Kota Bandung
// starting at start, and returns it with the province's audit meta.
func assistanceAt(t *testing.T, db *sqlstore.DB, start time.Time) (tkksd.Meeting, sqlstore.AuditMeta) {
	t.Helper()
	host := sqlstore.AuditMeta{Actor: access.Actor{Name: "jabar", Role: access.ProvinceAdmin, Region: "32"}}
	m, err := db.CreateMeeting(context.Background(), tkksd.Meeting{Host: "32", Kind: tkksd.Assistance, Title: "Asistensi",
		Mode: tkksd.Online, Link: "https://meet.example/x", Start: start, End: start.Add(2 * time.Hour),
		Invited: []string{"32.73"}}, host)
	if err != nil {
		t.Fatal(err)
	}
	return m, host
}

// TestRunActions runs the action reminders at a fixed clock on both
// engines: an open action within the reminder window is "due soon" for its
// owner region, one past its due date "overdue"; later, done and cancelled
// ones are left alone; a second run adds nothing; moving the due date arms
// the reminder again; and the window follows Deps.ActionReminderDays.
func TestRunActions(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		deps := setup(t, db) // today is Monday 10 March 2025
		m, host := assistanceAt(t, db, now.Add(-72*time.Hour))
		coop := running(t, db, "Persampahan", d(2026, 1, 31))
		add := func(title, owner string, due tkksd.Date, coopID int64) tkksd.Action {
			t.Helper()
			x, err := db.AddAction(ctx, all, m.ID, tkksd.Action{Title: title, OwnerRegion: owner, Due: due,
				CooperationID: coopID}, func(tkksd.Meeting) error { return nil }, host)
			if err != nil {
				t.Fatal(err)
			}
			return x
		}
		late := add("Kirim draf KB", "32.73", d(2025, 3, 7), coop.ID)
		add("Data TPA", "32", d(2025, 3, 10), 0)          // due today
		add("Surat undangan", "32.73", d(2025, 3, 17), 0) // the 7th day: still in the window
		add("Laporan", "32.73", d(2025, 3, 18), 0)
		done := add("Sudah selesai", "32.73", d(2025, 3, 5), 0)
		cancelled := add("Dibatalkan", "32", d(2025, 3, 11), 0)
		for _, c := range []struct {
			x    tkksd.Action
			to   tkksd.Status
			note string
		}{{done, tkksd.Done, ""}, {cancelled, tkksd.Cancelled, "tidak perlu"}} {
			if _, err := db.UpdateAction(ctx, all, c.x.ID, c.x.Version, "status", func(x *tkksd.Action, _ tkksd.Meeting) error {
				return x.SetStatus(c.to, c.note, now)
			}, host); err != nil {
				t.Fatal(err)
			}
		}

		rep := run(t, jobs.RunActions, deps, now)
		want := []string{
			"action_due_soon@32.73:Surat undangan 2025-03-17",
			"action_due_soon@32:Data TPA 2025-03-10",
			"action_overdue@32.73:Kirim draf KB 2025-03-07",
		}
		if got := actionNotes(t, db); !slices.Equal(got, want) {
			t.Errorf("first run: %v, want %v", got, want)
		}
		if rep.Checked != 3 || rep.Notified != 3 || rep.Changed != 0 {
			t.Errorf("first run: %+v", rep)
		}
		// The overdue action concerns a cooperation: its reminder links it.
		if got := notes(t, db, coop.ID); !slices.Equal(got, []string{"action_overdue@32.73"}) {
			t.Errorf("cooperation's notes %v", got)
		}

		// Again (the next period, or a second instance): nothing new.
		if rep := run(t, jobs.RunActions, deps, now); rep.Notified != 0 || rep.Checked != 3 {
			t.Errorf("second run: %+v", rep)
		}

		// The next day "Laporan" enters the window; "Data TPA" is overdue now.
		run(t, jobs.RunActions, deps, now.Add(24*time.Hour))
		got := actionNotes(t, db)
		for _, w := range []string{"action_due_soon@32.73:Laporan 2025-03-18", "action_overdue@32:Data TPA 2025-03-10"} {
			if !slices.Contains(got, w) {
				t.Errorf("next day: %v lacks %s", got, w)
			}
		}

		// A new due date arms the reminder again.
		cur, _, err := db.GetAction(ctx, all, late.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.UpdateAction(ctx, all, late.ID, cur.Version, "edit", func(x *tkksd.Action, _ tkksd.Meeting) error {
			x.Due = d(2025, 3, 12)
			return nil
		}, host); err != nil {
			t.Fatal(err)
		}
		run(t, jobs.RunActions, deps, now.Add(24*time.Hour))
		if got := actionNotes(t, db); !slices.Contains(got, "action_due_soon@32.73:Kirim draf KB 2025-03-12") {
			t.Errorf("after moving the due date: %v", got)
		}
	})
}

// TestRunActionsWindow: the window is the setting, not the default.
func TestRunActionsWindow(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		deps := setup(t, db)
		deps.ActionReminderDays = 2
		m, host := assistanceAt(t, db, now)
		for _, due := range []tkksd.Date{d(2025, 3, 12), d(2025, 3, 13)} {
			if _, err := db.AddAction(ctx, all, m.ID, tkksd.Action{Title: "Due " + due.String(), OwnerRegion: "32.73",
				Due: due}, func(tkksd.Meeting) error { return nil }, host); err != nil {
				t.Fatal(err)
			}
		}
		run(t, jobs.RunActions, deps, now)
		if got := actionNotes(t, db); !slices.Equal(got, []string{"action_due_soon@32.73:Due 2025-03-12 2025-03-12"}) {
			t.Errorf("two-day window: %v", got)
		}
		if jobs.DefaultActionReminderDays != 7 {
			t.Errorf("default window %d days", jobs.DefaultActionReminderDays)
		}
	})
}

// TestRunActionsPages: more open actions than one page are all reminded.
func TestRunActionsPages(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		deps := setup(t, db)
		m, host := assistanceAt(t, db, now)
		const n = 205 // one page is 200
		for i := range n {
			if _, err := db.AddAction(ctx, all, m.ID, tkksd.Action{Title: fmt.Sprint("Tindak lanjut ", i),
				OwnerRegion: "32.73", Due: d(2025, 3, 1+i%20)}, func(tkksd.Meeting) error { return nil }, host); err != nil {
				t.Fatal(err)
			}
		}
		rep := run(t, jobs.RunActions, deps, now)
		// Due 1–17 March: within the window of 7 days from 10 March.
		want := 0
		for i := range n {
			if 1+i%20 <= 17 {
				want++
			}
		}
		if rep.Checked != want || rep.Notified != want || len(actionNotes(t, db)) != want {
			t.Errorf("%+v, %d notes, want %d", rep, len(actionNotes(t, db)), want)
		}
	})
}

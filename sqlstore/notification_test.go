package sqlstore_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

func TestNotifications(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		clock := fixture(t, db)
		ana := mustUser(t, db, "ana", access.RegencyAdmin, "32.73", 0)
		budi := mustUser(t, db, "budi", access.RegencyAdmin, "35.78", 0)

		add := func(n sqlstore.Notification) bool {
			t.Helper()
			clock.Advance(time.Second)
			created, err := db.AddNotification(ctx, n)
			if err != nil {
				t.Fatalf("add %s: %v", n.DedupeKey, err)
			}
			return created
		}
		toAna := sqlstore.Notification{UserID: ana.ID, Kind: sqlstore.NotifyOfferReceived,
			MessageKey: "notification.offer_received", Args: []string{"Sampah", "2025-04-01"}, DedupeKey: "a"}
		if !add(toAna) {
			t.Fatal("first add not created")
		}
		if add(toAna) {
			t.Fatal("same dedupe key added twice")
		}
		add(sqlstore.Notification{Region: "32.73", Kind: sqlstore.NotifyAnswerDueSoon, MessageKey: "m", DedupeKey: "b"})
		add(sqlstore.Notification{Region: "32", Kind: sqlstore.NotifyCoopExpiring, MessageKey: "m", DedupeKey: "c"})
		add(sqlstore.Notification{Region: "35.78", Kind: sqlstore.NotifyCoopExpired, MessageKey: "m", DedupeKey: "d"})
		add(sqlstore.Notification{UserID: budi.ID, Kind: sqlstore.NotifyOfferLapsed, MessageKey: "m", DedupeKey: "e"})

		keys := func(scope access.Scope, user int64, unread bool) []string {
			t.Helper()
			ns, err := db.Notifications(ctx, scope, user, unread, 0)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, n := range ns {
				out = append(out, n.DedupeKey)
			}
			return out
		}
		for _, c := range []struct {
			name  string
			scope access.Scope
			user  int64
			want  []string
		}{
			{"ana in her city", city3273, ana.ID, []string{"b", "a"}},
			{"province covers its city", prov32, 0, []string{"c", "b"}},
			{"national sees every region", national, 0, []string{"d", "c", "b"}},
			{"budi", access.Scope{Prefix: "35.78"}, budi.ID, []string{"e", "d"}},
			{"zero scope, own only", access.Scope{}, ana.ID, []string{"a"}},
			{"public sees none", access.Scope{PublicOnly: true}, 0, nil},
		} {
			if got := keys(c.scope, c.user, false); !slices.Equal(got, c.want) {
				t.Errorf("%s: got %v, want %v", c.name, got, c.want)
			}
		}

		ns, err := db.Notifications(ctx, city3273, ana.ID, false, 1)
		if err != nil || len(ns) != 1 {
			t.Fatalf("limit 1: %v, %v", ns, err)
		}
		all, err := db.Notifications(ctx, access.Scope{}, ana.ID, false, 0)
		if err != nil || len(all) != 1 {
			t.Fatalf("ana's own: %v, %v", all, err)
		}
		got := all[0]
		if got.UserID != ana.ID || got.Region != "" || got.Kind != sqlstore.NotifyOfferReceived ||
			!slices.Equal(got.Args, toAna.Args) || got.ReadAt != nil || !got.CreatedAt.Equal(t0.Add(time.Second)) {
			t.Errorf("read back %+v", got)
		}

		// Marking read: the addressee only, once.
		wantNotFound(t, db.MarkNotificationRead(ctx, budi.ID, got.ID))
		clock.Advance(time.Minute)
		if err := db.MarkNotificationRead(ctx, ana.ID, got.ID); err != nil {
			t.Fatal(err)
		}
		first := clock.Now()
		clock.Advance(time.Minute)
		if err := db.MarkNotificationRead(ctx, ana.ID, got.ID); err != nil {
			t.Fatal(err)
		}
		if k := keys(city3273, ana.ID, true); !slices.Equal(k, []string{"b"}) {
			t.Errorf("unread after marking: %v", k)
		}
		all, _ = db.Notifications(ctx, access.Scope{}, ana.ID, false, 0)
		if all[0].ReadAt == nil || !all[0].ReadAt.Equal(first.UTC().Truncate(time.Microsecond)) {
			t.Errorf("read_at = %v, want %v", all[0].ReadAt, first)
		}
		wantNotFound(t, db.MarkNotificationRead(ctx, ana.ID, 9999))

		// Refused input.
		for _, c := range []struct {
			n     sqlstore.Notification
			field string
		}{
			{sqlstore.Notification{UserID: ana.ID, Kind: "spam", MessageKey: "m", DedupeKey: "x"}, "kind"},
			{sqlstore.Notification{UserID: ana.ID, Kind: sqlstore.NotifyOfferLapsed, DedupeKey: "x"}, "message_key"},
			{sqlstore.Notification{UserID: ana.ID, Kind: sqlstore.NotifyOfferLapsed, MessageKey: "m"}, "dedupe_key"},
			{sqlstore.Notification{Kind: sqlstore.NotifyOfferLapsed, MessageKey: "m", DedupeKey: "x"}, "user_id"},
		} {
			_, err := db.AddNotification(ctx, c.n)
			wantCode(t, err, jalin.EInvalid, "", c.field)
		}
		_, err = db.AddNotification(ctx, sqlstore.Notification{UserID: 4242, Kind: sqlstore.NotifyOfferLapsed,
			MessageKey: "m", DedupeKey: "x"})
		wantCode(t, err, jalin.EInvalid, "notification.ref_unknown", "")
	})
}

// TestNotificationDedupeConcurrent adds one notification from several
// goroutines at once, as instances running the same job would: it is
// stored once, and no insert fails.
func TestNotificationDedupeConcurrent(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		fixture(t, db)
		var wg sync.WaitGroup
		var mu sync.Mutex
		created := 0
		for range 8 {
			wg.Go(func() {
				ok, err := db.AddNotification(context.Background(), sqlstore.Notification{Region: "32",
					Kind: sqlstore.NotifyCoopExpiring, MessageKey: "m", DedupeKey: "same"})
				if err != nil {
					t.Error(err)
				}
				if ok {
					mu.Lock()
					created++
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		ns, err := db.Notifications(context.Background(), national, 0, false, 0)
		if err != nil {
			t.Fatal(err)
		}
		if created != 1 || len(ns) != 1 {
			t.Fatalf("created %d, stored %d; want 1 and 1", created, len(ns))
		}
	})
}

// TestNotificationKinds: every kind the table accepts is valid, and only
// the two follow-up action reminders are about an action.
func TestNotificationKinds(t *testing.T) {
	for k, about := range map[sqlstore.NotificationKind]bool{
		sqlstore.NotifyOfferReceived: false, sqlstore.NotifyAnswerDueSoon: false, sqlstore.NotifyOfferLapsed: false,
		sqlstore.NotifyCoopExpiring: false, sqlstore.NotifyCoopExpired: false,
		sqlstore.NotifyActionDueSoon: true, sqlstore.NotifyActionOverdue: true, sqlstore.NotifyCoopEvent: false,
	} {
		if !k.Valid() || k.AboutAction() != about {
			t.Errorf("%s: valid %v, about an action %v", k, k.Valid(), k.AboutAction())
		}
	}
	if k := sqlstore.NotificationKind("action_done"); k.Valid() || k.AboutAction() {
		t.Errorf("unknown kind %s accepted", k)
	}
}

// TestSeeInbox: opening the inbox returns when the user last did (zero the
// first time) and moves the mark; an unknown user is not found.
func TestSeeInbox(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		coopFixture(t, db)
		u := mustUser(t, db, "ra", access.RegencyAdmin, "32.73", 0)
		first := time.Date(2026, 1, 5, 3, 4, 5, 123456000, time.UTC)
		if prev, err := db.SeeInbox(ctx, u.ID, first); err != nil || !prev.IsZero() {
			t.Fatalf("first visit: %v, %v; want the zero time", prev, err)
		}
		if prev, err := db.SeeInbox(ctx, u.ID, first.Add(time.Hour)); err != nil || !prev.Equal(first) {
			t.Errorf("second visit: %v, %v; want %v", prev, err, first)
		}
		if prev, _ := db.SeeInbox(ctx, u.ID, first.Add(2*time.Hour)); !prev.Equal(first.Add(time.Hour)) {
			t.Errorf("third visit: %v, want %v", prev, first.Add(time.Hour))
		}
		if _, err := db.SeeInbox(ctx, 9999, first); !errors.Is(err, jalin.ErrNotFound) {
			t.Errorf("unknown user: %v", err)
		}
	})
}

package demo

import (
	"context"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
	"github.com/jalin-ksd/jalin/tkksd"
)

// TestLoadTKKSD: the demo gives a newcomer teams by decree, submitted
// mappings in several regions with matches between them, and a hybrid
// assistance meeting with minutes and actions that land on the desks.
func TestLoadTKKSD(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		a := demoApp(t, db)
		if err := Load(ctx, a); err != nil {
			t.Fatal(err)
		}
		all := access.Scope{All: true}
		teams, err := db.TeamRegions(ctx, all)
		if err != nil || !teams["32"] || !teams["32.73"] || !teams["32.04"] {
			t.Fatalf("teams %v %v", teams, err)
		}
		status, entries, err := db.MappingOverview(ctx, all)
		if err != nil || len(status) < 5 {
			t.Fatalf("%d mappings (%v)", len(status), err)
		}
		matches := tkksd.Matches(entries)
		found := false
		for _, m := range matches {
			found = found || (m.Urusan == "1.03" && m.OfferRegion == "32.04" && m.NeedRegion == "32.73")
		}
		if !found {
			t.Errorf("no match of Kabupaten Bandung's land with Kota Bandung's need among %d", len(matches))
		}
		ms, err := db.Meetings(ctx, access.Scope{Prefix: "32.04"}, time.Now().Add(-30*24*time.Hour), time.Time{}, 0)
		if err != nil || len(ms) < 2 {
			t.Fatalf("Kabupaten Bandung takes part in %d meetings (%v)", len(ms), err)
		}
		var hybrid *tkksd.Meeting
		for i := range ms {
			if ms[i].Mode == tkksd.Hybrid {
				hybrid = &ms[i]
			}
		}
		if hybrid == nil || len(hybrid.Attendance) == 0 || len(hybrid.Invitees) == 0 || hybrid.Minutes == "" || len(hybrid.Decisions) == 0 {
			t.Fatalf("no hybrid meeting with minutes: %+v", hybrid)
		}
		xs, err := db.Actions(ctx, access.Scope{Prefix: "32.73"}, sqlstore.ActionFilter{OwnerIn: "32.73", OpenOnly: true})
		if err != nil || len(xs) == 0 || xs[0].CooperationID == 0 {
			t.Fatalf("Kota Bandung's open actions %+v (%v)", xs, err)
		}
		desk := tkksd.BuildDesk(mustActions(t, db, "32.04"), nil, time.Now(), tkksd.WIB.Location())
		if len(desk.Overdue) == 0 {
			t.Error("Kabupaten Bandung's desk shows nothing overdue")
		}
	})
}

func mustActions(t *testing.T, db *sqlstore.DB, region string) []tkksd.Action {
	t.Helper()
	xs, err := db.Actions(context.Background(), access.Scope{Prefix: region}, sqlstore.ActionFilter{OwnerIn: region})
	if err != nil {
		t.Fatal(err)
	}
	return xs
}

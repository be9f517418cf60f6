package sqlstore_test

import (
	"context"
	"testing"

	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

// TestCoopGeneration checks that every way a cooperation changes advances
// the generation, that a refused change does not, and that reads leave it.
func TestCoopGeneration(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		coopFixture(t, db)
		last := int64(-1)
		step := func(what string, wantChange bool) {
			t.Helper()
			g, err := db.CoopGeneration(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if last >= 0 && (g != last) != wantChange {
				t.Errorf("%s: generation %d -> %d, want a change: %v", what, last, g, wantChange)
			}
			last = g
		}
		step("start", false)
		c := mustCoop(t, db, newCoop("Air", regionParty("32.73", true), regionParty("35.78", false)))
		step("create", true)
		if _, err := db.GetCooperation(ctx, national, c.ID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.ListCooperations(ctx, national, sqlstore.CoopFilter{}); err != nil {
			t.Fatal(err)
		}
		step("reads", false)
		if _, err := db.UpdateCooperation(ctx, national, c.ID, 1, bump(cooperation.SiapDitawarkan), admin); err != nil {
			t.Fatal(err)
		}
		step("update", true)
		if _, err := db.UpdateCooperation(ctx, national, c.ID, 1, bump(cooperation.Penawaran), admin); err == nil {
			t.Fatal("stale update accepted")
		}
		step("refused update", false)
		if _, err := db.AddDocument(ctx, national, c.ID, docOf(cooperation.DocDraftKB, "", "draft"), admin); err != nil {
			t.Fatal(err)
		}
		step("document", true)
		if err := db.BulkLoadCooperations(ctx, []cooperation.Cooperation{newCoop("Jalan",
			regionParty("32.04", true), regionParty("32.73", false))}); err != nil {
			t.Fatal(err)
		}
		step("bulk load", true)
	})
}

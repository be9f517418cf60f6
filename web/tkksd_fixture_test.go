package web

import (
	"context"
	"testing"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/tkksd"
	"github.com/jalin-ksd/jalin/workday"
)

// submitMappings records and submits, for each region, a mapping of
// affairs that offers the urusan: what V-07 asks of every party of a
// mandatory KSDD before it leaves preparation.
func submitMappings(t *testing.T, db *sqlstore.DB, urusan string, regions ...string) {
	t.Helper()
	for _, r := range regions {
		m, err := db.GetMapping(context.Background(), access.Scope{All: true}, r)
		if err != nil {
			t.Fatal(err)
		}
		entries := append(m.Entries, tkksd.MappingEntry{Urusan: urusan, Offer: "Layanan " + urusan, Priority: 1})
		if _, err := db.SaveMapping(context.Background(), access.Scope{All: true}, r, m.Version, entries, true, sys); err != nil {
			t.Fatal(err)
		}
	}
}

// recordConsideration records that region's TKKSD recommends that
// cooperation id go on from its current stage.
func recordConsideration(t *testing.T, db *sqlstore.DB, id int64, region string) {
	t.Helper()
	_, err := db.AddConsideration(context.Background(), access.Scope{All: true}, tkksd.Consideration{CooperationID: id,
		Region: region, Recommendation: tkksd.Proceed, Reasoning: "Usulan layak dan sesuai RPJMD", DecidedBy: "Ketua TKKSD",
		DecidedOn: workday.DateOf(db.Now()).AddDays(-1)}, sys)
	if err != nil {
		t.Fatal(err)
	}
}

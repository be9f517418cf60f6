package sqlstore

import (
	"context"
	"strings"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/cooperation"
)

// BulkLoadCooperations stores cs as new cooperations with multi-row
// inserts in one transaction: ids from the counter, Version 1, the times
// now, each with its "create" event. It writes no audit records and checks
// no more than the database's constraints, so it is for test fixtures,
// benchmarks and demo data only; everything a person does goes through
// CreateCooperation.
func (db *DB) BulkLoadCooperations(ctx context.Context, cs []cooperation.Cooperation) error {
	if len(cs) == 0 {
		return nil
	}
	cs = append([]cooperation.Cooperation(nil), cs...)
	return db.Tx(ctx, func(tx *Tx) error {
		var last int64
		if err := tx.QueryRow(ctx, "UPDATE id_counter SET value = value + ? WHERE name = 'cooperation' RETURNING value",
			int64(len(cs))).Scan(&last); err != nil {
			return jalin.Wrap(err, "db.query")
		}
		if err := tx.bumpCoopGeneration(ctx); err != nil {
			return err
		}
		now := tx.db.Now()
		data := make([]string, len(cs))
		type ref struct{ c, i int } // cooperation, party or urusan index
		var parties, urusan []ref
		for i := range cs {
			c := &cs[i]
			c.Title = strings.TrimSpace(c.Title)
			c.ID, c.Version, c.CreatedAt, c.UpdatedAt, c.Documents = last-int64(len(cs))+int64(i)+1, 1, now, now, nil
			var err error
			if data[i], err = encodeCoop(*c); err != nil {
				return err
			}
			for j := range c.Parties {
				parties = append(parties, ref{i, j})
			}
			c.Urusan = dedupe(c.Urusan)
			for j := range c.Urusan {
				urusan = append(urusan, ref{i, j})
			}
		}
		err := tx.insertBatches(ctx, `INSERT INTO cooperation (id, title, title_lower, kind, stage, start_date,
			end_date, value_idr, sector, initiator_region, published, rule_version, data, created_at, updated_at,
			version, summary)`, "", 17, len(cs), func(i int, a []any) []any {
			c := &cs[i]
			return append(a, c.ID, c.Title, strings.ToLower(c.Title), string(c.Kind), string(c.Stage),
				nullDate(c.StartDate), nullDate(c.EndDate), c.ValueIDR, c.Sector, nullString(initiatorRegion(c)),
				c.Published, c.RuleVersion, data[i], c.CreatedAt, c.UpdatedAt, c.Version, encodeSummary(c))
		})
		if err != nil {
			return jalin.Wrap(err, "db.query")
		}
		err = tx.insertBatches(ctx, partyInsert, "", partyCols, len(parties),
			func(i int, a []any) []any { return appendPartyRow(a, &cs[parties[i].c], parties[i].i) })
		if isForeignKeyViolation(err) {
			return &jalin.Error{Code: jalin.EInvalid, Msg: "cooperation.party_unknown", Field: "parties", Err: err}
		}
		if err != nil {
			return jalin.Wrap(err, "db.query")
		}
		err = tx.insertBatches(ctx, "INSERT INTO cooperation_urusan (cooperation_id, urusan)", "", 2, len(urusan),
			func(i int, a []any) []any { return append(a, cs[urusan[i].c].ID, cs[urusan[i].c].Urusan[urusan[i].i]) })
		if err != nil {
			return jalin.Wrap(err, "db.query")
		}
		err = tx.insertBatches(ctx, `INSERT INTO cooperation_event (cooperation_id, seq, at, type, from_stage,
			to_stage, actor_id, actor_name, role, party, reason, data)`, "", 12, len(cs),
			func(i int, a []any) []any {
				return append(a, cs[i].ID, 1, now, "create", "", string(cs[i].Stage), nil, "bulk", "", "", "", nil)
			})
		return jalin.Wrap(err, "db.query")
	})
}

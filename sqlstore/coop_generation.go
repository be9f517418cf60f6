package sqlstore

import (
	"context"

	"github.com/jalin-ksd/jalin"
)

// CoopGeneration returns the cooperations' generation: a number that
// changes whenever a transaction that changes any cooperation, its parties,
// urusan or documents commits, on any instance sharing the database. An
// answer built only from reads made after the generation was read stays
// valid while the generation reads the same; a cache keyed by it needs no
// other invalidation.
func (db *DB) CoopGeneration(ctx context.Context) (int64, error) {
	var g int64
	err := db.queryRowCached(ctx, "SELECT value FROM id_counter WHERE name = 'coop_generation'").Scan(&g)
	return g, jalin.Wrap(err, "db.query")
}

// bumpCoopGeneration advances the generation in tx, with the change. On
// PostgreSQL it holds the counter row's lock until commit, so cooperation
// writes commit one at a time, as they do on SQLite anyway: they are made
// by people and the daily jobs, not in bulk.
func (tx *Tx) bumpCoopGeneration(ctx context.Context) error {
	_, err := tx.Exec(ctx, "UPDATE id_counter SET value = value + 1 WHERE name = 'coop_generation'")
	return jalin.Wrap(err, "db.query")
}

package sqlstore

import (
	"context"
	"strings"
)

// Bind-parameter limits per statement: PostgreSQL's wire protocol counts
// them in 16 bits; SQLite's SQLITE_MAX_VARIABLE_NUMBER is 32,766 by default.
const (
	maxParamsPostgres = 65535
	maxParamsSQLite   = 32766
)

// maxBatchRows caps rows per multi-row statement below the parameter limit:
// past a few thousand rows a longer statement saves nothing measurable,
// while its text and argument slice keep growing.
const maxBatchRows = 4000

// batchRows returns how many rows of cols columns fit in one statement.
func (db *DB) batchRows(cols int) int {
	limit := maxParamsSQLite
	if db.engine == Postgres {
		limit = maxParamsPostgres
	}
	return min(limit/cols, maxBatchRows)
}

// insertBatches inserts n rows of cols columns with multi-row INSERTs:
// prefix is "INSERT INTO t (a, b)", suffix any ON CONFLICT clause, and row
// appends the values of row i to args. One round trip per batch instead of
// one per row is what makes the full region reference load in well under a
// second.
func (tx *Tx) insertBatches(ctx context.Context, prefix, suffix string, cols, n int, row func(i int, args []any) []any) error {
	per := tx.db.batchRows(cols)
	tuple := "(" + strings.Repeat("?, ", cols-1) + "?)"
	args := make([]any, 0, per*cols)
	var full string // statement text for a full batch, built once
	for start := 0; start < n; start += per {
		end := min(start+per, n)
		args = args[:0]
		for i := start; i < end; i++ {
			args = row(i, args)
		}
		q := full
		if end-start != per || q == "" {
			q = valuesSQL(prefix, suffix, tuple, end-start)
			if end-start == per {
				full = q
			}
		}
		if _, err := tx.Exec(ctx, q, args...); err != nil {
			return err
		}
	}
	return nil
}

func valuesSQL(prefix, suffix, tuple string, rows int) string {
	var b strings.Builder
	b.Grow(len(prefix) + len(suffix) + rows*(len(tuple)+2) + 8)
	b.WriteString(prefix)
	b.WriteString(" VALUES ")
	for i := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(tuple)
	}
	if suffix != "" {
		b.WriteByte(' ')
		b.WriteString(suffix)
	}
	return b.String()
}

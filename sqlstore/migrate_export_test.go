package sqlstore

import "context"

// MigrateTo applies the migrations up to version v, or rolls them back
// down to it, for tests of one migration's effect on existing rows.
func (db *DB) MigrateTo(ctx context.Context, v int64) error {
	p, err := db.provider()
	if err != nil {
		return err
	}
	cur, err := p.GetDBVersion(ctx)
	if err != nil {
		return err
	}
	if cur > v {
		_, err = p.DownTo(ctx, v)
	} else {
		_, err = p.UpTo(ctx, v)
	}
	return err
}

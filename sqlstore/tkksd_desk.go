package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/workday"
)

// CoopStageCounts counts the cooperations scope sees, by stage: the
// desk's "cooperations by stage".
func (db *DB) CoopStageCounts(ctx context.Context, scope access.Scope) (map[cooperation.Stage]int, error) {
	cond, args := visibleCond(scope)
	out := map[cooperation.Stage]int{}
	err := db.eachRow(ctx, "SELECT c.stage, COUNT(*) FROM cooperation c WHERE "+cond+" GROUP BY c.stage", args,
		func(rows *sql.Rows) error {
			var s cooperation.Stage
			var n int
			err := rows.Scan(&s, &n)
			out[s] = n
			return err
		})
	return out, err
}

// RegionActivity is one region's TKKSD activity counts.
type RegionActivity struct {
	OpenActions, Overdue, Meetings int
}

// ActivityByRegion counts, per region scope covers, the open actions it
// owns (and how many of them are past due on today) and the meetings it
// took part in since since: the "activity at a glance" of the provincial
// and national desks.
func (db *DB) ActivityByRegion(ctx context.Context, scope access.Scope, today workday.Date, since time.Time) (map[string]RegionActivity, error) {
	out := map[string]RegionActivity{}
	cond, args := scopeCond(scope, "a.owner_region", "")
	err := db.eachRow(ctx, `SELECT a.owner_region, COUNT(*), SUM(CASE WHEN a.due_date < ? THEN 1 ELSE 0 END)
		FROM tkksd_action a WHERE a.status = 'open' AND `+cond+" GROUP BY a.owner_region",
		append([]any{today.String()}, args...), func(rows *sql.Rows) error {
			var r string
			var open, late int
			err := rows.Scan(&r, &open, &late)
			x := out[r]
			x.OpenActions, x.Overdue = open, late
			out[r] = x
			return err
		})
	if err != nil {
		return nil, err
	}
	cond, args = scopeCond(scope, "mr.region_code", "")
	err = db.eachRow(ctx, `SELECT mr.region_code, COUNT(*) FROM tkksd_meeting_region mr
		JOIN tkksd_meeting m ON m.id = mr.meeting_id WHERE m.start_at >= ? AND `+cond+" GROUP BY mr.region_code",
		append([]any{dbTime(since)}, args...), func(rows *sql.Rows) error {
			var r string
			var n int
			err := rows.Scan(&r, &n)
			x := out[r]
			x.Meetings = n
			out[r] = x
			return err
		})
	return out, err
}

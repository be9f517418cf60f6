package jobs

import (
	"context"
	"time"
)

// LoginFailureRetention is how long failed logins are kept: longer than
// any window the login throttle counts them in.
const LoginFailureRetention = 24 * time.Hour

// RunHousekeeping removes the sessions expired by now and the failed
// logins older than LoginFailureRetention.
func RunHousekeeping(ctx context.Context, d Deps, now time.Time) (Report, error) {
	var rep Report
	n, err := d.DB.DeleteExpiredSessions(ctx, now)
	if err != nil {
		return rep, err
	}
	rep.Deleted = n
	if err := d.DB.PruneLoginFailures(ctx, now.Add(-LoginFailureRetention)); err != nil {
		return rep, err
	}
	rep.log(d, KindHousekeeping)
	return rep, nil
}

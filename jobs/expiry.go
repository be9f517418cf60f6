package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/workday"
)

// expiryWarnings are the days before the end date at which the parties are
// told a cooperation is ending, longest first.
var expiryWarnings = [...]int{90, 30}

// RunExpiry looks at every cooperation in pelaksanaan with an end date at
// time now. Once the end date has passed it records the end of the term
// (expire, reason term_expired, as System: pelaksanaan → berakhir) and
// tells every region party ("coop_expired"). Before that, within 90 and
// again within 30 days of the end, it tells every region party that the
// term is ending ("coop_expiring"), once per threshold and end date, so an
// extension arms the warnings again. A cooperation first seen within 30
// days gets the 30-day warning only.
//
// The term is over the day after the end date: the end date is the last
// day in force. (The expire guard would allow the end date itself.)
func RunExpiry(ctx context.Context, d Deps, now time.Time) (Report, error) {
	var rep Report
	r, err := d.rules(ctx)
	if err != nil {
		return rep, err
	}
	today := workday.DateOf(now)
	longest := expiryWarnings[0]
	// By end date, undated last: the rest of the stage ends too late to
	// warn about, so it is never read.
	list, err := stageIDs(ctx, d.DB, cooperation.Pelaksanaan, func(s sqlstore.CoopSummary) bool {
		return s.EndDate.IsZero() || s.EndDate.After(today.AddDays(longest))
	})
	if err != nil {
		return rep, err
	}
	for _, s := range list {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		if s.EndDate.IsZero() || s.EndDate.After(today.AddDays(longest)) {
			continue
		}
		rep.Checked++
		if today.After(s.EndDate) {
			err = d.expire(ctx, &rep, r, s, now)
		} else {
			err = d.warnExpiring(ctx, &rep, s, today)
		}
		if err != nil {
			return rep, err
		}
	}
	rep.log(d, KindExpiry)
	return rep, nil
}

func (d Deps) expire(ctx context.Context, rep *Report, r rules, s sqlstore.CoopSummary, now time.Time) error {
	c, err := d.DB.GetCooperation(ctx, all, s.ID)
	if gone(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if c.Version != s.Version {
		rep.Skipped++ // changed since the list was read: the next run sees it afresh
		return nil
	}
	done, err := d.apply(ctx, r, c, cooperation.Expire, cooperation.Input{EndReason: cooperation.EndTermExpired}, now)
	if err != nil || !done {
		rep.Skipped++
		return err
	}
	rep.Changed++
	for _, region := range regionParties(s) {
		err := d.notify(ctx, rep, sqlstore.Notification{
			Region: region, CooperationID: s.ID, Kind: sqlstore.NotifyCoopExpired,
			MessageKey: "notification.coop_expired", Args: []string{s.Title, s.EndDate.String()},
			DedupeKey: fmt.Sprintf("coop_expired:%d:%s:%s", s.ID, region, s.EndDate),
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func (d Deps) warnExpiring(ctx context.Context, rep *Report, s sqlstore.CoopSummary, today workday.Date) error {
	threshold := 0
	for _, w := range expiryWarnings {
		if !s.EndDate.After(today.AddDays(w)) {
			threshold = w
		}
	}
	if threshold == 0 {
		return nil
	}
	for _, region := range regionParties(s) {
		err := d.notify(ctx, rep, sqlstore.Notification{
			Region: region, CooperationID: s.ID, Kind: sqlstore.NotifyCoopExpiring,
			MessageKey: "notification.coop_expiring",
			Args:       []string{s.Title, s.EndDate.String(), fmt.Sprint(threshold)},
			DedupeKey:  fmt.Sprintf("coop_expiring:%d:%s:%d:%s", s.ID, region, threshold, s.EndDate),
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// regionParties lists the regions party to s.
func regionParties(s sqlstore.CoopSummary) []string {
	var out []string
	for _, p := range s.Parties {
		if p.Kind == string(cooperation.PartyRegion) && p.Region != "" {
			out = append(out, p.Region)
		}
	}
	return out
}

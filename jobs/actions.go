package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/tkksd"
	"github.com/jalin-ksd/jalin/workday"
)

// DefaultActionReminderDays is how many days before its due date an open
// follow-up action is first brought to its owner region's attention, when
// Deps.ActionReminderDays is not set: a week, enough to act on it in the
// working days left.
const DefaultActionReminderDays = 7

func (d Deps) actionReminderDays() int {
	if d.ActionReminderDays <= 0 {
		return DefaultActionReminderDays
	}
	return d.ActionReminderDays
}

// RunActions reminds the owner region's TKKSD of its open follow-up
// actions at time now: an action due today or within ActionReminderDays
// days gets "action_due_soon", one past its due date "action_overdue".
// Each is stored once per action, kind and due date, so a second run adds
// nothing and moving the due date arms the reminders again. Done and
// cancelled actions are never read. The job changes no action.
func RunActions(ctx context.Context, d Deps, now time.Time) (Report, error) {
	var rep Report
	today := workday.DateOf(now)
	// Pages by offset: the job changes no action, and one closed meanwhile
	// at worst shifts a later one to the next run.
	f := sqlstore.ActionFilter{OpenOnly: true, DueBy: today.AddDays(d.actionReminderDays()), Limit: pageSize}
	for {
		page, err := d.DB.Actions(ctx, all, f)
		if err != nil {
			return rep, err
		}
		for _, x := range page {
			if err := ctx.Err(); err != nil {
				return rep, err
			}
			rep.Checked++
			if err := d.remindAction(ctx, &rep, x, today); err != nil {
				return rep, err
			}
		}
		if len(page) < pageSize {
			break
		}
		f.Offset += pageSize
	}
	rep.log(d, KindActions)
	return rep, nil
}

func (d Deps) remindAction(ctx context.Context, rep *Report, x tkksd.Action, today workday.Date) error {
	kind, key := sqlstore.NotifyActionDueSoon, "notification.action_due_soon"
	if x.Overdue(today) {
		kind, key = sqlstore.NotifyActionOverdue, "notification.action_overdue"
	}
	return d.notify(ctx, rep, sqlstore.Notification{
		Region: x.OwnerRegion, CooperationID: x.CooperationID, Kind: kind, MessageKey: key,
		Args:      []string{x.Title, x.Due.String()},
		DedupeKey: fmt.Sprintf("%s:%d:%s", kind, x.ID, x.Due),
	})
}

// Package jobs holds Jalin's background work: lapsing unanswered offers and
// reminding partners of their answer (RunOffers), warning of and recording
// the end of a cooperation's term (RunExpiry), reminding a region's TKKSD
// of its follow-up actions due soon or overdue (RunActions), and clearing expired sessions
// and old login failures (RunHousekeeping).
//
// Each job is a plain function of the store and a time, so tests run it
// directly with a fixed clock. In production River runs them (see Start):
// periodically, on whichever `jalin serve` instance River picks, never one
// kind twice at the same time. Every job is safe to run again or on two
// instances at once: a transition is applied under the cooperation's
// optimistic version (a conflict means someone acted first, and the job
// skips it), and a notification is stored once per dedupe key.
package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/workday"
)

// System is the actor the jobs act as. The lifecycle tables let the
// initiating region's team or a national administrator lapse an offer or
// record the end of a term (whoHomeOrNational), so the jobs are a national
// administrator named "sistem"; UserID -1 is no user, and the timeline and
// the audit trail show the name.
var System = access.Actor{UserID: -1, Name: "sistem", Role: access.NationalAdmin}

var (
	systemMeta = sqlstore.AuditMeta{Actor: System, IP: "sistem"}
	all        = access.Scope{All: true}
)

// pageSize is how many cooperations a job lists per query.
const pageSize = 200

// Deps is what the jobs need.
type Deps struct {
	DB *sqlstore.DB
	// Holidays is the built-in working-day calendar (workday.Load); the
	// days administrators added are read at each run. Nil loads it.
	Holidays *workday.Calendar
	Logger   *slog.Logger // nil for slog.Default()
	// ActionReminderDays is how many days ahead RunActions reminds of an
	// open follow-up action; 0 for DefaultActionReminderDays.
	ActionReminderDays int
}

func (d Deps) logger() *slog.Logger {
	if d.Logger == nil {
		return slog.Default()
	}
	return d.Logger
}

// Report says what one run did, for the log and for tests.
type Report struct {
	Checked  int // cooperations looked at
	Changed  int // transitions applied
	Skipped  int // transitions not applied: someone acted first, or the rules refused
	Notified int // notifications stored (not counting those stored before)
	Deleted  int // rows removed (housekeeping)
}

// log records a finished run: at Info when it changed something, else at
// Debug, so that a quiet installation's log is not a run every 15 minutes.
func (r Report) log(d Deps, job string) {
	level := slog.LevelDebug
	if r.Changed+r.Notified+r.Deleted > 0 {
		level = slog.LevelInfo
	}
	d.logger().Log(context.Background(), level, "jobs: run done", "job", job, "checked", r.Checked,
		"changed", r.Changed, "skipped", r.Skipped, "notified", r.Notified, "deleted", r.Deleted)
}

// rules is what a run reads once: the calendar with the administrators'
// days and the parameter versions.
type rules struct {
	cal      *workday.Calendar
	versions []cooperation.Params
}

func (d Deps) rules(ctx context.Context) (rules, error) {
	base := d.Holidays
	if base == nil {
		var err error
		if base, err = workday.Load(); err != nil {
			return rules{}, err
		}
	}
	extra, err := d.DB.ExtraHolidays(ctx)
	if err != nil {
		return rules{}, err
	}
	versions, err := d.DB.ParamVersions(ctx)
	if err != nil {
		return rules{}, err
	}
	return rules{cal: base.With(extra), versions: versions}, nil
}

// apply takes transition t on cooperation c as System, under c's version.
// It reports false without an error when the step was not taken because
// someone changed c first or the rules refuse it now; the caller skips c.
func (d Deps) apply(ctx context.Context, r rules, c cooperation.Cooperation, t cooperation.TransitionName,
	in cooperation.Input, now time.Time) (bool, error) {
	in.Calendar = r.cal
	p := cooperation.ParamsOf(r.versions, c, workday.DateOf(now))
	_, err := d.DB.UpdateCooperation(ctx, all, c.ID, c.Version, func(c *cooperation.Cooperation) (*cooperation.Event, error) {
		next, ev, err := cooperation.Apply(*c, t, System, in, p, now)
		if err != nil {
			return nil, err
		}
		*c = next
		return &ev, nil
	}, systemMeta)
	switch code := jalin.ErrorCode(err); {
	case err == nil:
		return true, nil
	case code == jalin.EConflict, code == jalin.ENotFound:
		d.logger().Info("jobs: cooperation changed meanwhile, skipped", "cooperation", c.ID, "transition", t)
		return false, nil
	case code == jalin.EInvalid, code == jalin.EForbidden:
		d.logger().Warn("jobs: transition refused", "cooperation", c.ID, "transition", t, "err", err)
		return false, nil
	}
	return false, fmt.Errorf("cooperation %d: %s: %w", c.ID, t, err)
}

// stageIDs returns the cooperations in stage by end date (undated last),
// all pages read before any is changed: a job moves cooperations out of the
// stage, which would shift the later pages under it. It stops before the
// first one beyond says is past what the job needs (nil: read them all).
func stageIDs(ctx context.Context, db *sqlstore.DB, stage cooperation.Stage,
	beyond func(sqlstore.CoopSummary) bool) ([]sqlstore.CoopSummary, error) {
	var out []sqlstore.CoopSummary
	for offset := 0; ; offset += pageSize {
		page, total, err := db.ListCooperations(ctx, all, sqlstore.CoopFilter{Stage: stage, Sort: "end_date",
			Limit: pageSize, Offset: offset})
		if err != nil {
			return nil, err
		}
		for i, s := range page {
			if beyond != nil && beyond(s) {
				return append(out, page[:i]...), nil
			}
		}
		out = append(out, page...)
		if len(page) < pageSize || offset+len(page) >= total {
			return out, nil
		}
	}
}

// homeRegion is the region that prepared and offered c: the initiating
// region party, else the first region party (a third party's initiative is
// prepared by the region it is addressed to), else "".
func homeRegion(c cooperation.Cooperation) string {
	first := ""
	for _, p := range c.Parties {
		if p.Kind != cooperation.PartyRegion {
			continue
		}
		if p.Initiator {
			return p.Region
		}
		if first == "" {
			first = p.Region
		}
	}
	return first
}

// notify stores n and counts it if it is new.
func (d Deps) notify(ctx context.Context, rep *Report, n sqlstore.Notification) error {
	created, err := d.DB.AddNotification(ctx, n)
	if err != nil {
		return fmt.Errorf("notification %s: %w", n.DedupeKey, err)
	}
	if created {
		rep.Notified++
	}
	return nil
}

// gone reports whether err says the cooperation is no longer there to
// see, which a job treats like a change by someone else.
func gone(err error) bool { return errors.Is(err, jalin.ErrNotFound) }

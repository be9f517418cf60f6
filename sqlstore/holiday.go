package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/workday"
)

// holidayView is what the audit trail records of an added day.
type holidayView struct {
	Date   string `json:"date"`
	Kind   string `json:"kind"`
	NameID string `json:"name_id"`
	NameEN string `json:"name_en,omitempty"`
	Source string `json:"source,omitempty"`
}

func viewHoliday(d workday.Day) holidayView {
	return holidayView{d.Date.String(), d.Kind, d.NameID, d.NameEN, d.Source}
}

// ExtraHolidays returns the days administrators added, by date: the extra
// argument of workday.Calendar.With.
func (db *DB) ExtraHolidays(ctx context.Context) ([]workday.Day, error) {
	out := []workday.Day{}
	err := db.eachRow(ctx, "SELECT date, kind, name_id, name_en, source FROM holiday_extra ORDER BY date", nil,
		func(rows *sql.Rows) error {
			var d workday.Day
			var date string
			if err := rows.Scan(&date, &d.Kind, &d.NameID, &d.NameEN, &d.Source); err != nil {
				return err
			}
			var err error
			d.Date, err = workday.ParseDate(date)
			out = append(out, d)
			return err
		})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func getHoliday(ctx context.Context, tx *Tx, date workday.Date) (workday.Day, bool, error) {
	d := workday.Day{Date: date}
	err := tx.QueryRow(ctx, "SELECT kind, name_id, name_en, source FROM holiday_extra WHERE date = ?", date.String()).
		Scan(&d.Kind, &d.NameID, &d.NameEN, &d.Source)
	if errors.Is(err, sql.ErrNoRows) {
		return d, false, nil
	}
	return d, err == nil, jalin.Wrap(err, "db.query")
}

// AddHoliday stores d (checked with Day.Validate), replacing a day stored
// earlier on the same date, and records "holiday.add" in the audit trail
// with the day replaced, if any, as before.
func (db *DB) AddHoliday(ctx context.Context, d workday.Day, meta AuditMeta) error {
	d.NameID, d.NameEN, d.Source = strings.TrimSpace(d.NameID), strings.TrimSpace(d.NameEN), strings.TrimSpace(d.Source)
	if err := d.Validate(); err != nil {
		return err
	}
	return db.Tx(ctx, func(tx *Tx) error {
		old, had, err := getHoliday(ctx, tx, d.Date)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO holiday_extra (date, kind, name_id, name_en, source, added_by, added_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (date) DO UPDATE SET kind = excluded.kind,
			name_id = excluded.name_id, name_en = excluded.name_en, source = excluded.source,
			added_by = excluded.added_by, added_at = excluded.added_at`,
			d.Date.String(), d.Kind, d.NameID, d.NameEN, d.Source, nullID(meta.Actor.UserID), tx.db.Now())
		if err != nil {
			return jalin.Wrap(err, "db.query")
		}
		e := AuditEntry{Action: "holiday.add", ObjectKind: "holiday", ObjectID: d.Date.String(), After: viewHoliday(d)}
		if had {
			e.Before = viewHoliday(old)
		}
		return tx.appendAudit(ctx, meta, e)
	})
}

// DeleteHoliday removes the day stored on date and records
// "holiday.delete"; a date without a stored day is not found.
func (db *DB) DeleteHoliday(ctx context.Context, date workday.Date, meta AuditMeta) error {
	return db.Tx(ctx, func(tx *Tx) error {
		old, had, err := getHoliday(ctx, tx, date)
		if err != nil {
			return err
		}
		if !had {
			return notFound("holiday", date.String())
		}
		if _, err := tx.Exec(ctx, "DELETE FROM holiday_extra WHERE date = ?", date.String()); err != nil {
			return jalin.Wrap(err, "db.query")
		}
		return tx.appendAudit(ctx, meta, AuditEntry{
			Action: "holiday.delete", ObjectKind: "holiday", ObjectID: date.String(), Before: viewHoliday(old),
		})
	})
}

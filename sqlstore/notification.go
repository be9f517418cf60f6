package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
)

// NotificationKind says what a notification is about.
type NotificationKind string

// The kinds the notification table accepts (see 0005, 0011 and 0013).
const (
	NotifyOfferReceived NotificationKind = "offer_received"  // a partner region was offered a cooperation
	NotifyAnswerDueSoon NotificationKind = "answer_due_soon" // its answer to an offer is due within days
	NotifyOfferLapsed   NotificationKind = "offer_lapsed"    // an offer went unanswered and lapsed
	NotifyCoopExpiring  NotificationKind = "coop_expiring"   // a cooperation's term ends within 90 or 30 days
	NotifyCoopExpired   NotificationKind = "coop_expired"    // a cooperation's term has ended
	NotifyActionDueSoon NotificationKind = "action_due_soon" // a TKKSD follow-up action is due within days
	NotifyActionOverdue NotificationKind = "action_overdue"  // a TKKSD follow-up action is past its due date
	NotifyCoopEvent     NotificationKind = "coop_event"      // another party recorded a step of a cooperation (0013)
)

// Valid reports whether k is one of the kinds above.
func (k NotificationKind) Valid() bool {
	switch k {
	case NotifyOfferReceived, NotifyAnswerDueSoon, NotifyOfferLapsed, NotifyCoopExpiring, NotifyCoopExpired,
		NotifyActionDueSoon, NotifyActionOverdue, NotifyCoopEvent:
		return true
	}
	return false
}

// AboutAction reports whether k reminds of a TKKSD follow-up action.
func (k NotificationKind) AboutAction() bool {
	return k == NotifyActionDueSoon || k == NotifyActionOverdue
}

// Notification is a message for one user (UserID) or for everyone of a
// region's TKKSD (Region). Its text is the catalog's MessageKey filled with
// Args, so each reader sees it in their own language. DedupeKey names the
// occasion: a second notification with the same key is not stored, which
// lets a job that notifies run twice, on one instance or on several.
type Notification struct {
	ID            int64
	UserID        int64  // 0 for none
	Region        string // "" for none
	CooperationID int64  // 0 for none
	Kind          NotificationKind
	MessageKey    string
	Args          []string
	CreatedAt     time.Time
	ReadAt        *time.Time
	DedupeKey     string
}

const notificationCols = `id, user_id, region_code, cooperation_id, kind, message_key, args, created_at,
	read_at, dedupe_key`

// AddNotification stores n unless a notification with its DedupeKey is
// stored already, and says whether it did. n needs a Kind, a MessageKey, a
// DedupeKey and a UserID or Region (else EInvalid); a zero CreatedAt is now.
// ID and ReadAt are ignored. A UserID or CooperationID that does not exist
// is EInvalid "notification.ref_unknown".
//
// The insert is INSERT ... ON CONFLICT (dedupe_key) DO NOTHING (SQLite 3.24
// and later, PostgreSQL 9.5 and later), so two instances adding the same
// notification at once store it once and neither fails.
func (db *DB) AddNotification(ctx context.Context, n Notification) (created bool, err error) {
	err = db.Tx(ctx, func(tx *Tx) error {
		created, err = tx.addNotification(ctx, n)
		return err
	})
	if isForeignKeyViolation(err) {
		return false, &jalin.Error{Code: jalin.EInvalid, Msg: "notification.ref_unknown", Err: err}
	}
	return created, err
}

// addNotification is AddNotification inside a transaction, for a change
// that tells someone of itself: both are stored or neither.
func (tx *Tx) addNotification(ctx context.Context, n Notification) (bool, error) {
	n.DedupeKey, n.MessageKey = strings.TrimSpace(n.DedupeKey), strings.TrimSpace(n.MessageKey)
	switch {
	case !n.Kind.Valid():
		return false, jalin.Invalid("kind", "notification.kind_invalid", string(n.Kind))
	case n.MessageKey == "":
		return false, jalin.Invalid("message_key", "notification.message_required")
	case n.DedupeKey == "":
		return false, jalin.Invalid("dedupe_key", "notification.dedupe_key_required")
	case n.UserID == 0 && n.Region == "":
		return false, jalin.Invalid("user_id", "notification.recipient_required")
	}
	if n.Args == nil {
		n.Args = []string{}
	}
	args, err := json.Marshal(n.Args)
	if err != nil {
		return false, jalin.Wrap(fmt.Errorf("notification args: %w", err), "db.query")
	}
	if n.CreatedAt.IsZero() {
		n.CreatedAt = tx.db.Now()
	}
	id, err := tx.nextID(ctx, "notification")
	if err != nil {
		return false, err
	}
	k, err := affected(tx.Exec(ctx, "INSERT INTO notification ("+notificationCols+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?) ON CONFLICT (dedupe_key) DO NOTHING`,
		id, nullID(n.UserID), nullString(n.Region), nullID(n.CooperationID), string(n.Kind), n.MessageKey,
		string(args), dbTime(n.CreatedAt), n.DedupeKey))
	return k == 1, err
}

// Notifications returns, newest first, the notifications addressed to user
// userID or to a region the scope covers (a province's scope covers its
// regencies'; All covers every region), only the unread ones if unreadOnly;
// at most limit (0 for 50, at most 500).
func (db *DB) Notifications(ctx context.Context, scope access.Scope, userID int64, unreadOnly bool, limit int) ([]Notification, error) {
	cond, args := scopeCond(scope, "region_code", "")
	q := "SELECT " + notificationCols + " FROM notification WHERE (user_id = ? OR (region_code IS NOT NULL AND " +
		cond + "))"
	args = append([]any{userID}, args...)
	if unreadOnly {
		q += " AND read_at IS NULL"
	}
	q += " ORDER BY created_at DESC, id DESC LIMIT ?"
	args = append(args, pageLimit(limit))
	out := []Notification{}
	err := db.eachRow(ctx, q, args, func(rows *sql.Rows) error {
		var n Notification
		var user, coop sql.NullInt64
		var region sql.NullString
		var read sql.NullTime
		var a string
		if err := rows.Scan(&n.ID, &user, &region, &coop, &n.Kind, &n.MessageKey, &a, &n.CreatedAt, &read,
			&n.DedupeKey); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(a), &n.Args); err != nil {
			return err
		}
		n.UserID, n.Region, n.CooperationID = user.Int64, region.String, coop.Int64
		n.CreatedAt, n.ReadAt = n.CreatedAt.UTC(), timePtr(read)
		out = append(out, n)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// MarkNotificationRead marks notification id, addressed to user userID,
// read now; marking it again keeps the first time. A notification that
// does not exist or is addressed to someone else is not found (the error
// wraps jalin.ErrNotFound). A notification addressed only to a region
// cannot be marked by one of its users: read_at is one per row, and one
// reader would mark it for the whole TKKSD.
func (db *DB) MarkNotificationRead(ctx context.Context, userID, id int64) error {
	n, err := affected(db.Exec(ctx, "UPDATE notification SET read_at = COALESCE(read_at, ?) WHERE id = ? AND user_id = ?",
		db.Now(), id, userID))
	if err != nil {
		return err
	}
	if n == 0 {
		return notFound("notification", idString(id))
	}
	return nil
}

// SeeInbox records that user userID opened the inbox at now and returns
// when it did so before (the zero time if never): the notifications
// created since then are new to it.
func (db *DB) SeeInbox(ctx context.Context, userID int64, now time.Time) (time.Time, error) {
	var prev time.Time
	err := db.Tx(ctx, func(tx *Tx) error {
		var seen sql.NullTime
		err := tx.QueryRow(ctx, "SELECT seen_at FROM inbox_seen WHERE user_id = ?", userID).Scan(&seen)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return jalin.Wrap(err, "db.query")
		}
		if seen.Valid {
			prev = seen.Time.UTC()
		}
		_, err = tx.Exec(ctx, `INSERT INTO inbox_seen (user_id, seen_at) VALUES (?, ?)
			ON CONFLICT (user_id) DO UPDATE SET seen_at = excluded.seen_at`, userID, dbTime(now))
		return jalin.Wrap(err, "db.query")
	})
	if isForeignKeyViolation(err) {
		return time.Time{}, notFound("user", idString(userID))
	}
	return prev, err
}

-- Reminders for the TKKSD's follow-up actions (package jobs, RunActions):
-- the owner region is told when an open action is due within a few days
-- ("action_due_soon") and when it is past its due date ("action_overdue").
--
-- 0005 limits notification.kind with a CHECK, which SQLite cannot alter in
-- place. So the table is recreated with the wider CHECK, in the SQL both
-- engines accept: a copy is created, the rows are copied over with their
-- ids, the old table dropped and the copy renamed, and the indexes made
-- again. Nothing references notification, so the drop breaks no foreign
-- key. goose runs the whole migration in one transaction. On PostgreSQL
-- the primary key and unique constraint keep the copy's generated names
-- (notification_next_pkey, notification_next_dedupe_key_key); nothing
-- refers to them by name (ON CONFLICT names the column).

-- +goose Up
CREATE TABLE notification_next (
    id             BIGINT PRIMARY KEY,
    user_id        BIGINT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    region_code    TEXT NULL,
    cooperation_id BIGINT NULL REFERENCES cooperation (id),
    kind           TEXT NOT NULL CHECK (kind IN ('offer_received', 'answer_due_soon', 'offer_lapsed',
                                                 'coop_expiring', 'coop_expired',
                                                 'action_due_soon', 'action_overdue')),
    message_key    TEXT NOT NULL,
    args           TEXT NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    read_at        TIMESTAMP NULL,
    dedupe_key     TEXT NOT NULL UNIQUE,
    CHECK (user_id IS NOT NULL OR region_code IS NOT NULL)
);
INSERT INTO notification_next (id, user_id, region_code, cooperation_id, kind, message_key, args, created_at,
                               read_at, dedupe_key)
    SELECT id, user_id, region_code, cooperation_id, kind, message_key, args, created_at, read_at, dedupe_key
    FROM notification;
DROP TABLE notification;
ALTER TABLE notification_next RENAME TO notification;
CREATE INDEX notification_user_id_idx ON notification (user_id, created_at);
CREATE INDEX notification_region_code_idx ON notification (region_code, created_at);
CREATE INDEX notification_cooperation_id_idx ON notification (cooperation_id);

-- +goose Down
CREATE TABLE notification_prev (
    id             BIGINT PRIMARY KEY,
    user_id        BIGINT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    region_code    TEXT NULL,
    cooperation_id BIGINT NULL REFERENCES cooperation (id),
    kind           TEXT NOT NULL CHECK (kind IN ('offer_received', 'answer_due_soon', 'offer_lapsed',
                                                 'coop_expiring', 'coop_expired')),
    message_key    TEXT NOT NULL,
    args           TEXT NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    read_at        TIMESTAMP NULL,
    dedupe_key     TEXT NOT NULL UNIQUE,
    CHECK (user_id IS NOT NULL OR region_code IS NOT NULL)
);
INSERT INTO notification_prev (id, user_id, region_code, cooperation_id, kind, message_key, args, created_at,
                               read_at, dedupe_key)
    SELECT id, user_id, region_code, cooperation_id, kind, message_key, args, created_at, read_at, dedupe_key
    FROM notification WHERE kind NOT IN ('action_due_soon', 'action_overdue');
DROP TABLE notification;
ALTER TABLE notification_prev RENAME TO notification;
CREATE INDEX notification_user_id_idx ON notification (user_id, created_at);
CREATE INDEX notification_region_code_idx ON notification (region_code, created_at);
CREATE INDEX notification_cooperation_id_idx ON notification (cooperation_id);

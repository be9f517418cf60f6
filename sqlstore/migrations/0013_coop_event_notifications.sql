-- News of a cooperation's steps for its other parties: when one party (or
-- the Gubernur, or the ministry) records a step of a cooperation that has
-- been offered, the TKKSD of every other region party is told
-- ("coop_event", stored in the same transaction as the step; see
-- cooperation.Told and sqlstore.tellParties).
--
-- The kind CHECK is widened the way 0011 widened it: SQLite cannot alter a
-- CHECK in place, so the table is copied into one with the wider CHECK,
-- with its ids, the old one dropped, the copy renamed and its indexes made
-- again, all in goose's one transaction. Down drops the new kind's rows.
-- The copies are named notification_v13 and notification_v12, not _next
-- as in 0011: on PostgreSQL the table 0011 renamed still owns the index
-- notification_next_pkey, and a new notification_next would collide.

-- +goose Up
CREATE TABLE notification_v13 (
    id             BIGINT PRIMARY KEY,
    user_id        BIGINT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    region_code    TEXT NULL,
    cooperation_id BIGINT NULL REFERENCES cooperation (id),
    kind           TEXT NOT NULL CHECK (kind IN ('offer_received', 'answer_due_soon', 'offer_lapsed',
                                                 'coop_expiring', 'coop_expired',
                                                 'action_due_soon', 'action_overdue', 'coop_event')),
    message_key    TEXT NOT NULL,
    args           TEXT NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    read_at        TIMESTAMP NULL,
    dedupe_key     TEXT NOT NULL UNIQUE,
    CHECK (user_id IS NOT NULL OR region_code IS NOT NULL)
);
INSERT INTO notification_v13 (id, user_id, region_code, cooperation_id, kind, message_key, args, created_at,
                               read_at, dedupe_key)
    SELECT id, user_id, region_code, cooperation_id, kind, message_key, args, created_at, read_at, dedupe_key
    FROM notification;
DROP TABLE notification;
ALTER TABLE notification_v13 RENAME TO notification;
CREATE INDEX notification_user_id_idx ON notification (user_id, created_at);
CREATE INDEX notification_region_code_idx ON notification (region_code, created_at);
CREATE INDEX notification_cooperation_id_idx ON notification (cooperation_id);

-- +goose Down
CREATE TABLE notification_v12 (
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
INSERT INTO notification_v12 (id, user_id, region_code, cooperation_id, kind, message_key, args, created_at,
                               read_at, dedupe_key)
    SELECT id, user_id, region_code, cooperation_id, kind, message_key, args, created_at, read_at, dedupe_key
    FROM notification WHERE kind <> 'coop_event';
DROP TABLE notification;
ALTER TABLE notification_v12 RENAME TO notification;
CREATE INDEX notification_user_id_idx ON notification (user_id, created_at);
CREATE INDEX notification_region_code_idx ON notification (region_code, created_at);
CREATE INDEX notification_cooperation_id_idx ON notification (cooperation_id);

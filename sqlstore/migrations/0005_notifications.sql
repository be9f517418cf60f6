-- Notifications: what the background jobs (package jobs) and the pages tell
-- a user or a region's TKKSD, written in the SQL both engines accept (see
-- 0002). A notification is addressed to one user (user_id), to everyone of
-- a region's TKKSD (region_code), or both; the text is a message key of the
-- catalog with its arguments (a JSON array of strings), so each reader sees
-- it in their own language.
--
-- dedupe_key is what makes a job safe to run twice, on one instance or on
-- several at once: each notification has a key naming its occasion (say
-- "answer_due_soon:12:32.73:2025-04-11"), and the insert is
-- INSERT ... ON CONFLICT (dedupe_key) DO NOTHING.
--
-- region_code carries no foreign key, like audit_log's: a notification
-- outlives a change of the region reference. cooperation_id does: a
-- cooperation is never deleted.
--
-- River's own tables (river_job, river_leader, river_migration, ...) live
-- in the same database but are not created here: River's migrator
-- (rivermigrate) manages them when serve starts the job client.

-- +goose Up
INSERT INTO id_counter (name, value) VALUES ('notification', 0);

CREATE TABLE notification (
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
CREATE INDEX notification_user_id_idx ON notification (user_id, created_at);
CREATE INDEX notification_region_code_idx ON notification (region_code, created_at);
CREATE INDEX notification_cooperation_id_idx ON notification (cooperation_id);

-- +goose Down
DROP TABLE notification;
DELETE FROM id_counter WHERE name = 'notification';

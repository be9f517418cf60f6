-- When each user last opened the inbox: notifications created after it
-- are shown as new. A region's notification has one read mark for the
-- whole TKKSD (0005), so "new to me" is kept per user here instead, and
-- opening the inbox moves the mark (sqlstore.SeeInbox).

-- +goose Up
CREATE TABLE inbox_seen (
    user_id BIGINT PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
    seen_at TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE inbox_seen;

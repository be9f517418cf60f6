-- Organisations, users, sessions, API tokens, login throttling and the
-- audit trail.
--
-- Written, like 0001, in the SQL that SQLite and PostgreSQL both accept:
-- TEXT, INTEGER, BIGINT, BOOLEAN (SQLite stores 0/1), TIMESTAMP (always
-- written in UTC, truncated to microseconds). Binary hashes are stored as
-- lower-case hex TEXT, which both engines compare and index alike. Ids come
-- from the id_counter rows, incremented inside the write transaction: no
-- SERIAL or AUTOINCREMENT, and concurrent inserts on PostgreSQL queue on the
-- counter row instead of failing on a duplicate key.

-- +goose Up
CREATE TABLE id_counter (
    name  TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO id_counter (name, value) VALUES ('organization', 0), ('app_user', 0), ('api_token', 0);

CREATE TABLE organization (
    id          BIGINT PRIMARY KEY,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('company', 'university', 'ngo', 'other')),
    legal_id    TEXT NOT NULL,
    region_code TEXT NOT NULL REFERENCES region (code),
    created_at  TIMESTAMP NOT NULL,
    version     BIGINT NOT NULL
);
CREATE INDEX organization_region_code_idx ON organization (region_code);

CREATE TABLE app_user (
    id                  BIGINT PRIMARY KEY,
    username            TEXT NOT NULL UNIQUE CHECK (username = lower(username)),
    display_name        TEXT NOT NULL,
    email               TEXT NOT NULL,
    password_hash       TEXT NOT NULL,
    role                TEXT NOT NULL,
    region_code         TEXT NULL REFERENCES region (code),
    org_id              BIGINT NULL REFERENCES organization (id),
    lang                TEXT NOT NULL,
    disabled            BOOLEAN NOT NULL,
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL,
    password_changed_at TIMESTAMP NOT NULL,
    version             BIGINT NOT NULL
);
CREATE INDEX app_user_region_code_idx ON app_user (region_code);
CREATE INDEX app_user_org_id_idx ON app_user (org_id);

-- A row per browser session; user_id NULL is an anonymous session that only
-- holds the CSRF token of the login form. id_hash is the hex SHA-256 of the
-- cookie value, never the value itself.
CREATE TABLE session (
    id_hash      TEXT PRIMARY KEY,
    user_id      BIGINT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    csrf         TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    ip           TEXT NOT NULL,
    user_agent   TEXT NOT NULL
);
CREATE INDEX session_user_id_idx ON session (user_id);
CREATE INDEX session_expires_at_idx ON session (expires_at);

CREATE TABLE api_token (
    id           BIGINT PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NULL,
    last_used_at TIMESTAMP NULL,
    revoked_at   TIMESTAMP NULL
);
CREATE INDEX api_token_user_id_idx ON api_token (user_id);

CREATE TABLE login_failure (
    key TEXT NOT NULL,
    at  TIMESTAMP NOT NULL
);
CREATE INDEX login_failure_key_at_idx ON login_failure (key, at);
CREATE INDEX login_failure_at_idx ON login_failure (at);

-- Append-only and hash-chained: see sqlstore/audit.go. actor_id and
-- region_code carry no foreign key on purpose: the trail outlives the users
-- and regions it names.
CREATE TABLE audit_log (
    seq         BIGINT PRIMARY KEY,
    at          TIMESTAMP NOT NULL,
    actor_id    BIGINT NULL,
    actor_name  TEXT NOT NULL,
    ip          TEXT NOT NULL,
    action      TEXT NOT NULL,
    object_kind TEXT NOT NULL,
    object_id   TEXT NOT NULL,
    region_code TEXT NULL,
    before_json TEXT NULL,
    after_json  TEXT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_log_object_idx ON audit_log (object_kind, object_id, seq);
CREATE INDEX audit_log_region_code_idx ON audit_log (region_code, seq);
CREATE INDEX audit_log_actor_id_idx ON audit_log (actor_id, seq);
CREATE INDEX audit_log_action_idx ON audit_log (action, seq);

-- The one row every append locks first: it serialises appends across
-- instances and holds the last seq and hash, so a removed tail shows.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');

-- +goose Down
DROP TABLE audit_head;
DROP TABLE audit_log;
DROP TABLE login_failure;
DROP TABLE api_token;
DROP TABLE session;
DROP TABLE app_user;
DROP TABLE organization;
DROP TABLE id_counter;

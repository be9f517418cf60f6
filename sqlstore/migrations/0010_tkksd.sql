-- The TKKSD workspace (package tkksd): team compositions by decree,
-- meetings with the regions taking part, follow-up actions, handovers of
-- an official's open actions, the mapping of government affairs and the
-- team's considerations on cooperations.
--
-- Written, like 0003, in the SQL both engines accept: civil dates are TEXT
-- 'YYYY-MM-DD', instants TIMESTAMP in UTC. A team's seats and a meeting's
-- agenda, attendance, minutes and decisions are JSON in `data`; the columns
-- are the indexed copy the lists and scopes need, rewritten on every save.

-- +goose Up
INSERT INTO id_counter (name, value) VALUES ('tkksd_team', 0), ('tkksd_meeting', 0), ('tkksd_action', 0),
    ('tkksd_handover', 0), ('tkksd_consideration', 0);

-- One row per decree. current marks the composition in force; a new
-- decree clears it on the previous row, which stays as history.
CREATE TABLE tkksd_team (
    id            BIGINT PRIMARY KEY,
    region_code   TEXT NOT NULL REFERENCES region (code),
    decree_number TEXT NOT NULL,
    decree_date   TEXT NOT NULL,
    term_start    TEXT NOT NULL,
    term_end      TEXT NULL,
    current       BOOLEAN NOT NULL,
    data          TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    version       BIGINT NOT NULL
);
CREATE INDEX tkksd_team_region_idx ON tkksd_team (region_code, current);

-- host_region is NULL for a meeting the ministry holds.
CREATE TABLE tkksd_meeting (
    id          BIGINT PRIMARY KEY,
    host_region TEXT NULL REFERENCES region (code),
    kind        TEXT NOT NULL CHECK (kind IN ('internal', 'assistance')),
    title       TEXT NOT NULL,
    start_at    TIMESTAMP NOT NULL,
    end_at      TIMESTAMP NOT NULL,
    data        TEXT NOT NULL,
    created_by  BIGINT NULL REFERENCES app_user (id),
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    version     BIGINT NOT NULL
);
CREATE INDEX tkksd_meeting_start_idx ON tkksd_meeting (start_at, id);

-- The regions taking part (host and invited): what scoped reads filter on.
CREATE TABLE tkksd_meeting_region (
    meeting_id  BIGINT NOT NULL REFERENCES tkksd_meeting (id),
    region_code TEXT NOT NULL REFERENCES region (code),
    host        BOOLEAN NOT NULL,
    PRIMARY KEY (meeting_id, region_code)
);
CREATE INDEX tkksd_meeting_region_code_idx ON tkksd_meeting_region (region_code, meeting_id);

CREATE TABLE tkksd_action (
    id             BIGINT PRIMARY KEY,
    meeting_id     BIGINT NOT NULL REFERENCES tkksd_meeting (id),
    title          TEXT NOT NULL,
    owner_region   TEXT NOT NULL REFERENCES region (code),
    owner_user_id  BIGINT NULL REFERENCES app_user (id),
    owner_name     TEXT NOT NULL,
    due_date       TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
    note           TEXT NOT NULL,
    cooperation_id BIGINT NULL REFERENCES cooperation (id),
    closed_at      TIMESTAMP NULL,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    version        BIGINT NOT NULL
);
CREATE INDEX tkksd_action_owner_idx ON tkksd_action (owner_region, status, due_date);
CREATE INDEX tkksd_action_meeting_idx ON tkksd_action (meeting_id, id);
CREATE INDEX tkksd_action_coop_idx ON tkksd_action (cooperation_id);
CREATE INDEX tkksd_action_user_idx ON tkksd_action (owner_user_id, status);

-- A handover: the open actions of an official who left, moved to a
-- successor (action_ids is a JSON array).
CREATE TABLE tkksd_handover (
    id           BIGINT PRIMARY KEY,
    region_code  TEXT NOT NULL REFERENCES region (code),
    from_user_id BIGINT NOT NULL REFERENCES app_user (id),
    to_user_id   BIGINT NOT NULL REFERENCES app_user (id),
    reason       TEXT NOT NULL,
    action_ids   TEXT NOT NULL,
    actor_id     BIGINT NULL REFERENCES app_user (id),
    at           TIMESTAMP NOT NULL
);
CREATE INDEX tkksd_handover_region_idx ON tkksd_handover (region_code, at);

-- The mapping of affairs: one row per region and urusan. The header row
-- carries the version the whole mapping is saved against and when it was
-- submitted to the province and the ministry.
CREATE TABLE tkksd_mapping (
    region_code  TEXT PRIMARY KEY REFERENCES region (code),
    submitted_at TIMESTAMP NULL,
    updated_at   TIMESTAMP NOT NULL,
    version      BIGINT NOT NULL
);
CREATE TABLE tkksd_mapping_entry (
    region_code TEXT NOT NULL REFERENCES tkksd_mapping (region_code),
    urusan      TEXT NOT NULL,
    offer       TEXT NOT NULL,
    need        TEXT NOT NULL,
    priority    INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 3),
    notes       TEXT NOT NULL,
    PRIMARY KEY (region_code, urusan)
);
CREATE INDEX tkksd_mapping_entry_urusan_idx ON tkksd_mapping_entry (urusan, region_code);

-- The team's consideration (pertimbangan) on a cooperation at a stage.
CREATE TABLE tkksd_consideration (
    id             BIGINT PRIMARY KEY,
    cooperation_id BIGINT NOT NULL REFERENCES cooperation (id),
    region_code    TEXT NOT NULL REFERENCES region (code),
    stage          TEXT NOT NULL,
    recommendation TEXT NOT NULL CHECK (recommendation IN ('proceed', 'revise', 'reject')),
    reasoning      TEXT NOT NULL,
    meeting_id     BIGINT NULL REFERENCES tkksd_meeting (id),
    decided_by     TEXT NOT NULL,
    decided_on     TEXT NOT NULL,
    actor_id       BIGINT NULL REFERENCES app_user (id),
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX tkksd_consideration_coop_idx ON tkksd_consideration (cooperation_id, created_at);

-- +goose Down
DROP TABLE tkksd_consideration;
DROP TABLE tkksd_mapping_entry;
DROP TABLE tkksd_mapping;
DROP TABLE tkksd_handover;
DROP TABLE tkksd_action;
DROP TABLE tkksd_meeting_region;
DROP TABLE tkksd_meeting;
DROP TABLE tkksd_team;
DELETE FROM id_counter WHERE name IN ('tkksd_team', 'tkksd_meeting', 'tkksd_action', 'tkksd_handover',
    'tkksd_consideration');

-- Cooperations, their parties, timeline and documents; administrator-added
-- holidays; administrator-defined parameter versions.
--
-- Written, like 0001 and 0002, in the SQL both engines accept. Civil dates
-- (start, end, holiday, effective_from) are TEXT 'YYYY-MM-DD', NULL for no
-- date: zero-padded ISO dates sort and compare as text in date order on both
-- engines, with the byte-wise comparison both use for these ASCII digits,
-- and scan into a Go string alike on both drivers, whereas DATE is a real
-- type on PostgreSQL (scanned as time.Time at midnight UTC) but only a name
-- on SQLite (scanned as whatever was written), so one Go path could not
-- read both. Instants stay TIMESTAMP in UTC, as in 0002.
--
-- cooperation.data is the JSON of the whole cooperation.Cooperation except
-- Documents; the other columns, cooperation_party and cooperation_urusan are
-- its indexed copy, rewritten from the struct on every save.

-- +goose Up
INSERT INTO id_counter (name, value) VALUES ('cooperation', 0), ('document_version', 0);

CREATE TABLE cooperation (
    id               BIGINT PRIMARY KEY,
    title            TEXT NOT NULL,
    title_lower      TEXT NOT NULL,
    kind             TEXT NOT NULL,
    stage            TEXT NOT NULL,
    start_date       TEXT NULL,
    end_date         TEXT NULL,
    value_idr        BIGINT NOT NULL,
    sector           TEXT NOT NULL,
    initiator_region TEXT NULL,
    published        BOOLEAN NOT NULL,
    rule_version     TEXT NOT NULL,
    data             TEXT NOT NULL,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    version          BIGINT NOT NULL
);
CREATE INDEX cooperation_end_date_idx ON cooperation (end_date, id);
CREATE INDEX cooperation_stage_end_idx ON cooperation (stage, end_date, id);
CREATE INDEX cooperation_kind_end_idx ON cooperation (kind, end_date, id);
CREATE INDEX cooperation_updated_idx ON cooperation (updated_at, id);
CREATE INDEX cooperation_published_end_idx ON cooperation (published, end_date, id);
CREATE INDEX cooperation_rule_version_idx ON cooperation (rule_version);

-- One row per party, in the order of Cooperation.Parties (pos). The copy of
-- the cooperation's stage lets the commonest list, a province's
-- cooperations at one stage, be read from one index range; it is rewritten
-- with the parties on every save, so it cannot drift.
CREATE TABLE cooperation_party (
    cooperation_id BIGINT NOT NULL REFERENCES cooperation (id),
    party_key      TEXT NOT NULL,
    pos            INTEGER NOT NULL,
    kind           TEXT NOT NULL,
    region_code    TEXT NULL REFERENCES region (code),
    province_code  TEXT NULL,
    org_id         BIGINT NULL REFERENCES organization (id),
    name           TEXT NOT NULL,
    initiator      BOOLEAN NOT NULL,
    stage          TEXT NOT NULL,
    PRIMARY KEY (cooperation_id, party_key)
);
CREATE INDEX cooperation_party_province_idx ON cooperation_party (province_code, cooperation_id);
CREATE INDEX cooperation_party_province_stage_idx ON cooperation_party (province_code, stage, cooperation_id);
CREATE INDEX cooperation_party_region_idx ON cooperation_party (region_code, cooperation_id);
CREATE INDEX cooperation_party_org_idx ON cooperation_party (org_id, cooperation_id);

CREATE TABLE cooperation_urusan (
    cooperation_id BIGINT NOT NULL REFERENCES cooperation (id),
    urusan         TEXT NOT NULL,
    PRIMARY KEY (cooperation_id, urusan)
);
CREATE INDEX cooperation_urusan_urusan_idx ON cooperation_urusan (urusan, cooperation_id);

-- The timeline: seq counts 1, 2, 3... per cooperation.
CREATE TABLE cooperation_event (
    cooperation_id BIGINT NOT NULL REFERENCES cooperation (id),
    seq            INTEGER NOT NULL,
    at             TIMESTAMP NOT NULL,
    type           TEXT NOT NULL,
    from_stage     TEXT NOT NULL,
    to_stage       TEXT NOT NULL,
    actor_id       BIGINT NULL,
    actor_name     TEXT NOT NULL,
    role           TEXT NOT NULL,
    party          TEXT NOT NULL,
    reason         TEXT NOT NULL,
    data           TEXT NULL,
    PRIMARY KEY (cooperation_id, seq)
);

-- Every uploaded version of a document; the file itself is in the blob
-- store under sha256. party_key is '' for a joint document.
CREATE TABLE document_version (
    id             BIGINT PRIMARY KEY,
    cooperation_id BIGINT NOT NULL REFERENCES cooperation (id),
    doc_type       TEXT NOT NULL,
    party_key      TEXT NOT NULL,
    version_no     INTEGER NOT NULL,
    file_name      TEXT NOT NULL,
    size           BIGINT NOT NULL,
    sha256         TEXT NOT NULL,
    mime           TEXT NOT NULL,
    kind           TEXT NOT NULL,
    has_macros     BOOLEAN NOT NULL,
    uploaded_by    BIGINT NULL,
    uploader_name  TEXT NOT NULL,
    uploaded_at    TIMESTAMP NOT NULL,
    is_current     BOOLEAN NOT NULL,
    note           TEXT NOT NULL,
    UNIQUE (cooperation_id, doc_type, party_key, version_no)
);
CREATE INDEX document_version_sha256_idx ON document_version (sha256);

CREATE TABLE holiday_extra (
    date     TEXT PRIMARY KEY,
    kind     TEXT NOT NULL,
    name_id  TEXT NOT NULL,
    name_en  TEXT NOT NULL,
    source   TEXT NOT NULL,
    added_by BIGINT NULL,
    added_at TIMESTAMP NOT NULL
);

-- A stored version is complete by itself: every parameter has a row.
CREATE TABLE regulation_param (
    version        TEXT NOT NULL,
    name           TEXT NOT NULL,
    value          INTEGER NOT NULL,
    text           TEXT NOT NULL,
    unit           TEXT NOT NULL,
    confidence     TEXT NOT NULL,
    source         TEXT NOT NULL,
    unverified     BOOLEAN NOT NULL,
    effective_from TEXT NOT NULL,
    PRIMARY KEY (version, name)
);

-- +goose Down
DROP TABLE regulation_param;
DROP TABLE holiday_extra;
DROP TABLE document_version;
DROP TABLE cooperation_event;
DROP TABLE cooperation_urusan;
DROP TABLE cooperation_party;
DROP TABLE cooperation;
DELETE FROM id_counter WHERE name IN ('cooperation', 'document_version');

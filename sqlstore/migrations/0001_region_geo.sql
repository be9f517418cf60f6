-- Region reference and imported geography.
--
-- Written in the SQL that SQLite and PostgreSQL both accept: TEXT, INTEGER,
-- BIGINT, DOUBLE PRECISION, TIMESTAMP (always written in UTC). No
-- autoincrement: ids are chosen by the Go code inside the write transaction.

-- +goose Up
CREATE TABLE region (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    level       INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    parent_code TEXT NULL REFERENCES region (code)
);
CREATE INDEX region_parent_code_idx ON region (parent_code);

CREATE TABLE region_boundary (
    code     TEXT PRIMARY KEY REFERENCES region (code),
    geometry TEXT NOT NULL,
    min_lon  DOUBLE PRECISION NOT NULL,
    min_lat  DOUBLE PRECISION NOT NULL,
    max_lon  DOUBLE PRECISION NOT NULL,
    max_lat  DOUBLE PRECISION NOT NULL
);

CREATE TABLE region_point (
    code TEXT PRIMARY KEY REFERENCES region (code),
    lon  DOUBLE PRECISION NOT NULL,
    lat  DOUBLE PRECISION NOT NULL,
    kind TEXT NOT NULL
);

CREATE TABLE region_adjacency (
    code_a           TEXT NOT NULL REFERENCES region (code),
    code_b           TEXT NOT NULL REFERENCES region (code),
    shared_border_km DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (code_a, code_b)
);
CREATE INDEX region_adjacency_code_b_idx ON region_adjacency (code_b);

-- One row per ReplaceGeo. A count is NULL when that part was kept as it was.
CREATE TABLE geo_import (
    id          BIGINT PRIMARY KEY,
    imported_at TIMESTAMP NOT NULL,
    source      TEXT NOT NULL,
    boundaries  INTEGER NULL,
    points      INTEGER NULL,
    adjacency   INTEGER NULL,
    unmatched   INTEGER NOT NULL
);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- +goose Down
DROP TABLE meta;
DROP TABLE geo_import;
DROP TABLE region_adjacency;
DROP TABLE region_point;
DROP TABLE region_boundary;
DROP TABLE region;

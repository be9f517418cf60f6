-- Economic data imported from BPS tables (package bps), written in the SQL
-- both engines accept (see 0001 and 0002).
--
--   econ_import  one row per import: who, which files, the crosswalk
--                version that placed BPS codes on Kemendagri codes, how
--                many rows were stored and set aside as suspect, and every
--                finding of reading and checking as a JSON array.
--   econ_value   one value per (region, indicator, year), in the unit of
--                its source (bps/doc.go lists the indicators and units),
--                with the import that wrote it. An import replaces every
--                stored value of each (indicator, year) it brings, so the
--                table always holds one vintage of a table-year.
--
-- region_code is a Kemendagri province or regency code, or "00" for the
-- nation. It has no foreign key because "00" is not a region; the store
-- checks the codes against the region table when it writes.

-- +goose Up
INSERT INTO id_counter (name, value) VALUES ('econ_import', 0);

CREATE TABLE econ_import (
    id                BIGINT PRIMARY KEY,
    imported_at       TIMESTAMP NOT NULL,
    actor_name        TEXT NOT NULL,
    sources           TEXT NOT NULL,
    crosswalk_version TEXT NOT NULL,
    rows_kept         INTEGER NOT NULL,
    rows_excluded     INTEGER NOT NULL,
    findings          TEXT NOT NULL
);

CREATE TABLE econ_value (
    region_code TEXT NOT NULL,
    indicator   TEXT NOT NULL,
    year        INTEGER NOT NULL,
    value       DOUBLE PRECISION NOT NULL,
    unit        TEXT NOT NULL,
    import_id   BIGINT NOT NULL REFERENCES econ_import (id),
    PRIMARY KEY (region_code, indicator, year)
);
CREATE INDEX econ_value_indicator_year_idx ON econ_value (indicator, year);

-- +goose Down
DROP TABLE econ_value;
DROP TABLE econ_import;
DELETE FROM id_counter WHERE name = 'econ_import';

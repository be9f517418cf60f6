-- The commonest list, a province's cooperations (at one stage) by end date,
-- answered from one index range of cooperation_party without visiting
-- cooperation: the count and the page's ids come from the index, and only
-- the page's rows are read.
--
-- Two more copies of the cooperation go into each party row, rewritten with
-- the parties on every save like stage:
--   end_key   the end date as the number YYYYMMDD, 99999999 for none. A
--             number, not the TEXT date, because the engines put NULL at
--             opposite ends of an index, and the list wants "no end date"
--             last on both; YYYYMMDD keeps date order and reads as the date.
--   published so that the public's list (published only) and a regency's
--             (published, or a party in the regency) filter in the index.
-- The indexes carry published and region_code after the sort columns so the
-- scope test is answered from the index too. They replace the 0003 ones on
-- (province_code[, stage], cooperation_id), whose lookups they also serve.

-- +goose Up
ALTER TABLE cooperation_party ADD COLUMN end_key BIGINT NOT NULL DEFAULT 99999999;
ALTER TABLE cooperation_party ADD COLUMN published BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE cooperation_party SET
    end_key = COALESCE((SELECT CAST(REPLACE(c.end_date, '-', '') AS BIGINT) FROM cooperation c
                        WHERE c.id = cooperation_party.cooperation_id), 99999999),
    published = (SELECT c.published FROM cooperation c WHERE c.id = cooperation_party.cooperation_id);
DROP INDEX cooperation_party_province_idx;
DROP INDEX cooperation_party_province_stage_idx;
CREATE INDEX cooperation_party_province_end_idx
    ON cooperation_party (province_code, end_key, cooperation_id, published, region_code);
CREATE INDEX cooperation_party_province_stage_end_idx
    ON cooperation_party (province_code, stage, end_key, cooperation_id, published, region_code);

-- The page's rows, by id, from indexes that hold what a list shows: a
-- cooperation row is mostly its JSON (about a page each on SQLite, where
-- its BIGINT key is not the rowid, so a lookup is two searches), and a
-- party lookup by the primary key would also sort by pos.
CREATE INDEX cooperation_summary_idx ON cooperation (id, title, kind, stage, start_date, end_date, value_idr,
    sector, published, updated_at, version);
CREATE INDEX cooperation_party_pos_idx ON cooperation_party (cooperation_id, pos, party_key, kind, region_code,
    org_id, name, initiator);

-- +goose Down
DROP INDEX cooperation_party_pos_idx;
DROP INDEX cooperation_summary_idx;
DROP INDEX cooperation_party_province_stage_end_idx;
DROP INDEX cooperation_party_province_end_idx;
CREATE INDEX cooperation_party_province_idx ON cooperation_party (province_code, cooperation_id);
CREATE INDEX cooperation_party_province_stage_idx ON cooperation_party (province_code, stage, cooperation_id);
ALTER TABLE cooperation_party DROP COLUMN published;
ALTER TABLE cooperation_party DROP COLUMN end_key;

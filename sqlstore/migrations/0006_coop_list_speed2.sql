-- A province's list (at one stage) by end date in two queries, the count
-- and the page, neither grouping nor reading the party and urusan tables
-- for what the page shows (see 0004 for the party indexes this refines).
--
--   cooperation.summary   the parties and urusan a list shows, in a compact
--                         form written with the cooperation on every save
--                         (sqlstore encodeSummary): one record per party in
--                         Parties order, "key|kind|region|org|initiator|name;",
--                         then one per urusan in byte order, "urusan;", with
--                         \, | and ; escaped by a backslash. NULL when it
--                         would be longer than the index should carry (a
--                         list then reads those rows' parties from the
--                         tables); it is covered with the other list columns
--                         by cooperation_list_idx, so a page is one lookup
--                         per row in a compact index.
--   cooperation_party.first_in_province
--                         TRUE on exactly one row per (cooperation,
--                         province): its first region party there. Counting
--                         and paging these rows counts and pages
--                         cooperations without GROUP BY, through the partial
--                         indexes below that hold only them.
--
-- The backfill is the SQL both engines accept: string_agg with ORDER BY is
-- PostgreSQL's and SQLite's (3.44 and later). Its length cap counts
-- characters; the Go writer's counts bytes (maxSummary): either way the
-- summary is exact or absent.

-- +goose Up
ALTER TABLE cooperation ADD COLUMN summary TEXT NULL;
ALTER TABLE cooperation_party ADD COLUMN first_in_province BOOLEAN NOT NULL DEFAULT FALSE;

UPDATE cooperation_party SET first_in_province = (province_code IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM cooperation_party q
    WHERE q.cooperation_id = cooperation_party.cooperation_id
      AND q.province_code = cooperation_party.province_code AND q.pos < cooperation_party.pos));

UPDATE cooperation SET summary =
    COALESCE((SELECT string_agg(
                  REPLACE(REPLACE(REPLACE(p.party_key, '\', '\\'), '|', '\|'), ';', '\;') || '|' ||
                  REPLACE(REPLACE(REPLACE(p.kind, '\', '\\'), '|', '\|'), ';', '\;') || '|' ||
                  REPLACE(REPLACE(REPLACE(COALESCE(p.region_code, ''), '\', '\\'), '|', '\|'), ';', '\;') || '|' ||
                  COALESCE(CAST(p.org_id AS TEXT), '') || '|' ||
                  CASE WHEN p.initiator THEN '1' ELSE '0' END || '|' ||
                  REPLACE(REPLACE(REPLACE(p.name, '\', '\\'), '|', '\|'), ';', '\;') || ';',
                  '' ORDER BY p.pos)
              FROM cooperation_party p WHERE p.cooperation_id = cooperation.id), '') ||
    COALESCE((SELECT string_agg(REPLACE(REPLACE(REPLACE(u.urusan, '\', '\\'), '|', '\|'), ';', '\;') || ';',
                  '' ORDER BY u.urusan)
              FROM cooperation_urusan u WHERE u.cooperation_id = cooperation.id), '');
UPDATE cooperation SET summary = NULL WHERE LENGTH(summary) > 500;

DROP INDEX cooperation_summary_idx;
CREATE INDEX cooperation_list_idx ON cooperation (id, title, kind, stage, start_date, end_date, value_idr,
    sector, published, updated_at, version, summary);
CREATE INDEX cooperation_party_first_end_idx ON cooperation_party (province_code, end_key, cooperation_id, published)
    WHERE first_in_province = TRUE;
CREATE INDEX cooperation_party_first_stage_end_idx
    ON cooperation_party (province_code, stage, end_key, cooperation_id, published)
    WHERE first_in_province = TRUE;

-- +goose Down
DROP INDEX cooperation_party_first_stage_end_idx;
DROP INDEX cooperation_party_first_end_idx;
DROP INDEX cooperation_list_idx;
CREATE INDEX cooperation_summary_idx ON cooperation (id, title, kind, stage, start_date, end_date, value_idr,
    sector, published, updated_at, version);
ALTER TABLE cooperation_party DROP COLUMN first_in_province;
ALTER TABLE cooperation DROP COLUMN summary;

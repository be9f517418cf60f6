-- Who imported the geography, as econ_import records it for BPS data: the
-- person's username for a web upload, "cli" for `jalin import geo`.
-- Imports made before this migration keep an empty name; the audit trail
-- has the web ones.

-- +goose Up
ALTER TABLE geo_import ADD COLUMN actor_name TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE geo_import DROP COLUMN actor_name;

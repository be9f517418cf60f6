-- The cooperations' generation: a counter every transaction that changes a
-- cooperation (its row, parties, urusan or documents) increments, so that a
-- server instance may keep answers built from them until it reads a
-- different number (sqlstore CoopGeneration).

-- +goose Up
INSERT INTO id_counter (name, value) VALUES ('coop_generation', 0);

-- +goose Down
DELETE FROM id_counter WHERE name = 'coop_generation';

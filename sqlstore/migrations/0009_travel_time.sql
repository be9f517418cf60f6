-- Imported travel times from a district or village to a regency/city's seat
-- (geo.TravelTime): where present they replace the straight-line estimate
-- of the service access analysis for that leg. Replaced wholesale by a
-- geography import that brings a travel_times.csv, like the other parts.

-- +goose Up
CREATE TABLE travel_time (
    place_code TEXT NOT NULL REFERENCES region (code),
    seat_code  TEXT NOT NULL REFERENCES region (code),
    minutes    DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (place_code, seat_code)
);

ALTER TABLE geo_import ADD COLUMN travel_times INTEGER NULL;

-- +goose Down
ALTER TABLE geo_import DROP COLUMN travel_times;
DROP TABLE travel_time;

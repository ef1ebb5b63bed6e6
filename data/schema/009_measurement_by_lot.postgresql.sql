-- fabkit workspace, migration 9 on a PostgreSQL server: the measurement key
-- starts with the lot, as in 009_measurement_by_lot.sql, so that the reads of a
-- parameter (through the lots that hold it, parameter_lot_count) are the same
-- statements on both. The rows stay where they are in the table's heap; only
-- the primary key's index is built again, in the new order. Its inserts then
-- go to the index's rightmost page, as new lots come with the largest ids yet
-- (tests/bench/README.md: the import into a server, before and after).

-- Two statements, so that the new key takes the old one's name.
ALTER TABLE measurement DROP CONSTRAINT measurement_pkey;
ALTER TABLE measurement ADD CONSTRAINT measurement_pkey PRIMARY KEY(lot_id, parameter_id, wafer, site_id, time);

-- fabkit workspace, migration 8: what the workspace holds, counted as it is imported.
-- Listing the parameters and lots reads these few rows instead of counting millions of
-- measurements. The imports keep them (core/store/summary_counts.h): each batch adds the
-- rows it stored (rows skipped as duplicates by a primary key are not counted) in the same
-- transaction; nothing deletes measurements, dies or defects. Filled here from the tables
-- for workspaces made before.

-- Per parameter and lot: the values stored and those stored without a value.
CREATE TABLE parameter_lot_count(
  parameter_id INTEGER NOT NULL,   -- parameter(id)
  lot_id INTEGER NOT NULL,         -- lot(id)
  measurements INTEGER NOT NULL,
  missing INTEGER NOT NULL,
  PRIMARY KEY(parameter_id, lot_id)) WITHOUT ROWID;

-- Per wafer of a lot (slot 0 = not given): whether it has measurements (a lot's
-- measurements are the sum of its parameter_lot_count rows), and its dies and defects.
-- A lot's wafers are its rows here with any of the three.
CREATE TABLE wafer_count(
  lot_id INTEGER NOT NULL,         -- lot(id)
  wafer INTEGER NOT NULL,
  measured INTEGER NOT NULL DEFAULT 0,   -- 1 = the wafer has measurements
  dies INTEGER NOT NULL DEFAULT 0,
  defects INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(lot_id, wafer)) WITHOUT ROWID;

INSERT INTO parameter_lot_count(parameter_id, lot_id, measurements, missing)
  SELECT parameter_id, lot_id, count(*), count(*) - count(value) FROM measurement GROUP BY parameter_id, lot_id;

INSERT INTO wafer_count(lot_id, wafer, measured, dies, defects)
  SELECT lot_id, wafer, max(m), sum(d), sum(f) FROM (
    SELECT DISTINCT lot_id, wafer, 1 AS m, 0 AS d, 0 AS f FROM measurement
    UNION ALL SELECT lot_id, wafer, 0, count(*), 0 FROM die GROUP BY lot_id, wafer
    UNION ALL SELECT lot_id, wafer, 0, 0, count(*) FROM defect GROUP BY lot_id, wafer) AS counted
  GROUP BY lot_id, wafer;

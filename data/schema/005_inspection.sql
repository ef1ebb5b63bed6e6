-- fabkit workspace, migration 5: which dies each inspection covered, and where a
-- product's die grid sits on the wafer.
--
-- One inspection row per wafer of an imported KLARF file (its batch; the layer is
-- the file's StepID). A KLARF SampleTestPlan lists the dies the tool inspected;
-- kill ratios count only those (DESIGN §4 "Killer defects"). Each listed die is
-- kept with the index the file gives it, the centre of its cell in the wafer
-- frame (µm, centre origin, y up, notch down: the frame of defect.x_um, y_um),
-- and its index in the product's die frame (converted by core/wafer/die_frame.h;
-- NULL when the lot's product layout was not known at import). A KLARF wafer
-- without a SampleTestPlan was inspected whole: whole_wafer = 1, no inspected_die rows.

CREATE TABLE inspection(
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES import_batch(id),
  lot_id INTEGER NOT NULL REFERENCES lot(id),
  wafer INTEGER NOT NULL,
  layer TEXT NOT NULL DEFAULT '',
  whole_wafer INTEGER NOT NULL CHECK(whole_wafer IN (0, 1)),
  UNIQUE(lot_id, wafer, layer, batch_id));

CREATE TABLE inspected_die(
  inspection_id INTEGER NOT NULL REFERENCES inspection(id),
  source_x INTEGER NOT NULL, source_y INTEGER NOT NULL,   -- die index as the file lists it
  x_um REAL NOT NULL, y_um REAL NOT NULL,                 -- centre of the die's cell, wafer frame
  die_x INTEGER, die_y INTEGER,                           -- product's die frame (NULL: layout unknown at import)
  PRIMARY KEY(inspection_id, source_x, source_y)) WITHOUT ROWID;

-- Centre of the origin die's cell from the wafer centre, in the product's view
-- (µm): a die grid not centred on its origin die (e.g. an even number of dies
-- across, split by the wafer centre) is placed by this offset.
ALTER TABLE product ADD COLUMN grid_offset_x_um REAL NOT NULL DEFAULT 0;
ALTER TABLE product ADD COLUMN grid_offset_y_um REAL NOT NULL DEFAULT 0;

-- fabkit workspace, migration 1: imports, products, lots, measurements, dies, defects.
-- Times are integers: milliseconds since 1970-01-01 UTC. Wafer is the slot number
-- within the lot (0 = not given); the wafer table keeps scribe ids where known.

CREATE TABLE import_batch(
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,            -- file path as given
  sha256 TEXT NOT NULL,
  kind TEXT NOT NULL,              -- measurements | dies | defects | specs | history | products | klarf ...
  started INTEGER NOT NULL,
  finished INTEGER,
  rows_ok INTEGER NOT NULL DEFAULT 0,
  rows_rejected INTEGER NOT NULL DEFAULT 0,
  rows_duplicate INTEGER NOT NULL DEFAULT 0,
  rows_missing INTEGER NOT NULL DEFAULT 0,   -- rows whose value was empty / N/A, stored as NULL
  status TEXT NOT NULL CHECK(status IN ('running','ok','failed','cancelled')),
  message TEXT);
CREATE INDEX import_batch_sha ON import_batch(sha256);

CREATE TABLE import_error(
  batch_id INTEGER NOT NULL REFERENCES import_batch(id),
  line INTEGER NOT NULL,
  column_no INTEGER,               -- 1-based; NULL when the whole row is at fault
  column_name TEXT,
  message TEXT NOT NULL,
  raw_text TEXT);
CREATE INDEX import_error_batch ON import_error(batch_id);

CREATE TABLE product(
  name TEXT PRIMARY KEY,
  die_width_um REAL, die_height_um REAL,
  wafer_diameter_mm REAL, edge_exclusion_mm REAL, scribe_um REAL,
  notch TEXT CHECK(notch IN ('down','up','left','right')),
  origin_die_x INTEGER, origin_die_y INTEGER,
  y_up INTEGER NOT NULL DEFAULT 1,
  pass_bins TEXT NOT NULL DEFAULT '1',   -- comma-separated bin numbers
  batch_id INTEGER REFERENCES import_batch(id));

CREATE TABLE lot(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  product TEXT);

CREATE TABLE wafer(
  lot_id INTEGER NOT NULL REFERENCES lot(id),
  slot INTEGER NOT NULL,
  scribe TEXT,
  PRIMARY KEY(lot_id, slot)) WITHOUT ROWID;

CREATE TABLE parameter(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  unit TEXT);

CREATE TABLE site(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE);

CREATE TABLE tool(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE);

CREATE TABLE lot_history(
  lot_id INTEGER NOT NULL REFERENCES lot(id),
  wafer INTEGER NOT NULL,
  step TEXT NOT NULL,
  process_tool TEXT, chamber TEXT, recipe TEXT,
  track_in INTEGER, track_out INTEGER,
  batch_id INTEGER NOT NULL REFERENCES import_batch(id),
  PRIMARY KEY(lot_id, wafer, step, track_in)) WITHOUT ROWID;
CREATE INDEX lot_history_step ON lot_history(step, process_tool);

-- One row per measured value; the primary key is also the identity used to skip
-- rows repeated by overlapping exports. Empty / N/A values are kept as NULL.
-- parameter_id and lot_id name rows of parameter and lot but declare no
-- REFERENCES: the import takes both ids from interning the names in the same
-- transaction, so every id exists by construction, while a declared foreign
-- key would cost two parent look-ups per inserted row and make each
-- multi-row INSERT keep a statement journal.
CREATE TABLE measurement(
  parameter_id INTEGER NOT NULL,   -- parameter(id)
  lot_id INTEGER NOT NULL,         -- lot(id)
  wafer INTEGER NOT NULL,
  site_id INTEGER NOT NULL,        -- 0 = not given
  time INTEGER NOT NULL,           -- 0 = not given
  x REAL, y REAL,
  value REAL,
  tool_id INTEGER,                 -- metrology tool (not the process tool)
  batch_id INTEGER NOT NULL,
  PRIMARY KEY(parameter_id, lot_id, wafer, site_id, time)) WITHOUT ROWID;

-- Spec limits are versioned: a new row with a later effective_from supersedes.
CREATE TABLE spec(
  id INTEGER PRIMARY KEY,
  parameter TEXT NOT NULL,
  product TEXT NOT NULL DEFAULT '',   -- '' = every product
  lsl REAL, target REAL, usl REAL,
  unit TEXT,
  effective_from INTEGER NOT NULL DEFAULT 0,
  batch_id INTEGER REFERENCES import_batch(id));
CREATE INDEX spec_parameter ON spec(parameter, product, effective_from);

CREATE TABLE die(
  lot_id INTEGER NOT NULL REFERENCES lot(id),
  wafer INTEGER NOT NULL,
  die_x INTEGER NOT NULL,
  die_y INTEGER NOT NULL,
  bin INTEGER NOT NULL,
  pass INTEGER,                    -- as given by the file; NULL = derive from the product's pass bins
  batch_id INTEGER NOT NULL,
  PRIMARY KEY(lot_id, wafer, die_x, die_y)) WITHOUT ROWID;

CREATE TABLE defect(
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES import_batch(id),
  lot_id INTEGER NOT NULL REFERENCES lot(id),
  wafer INTEGER NOT NULL,
  defect_id INTEGER NOT NULL,
  x_um REAL NOT NULL, y_um REAL NOT NULL,   -- wafer frame: centre origin, y up
  die_x INTEGER, die_y INTEGER,
  size_um REAL,
  class INTEGER,
  layer TEXT NOT NULL DEFAULT '',
  UNIQUE(lot_id, wafer, layer, defect_id));

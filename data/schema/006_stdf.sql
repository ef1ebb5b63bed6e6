-- fabkit workspace, migration 6: tester data from STDF V4 files (docs/ARCHITECTURE.md §3 "Tester data").
--
-- One test_run per imported STDF file (its batch), with the fields of its MIR
-- and MRR. One part row per PRR, in file order (seq): the wafer slot of the WIR
-- it was tested under (0 = no WIR, as in final test of packaged parts), its
-- die coordinates (NULL when the PRR gives none), hard and soft bin, head and
-- site, and whether it passed (NULL when the PRR's pass/fail flag is invalid).
-- A part that retests an earlier one (PRR PART_FLG bit 0: same PART_ID; bit 1
-- or the same die coordinates on the same wafer: same die) names it in
-- retest_of, and the earlier part's final turns 0. First-pass yield counts the
-- parts with retest_of IS NULL; final yield the parts with final = 1.
--
-- Wafer-sort parts (with coordinates) are also dies: the die table holds the
-- final hard bin of each die (a later test of the same die replaces it), so
-- wafer maps, bin Pareto, yield models and KGD read tester data like sort maps.
-- Packaged parts (no coordinates) are parts only. Parametric results (PTR, and
-- MPR per pin) are measurement rows: parameter "<test number> <test name>",
-- site = the part (its PART_ID, else its coordinates), x/y = die coordinates,
-- time = the MIR start time; the test limits are spec rows for the MIR part type.
-- A truncated or corrupt file stores nothing but its failed batch and one
-- import_error whose line is the byte offset (decompressed) of the record at fault.

CREATE TABLE test_run(
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES import_batch(id),
  lot_id INTEGER NOT NULL REFERENCES lot(id),
  sublot TEXT, part_type TEXT,
  tester TEXT,                      -- MIR NODE_NAM
  tester_type TEXT,                 -- MIR TSTR_TYP
  program TEXT, program_revision TEXT,   -- MIR JOB_NAM, JOB_REV
  operator TEXT, exec_type TEXT, exec_version TEXT, test_code TEXT, temperature TEXT, facility TEXT,
  station INTEGER, mode_code TEXT, retest_code TEXT,
  setup INTEGER, start INTEGER, finish INTEGER,   -- ms since 1970-01-01 UTC; NULL = not given
  byte_order TEXT NOT NULL CHECK(byte_order IN ('big','little')),
  parts INTEGER NOT NULL DEFAULT 0, good INTEGER NOT NULL DEFAULT 0);
CREATE INDEX test_run_lot ON test_run(lot_id);

CREATE TABLE part(
  run_id INTEGER NOT NULL REFERENCES test_run(id),
  seq INTEGER NOT NULL,             -- 1-based order of the PRR in the file
  wafer INTEGER NOT NULL,           -- slot in the lot; 0 = not tested on a wafer
  part_id TEXT,
  x INTEGER, y INTEGER,             -- die coordinates (PRR X_COORD, Y_COORD)
  head INTEGER NOT NULL, site INTEGER NOT NULL,
  hard_bin INTEGER NOT NULL,
  soft_bin INTEGER,                 -- NULL: 65535 (no soft bin)
  passed INTEGER CHECK(passed IN (0, 1)),
  retest_of INTEGER,                -- seq of the part this one retests
  final INTEGER NOT NULL DEFAULT 1 CHECK(final IN (0, 1)),
  tests INTEGER, test_time_ms INTEGER,
  PRIMARY KEY(run_id, seq)) WITHOUT ROWID;
CREATE INDEX part_die ON part(run_id, wafer, x, y);

CREATE TABLE bin_name(
  run_id INTEGER NOT NULL REFERENCES test_run(id),
  kind TEXT NOT NULL CHECK(kind IN ('hard','soft')),
  number INTEGER NOT NULL,
  name TEXT,
  pass INTEGER CHECK(pass IN (0, 1)),   -- HBIN_PF / SBIN_PF; NULL = not given
  PRIMARY KEY(run_id, kind, number)) WITHOUT ROWID;

-- fabkit workspace, migration 3: gauge studies (attribute agreement and variables gauge R&R).
-- One gauge_study per study; one gauge_rating per rating or measurement, kept in the
-- order it was entered or imported (position) so that parts and appraisers list as given.

CREATE TABLE gauge_study(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK(kind IN ('attribute','variables')),
  tolerance REAL,                  -- USL - LSL, for %tolerance (variables)
  unit TEXT,
  description TEXT NOT NULL DEFAULT '',
  source TEXT,                     -- file imported from
  created INTEGER NOT NULL);       -- ms since 1970 UTC

CREATE TABLE gauge_rating(
  study_id INTEGER NOT NULL REFERENCES gauge_study(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,       -- 0-based order within the study
  part TEXT NOT NULL,
  appraiser TEXT NOT NULL,
  trial INTEGER NOT NULL CHECK(trial >= 1),
  value REAL,                      -- variables study: the measurement (NULL = missing)
  category TEXT,                   -- attribute study: the rating (NULL = missing)
  reference TEXT,                  -- the known standard or reference value (NULL = none)
  source_line INTEGER,             -- line of the imported file
  PRIMARY KEY(study_id, position),
  UNIQUE(study_id, part, appraiser, trial)) WITHOUT ROWID;

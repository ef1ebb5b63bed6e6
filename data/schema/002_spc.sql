-- fabkit workspace, migration 2: SPC chart configurations with approved limits,
-- and notes on chart points. Both are append-only: a new chart_config version
-- supersedes the last (history is never overwritten), and the latest note on
-- a point is the one in force. Times are ms since 1970-01-01 UTC.

CREATE TABLE chart_config(
  id INTEGER PRIMARY KEY,
  parameter TEXT NOT NULL,
  product TEXT NOT NULL DEFAULT '',          -- '' = every product
  chart_type TEXT NOT NULL,                  -- imr | xbar-r | xbar-s | ewma | cusum | p | np | c | u | three-way | laney-p | laney-u
  subgroup_key TEXT NOT NULL DEFAULT '',     -- field forming subgroups ('' = individuals or fixed size)
  subgroup_size INTEGER,                     -- fixed subgroup size when there is no key
  rules TEXT NOT NULL DEFAULT 'nelson',      -- we | nelson | none
  version INTEGER NOT NULL,
  -- The approved in-control process the limits are built from.
  center REAL NOT NULL,
  sigma REAL,                                -- σ of individual values (variables charts)
  sigma_of_means REAL,                       -- three-way chart
  sigma_z REAL NOT NULL DEFAULT 1,           -- Laney p′/u′
  sigma_method TEXT NOT NULL DEFAULT '',
  limit_width REAL NOT NULL DEFAULT 3,       -- L
  lambda REAL, k REAL, h REAL, head_start REAL, target REAL,
  lcl REAL, ucl REAL,                        -- main chart limits at the baseline's subgroup size, for display
  baseline_subgroups INTEGER,
  baseline_from INTEGER, baseline_to INTEGER,
  effective_from INTEGER NOT NULL DEFAULT 0, -- data from this time on use these limits
  approved_by TEXT NOT NULL CHECK(approved_by <> ''),
  approved_at INTEGER NOT NULL,
  reason TEXT NOT NULL CHECK(reason <> ''),
  UNIQUE(parameter, product, chart_type, version));

CREATE TABLE point_note(
  id INTEGER PRIMARY KEY,
  parameter TEXT NOT NULL,
  point_key TEXT NOT NULL,                   -- the subgroup key (lot, lot/wafer, …) naming the point
  rule INTEGER,                              -- the rule acknowledged; NULL = the point as a whole
  excluded INTEGER NOT NULL DEFAULT 0 CHECK(excluded IN (0, 1)),  -- left out of limit estimation
  cause TEXT NOT NULL DEFAULT '',
  comment TEXT NOT NULL DEFAULT '',
  who TEXT NOT NULL CHECK(who <> ''),
  noted_at INTEGER NOT NULL);
CREATE INDEX point_note_point ON point_note(parameter, point_key, noted_at);

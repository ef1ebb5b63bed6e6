-- fabkit workspace, migration 4: kaizen records and kanban boards.
-- Card moves and kaizen edits are append-only: history is never rewritten.

CREATE TABLE kaizen(
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL CHECK(type IN ('event','suggestion','a3')),
  title TEXT NOT NULL,
  area TEXT NOT NULL DEFAULT '',
  submitter TEXT NOT NULL DEFAULT '',
  owner TEXT NOT NULL DEFAULT '',
  team TEXT NOT NULL DEFAULT '',
  submitted INTEGER NOT NULL,
  start INTEGER, due INTEGER, closed INTEGER,
  stage TEXT NOT NULL CHECK(stage IN ('new','plan','do','check','act','rejected')),
  problem TEXT NOT NULL DEFAULT '',
  current_condition TEXT NOT NULL DEFAULT '',
  target TEXT NOT NULL DEFAULT '',
  root_cause TEXT NOT NULL DEFAULT '',
  hard_savings REAL NOT NULL DEFAULT 0,
  soft_savings REAL NOT NULL DEFAULT 0,
  lessons TEXT NOT NULL DEFAULT '',
  -- SPC link: the parameter whose data prove the effect, and when the change took effect.
  spc_parameter TEXT, spc_step TEXT, spc_tool TEXT, spc_chamber TEXT, spc_product TEXT,
  change_time INTEGER,
  intended TEXT CHECK(intended IN ('lower_mean','higher_mean','lower_spread','higher_cpk')),
  evidence_override TEXT);

CREATE TABLE kaizen_action(
  id INTEGER PRIMARY KEY,
  kaizen_id INTEGER NOT NULL REFERENCES kaizen(id),
  what TEXT NOT NULL,
  owner TEXT NOT NULL DEFAULT '',
  due INTEGER,
  done INTEGER NOT NULL DEFAULT 0);

CREATE TABLE kaizen_edit(
  kaizen_id INTEGER NOT NULL REFERENCES kaizen(id),
  who TEXT NOT NULL,
  time INTEGER NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT,
  new_value TEXT);
CREATE INDEX kaizen_edit_kaizen ON kaizen_edit(kaizen_id, time);

CREATE TABLE kanban_board(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE);

CREATE TABLE kanban_column(
  id INTEGER PRIMARY KEY,
  board_id INTEGER NOT NULL REFERENCES kanban_board(id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK(role IN ('backlog','active','done')),
  wip_limit INTEGER NOT NULL DEFAULT 0,
  hard_limit INTEGER NOT NULL DEFAULT 0,
  UNIQUE(board_id, name));

CREATE TABLE kanban_card(
  id INTEGER PRIMARY KEY,
  board_id INTEGER NOT NULL REFERENCES kanban_board(id),
  title TEXT NOT NULL,
  kaizen_id INTEGER REFERENCES kaizen(id),
  owner TEXT NOT NULL DEFAULT '',
  area TEXT NOT NULL DEFAULT '',
  swimlane TEXT NOT NULL DEFAULT '',
  created INTEGER NOT NULL);

CREATE TABLE card_move(
  id INTEGER PRIMARY KEY,
  card_id INTEGER NOT NULL REFERENCES kanban_card(id),
  from_column INTEGER REFERENCES kanban_column(id),
  to_column INTEGER NOT NULL REFERENCES kanban_column(id),
  time INTEGER NOT NULL,
  who TEXT NOT NULL DEFAULT '',
  undo_of INTEGER REFERENCES card_move(id),
  note TEXT NOT NULL DEFAULT '');
CREATE INDEX card_move_card ON card_move(card_id, id);

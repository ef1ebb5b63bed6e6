-- fabkit workspace, migration 7: an append-only audit trail of the changes
-- that matter (docs/ARCHITECTURE.md §3): approved limits, point notes and
-- exclusions, specs, kaizen records, card moves and import batches, each with
-- the row before and after as JSON text. Measurement, die and defect rows are
-- not audited one by one: an import is audited by its batch row.
-- `who` comes from fab_user(), which the store defines on every connection it
-- opens (the operating-system user; SQLite has no users of its own), and the
-- triggers record while fab_auditing() is true (a workspace copy turns it off
-- on its own connection to copy the source's trail verbatim). A connection
-- that defines neither (the sqlite3 shell) reads everything, but its changes
-- to an audited table fail ("no such function"). Whoever may write the file
-- can still drop the triggers: only a server (007_audit.postgresql.sql) keeps
-- the trail from its users. An update that changes no value (one that only
-- locks the row) is not recorded. Times are ms since 1970-01-01 UTC. This is
-- SQLite's text; a PostgreSQL workspace takes 007_audit.postgresql.sql instead.
-- A later migration that adds a column to an audited table re-creates its
-- triggers to name it.

CREATE TABLE audit(
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  who TEXT NOT NULL,
  what TEXT NOT NULL,                        -- the table changed
  action TEXT NOT NULL CHECK(action IN ('insert', 'update', 'delete')),
  key TEXT NOT NULL,                         -- the row's id
  before TEXT,                               -- the row as JSON; NULL for an insert
  after TEXT);                               -- the row as JSON; NULL for a delete
CREATE INDEX audit_at ON audit(at);
CREATE INDEX audit_what ON audit(what, at);

-- Append-only: nothing rewrites or removes an entry.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: its entries cannot be changed'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: its entries cannot be deleted'); END;

-- chart_config: approved control limits (a new version per approval).
CREATE TRIGGER audit_chart_config_insert AFTER INSERT ON chart_config WHEN fab_auditing()
BEGIN
  INSERT INTO audit(at, who, what, action, key, before, after)
  VALUES (CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER),
    fab_user(), 'chart_config', 'insert', CAST(NEW.id AS TEXT),
    NULL,
    json_object('id', NEW.id, 'parameter', NEW.parameter, 'product', NEW.product,
      'chart_type', NEW.chart_type, 'subgroup_key', NEW.subgroup_key,
      'subgroup_size', NEW.subgroup_size, 'rules', NEW.rules, 'version', NEW.version,
      'center', NEW.center, 'sigma', NEW.sigma, 'sigma_of_means', NEW.sigma_of_means,
      'sigma_z', NEW.sigma_z, 'sigma_method', NEW.sigma_method, 'limit_width', NEW.limit_width,
      'lambda', NEW.lambda, 'k', NEW.k, 'h', NEW.h, 'head_start', NEW.head_start,
      'target', NEW.target, 'lcl', NEW.lcl, 'ucl', NEW.ucl,
      'baseline_subgroups', NEW.baseline_subgroups, 'baseline_from', NEW.baseline_from,
      'baseline_to', NEW.baseline_to, 'effective_from', NEW.effective_from,
      'approved_by', NEW.approved_by, 'approved_at', NEW.approved_at, 'reason', NEW.reason));
END;
CREATE TRIGGER audit_chart_config_update AFTER UPDATE ON chart_config WHEN fab_auditing()
  AND (OLD.id IS NOT NEW.id OR OLD.parameter IS NOT NEW.parameter OR
    OLD.product IS NOT NEW.product OR OLD.chart_type IS NOT NEW.chart_type OR
    OLD.subgroup_key IS NOT NEW.subgroup_key OR OLD.subgroup_size IS NOT NEW.subgroup_size OR
    OLD.rules IS NOT NEW.rules OR OLD.version IS NOT NEW.version OR OLD.center IS NOT NEW.center OR
    OLD.sigma IS NOT NEW.sigma OR OLD.sigma_of_means IS NOT NEW.sigma_of_means OR
    OLD.sigma_z IS NOT NEW.sigma_z OR OLD.sigma_method IS NOT NEW.sigma_method OR
    OLD.limit_width IS NOT NEW.limit_width OR OLD.lambda IS NOT NEW.lambda OR OLD.k IS NOT NEW.k OR
    OLD.h IS NOT NEW.h OR OLD.head_start IS NOT NEW.head_start OR OLD.target IS NOT NEW.target OR
    OLD.lcl IS NOT NEW.lcl OR OLD.ucl IS NOT NEW.ucl OR
    OLD.baseline_subgroups IS NOT NEW.baseline_subgroups OR
    OLD.baseline_from IS NOT NEW.baseline_from OR OLD.baseline_to IS NOT NEW.baseline_to OR
    OLD.effective_from IS NOT NEW.effective_from OR OLD.approved_by IS NOT NEW.approved_by OR
    OLD.approved_at IS NOT NEW.approved_at OR OLD.reason IS NOT NEW.reason)
BEGIN
  INSERT INTO audit(at, who, what, action, key, before, after)
  VALUES (CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER),
    fab_user(), 'chart_config', 'update', CAST(NEW.id AS TEXT),
    json_object('id', OLD.id, 'parameter', OLD.parameter, 'product', OLD.product,
      'chart_type', OLD.chart_type, 'subgroup_key', OLD.subgroup_key,
      'subgroup_size', OLD.subgroup_size, 'rules', OLD.rules, 'version', OLD.version,
      'center', OLD.center, 'sigma', OLD.sigma, 'sigma_of_means', OLD.sigma_of_means,
      'sigma_z', OLD.sigma_z, 'sigma_method', OLD.sigma_method, 'limit_width', OLD.limit_width,
      'lambda', OLD.lambda, 'k', OLD.k, 'h', OLD.h, 'head_start', OLD.head_start,
      'target', OLD.target, 'lcl', OLD.lcl, 'ucl', OLD.ucl,
      'baseline_subgroups', OLD.baseline_subgroups, 'baseline_from', OLD.baseline_from,
      'baseline_to', OLD.baseline_to, 'effective_from', OLD.effective_from,
      'approved_by', OLD.approved_by, 'approved_at', OLD.approved_at, 'reason', OLD.reason),
    json_object('id', NEW.id, 'parameter', NEW.parameter, 'product', NEW.product,
      'chart_type', NEW.chart_type, 'subgroup_key', NEW.subgroup_key,
      'subgroup_size', NEW.subgroup_size, 'rules', NEW.rules, 'version', NEW.version,
      'center', NEW.center, 'sigma', NEW.sigma, 'sigma_of_means', NEW.sigma_of_means,
      'sigma_z', NEW.sigma_z, 'sigma_method', NEW.sigma_method, 'limit_width', NEW.limit_width,
      'lambda', NEW.lambda, 'k', NEW.k, 'h', NEW.h, 'head_start', NEW.head_start,
      'target', NEW.target, 'lcl', NEW.lcl, 'ucl', NEW.ucl,
      'baseline_subgroups', NEW.baseline_subgroups, 'baseline_from', NEW.baseline_from,
      'baseline_to', NEW.baseline_to, 'effective_from', NEW.effective_from,
      'approved_by', NEW.approved_by, 'approved_at', NEW.approved_at, 'reason', NEW.reason));
END;
CREATE TRIGGER audit_chart_config_delete AFTER DELETE ON chart_config WHEN fab_auditing()
BEGIN
  INSERT INTO audit(at, who, what, action, key, before, after)
  VALUES (CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER),
    fab_user(), 'chart_config', 'delete', CAST(OLD.id AS TEXT),
    json_object('id', OLD.id, 'parameter', OLD.parameter, 'product', OLD.product,
      'chart_type', OLD.chart_type, 'subgroup_key', OLD.subgroup_key,
      'subgroup_size', OLD.subgroup_size, 'rules', OLD.rules, 'version', OLD.version,
      'center', OLD.center, 'sigma', OLD.sigma, 'sigma_of_means', OLD.sigma_of_means,
      'sigma_z', OLD.sigma_z, 'sigma_method', OLD.sigma_method, 'limit_width', OLD.limit_width,
      'lambda', OLD.lambda, 'k', OLD.k, 'h', OLD.h, 'head_start', OLD.head_start,
      'target', OLD.target, 'lcl', OLD.lcl, 'ucl', OLD.ucl,
      'baseline_subgroups', OLD.baseline_subgroups, 'baseline_from', OLD.baseline_from,
      'baseline_to', OLD.baseline_to, 'effective_from', OLD.effective_from,
      'approved_by', OLD.approved_by, 'approved_at', OLD.approved_at, 'reason', OLD.reason),
    NULL);
END;
-- point_note: notes on chart points, exclusions from the limits among them.
CREATE TRIGGER audit_point_note_insert AFTER INSERT ON point_note WHEN fab_auditing()
BEGIN
  INSERT INTO audit(at, who, what, action, key, before, after)
  VALUES (CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER),
    fab_user(), 'point_note', 'insert', CAST(NEW.id AS TEXT),
    NULL,
    json_object('id', NEW.id, 'parameter', NEW.parameter, 'point_key', NEW.point_key, 'rule', NEW.rule,
      'excluded', NEW.excluded, 'cause', NEW.cause, 'comment', NEW.comment, 'who', NEW.who,
      'noted_at', NEW.noted_at));
END;
CREATE TRIGGER audit_point_note_update AFTER UPDATE ON point_note WHEN fab_auditing()
  AND (OLD.id IS NOT NEW.id OR OLD.parameter IS NOT NEW.parameter OR
    OLD.point_key IS NOT NEW.point_key OR OLD.rule IS NOT NEW.rule OR
    OLD.excluded IS NOT NEW.excluded OR OLD.cause IS NOT NEW.cause OR
    OLD.comment IS NOT NEW.comment OR OLD.who IS NOT NEW.who OR OLD.noted_at IS NOT NEW.noted_at)
BEGIN
  INSERT INTO audit(at, who, what, action, key, before, after)
  VALUES (CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER),
    fab_user(), 'point_note', 'update', CAST(NEW.id AS TEXT),
    json_object('id', OLD.id, 'parameter', OLD.parameter, 'point_key', OLD.point_key, 'rule', OLD.rule,
      'excluded', OLD.excluded, 'cause', OLD.cause, 'comment', OLD.comment, 'who', OLD.who,
      'noted_at', OLD.noted_at),
    json_object('id', NEW.id, 'parameter', NEW.parameter, 'point_key', NEW.point_key, 'rule', NEW.rule,
      'excluded', NEW.excluded, 'cause', NEW.cause, 'comment', NEW.comment, 'who', NEW.who,
      'noted_at', NEW.noted_at));
END;
CREATE TRIGGER audit_point_note_delete AFTER DELETE ON point_note WHEN fab_auditing()
BEGIN
  INSERT INTO audit(at, who, what, action, key, before, after)
  VALUES (CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER),
    fab_user(), 'point_note', 'delete', CAST(OLD.id AS TEXT),
    json_object('id', OLD.id, 'parameter', OLD.parameter, 'point_key', OLD.point_key, 'rule', OLD.rule,
      'excluded', OLD.excluded, 'cause', OLD.cause, 'comment', OLD.comment, 'who', OLD.who,
      'noted_at', OLD.noted_at),
    NULL);
END;
-- spec: specification limits.
CREATE TRIGGER audit_spec_insert AFTER INSERT ON spec WHEN fab_auditing()
BEGIN
  INSERT INTO audit(at, who, what, action, key, before, after)
  VALUES (CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER),
    fab_user(), 'spec', 'insert', CAST(NEW.id AS TEXT),
    NULL,
    json_object('id', NEW.id, 'parameter', NEW.parameter, 'product', NEW.product, 'lsl', NEW.lsl,
      'target', NEW.target, 'usl', NEW.usl, 'unit', NEW.unit, 'effective_from', NEW.effective_from,
      'batch_id', NEW.batch_id));
END;
CREATE TRIGGER audit_spec_update AFTER UPDATE ON spec WHEN fab_auditing()
  AND (OLD.id IS NOT NEW.id OR OLD.parameter IS NOT NEW.parameter OR
    OLD.product IS NOT NEW.product OR OLD.lsl IS NOT NEW.lsl OR OLD.target IS NOT NEW.target OR
    OLD.usl IS NOT NEW.usl OR OLD.unit IS NOT NEW.unit OR
    OLD.effective_from IS NOT NEW.effective_from OR OLD.batch_id IS NOT NEW.batch_id)
BEGIN
  INSERT INTO audit(at, who, what, action, key, before, after)
  VALUES (CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER),
    fab_user(), 'spec', 'update', CAST(NEW.id AS TEXT),
    json_object('id', OLD.id, 'parameter', OLD.parameter, 'product', OLD.product, 'lsl', OLD.lsl,
      'target', OLD.target, 'usl', OLD.usl, 'unit', OLD.unit, 'effective_from', OLD.effective_from,
      'batch_id', OLD.batch_id),
    json_object('id', NEW.id, 'parameter', NEW.parameter, 'product', NEW.product, 'lsl', NEW.lsl,
      'target', NEW.target, 'usl', NEW.usl, 'unit', NEW.unit, 'effective_from', NEW.effective_from,
      'batch_id', NEW.batch_id));
END;
CREATE TRIGGER audit_spec_delete AFTER DELETE ON spec WHEN fab_auditing()
BEGIN
  INSERT INTO audit(at, who, what, action, key, before, after)
  VALUES (CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER),
    fab_user(), 'spec', 'delete', CAST(OLD.id AS TEXT),
    json_object('id', OLD.id, 'parameter', OLD.parameter, 'product', OLD.product, 'lsl', OLD.lsl,
      'target', OLD.target, 'usl', OLD.usl, 'unit', OLD.unit, 'effective_from', OLD.effective_from,
      'batch_id', OLD.batch_id),
    NULL);
END;
-- kaizen: kaizen records, field by field.
CREATE TRIGGER audit_kaizen_insert AFTER INSERT ON kaizen WHEN fab_auditing()
BEGIN
  INSERT INTO audit(at, who, what, action, key, before, after)
  VALUES (CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER),
    fab_user(), 'kaizen', 'insert', CAST(NEW.id AS TEXT),
    NULL,
    json_object('id', NEW.id, 'type', NEW.type, 'title', NEW.title, 'area', NEW.area,
      'submitter', NEW.submitter, 'owner', NEW.owner, 'team', NEW.team, 'submitted', NEW.submitted,
      'start', NEW.start, 'due', NEW.due, 'closed', NEW.closed, 'stage', NEW.stage,
      'problem', NEW.problem, 'current_condition', NEW.current_condition, 'target', NEW.target,
      'root_cause', NEW.root_cause, 'hard_savings', NEW.hard_savings,
      'soft_savings', NEW.soft_savings, 'lessons', NEW.lessons, 'spc_parameter', NEW.spc_parameter,
      'spc_step', NEW.spc_step, 'spc_tool', NEW.spc_tool, 'spc_chamber', NEW.spc_chamber,
      'spc_product', NEW.spc_product, 'change_time', NEW.change_time, 'intended', NEW.intended,
      'evidence_override', NEW.evidence_override));
END;
CREATE TRIGGER audit_kaizen_update AFTER UPDATE ON kaizen WHEN fab_auditing()
  AND (OLD.id IS NOT NEW.id OR OLD.type IS NOT NEW.type OR OLD.title IS NOT NEW.title OR
    OLD.area IS NOT NEW.area OR OLD.submitter IS NOT NEW.submitter OR OLD.owner IS NOT NEW.owner OR
    OLD.team IS NOT NEW.team OR OLD.submitted IS NOT NEW.submitted OR OLD.start IS NOT NEW.start OR
    OLD.due IS NOT NEW.due OR OLD.closed IS NOT NEW.closed OR OLD.stage IS NOT NEW.stage OR
    OLD.problem IS NOT NEW.problem OR OLD.current_condition IS NOT NEW.current_condition OR
    OLD.target IS NOT NEW.target OR OLD.root_cause IS NOT NEW.root_cause OR
    OLD.hard_savings IS NOT NEW.hard_savings OR OLD.soft_savings IS NOT NEW.soft_savings OR
    OLD.lessons IS NOT NEW.lessons OR OLD.spc_parameter IS NOT NEW.spc_parameter OR
    OLD.spc_step IS NOT NEW.spc_step OR OLD.spc_tool IS NOT NEW.spc_tool OR
    OLD.spc_chamber IS NOT NEW.spc_chamber OR OLD.spc_product IS NOT NEW.spc_product OR
    OLD.change_time IS NOT NEW.change_time OR OLD.intended IS NOT NEW.intended OR
    OLD.evidence_override IS NOT NEW.evidence_override)
BEGIN
  INSERT INTO audit(at, who, what, action, key, before, after)
  VALUES (CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER),
    fab_user(), 'kaizen', 'update', CAST(NEW.id AS TEXT),
    json_object('id', OLD.id, 'type', OLD.type, 'title', OLD.title, 'area', OLD.area,
      'submitter', OLD.submitter, 'owner', OLD.owner, 'team', OLD.team, 'submitted', OLD.submitted,
      'start', OLD.start, 'due', OLD.due, 'closed', OLD.closed, 'stage', OLD.stage,
      'problem', OLD.problem, 'current_condition', OLD.current_condition, 'target', OLD.target,
      'root_cause', OLD.root_cause, 'hard_savings', OLD.hard_savings,
      'soft_savings', OLD.soft_savings, 'lessons', OLD.lessons, 'spc_parameter', OLD.spc_parameter,
      'spc_step', OLD.spc_step, 'spc_tool', OLD.spc_tool, 'spc_chamber', OLD.spc_chamber,
      'spc_product', OLD.spc_product, 'change_time', OLD.change_time, 'intended', OLD.intended,
      'evidence_override', OLD.evidence_override),
    json_object('id', NEW.id, 'type', NEW.type, 'title', NEW.title, 'area', NEW.area,
      'submitter', NEW.submitter, 'owner', NEW.owner, 'team', NEW.team, 'submitted', NEW.submitted,
      'start', NEW.start, 'due', NEW.due, 'closed', NEW.closed, 'stage', NEW.stage,
      'problem', NEW.problem, 'current_condition', NEW.current_condition, 'target', NEW.target,
      'root_cause', NEW.root_cause, 'hard_savings', NEW.hard_savings,
      'soft_savings', NEW.soft_savings, 'lessons', NEW.lessons, 'spc_parameter', NEW.spc_parameter,
      'spc_step', NEW.spc_step, 'spc_tool', NEW.spc_tool, 'spc_chamber', NEW.spc_chamber,
      'spc_product', NEW.spc_product, 'change_time', NEW.change_time, 'intended', NEW.intended,
      'evidence_override', NEW.evidence_override));
END;
CREATE TRIGGER audit_kaizen_delete AFTER DELETE ON kaizen WHEN fab_auditing()
BEGIN
  INSERT INTO audit(at, who, what, action, key, before, after)
  VALUES (CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER),
    fab_user(), 'kaizen', 'delete', CAST(OLD.id AS TEXT),
    json_object('id', OLD.id, 'type', OLD.type, 'title', OLD.title, 'area', OLD.area,
      'submitter', OLD.submitter, 'owner', OLD.owner, 'team', OLD.team, 'submitted', OLD.submitted,
      'start', OLD.start, 'due', OLD.due, 'closed', OLD.closed, 'stage', OLD.stage,
      'problem', OLD.problem, 'current_condition', OLD.current_condition, 'target', OLD.target,
      'root_cause', OLD.root_cause, 'hard_savings', OLD.hard_savings,
      'soft_savings', OLD.soft_savings, 'lessons', OLD.lessons, 'spc_parameter', OLD.spc_parameter,
      'spc_step', OLD.spc_step, 'spc_tool', OLD.spc_tool, 'spc_chamber', OLD.spc_chamber,
      'spc_product', OLD.spc_product, 'change_time', OLD.change_time, 'intended', OLD.intended,
      'evidence_override', OLD.evidence_override),
    NULL);
END;
-- card_move: kanban card moves.
CREATE TRIGGER audit_card_move_insert AFTER INSERT ON card_move WHEN fab_auditing()
BEGIN
  INSERT INTO audit(at, who, what, action, key, before, after)
  VALUES (CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER),
    fab_user(), 'card_move', 'insert', CAST(NEW.id AS TEXT),
    NULL,
    json_object('id', NEW.id, 'card_id', NEW.card_id, 'from_column', NEW.from_column,
      'to_column', NEW.to_column, 'time', NEW.time, 'who', NEW.who, 'undo_of', NEW.undo_of,
      'note', NEW.note));
END;
CREATE TRIGGER audit_card_move_update AFTER UPDATE ON card_move WHEN fab_auditing()
  AND (OLD.id IS NOT NEW.id OR OLD.card_id IS NOT NEW.card_id OR
    OLD.from_column IS NOT NEW.from_column OR OLD.to_column IS NOT NEW.to_column OR
    OLD.time IS NOT NEW.time OR OLD.who IS NOT NEW.who OR OLD.undo_of IS NOT NEW.undo_of OR
    OLD.note IS NOT NEW.note)
BEGIN
  INSERT INTO audit(at, who, what, action, key, before, after)
  VALUES (CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER),
    fab_user(), 'card_move', 'update', CAST(NEW.id AS TEXT),
    json_object('id', OLD.id, 'card_id', OLD.card_id, 'from_column', OLD.from_column,
      'to_column', OLD.to_column, 'time', OLD.time, 'who', OLD.who, 'undo_of', OLD.undo_of,
      'note', OLD.note),
    json_object('id', NEW.id, 'card_id', NEW.card_id, 'from_column', NEW.from_column,
      'to_column', NEW.to_column, 'time', NEW.time, 'who', NEW.who, 'undo_of', NEW.undo_of,
      'note', NEW.note));
END;
CREATE TRIGGER audit_card_move_delete AFTER DELETE ON card_move WHEN fab_auditing()
BEGIN
  INSERT INTO audit(at, who, what, action, key, before, after)
  VALUES (CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER),
    fab_user(), 'card_move', 'delete', CAST(OLD.id AS TEXT),
    json_object('id', OLD.id, 'card_id', OLD.card_id, 'from_column', OLD.from_column,
      'to_column', OLD.to_column, 'time', OLD.time, 'who', OLD.who, 'undo_of', OLD.undo_of,
      'note', OLD.note),
    NULL);
END;
-- import_batch: imports: a batch row when it starts, its status when it ends.
CREATE TRIGGER audit_import_batch_insert AFTER INSERT ON import_batch WHEN fab_auditing()
BEGIN
  INSERT INTO audit(at, who, what, action, key, before, after)
  VALUES (CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER),
    fab_user(), 'import_batch', 'insert', CAST(NEW.id AS TEXT),
    NULL,
    json_object('id', NEW.id, 'source', NEW.source, 'sha256', NEW.sha256, 'kind', NEW.kind,
      'started', NEW.started, 'finished', NEW.finished, 'rows_ok', NEW.rows_ok,
      'rows_rejected', NEW.rows_rejected, 'rows_duplicate', NEW.rows_duplicate,
      'rows_missing', NEW.rows_missing, 'status', NEW.status, 'message', NEW.message));
END;
CREATE TRIGGER audit_import_batch_update AFTER UPDATE ON import_batch WHEN fab_auditing()
  AND (OLD.id IS NOT NEW.id OR OLD.source IS NOT NEW.source OR OLD.sha256 IS NOT NEW.sha256 OR
    OLD.kind IS NOT NEW.kind OR OLD.started IS NOT NEW.started OR
    OLD.finished IS NOT NEW.finished OR OLD.rows_ok IS NOT NEW.rows_ok OR
    OLD.rows_rejected IS NOT NEW.rows_rejected OR OLD.rows_duplicate IS NOT NEW.rows_duplicate OR
    OLD.rows_missing IS NOT NEW.rows_missing OR OLD.status IS NOT NEW.status OR
    OLD.message IS NOT NEW.message)
BEGIN
  INSERT INTO audit(at, who, what, action, key, before, after)
  VALUES (CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER),
    fab_user(), 'import_batch', 'update', CAST(NEW.id AS TEXT),
    json_object('id', OLD.id, 'source', OLD.source, 'sha256', OLD.sha256, 'kind', OLD.kind,
      'started', OLD.started, 'finished', OLD.finished, 'rows_ok', OLD.rows_ok,
      'rows_rejected', OLD.rows_rejected, 'rows_duplicate', OLD.rows_duplicate,
      'rows_missing', OLD.rows_missing, 'status', OLD.status, 'message', OLD.message),
    json_object('id', NEW.id, 'source', NEW.source, 'sha256', NEW.sha256, 'kind', NEW.kind,
      'started', NEW.started, 'finished', NEW.finished, 'rows_ok', NEW.rows_ok,
      'rows_rejected', NEW.rows_rejected, 'rows_duplicate', NEW.rows_duplicate,
      'rows_missing', NEW.rows_missing, 'status', NEW.status, 'message', NEW.message));
END;
CREATE TRIGGER audit_import_batch_delete AFTER DELETE ON import_batch WHEN fab_auditing()
BEGIN
  INSERT INTO audit(at, who, what, action, key, before, after)
  VALUES (CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER),
    fab_user(), 'import_batch', 'delete', CAST(OLD.id AS TEXT),
    json_object('id', OLD.id, 'source', OLD.source, 'sha256', OLD.sha256, 'kind', OLD.kind,
      'started', OLD.started, 'finished', OLD.finished, 'rows_ok', OLD.rows_ok,
      'rows_rejected', OLD.rows_rejected, 'rows_duplicate', OLD.rows_duplicate,
      'rows_missing', OLD.rows_missing, 'status', OLD.status, 'message', OLD.message),
    NULL);
END;

#pragma once
// The workspace's audit trail (data/schema/007_audit.sql): one entry per
// change to approved control limits, point notes and exclusions, specs, kaizen
// records, kanban card moves and import batches, written by the database's own
// triggers on both backends, with the row before and after as JSON text.
// Entries are never changed or deleted: SQLite's triggers refuse it, and on
// PostgreSQL only the server's trigger function may write them
// (core/store/workspace_roles.h). This file reads the trail.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/database.h"

namespace fab::store {

/// The workspace's change stamp: the id of its newest audit entry (0 for none).
/// Every import (start and finish), approval, point note, spec and kaizen
/// change writes an entry, so two reads at the same stamp see the same
/// measurements, limits and notes.
std::int64_t changeStamp(Database& db);

/// The tables whose changes the trail records, in the migration's order.
const std::vector<std::string>& auditedTables();

/// One recorded change.
struct AuditEntry {
  std::int64_t id = 0;
  std::int64_t at = 0;                ///< ms since 1970-01-01 UTC
  std::string who;                    ///< the database user (PostgreSQL) or operating-system user (SQLite)
  std::string what;                   ///< the table changed: chart_config, spec, …
  std::string action;                 ///< insert | update | delete
  std::string key;                    ///< the row's id
  std::optional<std::string> before;  ///< the row as JSON text; none for an insert
  std::optional<std::string> after;   ///< the row as JSON text; none for a delete
};

/// Which entries to read; every field is optional, and they combine.
struct AuditFilter {
  std::optional<std::string> what;  ///< one table
  std::optional<std::string> who;
  std::optional<std::int64_t> from;  ///< entries at or after, ms since 1970 UTC
  std::optional<std::int64_t> to;    ///< entries at or before
  std::int64_t limit = 1000;         ///< at most this many (the newest); 0 = all

  /// Empty when usable, else what to change (an unknown table, from after to, a negative limit).
  std::string problem() const;
};

struct AuditTrail {
  std::vector<AuditEntry> entries;  ///< newest first (by time, then by id)
  bool truncated = false;           ///< more entries matched than the limit let through
};

/// Reads the entries matching `filter`; throws fab::Error when filter.problem() is not empty.
AuditTrail readAuditTrail(Database& db, const AuditFilter& filter);

/// Everyone the trail names, sorted.
std::vector<std::string> auditAuthors(Database& db);

/// One field of an entry's row as it was and as it became (JSON text of the
/// value; empty for an insert's before or a delete's after).
struct FieldChange {
  std::string field;
  std::string before;
  std::string after;
};

/// The fields an entry changed: for an update, those whose value differs; for
/// an insert or a delete, every field of the row. In the row's column order.
std::vector<FieldChange> changedFields(const AuditEntry& entry);

/// A field's value (JSON text, as in FieldChange) as a reader sees it: text
/// without its quotes, a time field (started, approved_at, …) as a UTC timestamp.
std::string fieldText(const std::string& field, const std::string& jsonText);

/// One line for a reader: an update's changed fields (`usl 110 → 108.5`), an
/// insert's or a delete's non-empty fields (`status running, kind specs`);
/// text without its JSON quotes. Cut to `maxChars` characters (0: whole) with "…".
std::string changeSummary(const AuditEntry& entry, std::size_t maxChars = 0);

/// While it lives, changes made through `db` leave no entries: a workspace copy
/// fills a new workspace with its source's trail as it is. SQLite: turns
/// fab_auditing() off on this connection. PostgreSQL: disables the audit
/// triggers inside the open transaction (which the owner of the workspace's
/// tables alone may do), so a rollback or a crash leaves them enabled.
class AuditPause {
 public:
  explicit AuditPause(Database& db);
  AuditPause(const AuditPause&) = delete;
  AuditPause& operator=(const AuditPause&) = delete;
  ~AuditPause();
  /// Records again (before the transaction commits, on PostgreSQL).
  void end();

 private:
  void switchTriggers(bool on);
  Database& db_;
  bool paused_ = true;
};

}  // namespace fab::store

#include "core/store/audit_trail.h"

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/common/error.h"
#include "core/io/field_parse.h"

namespace fab::store {

const std::vector<std::string>& auditedTables() {
  static const std::vector<std::string> tables{"chart_config", "point_note", "spec",
                                               "kaizen",       "card_move",  "import_batch"};
  return tables;
}

std::string AuditFilter::problem() const {
  const auto& tables = auditedTables();
  if (what && std::find(tables.begin(), tables.end(), *what) == tables.end()) {
    std::string known;
    for (const auto& t : tables) known += (known.empty() ? "" : ", ") + t;
    return "the audit trail records no table '" + *what + "'; it records " + known;
  }
  if (from && to && *from > *to) return "the start of the time window is after its end";
  if (limit < 0) return "the number of entries must be 0 (all) or more, not " + std::to_string(limit);
  return "";
}

AuditTrail readAuditTrail(Database& db, const AuditFilter& filter) {
  if (const auto problem = filter.problem(); !problem.empty()) throw Error(problem);
  // One more row than the limit tells whether the limit cut the list.
  auto q = db.prepare(
      "SELECT id, at, who, what, action, key, before, after FROM audit "
      "WHERE (CAST(?1 AS TEXT) IS NULL OR what = ?1) AND (CAST(?2 AS TEXT) IS NULL OR who = ?2) "
      "AND (?3 IS NULL OR at >= ?3) AND (?4 IS NULL OR at <= ?4) ORDER BY at DESC, id DESC LIMIT ?5");
  q.bind(1, filter.what).bind(2, filter.who).bind(3, filter.from).bind(4, filter.to);
  q.bind(5, filter.limit > 0 ? filter.limit + 1 : std::numeric_limits<std::int64_t>::max());
  AuditTrail trail;
  while (q.step()) {
    if (filter.limit > 0 && static_cast<std::int64_t>(trail.entries.size()) == filter.limit) {
      trail.truncated = true;
      break;
    }
    AuditEntry e;
    e.id = q.integer(0);
    e.at = q.integer(1);
    e.who = q.text(2);
    e.what = q.text(3);
    e.action = q.text(4);
    e.key = q.text(5);
    if (!q.isNull(6)) e.before = q.text(6);
    if (!q.isNull(7)) e.after = q.text(7);
    trail.entries.push_back(std::move(e));
  }
  return trail;
}

std::int64_t changeStamp(Database& db) {
  auto q = db.prepare("SELECT coalesce(max(id), 0) FROM audit");
  return q.step() ? q.integer(0) : 0;
}

std::vector<std::string> auditAuthors(Database& db) {
  auto q = db.prepare("SELECT DISTINCT who FROM audit ORDER BY who");
  std::vector<std::string> names;
  while (q.step()) names.push_back(q.text(0));
  return names;
}

std::vector<FieldChange> changedFields(const AuditEntry& entry) {
  using Row = nlohmann::ordered_json;
  const auto parse = [&](const std::optional<std::string>& text) {
    if (!text) return Row::object();
    try {
      return Row::parse(*text);
    } catch (const nlohmann::json::exception& e) {
      throw Error("audit entry " + std::to_string(entry.id) + " holds a row that is not JSON: " + e.what());
    }
  };
  const Row before = parse(entry.before), after = parse(entry.after);
  std::vector<FieldChange> changes;
  const Row& shape = entry.after ? after : before;
  for (const auto& [field, value] : shape.items()) {
    const bool had = before.contains(field), has = after.contains(field);
    if (had && has && before[field] == after[field]) continue;
    changes.push_back({field, had ? before[field].dump() : "", has ? after[field].dump() : ""});
  }
  return changes;
}

namespace {
/// A JSON value's text as a reader sees it: strings without their quotes.
std::string plain(const std::string& jsonText) {
  if (jsonText.size() >= 2 && jsonText.front() == '"') {
    try {
      return nlohmann::json::parse(jsonText).get<std::string>();
    } catch (const nlohmann::json::exception&) {
    }
  }
  return jsonText;
}

/// A field holding a time (ms since 1970 UTC), shown as a timestamp.
bool isTimeField(const std::string& field) {
  static const std::vector<std::string> times{
      "started",   "finished", "approved_at", "noted_at", "effective_from", "baseline_from", "baseline_to",
      "submitted", "start",    "due",         "closed",   "change_time",    "time"};
  return std::find(times.begin(), times.end(), field) != times.end();
}

/// Cuts `text` to `maxChars` characters (UTF-8 code points), ending in "…".
std::string cut(std::string text, std::size_t maxChars) {
  if (maxChars == 0) return text;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // a continuation byte
    if (++chars == maxChars) {
      std::size_t end = i + 1;
      while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
      return end < text.size() ? text.substr(0, i) + "…" : text;
    }
  }
  return text;
}
}  // namespace

std::string fieldText(const std::string& field, const std::string& jsonText) {
  if (isTimeField(field) && !jsonText.empty() && jsonText != "null" &&
      jsonText.find_first_not_of("-0123456789") == std::string::npos)
    return io::formatTimestamp(std::stoll(jsonText));
  return plain(jsonText);
}

std::string changeSummary(const AuditEntry& entry, std::size_t maxChars) {
  std::string out;
  for (const auto& c : changedFields(entry)) {
    if (entry.action != "update" &&
        (c.field == "id" || c.before == "null" || c.after == "null" || c.before == "\"\"" || c.after == "\"\""))
      continue;  // a new or removed row: its fields that say something
    out += out.empty() ? "" : ", ";
    out += c.field + " ";
    if (entry.action == "update")
      out += fieldText(c.field, c.before) + " → " + fieldText(c.field, c.after);
    else
      out += fieldText(c.field, entry.action == "insert" ? c.after : c.before);
  }
  return cut(out, maxChars);
}

AuditPause::AuditPause(Database& db) : db_(db) { switchTriggers(false); }

AuditPause::~AuditPause() {
  try {
    end();
  } catch (...) {
    // On PostgreSQL a failed transaction rolls the disabling back with it.
  }
}

void AuditPause::end() {
  if (!paused_) return;
  paused_ = false;
  switchTriggers(true);
}

void AuditPause::switchTriggers(bool on) {
  if (db_.backend() == Database::Backend::SQLite) return db_.setAuditing(on);
  // Trigger names from data/schema/007_audit.postgresql.sql: audit_<table>.
  for (const auto& table : auditedTables())
    db_.exec("ALTER TABLE " + table + (on ? " ENABLE" : " DISABLE") + " TRIGGER audit_" + table);
}

}  // namespace fab::store

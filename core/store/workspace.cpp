#include "core/store/workspace.h"

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <set>

#include "core/common/error.h"
#include "core/store/migrations.h"

namespace fab::store {
namespace {

int latestKnownMigration() { return migrations().empty() ? 0 : migrations().back().id; }

/// Checks, without writing anything, that `path` is a fabkit workspace this
/// build can open. Returns false for an empty SQLite file (a fresh workspace).
bool validateExisting(const std::string& path) {
  Database db(path, Database::Mode::ReadOnly);
  int tables = 0;
  bool hasVersion = false;
  try {
    auto q = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'");
    while (q.step()) {
      ++tables;
      hasVersion |= q.textView(0) == "schema_version";
    }
  } catch (const Error&) {
    throw Error("'" + path + "' is not a fabkit workspace: it is not an SQLite database");
  }
  if (tables == 0) return false;
  if (!hasVersion)
    throw Error("'" + path + "' is an SQLite database but not a fabkit workspace (it has no schema_version table)");
  {
    auto q = db.prepare("PRAGMA application_id");
    if (!q.step() || q.integer(0) != kApplicationId)
      throw Error("'" + path + "' is an SQLite database but not a fabkit workspace (its application id is not fabkit's)");
  }
  std::set<int> known;
  for (const auto& m : migrations()) known.insert(m.id);
  bool hasFirst = false;
  auto q = db.prepare("SELECT id FROM schema_version ORDER BY id");
  while (q.step()) {
    const auto id = static_cast<int>(q.integer(0));
    if (!known.count(id))
      throw Error("'" + path + "' was written by a newer fabkit (schema " + std::to_string(id) +
                  "); this version knows schemas up to " + std::to_string(latestKnownMigration()) +
                  ". Open it with a newer fabkit.");
    hasFirst |= id == 1;
  }
  // A file that claims the first schema must hold its tables, or it is damaged.
  for (const char* table : {"import_batch", "import_error", "lot", "parameter", "measurement", "die", "defect", "spec"}) {
    auto t = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?");
    t.bind(1, table);
    if (hasFirst && (!t.step() || t.integer(0) == 0))
      throw Error("'" + path + "' is a damaged fabkit workspace: the table '" + std::string(table) + "' is missing");
  }
  return true;
}

}  // namespace

std::int64_t nowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

Workspace Workspace::open(const std::string& path) {
  if (!std::filesystem::exists(path)) throw Error("workspace '" + path + "' does not exist");
  if (std::filesystem::is_directory(path)) throw Error("'" + path + "' is a folder, not a workspace file");
  const bool initialised = validateExisting(path);
  Workspace ws(Database(path, Database::Mode::ReadWrite));
  ws.prepare(!initialised);
  return ws;
}

Workspace Workspace::openOrCreate(const std::string& path) {
  if (std::filesystem::exists(path)) return open(path);
  Workspace ws(Database(path, Database::Mode::Create));
  ws.prepare(true);
  return ws;
}

void Workspace::prepare(bool isNew) {
  // 16 KiB pages make the measurement B-tree shallower (bulk imports insert at
  // a dozen points at once); the page size is fixed once the file has content.
  if (isNew) db_.exec("PRAGMA page_size = 16384");
  db_.exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536;");
  {
    // Every change to an existing file happens in this one transaction, so a
    // failure leaves the file as it was.
    Transaction tx(db_);
    if (isNew) {
      db_.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
      db_.exec("CREATE TABLE IF NOT EXISTS schema_version(id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied INTEGER NOT NULL)");
    }
    std::set<int> applied;
    {
      auto q = db_.prepare("SELECT id FROM schema_version");
      while (q.step()) applied.insert(static_cast<int>(q.integer(0)));
    }
    for (const auto& m : migrations()) {
      if (applied.count(m.id)) continue;
      db_.exec(m.sql);
      db_.prepare("INSERT INTO schema_version(id, name, applied) VALUES (?, ?, ?)")
          .bind(1, m.id).bind(2, m.name).bind(3, nowMs()).run();
    }
    tx.commit();
  }
  db_.exec("PRAGMA journal_mode = WAL");
  schemaVersion_ = latestKnownMigration();

  // A batch still 'running' while nobody holds the write lock was cut off by a
  // crash or kill: its rows went with the rolled-back transaction. Mark it
  // failed so it never blocks a re-run. An import in progress elsewhere holds
  // the write lock for its whole transaction, so its batch is left alone.
  sqlite3_busy_timeout(db_.handle(), 0);
  try {
    Transaction tx(db_);
    db_.prepare(
           "UPDATE import_batch SET status = 'failed', finished = ?, "
           "message = 'interrupted before it finished (crash or kill); nothing from it was kept' "
           "WHERE status = 'running'")
        .bind(1, nowMs())
        .run();
    recoveredBatches_ = db_.changes();
    tx.commit();
  } catch (const Error&) {
    recoveredBatches_ = 0;  // another process is writing: its batch is alive
  }
  sqlite3_busy_timeout(db_.handle(), 5000);
}

}  // namespace fab::store

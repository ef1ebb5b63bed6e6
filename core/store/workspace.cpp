#include "core/store/workspace.h"

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <set>

#include "core/common/error.h"
#include "core/store/migrations.h"
#include "core/store/postgres_connection.h"
#include "core/store/sql_dialect.h"

namespace fab::store {
namespace {

int latestKnownMigration() { return migrations().empty() ? 0 : migrations().back().id; }

bool isServer(const Database& db) { return db.backend() == Database::Backend::PostgreSQL; }

/// The tables of the workspace: an SQLite file's, or those of the current
/// schema (the first of the search path) of a PostgreSQL database.
std::set<std::string> tableNames(Database& db) {
  std::set<std::string> names;
  auto q = db.prepare(isServer(db) ? "SELECT table_name FROM information_schema.tables "
                                     "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
                                   : "SELECT name FROM sqlite_master WHERE type = 'table'");
  while (q.step()) names.insert(q.text(0));
  return names;
}

/// Checks, without writing anything, that `db` holds a fabkit workspace this
/// build can open. Returns false for an empty SQLite file or an empty
/// PostgreSQL schema (a fresh workspace).
bool validateExisting(Database& db) {
  const std::string& path = db.path();
  const char* kind = isServer(db) ? "a PostgreSQL database" : "an SQLite database";
  std::set<std::string> tables;
  try {
    tables = tableNames(db);
  } catch (const Error&) {
    throw Error("'" + path + "' is not a fabkit workspace: it is not an SQLite database");
  }
  if (tables.empty()) return false;
  if (!tables.count("schema_version"))
    throw Error("'" + path + "' is " + kind + " but not a fabkit workspace (it has no schema_version table)");
  if (!isServer(db)) {
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
    if (hasFirst && !tables.count(table))
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
  if (isPostgresUrl(path)) {
    // The database must exist on the server; an empty one becomes a fresh workspace.
    Workspace ws(Database(path, Database::Mode::ReadWrite));
    const bool initialised = validateExisting(ws.db_);
    ws.prepare(!initialised);
    return ws;
  }
  if (!std::filesystem::exists(path)) throw Error("workspace '" + path + "' does not exist");
  if (std::filesystem::is_directory(path)) throw Error("'" + path + "' is a folder, not a workspace file");
  bool initialised = false;
  if (std::filesystem::exists(path + "-journal")) {
    // A process killed inside a transaction (while creating the workspace, say)
    // leaves a hot journal that only a writer may roll back: a read-only
    // connection cannot read the file until then. The first read rolls it back.
    try {
      Database db(path, Database::Mode::ReadWrite);
      db.prepare("SELECT count(*) FROM sqlite_master").step();
    } catch (const Error&) {
    }
  }
  {
    Database db(path, Database::Mode::ReadOnly);
    initialised = validateExisting(db);
  }
  Workspace ws(Database(path, Database::Mode::ReadWrite));
  ws.prepare(!initialised);
  return ws;
}

Workspace Workspace::openOrCreate(const std::string& path) {
  if (isPostgresUrl(path) || std::filesystem::exists(path)) return open(path);
  Workspace ws(Database(path, Database::Mode::Create));
  ws.prepare(true);
  return ws;
}

void Workspace::prepare(bool isNew) {
  const bool server = isServer(db_);
  const auto ddl = [&](std::string_view sql) { return server ? dialect::postgresDdl(sql) : std::string(sql); };
  if (!server) {
    // 16 KiB pages make the measurement B-tree shallower (an import that adds to
    // lots stored before inserts at many points at once); the page size is fixed
    // once the file has content.
    if (isNew) db_.exec("PRAGMA page_size = 16384");
    db_.exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536;");
  }
  {
    // Every change to an existing file happens in this one transaction, so a
    // failure leaves the file as it was.
    Transaction tx(db_);
    // On a server, engineers opening a new workspace at once migrate it one at a time.
    if (server) db_.exec("SELECT pg_advisory_xact_lock(" + std::to_string(kApplicationId) + ")");
    if (isNew) {
      if (server)
        db_.exec(dialect::postgresCompatibilityFunctions());
      else
        db_.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
      db_.exec(ddl("CREATE TABLE IF NOT EXISTS schema_version(id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied INTEGER NOT NULL)"));
    }
    std::set<int> applied;
    {
      auto q = db_.prepare("SELECT id FROM schema_version");
      while (q.step()) applied.insert(static_cast<int>(q.integer(0)));
    }
    for (const auto& m : migrations()) {
      if (applied.count(m.id)) continue;
      db_.exec(server ? postgresText(m) : m.sql);
      db_.prepare("INSERT INTO schema_version(id, name, applied) VALUES (?, ?, ?)")
          .bind(1, m.id).bind(2, m.name).bind(3, nowMs()).run();
    }
    tx.commit();
  }
  if (!server) db_.exec("PRAGMA journal_mode = WAL");
  schemaVersion_ = latestKnownMigration();
  recoveredBatches_ = server ? recoverServerBatches() : recoverFileBatches();
}

int Workspace::recoverFileBatches() {
  // A batch still 'running' while nobody holds the write lock was cut off by a
  // crash or kill: its rows went with the rolled-back transaction. Mark it
  // failed so it never blocks a re-run. An import in progress elsewhere holds
  // the write lock for its whole transaction, so its batch is left alone.
  int recovered = 0;
  sqlite3_busy_timeout(db_.handle(), 0);
  try {
    Transaction tx(db_);
    db_.prepare(
           "UPDATE import_batch SET status = 'failed', finished = ?, "
           "message = 'interrupted before it finished (crash or kill); nothing from it was kept' "
           "WHERE status = 'running'")
        .bind(1, nowMs())
        .run();
    recovered = db_.changes();
    tx.commit();
  } catch (const Error&) {
    recovered = 0;  // another process is writing: its batch is alive
  }
  sqlite3_busy_timeout(db_.handle(), 5000);
  return recovered;
}

int Workspace::recoverServerBatches() {
  // On a server an import in progress holds its batch's row locked for its
  // whole transaction (io/import_batch.cpp); a 'running' batch whose row is
  // free was cut off with its connection, and its rows went with it. A user
  // who may not write (a viewer, core/store/workspace_roles.h) leaves that to a writer.
  {
    auto may = db_.prepare("SELECT has_table_privilege('import_batch', 'UPDATE')");
    if (may.step() && !may.integer(0)) return 0;
  }
  Transaction tx(db_);
  db_.prepare(
         "UPDATE import_batch SET status = 'failed', finished = ?, "
         "message = 'interrupted before it finished (crash or kill); nothing from it was kept' "
         "WHERE id IN (SELECT id FROM import_batch WHERE status = 'running' FOR UPDATE SKIP LOCKED)")
      .bind(1, nowMs())
      .run();
  const int recovered = db_.changes();
  tx.commit();
  return recovered;
}

}  // namespace fab::store

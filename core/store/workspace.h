#pragma once
// A workspace is one SQLite file (.fabdb) holding everything fabkit knows:
// imports, lots, measurements, dies, defects, specs and the analyses' state;
// or, shared by a team, a PostgreSQL database given by its URL
// (postgresql://user@host:port/db), holding the same tables.
#include <cstdint>
#include <string>

#include "core/store/database.h"

namespace fab::store {

class Workspace {
 public:
  /// Opens an existing workspace (a PostgreSQL URL: a database that exists on
  /// the server; an empty one becomes a new workspace). Throws fab::Error, changing nothing, when the
  /// file is missing, is not an SQLite database, is an SQLite database that is
  /// not a fabkit workspace, or was written by a newer fabkit.
  static Workspace open(const std::string& path);
  /// Opens the workspace, creating a new empty one when the file does not exist.
  static Workspace openOrCreate(const std::string& path);

  Database& db() { return db_; }
  const std::string& path() const { return db_.path(); }
  /// Schema migration ids applied to this file, newest last.
  int schemaVersion() const { return schemaVersion_; }
  /// Import batches found unfinished (a crash or kill) and marked failed on open.
  int recoveredBatches() const { return recoveredBatches_; }

 private:
  explicit Workspace(Database db) : db_(std::move(db)) {}
  void prepare(bool isNew);
  int recoverFileBatches();
  int recoverServerBatches();
  Database db_;
  int schemaVersion_ = 0;
  int recoveredBatches_ = 0;
};

/// 'FAB!' in the SQLite header's application_id field.
inline constexpr std::int32_t kApplicationId = 0x46414221;

/// Milliseconds since 1970-01-01 UTC, now.
std::int64_t nowMs();

}  // namespace fab::store

#pragma once
// Rows of one table stored together on a PostgreSQL workspace, where one
// round trip per row would dominate an import: they travel in one COPY into a
// temporary table, then one INSERT … SELECT stores them, keeping the first of
// rows that share a key and leaving out keys stored already (as
// INSERT … ON CONFLICT DO NOTHING row by row does).
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "core/store/database.h"

namespace fab::store {

class BulkRows {
 public:
  /// `table`, `columns` and `key` are fixed names of the workspace's schema.
  /// Must be made inside a transaction (the temporary table goes with it).
  BulkRows(Database& db, std::string table, std::vector<std::string> columns, std::vector<std::string> key);

  /// Adds one row of integers (nullopt = NULL), in the order of `columns`.
  void add(std::initializer_list<std::optional<std::int64_t>> values);
  std::size_t pending() const { return pending_; }
  /// Stores the rows added since the last flush; returns how many were stored
  /// (the others repeated a key).
  std::int64_t flush();

 private:
  Database& db_;
  std::string staging_, copySql_;
  Statement move_;
  std::string text_;
  std::size_t pending_ = 0;
};

}  // namespace fab::store

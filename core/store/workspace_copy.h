#pragma once
// Moving a workspace between an SQLite file and a PostgreSQL server (either
// way, or file to file, server to server): every row of every table, then a
// check that both hold the same rows, value for value. The audit trail is
// copied as it is; the copying adds no entries of its own.
#include <cstdint>
#include <string>
#include <vector>

namespace fab::store {

struct TableCopy {
  std::string table;
  std::int64_t rows = 0;
};

struct WorkspaceCopyReport {
  std::vector<TableCopy> tables;  ///< in the order copied (parents before the rows that name them)
  std::int64_t rows = 0;          ///< all tables together
  int schemaVersion = 0;
};

/// Copies the workspace `source` into `target` (a file path or a PostgreSQL
/// URL), which must be new or hold an empty workspace; both are brought to
/// this build's schema first. Ids are kept; on a server, new rows are then
/// numbered after the copied ones. The copy is one transaction on the target,
/// and is then read back from both, each table in the same total order, and
/// compared value for value; a difference throws fab::Error naming the table,
/// row and column.
WorkspaceCopyReport copyWorkspace(const std::string& source, const std::string& target);

}  // namespace fab::store

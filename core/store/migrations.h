#pragma once
// Schema migrations, embedded from data/schema/NNN_name.sql at build time
// (and NNN_name.postgresql.sql where a migration's text differs on PostgreSQL).
#include <string>
#include <vector>

#include "core/store/sql_dialect.h"

namespace fab::store {

struct Migration {
  int id;                   ///< the NNN of the file name; applied in increasing order
  std::string name;         ///< file name without extension
  std::string sql;          ///< SQLite's text, translated for PostgreSQL (core/store/sql_dialect.h)
  std::string postgresSql;  ///< NNN_name.postgresql.sql, used on PostgreSQL instead when not empty
};

/// The text of `m` to run on a PostgreSQL server.
inline std::string postgresText(const Migration& m) {
  return m.postgresSql.empty() ? dialect::postgresDdl(m.sql) : m.postgresSql;
}

/// Every migration this build knows, sorted by id.
const std::vector<Migration>& migrations();

}  // namespace fab::store

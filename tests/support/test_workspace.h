#pragma once
// Where a test's workspace lives: by default a file in the test's folder; with
// FAB_TEST_BACKEND=postgresql, a fresh schema on the PostgreSQL server that
// FAB_TEST_PG_URL names (packaging/pg-test-server.sh starts a private one), so
// the same tests run on both backends.
#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "core/store/database.h"
#include "tests/support/temp_dir.h"

namespace fab::test {

/// The test server's URL, or "" when FAB_TEST_PG_URL is not set.
inline std::string postgresServerUrl() {
  const char* url = std::getenv("FAB_TEST_PG_URL");
  return url ? url : "";
}

/// True when the tests' workspaces are to live on the PostgreSQL test server.
inline bool workspacesOnPostgres() {
  const char* backend = std::getenv("FAB_TEST_BACKEND");
  return backend && std::string(backend) == "postgresql";
}

/// Schemas made by this test process, dropped when it ends.
class PostgresSchemas {
 public:
  static PostgresSchemas& instance() {
    static PostgresSchemas schemas;
    return schemas;
  }
  /// A URL for a fresh, empty schema on the test server (first in its search path).
  std::string fresh() {
    std::random_device rd;
    const std::string schema = "fabkit_test_" + std::to_string(rd()) + "_" + std::to_string(made_.size());
    store::Database db(postgresServerUrl(), store::Database::Mode::ReadWrite);
    db.exec("CREATE SCHEMA " + schema);  // a name made here, not user text
    made_.push_back(schema);
    const std::string base = postgresServerUrl();
    return base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
  }
  ~PostgresSchemas() {
    if (made_.empty()) return;
    try {
      store::Database db(postgresServerUrl(), store::Database::Mode::ReadWrite);
      for (const auto& s : made_) db.exec("DROP SCHEMA IF EXISTS " + s + " CASCADE");
    } catch (...) {
    }
  }

 private:
  PostgresSchemas() = default;
  std::vector<std::string> made_;
};

/// The workspace a test uses: `dir/name`, or a fresh schema on the test server
/// with FAB_TEST_BACKEND=postgresql.
inline std::string workspaceIn(const TempDir& dir, const std::string& name) {
  if (!workspacesOnPostgres()) return dir.path(name);
  if (postgresServerUrl().empty()) throw std::runtime_error("FAB_TEST_BACKEND=postgresql needs FAB_TEST_PG_URL");
  return PostgresSchemas::instance().fresh();
}

}  // namespace fab::test

/// Skips a test that needs the PostgreSQL test server when there is none.
#define FAB_NEEDS_POSTGRES()                                                                        \
  do {                                                                                              \
    if (::fab::test::postgresServerUrl().empty())                                                   \
      GTEST_SKIP() << "FAB_TEST_PG_URL is not set (eval \"$(packaging/pg-test-server.sh start)\")"; \
  } while (0)

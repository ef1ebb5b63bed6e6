#pragma once
// The PostgreSQL side of the store API (core/store/database.h), over libpq: a
// shared team workspace on a server, opened from a libpq URL
// (postgresql://user@host:port/db). Queries are written as for SQLite; their
// placeholders are renumbered (core/store/sql_dialect.h), each is prepared
// once on the server and run with bound parameters, in text format; values
// read back are parsed as SQLite would convert them.
#include <cstdint>
#include <memory>
#include <optional>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

struct pg_conn;
struct pg_result;

namespace fab::store {

class PostgresConnection {
 public:
  /// Connects; `readOnly` makes every transaction of the session read-only.
  PostgresConnection(const std::string& url, bool readOnly);
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;
  ~PostgresConnection();

  /// Runs one or more statements of fixed SQL (no parameters).
  void exec(std::string_view sql);
  /// The id the last INSERT into a table with an identity column was given.
  std::int64_t lastInsertId();
  /// Rows the last statement inserted, updated or deleted.
  int changes() const { return changes_; }
  bool inTransaction() const;
  /// Streams rows in COPY's text format (tab-separated, \N for NULL, one
  /// line per row) through `copySql` (fixed text: COPY table(columns) FROM STDIN).
  void copyIn(std::string_view copySql, std::string_view rows);
  /// The same, the text written a piece at a time: `nextPiece` appends the
  /// next rows to the (emptied) string it is given and returns whether more
  /// follow. Each piece is sent before the next is asked for, so the server
  /// stores rows while the caller writes the following ones.
  void copyIn(std::string_view copySql, const std::function<bool(std::string&)>& nextPiece);
  /// The URL with any password left out, for messages.
  const std::string& label() const { return label_; }

  // For PostgresStatement.
  pg_conn* handle() { return conn_; }
  std::string newStatementName() { return "fab_" + std::to_string(++statements_); }
  void forget(std::string name) { unused_.push_back(std::move(name)); }
  void setChanges(int n) { changes_ = n; }
  void setLastInsertTable(const std::string& table) { lastInsertTable_ = table; }
  /// Frees prepared statements no longer used, while the session can run commands.
  void freeUnused();
  [[noreturn]] void fail(std::string_view what, pg_result* result = nullptr) const;

 private:
  pg_conn* conn_ = nullptr;
  std::string label_;
  int changes_ = 0;
  std::string lastInsertTable_;  ///< the table the last INSERT statement named
  std::uint64_t statements_ = 0;
  std::vector<std::string> unused_;
};

class PostgresStatement {
 public:
  PostgresStatement(std::shared_ptr<PostgresConnection> connection, std::string_view sqliteSql);
  PostgresStatement(const PostgresStatement&) = delete;
  PostgresStatement& operator=(const PostgresStatement&) = delete;
  ~PostgresStatement();

  void bind(int index, std::int64_t value);
  void bind(int index, double value);
  void bind(int index, std::string_view text);
  /// Type oids of a parameter's value; kUntyped leaves the type to the server.
  static constexpr unsigned kUntyped = 0, kInteger = 20, kReal = 701;
  void bindNull(int index, unsigned type);

  bool step();
  void reset();

  /// 0 NULL, 1 integer (int2/4/8, bool), 2 real (float4/8, numeric), 3 text (anything else).
  int type(int column) const;
  int columnCount() const;
  bool isNull(int column) const;
  std::int64_t integer(int column) const;
  double real(int column) const;
  std::string_view textView(int column) const;

 private:
  void slot(int index) const;
  void execute();
  void prepareOnServer();

  std::shared_ptr<PostgresConnection> connection_;
  std::string sql_;
  std::string name_;                                ///< empty until prepared on the server
  std::vector<std::optional<std::string>> values_;  ///< text form of each parameter; nullopt = NULL
  std::vector<unsigned> types_;                     ///< type oid of each bound value (0 = left to the server)
  std::vector<unsigned> preparedTypes_;             ///< the types it was prepared with
  std::vector<bool> used_;                          ///< whether the query names each parameter
  std::string insertInto_;                          ///< the table an INSERT names; empty for other statements
  pg_result* result_ = nullptr;
  mutable std::string realText_;  ///< a real column's text as SQLite writes it, until the next read
  int row_ = -1;
  int rows_ = 0;
  bool done_ = false;
};

/// The table an `INSERT INTO table …` statement names (unquoted); empty for any other statement.
std::string insertedTable(std::string_view sql);

/// True for a workspace given as a PostgreSQL URL rather than a file path.
bool isPostgresUrl(std::string_view path);

/// The URL without its password (user:password@host → user@host), for messages and lists kept on disk.
std::string withoutPassword(const std::string& url);

}  // namespace fab::store

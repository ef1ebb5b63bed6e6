#pragma once
// A thin RAII layer over a workspace's database: connections, prepared
// statements and transactions, on SQLite (a file, the default) or on a
// PostgreSQL server (a shared team workspace, core/store/postgres_connection.h)
// when the workspace is given as a postgresql:// URL. Queries are written once,
// in SQLite's text with `?` / `?NNN` placeholders, in SQL both accept
// (core/store/sql_dialect.h). Every query is prepared; user text is only ever bound.
#include <cstdint>
#include <memory>
#include <optional>
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>

struct sqlite3;
struct sqlite3_stmt;

namespace fab::store {

class PostgresConnection;
class PostgresStatement;

class Statement {
 public:
  Statement();
  Statement(sqlite3* db, std::string_view sql);
  Statement(std::shared_ptr<PostgresConnection> server, std::string_view sql);
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  /// Binders take 1-based parameter indexes, as SQLite does.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bindNull(int index);
  /// A missing value binds NULL, of the value's type: PostgreSQL must know
  /// the type of a parameter it cannot infer (`? IS NULL OR time >= ?`).
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    if (value) return bind(index, *value);
    if constexpr (std::is_integral_v<T>) return bindNull(index, NullOf::Integer);
    if constexpr (std::is_floating_point_v<T>) return bindNull(index, NullOf::Real);
    return bindNull(index);
  }

  /// Runs one step: true while a row is available, false when done.
  bool step();
  /// Runs a statement that returns no rows, then resets it for reuse.
  void run();
  void reset();

  /// What a column of the current row holds, as SQLite classes values.
  enum class ValueType { Null, Integer, Real, Text };
  ValueType type(int column) const;
  bool isNull(int column) const;
  std::int64_t integer(int column) const;
  double real(int column) const;  ///< NaN for NULL
  std::string text(int column) const;
  std::string_view textView(int column) const;  ///< valid until the next step
  std::optional<double> optionalReal(int column) const;
  std::optional<std::int64_t> optionalInteger(int column) const;
  int columnCount() const;

 private:
  enum class NullOf { Integer, Real };
  Statement& bindNull(int index, NullOf type);
  void check(int rc) const;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  std::unique_ptr<PostgresStatement> server_;
};

class Database {
 public:
  enum class Mode { ReadOnly, ReadWrite, Create };
  enum class Backend { SQLite, PostgreSQL };
  /// A path starting with postgresql:// or postgres:// connects to a
  /// PostgreSQL server (the database must exist; Create and ReadWrite are
  /// the same there); anything else opens an SQLite file.
  Database(const std::string& path, Mode mode);
  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  /// Runs one or more statements of fixed SQL (no user text).
  void exec(std::string_view sql);
  Statement prepare(std::string_view sql) { return server_ ? Statement(server_, sql) : Statement(db_, sql); }
  std::int64_t lastInsertId() const;
  int changes() const;
  /// PostgreSQL only (a bulk path beside prepared inserts): streams rows in
  /// COPY's text format through `copySql`, fixed text such as
  /// "COPY t(a, b) FROM STDIN". Values are data, never parsed as SQL.
  void copyIn(std::string_view copySql, std::string_view rows);
  /// The same, written a piece at a time (PostgresConnection::copyIn).
  void copyIn(std::string_view copySql, const std::function<bool(std::string&)>& nextPiece);
  bool inTransaction() const;
  Backend backend() const { return server_ ? Backend::PostgreSQL : Backend::SQLite; }
  /// The workspace as given (a server's URL without its password).
  const std::string& path() const { return path_; }
  /// The SQLite connection; null on PostgreSQL.
  sqlite3* handle() { return db_; }
  /// SQLite: whether this connection's changes are recorded in the workspace's
  /// audit trail (on from the start; core/store/audit_trail.h). The trail's
  /// triggers ask the functions fab_auditing() and fab_user() (the
  /// operating-system user) that every connection defines.
  void setAuditing(bool on);

 private:
  struct AuditState;
  sqlite3* db_ = nullptr;
  AuditState* audit_ = nullptr;  ///< owned by the SQLite connection, freed with it
  std::shared_ptr<PostgresConnection> server_;
  std::string path_;
};

/// BEGIN IMMEDIATE (BEGIN on PostgreSQL) on construction (a savepoint when a transaction is already
/// open, so transactions nest); rolls back on destruction unless committed.
class Transaction {
 public:
  explicit Transaction(Database& db);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();
  void rollback();

 private:
  Database& db_;
  bool nested_ = false;
  bool open_ = true;
};

}  // namespace fab::store

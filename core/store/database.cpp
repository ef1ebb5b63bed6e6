#include "core/store/database.h"

#include <pwd.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <utility>

#include "core/common/error.h"
#include "core/store/postgres_connection.h"

namespace fab::store {
namespace {
[[noreturn]] void fail(sqlite3* db, std::string_view what) {
  throw Error(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}
/// The operating-system user running fabkit, who an SQLite workspace's audit trail names.
std::string operatingSystemUser() {
  char buffer[4096];
  passwd entry{};
  passwd* found = nullptr;
  if (getpwuid_r(geteuid(), &entry, buffer, sizeof buffer, &found) == 0 && found && found->pw_name[0])
    return found->pw_name;
  const char* user = std::getenv("USER");
  return user && *user ? user : "uid " + std::to_string(geteuid());
}
}  // namespace

struct Database::AuditState {
  std::string user = operatingSystemUser();
  bool recording = true;

  /// Defines fab_user() and fab_auditing() on `db`, which owns the returned state.
  static AuditState* defineOn(sqlite3* db) {
    auto* state = new AuditState;
    const auto user = [](sqlite3_context* c, int, sqlite3_value**) {
      const auto* s = static_cast<AuditState*>(sqlite3_user_data(c));
      sqlite3_result_text(c, s->user.c_str(), static_cast<int>(s->user.size()), SQLITE_TRANSIENT);
    };
    const auto recording = [](sqlite3_context* c, int, sqlite3_value**) {
      sqlite3_result_int(c, static_cast<AuditState*>(sqlite3_user_data(c))->recording ? 1 : 0);
    };
    const auto release = [](void* s) { delete static_cast<AuditState*>(s); };
    // fab_user() owns the state: it is freed when the connection closes.
    if (sqlite3_create_function_v2(db, "fab_user", 0, SQLITE_UTF8, state, user, nullptr, nullptr, release) != SQLITE_OK ||
        sqlite3_create_function_v2(db, "fab_auditing", 0, SQLITE_UTF8, state, recording, nullptr, nullptr, nullptr) !=
            SQLITE_OK)
      fail(db, "defining the audit trail's functions");
    return state;
  }
};

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK)
    fail(db, "preparing a workspace query");
}
Statement::Statement() = default;
Statement::Statement(std::shared_ptr<PostgresConnection> server, std::string_view sql)
    : server_(std::make_unique<PostgresStatement>(std::move(server), sql)) {}
Statement::Statement(Statement&& o) noexcept
    : db_(std::exchange(o.db_, nullptr)), stmt_(std::exchange(o.stmt_, nullptr)), server_(std::move(o.server_)) {}
Statement& Statement::operator=(Statement&& o) noexcept {
  if (this != &o) {
    sqlite3_finalize(stmt_);
    db_ = std::exchange(o.db_, nullptr);
    stmt_ = std::exchange(o.stmt_, nullptr);
    server_ = std::move(o.server_);
  }
  return *this;
}
Statement::~Statement() { sqlite3_finalize(stmt_); }

void Statement::check(int rc) const {
  if (rc != SQLITE_OK) fail(db_, "binding a query parameter");
}
Statement& Statement::bind(int i, std::int64_t v) {
  if (server_) server_->bind(i, v); else check(sqlite3_bind_int64(stmt_, i, v));
  return *this;
}
Statement& Statement::bind(int i, double v) {
  if (server_) server_->bind(i, v);
  else check(std::isnan(v) ? sqlite3_bind_null(stmt_, i) : sqlite3_bind_double(stmt_, i, v));
  return *this;
}
Statement& Statement::bind(int i, std::string_view t) {
  // A default-constructed view has no data pointer: bind it as empty text, not NULL.
  if (server_) server_->bind(i, t);
  else check(sqlite3_bind_text(stmt_, i, t.data() ? t.data() : "", static_cast<int>(t.size()), SQLITE_TRANSIENT));
  return *this;
}
Statement& Statement::bindNull(int i) {
  if (server_) server_->bindNull(i, PostgresStatement::kUntyped); else check(sqlite3_bind_null(stmt_, i));
  return *this;
}
Statement& Statement::bindNull(int i, NullOf type) {
  if (!server_) return bindNull(i);
  server_->bindNull(i, type == NullOf::Integer ? PostgresStatement::kInteger : PostgresStatement::kReal);
  return *this;
}

bool Statement::step() {
  if (server_) return server_->step();
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  const std::string message = sqlite3_errmsg(db_);
  sqlite3_reset(stmt_);
  throw Error("workspace query failed: " + message);
}
void Statement::run() {
  step();
  reset();
}
void Statement::reset() {
  if (server_) server_->reset(); else sqlite3_reset(stmt_);
}

Statement::ValueType Statement::type(int c) const {
  if (server_) return static_cast<ValueType>(server_->type(c));
  switch (sqlite3_column_type(stmt_, c)) {
    case SQLITE_NULL: return ValueType::Null;
    case SQLITE_INTEGER: return ValueType::Integer;
    case SQLITE_FLOAT: return ValueType::Real;
    default: return ValueType::Text;
  }
}
int Statement::columnCount() const { return server_ ? server_->columnCount() : sqlite3_column_count(stmt_); }
bool Statement::isNull(int c) const {
  return server_ ? server_->isNull(c) : sqlite3_column_type(stmt_, c) == SQLITE_NULL;
}
std::int64_t Statement::integer(int c) const { return server_ ? server_->integer(c) : sqlite3_column_int64(stmt_, c); }
// One sqlite3_column_value and the lighter sqlite3_value_* calls read a column
// whose NULL matters: a million rows' columns are read millions of times.
double Statement::real(int c) const {
  if (server_) return server_->real(c);
  sqlite3_value* v = sqlite3_column_value(stmt_, c);
  return sqlite3_value_type(v) == SQLITE_NULL ? std::numeric_limits<double>::quiet_NaN() : sqlite3_value_double(v);
}
std::string_view Statement::textView(int c) const {
  if (server_) return server_->textView(c);
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, c));
  return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, c))) : std::string_view();
}
std::string Statement::text(int c) const { return std::string(textView(c)); }
std::optional<double> Statement::optionalReal(int c) const {
  if (server_) return isNull(c) ? std::nullopt : std::optional<double>(real(c));
  sqlite3_value* v = sqlite3_column_value(stmt_, c);
  return sqlite3_value_type(v) == SQLITE_NULL ? std::nullopt : std::optional<double>(sqlite3_value_double(v));
}
std::optional<std::int64_t> Statement::optionalInteger(int c) const {
  if (server_) return isNull(c) ? std::nullopt : std::optional<std::int64_t>(integer(c));
  sqlite3_value* v = sqlite3_column_value(stmt_, c);
  return sqlite3_value_type(v) == SQLITE_NULL ? std::nullopt : std::optional<std::int64_t>(sqlite3_value_int64(v));
}

Database::Database(const std::string& path, Mode mode) : path_(path) {
  if (isPostgresUrl(path)) {
    server_ = std::make_shared<PostgresConnection>(path, mode == Mode::ReadOnly);
    path_ = server_->label();
    return;
  }
  // Memory statistics take a global mutex on every allocation; fabkit does not read them.
  static const bool configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
  (void)configured;
  int flags = SQLITE_OPEN_NOMUTEX;
  flags |= mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (mode == Mode::Create) flags |= SQLITE_OPEN_CREATE;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error("cannot open workspace '" + path + "': " + message);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 5000);
  audit_ = AuditState::defineOn(db_);
}
Database::Database(Database&& o) noexcept
    : db_(std::exchange(o.db_, nullptr)),
      audit_(std::exchange(o.audit_, nullptr)),
      server_(std::move(o.server_)),
      path_(std::move(o.path_)) {}
Database& Database::operator=(Database&& o) noexcept {
  if (this != &o) {
    sqlite3_close_v2(db_);
    db_ = std::exchange(o.db_, nullptr);
    audit_ = std::exchange(o.audit_, nullptr);
    server_ = std::move(o.server_);
    path_ = std::move(o.path_);
  }
  return *this;
}
Database::~Database() { sqlite3_close_v2(db_); }

void Database::exec(std::string_view sql) {
  if (server_) return server_->exec(sql);
  char* message = nullptr;
  if (sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    throw Error("workspace '" + path_ + "': " + text);
  }
}
std::int64_t Database::lastInsertId() const {
  return server_ ? server_->lastInsertId() : sqlite3_last_insert_rowid(db_);
}
int Database::changes() const { return server_ ? server_->changes() : sqlite3_changes(db_); }
void Database::copyIn(std::string_view copySql, std::string_view rows) {
  if (!server_) throw Error("a bulk copy needs a workspace on a PostgreSQL server");
  server_->copyIn(copySql, rows);
}
void Database::copyIn(std::string_view copySql, const std::function<bool(std::string&)>& nextPiece) {
  if (!server_) throw Error("a bulk copy needs a workspace on a PostgreSQL server");
  server_->copyIn(copySql, nextPiece);
}
void Database::setAuditing(bool on) {
  if (audit_) audit_->recording = on;
}
bool Database::inTransaction() const { return server_ ? server_->inTransaction() : sqlite3_get_autocommit(db_) == 0; }

Transaction::Transaction(Database& db) : db_(db), nested_(db.inTransaction()) {
  // Inside a transaction already, a savepoint makes this one nest. SQLite's
  // IMMEDIATE takes the write lock now; PostgreSQL locks rows as they are written.
  const bool server = db_.backend() == Database::Backend::PostgreSQL;
  db_.exec(nested_ ? "SAVEPOINT fab_nested" : server ? "BEGIN" : "BEGIN IMMEDIATE");
}
Transaction::~Transaction() {
  if (open_) {
    try {
      rollback();
    } catch (...) {
    }
  }
}
void Transaction::commit() {
  db_.exec(nested_ ? "RELEASE fab_nested" : "COMMIT");
  open_ = false;
}
void Transaction::rollback() {
  open_ = false;
  db_.exec(nested_ ? "ROLLBACK TO fab_nested; RELEASE fab_nested" : "ROLLBACK");
}

}  // namespace fab::store

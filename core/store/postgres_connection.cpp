#include "core/store/postgres_connection.h"

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <utility>

#include "core/common/error.h"
#include "core/common/word_case.h"
#include "core/store/sql_dialect.h"
#include "core/store/workspace_roles.h"

namespace fab::store {
namespace {

// Type oids (pg_type.h).
constexpr unsigned kInt8 = PostgresStatement::kInteger, kFloat8 = PostgresStatement::kReal, kBool = 16, kText = 25,
                   kNumeric = 1700;

/// libpq's messages end with a newline; fabkit's do not.
std::string trimmed(const char* message) {
  std::string s = message ? message : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

void ignoreNotice(void*, const char*) {}

}  // namespace

std::string withoutPassword(const std::string& url) {
  std::string out = url;
  // A password=… parameter of the query (…/db?password=x&sslmode=require).
  if (const auto query = out.find('?'); query != std::string::npos) {
    for (auto at = out.find("password=", query); at != std::string::npos; at = out.find("password=", at)) {
      const char before = out[at - 1];
      if (before != '?' && before != '&') {
        ++at;
        continue;
      }
      const auto end = out.find('&', at);
      const auto from = before == '&' ? at - 1 : at;
      const auto to = end == std::string::npos ? out.size() : (before == '&' ? end : end + 1);
      out.erase(from, to - from);
      at = from;
    }
    if (out.back() == '?') out.pop_back();
  }
  // user:password@host: the '@' of the authority, before the path.
  const auto scheme = out.find("://");
  if (scheme == std::string::npos) return out;
  const auto authorityEnd = out.find_first_of("/?", scheme + 3);
  const auto at = out.rfind('@', authorityEnd == std::string::npos ? std::string::npos : authorityEnd);
  if (at == std::string::npos || at < scheme + 3) return out;
  const auto colon = out.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return out;
  return out.substr(0, colon) + out.substr(at);
}

std::string insertedTable(std::string_view sql) {
  // Words: INSERT, INTO, then the table, perhaps in double quotes.
  std::size_t i = 0;
  const auto skipSpace = [&] {
    while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
  };
  const auto word = [&](std::string_view w) {
    skipSpace();
    if (!sameIgnoringCase(sql.substr(i, w.size()), w)) return false;
    i += w.size();
    return i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]));
  };
  if (!word("INSERT") || !word("INTO")) return "";
  skipSpace();
  if (i < sql.size() && sql[i] == '"') {
    const auto end = sql.find('"', i + 1);
    return end == std::string_view::npos ? "" : std::string(sql.substr(i + 1, end - i - 1));
  }
  const std::size_t start = i;
  while (i < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '_')) ++i;
  return std::string(sql.substr(start, i - start));
}

bool isPostgresUrl(std::string_view path) {
  return path.rfind("postgresql://", 0) == 0 || path.rfind("postgres://", 0) == 0;
}

PostgresConnection::PostgresConnection(const std::string& url, bool readOnly) : label_(withoutPassword(url)) {
  // A server that does not answer must never hang fabkit: 10 s unless the URL says otherwise.
  const char* keys[] = {"connect_timeout", "dbname", nullptr};
  const char* values[] = {"10", url.c_str(), nullptr};
  conn_ = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
  if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
    const std::string message = conn_ ? trimmed(PQerrorMessage(conn_)) : "out of memory";
    PQfinish(conn_);
    conn_ = nullptr;
    throw Error("cannot open workspace '" + label_ + "': " + message);
  }
  // Notices ("relation already exists, skipping") are not fabkit's output.
  PQsetNoticeProcessor(conn_, ignoreNotice, nullptr);
  exec("SET client_min_messages = warning; SET client_encoding = 'UTF8'");
  if (readOnly) exec("SET default_transaction_read_only = on");
}

PostgresConnection::~PostgresConnection() { PQfinish(conn_); }

void PostgresConnection::fail(std::string_view what, pg_result* result) const {
  std::string message = trimmed(result ? PQresultErrorMessage(result) : PQerrorMessage(conn_));
  if (message.empty()) message = trimmed(PQerrorMessage(conn_));
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  // 42501: insufficient privilege: the server refused; say which role the action needs.
  if (state && std::string_view(state) == "42501")
    if (const auto hint = refusalHint(message); !hint.empty()) message += " (" + hint + ")";
  PQclear(result);
  throw Error(std::string(what) + ": " + message);
}

void PostgresConnection::freeUnused() {
  if (unused_.empty() || PQtransactionStatus(conn_) == PQTRANS_INERROR) return;
  std::string sql;
  for (const auto& name : unused_) sql += "DEALLOCATE " + name + ";";  // names fabkit made, never user text
  unused_.clear();
  PQclear(PQexec(conn_, sql.c_str()));
}

void PostgresConnection::exec(std::string_view sql) {
  freeUnused();
  PGresult* r = PQexec(conn_, std::string(sql).c_str());
  const auto status = PQresultStatus(r);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail("workspace '" + label_ + "'", r);
  changes_ = std::atoi(PQcmdTuples(r));
  PQclear(r);
  if (!insertedTable(sql).empty()) lastInsertTable_.clear();  // fixed SQL: lastInsertId falls back to lastval()
}

std::int64_t PostgresConnection::lastInsertId() {
  // The identity of the table the last INSERT named: lastval() would give the
  // id of a row a trigger inserted after it (the audit trail's, data/schema/007_audit.postgresql.sql).
  PGresult* r = nullptr;
  if (lastInsertTable_.empty()) {
    r = PQexec(conn_, "SELECT lastval()");
  } else {
    const char* table = lastInsertTable_.c_str();
    r = PQexecParams(conn_,
                     "SELECT currval(pg_get_serial_sequence(quote_ident($1), a.attname)) FROM pg_attribute a "
                     "WHERE a.attrelid = to_regclass(quote_ident($1)) AND a.attidentity <> '' AND NOT a.attisdropped",
                     1, nullptr, &table, nullptr, nullptr, 0);
  }
  if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) fail("reading the id of a new row", r);
  const std::int64_t id = std::strtoll(PQgetvalue(r, 0, 0), nullptr, 10);
  PQclear(r);
  return id;
}

void PostgresConnection::copyIn(std::string_view copySql, std::string_view rows) {
  // Sent in pieces of at most 1 MiB; libpq buffers and sends as the socket takes them.
  constexpr std::size_t kPiece = 1 << 20;
  std::size_t at = 0;
  copyIn(copySql, [&](std::string& piece) {
    piece.assign(rows.substr(at, kPiece));
    at += kPiece;
    return at < rows.size();
  });
}

void PostgresConnection::copyIn(std::string_view copySql, const std::function<bool(std::string&)>& nextPiece) {
  freeUnused();
  PGresult* r = PQexec(conn_, std::string(copySql).c_str());
  if (PQresultStatus(r) != PGRES_COPY_IN) fail("starting a bulk copy into the workspace", r);
  PQclear(r);
  std::string piece;
  bool sent = true, more = true;
  while (more && sent) {
    piece.clear();
    more = nextPiece(piece);
    if (!piece.empty()) sent = PQputCopyData(conn_, piece.data(), static_cast<int>(piece.size())) == 1;
  }
  if (PQputCopyEnd(conn_, sent ? nullptr : "fabkit could not send the rows") != 1) fail("ending a bulk copy");
  bool failed = false;
  std::string message;
  while (PGresult* end = PQgetResult(conn_)) {
    if (PQresultStatus(end) != PGRES_COMMAND_OK && !failed) {
      failed = true;
      message = trimmed(PQresultErrorMessage(end));
    } else if (!failed) {
      changes_ = std::atoi(PQcmdTuples(end));
    }
    PQclear(end);
  }
  if (failed) throw Error("bulk copy into the workspace failed: " + message);
}

bool PostgresConnection::inTransaction() const { return PQtransactionStatus(conn_) != PQTRANS_IDLE; }

PostgresStatement::PostgresStatement(std::shared_ptr<PostgresConnection> connection, std::string_view sqliteSql)
    : connection_(std::move(connection)) {
  auto numbered = dialect::numberPlaceholders(sqliteSql);
  sql_ = std::move(numbered.sql);
  values_.resize(static_cast<std::size_t>(numbered.parameters));
  types_.assign(values_.size(), 0);
  used_ = std::move(numbered.used);
  insertInto_ = insertedTable(sql_);
}

PostgresStatement::~PostgresStatement() {
  PQclear(result_);
  if (!name_.empty()) connection_->forget(std::move(name_));
}

void PostgresStatement::slot(int index) const {
  if (index < 1 || static_cast<std::size_t>(index) > values_.size())
    throw Error("binding a query parameter: index " + std::to_string(index) + " out of range");
}

// Binding after a run starts the statement afresh, with the other values kept, as reset() does.
void PostgresStatement::bind(int i, std::int64_t v) {
  slot(i);
  reset();
  values_[i - 1] = std::to_string(v);
  types_[i - 1] = kInt8;
}

void PostgresStatement::bind(int i, double v) {
  slot(i);
  reset();
  types_[i - 1] = kFloat8;
  if (std::isnan(v)) {
    values_[i - 1].reset();
    return;
  }
  std::string text;
  dialect::appendPostgresReal(text, v);
  values_[i - 1] = std::move(text);
}

void PostgresStatement::bind(int i, std::string_view text) {
  slot(i);
  reset();
  values_[i - 1] = std::string(text);
  types_[i - 1] = 0;  // the server takes the type the query gives the parameter
}

void PostgresStatement::bindNull(int i, unsigned type) {
  slot(i);
  reset();
  values_[i - 1].reset();
  if (type != kUntyped) types_[i - 1] = type;  // an untyped NULL fits the type prepared
}

void PostgresStatement::prepareOnServer() {
  if (!name_.empty()) connection_->forget(std::move(name_));
  connection_->freeUnused();
  const std::string name = connection_->newStatementName();
  // A number the query skips (SQLite allows ?4 without ?1) gets a type, or
  // PostgreSQL refuses the query; its value is never read.
  for (std::size_t i = 0; i < types_.size(); ++i)
    if (!used_[i]) types_[i] = kText;
  PGresult* r = PQprepare(connection_->handle(), name.c_str(), sql_.c_str(), static_cast<int>(types_.size()),
                          types_.empty() ? nullptr : types_.data());
  if (PQresultStatus(r) != PGRES_COMMAND_OK) connection_->fail("preparing a workspace query", r);
  PQclear(r);
  name_ = name;
  preparedTypes_ = types_;
}

void PostgresStatement::execute() {
  // Prepared with the types of the first values bound; prepared again when a
  // later value has another type, except an integer where a real was
  // prepared, which PostgreSQL reads as a real.
  bool again = name_.empty();
  for (std::size_t i = 0; i < types_.size() && !again; ++i)
    again = used_[i] && types_[i] != kUntyped && types_[i] != preparedTypes_[i] &&
            !(types_[i] == kInt8 && preparedTypes_[i] == kFloat8);
  if (again) prepareOnServer();
  std::vector<const char*> values(values_.size());
  for (std::size_t i = 0; i < values_.size(); ++i) values[i] = values_[i] && used_[i] ? values_[i]->c_str() : nullptr;
  result_ = PQexecPrepared(connection_->handle(), name_.c_str(), static_cast<int>(values.size()),
                           values.empty() ? nullptr : values.data(), nullptr, nullptr, 0);
  const auto status = PQresultStatus(result_);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    PGresult* failed = std::exchange(result_, nullptr);
    connection_->fail("workspace query failed", failed);
  }
  rows_ = status == PGRES_TUPLES_OK ? PQntuples(result_) : 0;
  connection_->setChanges(std::atoi(PQcmdTuples(result_)));
  if (!insertInto_.empty()) connection_->setLastInsertTable(insertInto_);
  row_ = -1;
}

bool PostgresStatement::step() {
  if (done_) reset();  // a finished statement runs again, as SQLite's does
  if (!result_) execute();
  if (++row_ < rows_) return true;
  done_ = true;
  return false;
}

void PostgresStatement::reset() {
  PQclear(result_);
  result_ = nullptr;
  row_ = -1;
  rows_ = 0;
  done_ = false;
}

int PostgresStatement::type(int c) const {
  if (isNull(c)) return 0;
  switch (PQftype(result_, c)) {
    case kBool:
    case 20:
    case 21:
    case 23:
      return 1;  // bool, int8, int2, int4
    case 700:
    case 701:
    case 1700:
      return 2;  // float4, float8, numeric
    default:
      return 3;
  }
}

int PostgresStatement::columnCount() const { return result_ ? PQnfields(result_) : 0; }

bool PostgresStatement::isNull(int c) const { return !result_ || row_ < 0 || PQgetisnull(result_, row_, c); }

std::int64_t PostgresStatement::integer(int c) const {
  if (isNull(c)) return 0;
  const char* text = PQgetvalue(result_, row_, c);
  if (PQftype(result_, c) == kBool) return text[0] == 't' ? 1 : 0;
  const char* end = text + PQgetlength(result_, row_, c);
  std::int64_t v = 0;
  const auto read = std::from_chars(text, end, v);
  // A real (or numeric: avg, sum) read as an integer is truncated, as SQLite does.
  if (read.ptr != end) return static_cast<std::int64_t>(real(c));
  return v;
}

double PostgresStatement::real(int c) const {
  if (isNull(c)) return std::numeric_limits<double>::quiet_NaN();
  const char* text = PQgetvalue(result_, row_, c);
  if (PQftype(result_, c) == kBool) return text[0] == 't' ? 1.0 : 0.0;
  // from_chars, unlike strtod, ignores the locale; it reads Infinity, -Infinity and NaN too.
  double v = 0;
  std::from_chars(text, text + PQgetlength(result_, row_, c), v);
  return v;
}

std::string_view PostgresStatement::textView(int c) const {
  if (isNull(c)) return {};
  const auto t = PQftype(result_, c);
  const bool fraction = t == kNumeric && std::strchr(PQgetvalue(result_, row_, c), '.');
  if (t == kFloat8 || t == 700 || fraction) {
    // As SQLite writes a real as text ("%!.15g": 15 significant digits, ".0" on a whole number),
    // so text read from a real column is the same on both backends. A numeric
    // with a fraction (avg of integers) is a real on SQLite.
    const double v = real(c);
    if (std::isinf(v)) return v > 0 ? "Inf" : "-Inf";
    char buf[40];
    realText_.assign(buf, std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 15).ptr);
    if (realText_.find('.') == std::string::npos)
      realText_.insert(std::min(realText_.find('e'), realText_.size()), ".0");
    return realText_;
  }
  return {PQgetvalue(result_, row_, c), static_cast<std::size_t>(PQgetlength(result_, row_, c))};
}

}  // namespace fab::store

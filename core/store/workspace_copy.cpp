#include "core/store/workspace_copy.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <regex>

#include "core/common/error.h"
#include "core/store/audit_trail.h"
#include "core/store/migrations.h"
#include "core/store/sql_dialect.h"
#include "core/store/workspace.h"

namespace fab::store {
namespace {

struct TableShape {
  std::string name;
  bool hasRowid = false;  ///< SQLite's implicit rowid (a column of its own on PostgreSQL)
};

/// The workspace's tables in the order the migrations create them, so that a
/// table comes after those its rows name. Found in the migrations themselves;
/// a table made again under its own name (a new key: migration 9) keeps its first place.
std::vector<TableShape> tablesInCreationOrder() {
  static const std::regex create(R"(CREATE TABLE (IF NOT EXISTS )?(\w+)\s*\((rowid )?)", std::regex::icase);
  std::vector<TableShape> tables;
  for (const auto& m : migrations()) {
    const std::string ddl = dialect::postgresDdl(m.sql);
    for (std::sregex_iterator it(ddl.begin(), ddl.end(), create), end; it != end; ++it) {
      const auto name = (*it)[2].str();
      if (std::none_of(tables.begin(), tables.end(), [&](const TableShape& t) { return t.name == name; }))
        tables.push_back({name, (*it)[3].matched});
    }
  }
  return tables;
}

bool onServer(const Database& db) { return db.backend() == Database::Backend::PostgreSQL; }

/// A table's columns in declaration order, less PostgreSQL's stand-in for SQLite's rowid.
std::vector<std::string> columnsOf(Database& db, const std::string& table) {
  auto q =
      db.prepare(onServer(db) ? "SELECT column_name FROM information_schema.columns "
                                "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position"
                              : "SELECT name FROM pragma_table_info(?) ORDER BY cid");
  q.bind(1, table);
  std::vector<std::string> columns;
  while (q.step())
    if (q.textView(0) != "rowid") columns.push_back(q.text(0));
  return columns;
}

/// A quoted identifier: the names come from the schema, and a quote inside one stays a quote.
std::string quoted(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string joined(const std::vector<std::string>& items, const std::string& suffix = "") {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + quoted(item) + suffix;
  return out;
}

std::int64_t rowCount(Database& db, const std::string& table) {
  auto q = db.prepare("SELECT count(*) FROM " + quoted(table));  // a table name of fabkit's schema
  return q.step() ? q.integer(0) : 0;
}

/// One value in COPY's text format.
void appendCopyValue(std::string& out, const Statement& row, int c) {
  switch (row.type(c)) {
    case Statement::ValueType::Null:
      out += "\\N";
      return;
    case Statement::ValueType::Integer: {
      char buf[24];
      out.append(buf, std::to_chars(buf, buf + sizeof buf, row.integer(c)).ptr);
      return;
    }
    case Statement::ValueType::Real:
      dialect::appendPostgresReal(out, row.real(c));
      return;
    case Statement::ValueType::Text:
      for (char ch : row.textView(c)) {
        switch (ch) {
          case '\\':
            out += "\\\\";
            break;
          case '\t':
            out += "\\t";
            break;
          case '\n':
            out += "\\n";
            break;
          case '\r':
            out += "\\r";
            break;
          default:
            out += ch;
        }
      }
      return;
  }
}

void bindValue(Statement& insert, int index, const Statement& row, int c) {
  switch (row.type(c)) {
    case Statement::ValueType::Null:
      insert.bindNull(index);
      break;
    case Statement::ValueType::Integer:
      insert.bind(index, row.integer(c));
      break;
    case Statement::ValueType::Real:
      insert.bind(index, row.real(c));
      break;
    case Statement::ValueType::Text:
      insert.bind(index, row.textView(c));
      break;
  }
}

std::int64_t copyTable(Database& from, Database& to, const TableShape& table, const std::vector<std::string>& columns) {
  const bool hasId = std::find(columns.begin(), columns.end(), "id") != columns.end();
  // Rows in the order they were stored: ids (a move names the move it undoes),
  // else the rowid that orders a kaizen's edits.
  const std::string order = hasId ? " ORDER BY \"id\"" : table.hasRowid ? " ORDER BY rowid" : "";
  auto rows = from.prepare("SELECT " + joined(columns) + " FROM " + quoted(table.name) + order);
  const int n = static_cast<int>(columns.size());
  const std::string copySql = "COPY " + quoted(table.name) + "(" + joined(columns) + ") FROM STDIN";
  std::string text;
  std::int64_t count = 0;
  std::optional<Statement> insert;
  if (!onServer(to)) {
    std::string marks;
    for (int c = 0; c < n; ++c) marks += c ? ", ?" : "?";
    insert = to.prepare("INSERT INTO " + quoted(table.name) + "(" + joined(columns) + ") VALUES (" + marks + ")");
  }
  while (rows.step()) {
    ++count;
    if (insert) {
      for (int c = 0; c < n; ++c) bindValue(*insert, c + 1, rows, c);
      insert->run();
      continue;
    }
    for (int c = 0; c < n; ++c) {
      if (c) text += '\t';
      appendCopyValue(text, rows, c);
    }
    text += '\n';
    if (text.size() > (16u << 20)) {
      to.copyIn(copySql, text);
      text.clear();
    }
  }
  if (!text.empty()) to.copyIn(copySql, text);
  return count;
}

/// Numbers new rows on a server after the copied ones.
void continueNumbering(Database& to, const std::string& table) {
  auto identity = to.prepare(
      "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? "
      "AND is_identity = 'YES'");
  identity.bind(1, table);
  std::vector<std::string> columns;
  while (identity.step()) columns.push_back(identity.text(0));
  for (const auto& column : columns) {
    auto q = to.prepare("SELECT setval(pg_get_serial_sequence(?, ?), (SELECT max(" + quoted(column) + ") FROM " +
                        quoted(table) + "))");
    q.bind(1, quoted(table)).bind(2, column);
    q.step();
  }
}

std::string describe(const Statement& row, int c) {
  switch (row.type(c)) {
    case Statement::ValueType::Null:
      return "NULL";
    case Statement::ValueType::Integer:
      return std::to_string(row.integer(c));
    case Statement::ValueType::Real: {
      char buf[32];
      return std::string(buf, std::to_chars(buf, buf + sizeof buf, row.real(c)).ptr);
    }
    case Statement::ValueType::Text:
      return "'" + row.text(c) + "'";
  }
  return "";
}

bool sameValue(const Statement& a, const Statement& b, int c) {
  using T = Statement::ValueType;
  const T ta = a.type(c), tb = b.type(c);
  if (ta == T::Null || tb == T::Null) return ta == tb;
  if (ta == T::Text || tb == T::Text) return ta == tb && a.textView(c) == b.textView(c);
  if (ta == T::Integer && tb == T::Integer) return a.integer(c) == b.integer(c);
  return a.real(c) == b.real(c);  // a real column may read back as an integer-valued real
}

/// Reads a table from both in one total order (every column, NULL first, text
/// by bytes) and compares them value for value.
void checkTable(Database& a, Database& b, const std::string& table, const std::vector<std::string>& columns) {
  const std::string sql =
      "SELECT " + joined(columns) + " FROM " + quoted(table) + " ORDER BY " + joined(columns, " NULLS FIRST");
  auto ra = a.prepare(sql), rb = b.prepare(sql);
  for (std::int64_t row = 1;; ++row) {
    const bool more = ra.step();
    if (more != rb.step())
      throw Error("the copy differs from its source: table " + table + " has " + (more ? "fewer" : "more") +
                  " rows in the copy");
    if (!more) return;
    for (int c = 0; c < static_cast<int>(columns.size()); ++c)
      if (!sameValue(ra, rb, c))
        throw Error("the copy differs from its source: table " + table + ", row " + std::to_string(row) + ", column " +
                    columns[c] + ": " + describe(ra, c) + " in the source, " + describe(rb, c) + " in the copy");
  }
}

}  // namespace

WorkspaceCopyReport copyWorkspace(const std::string& source, const std::string& target) {
  if (source == target) throw Error("the source and the target of a workspace copy are the same: '" + source + "'");
  auto from = Workspace::open(source);
  auto to = Workspace::openOrCreate(target);
  WorkspaceCopyReport report;
  report.schemaVersion = to.schemaVersion();
  const auto tables = tablesInCreationOrder();
  std::vector<std::vector<std::string>> columns;
  for (const auto& t : tables) {
    if (t.name == "schema_version") continue;
    if (const auto n = rowCount(to.db(), t.name))
      throw Error("'" + to.path() + "' is not empty (table " + t.name + " holds " + std::to_string(n) +
                  " rows): a workspace is copied into a new one");
  }
  {
    Transaction tx(to.db());
    // The source's audit trail is copied as it is, and the copying itself adds no entries.
    AuditPause verbatim(to.db());
    for (const auto& t : tables) {
      if (t.name == "schema_version") continue;
      auto wanted = columnsOf(to.db(), t.name);
      const auto have = columnsOf(from.db(), t.name);
      for (const auto& c : wanted)
        if (std::find(have.begin(), have.end(), c) == have.end())
          throw Error("'" + from.path() + "' has no column " + t.name + "." + c + ": it is not a workspace of schema " +
                      std::to_string(report.schemaVersion));
      report.tables.push_back({t.name, copyTable(from.db(), to.db(), t, wanted)});
      report.rows += report.tables.back().rows;
      if (onServer(to.db())) continueNumbering(to.db(), t.name);
      columns.push_back(std::move(wanted));
    }
    verbatim.end();
    tx.commit();
  }
  for (std::size_t i = 0; i < report.tables.size(); ++i)
    checkTable(from.db(), to.db(), report.tables[i].table, columns[i]);
  return report;
}

}  // namespace fab::store

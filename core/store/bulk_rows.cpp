#include "core/store/bulk_rows.h"

#include <charconv>

namespace fab::store {
namespace {

std::string listed(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

BulkRows::BulkRows(Database& db, std::string table, std::vector<std::string> columns, std::vector<std::string> key)
    : db_(db), staging_(table + "_arriving") {
  // The names are the schema's own, never user text. The staging table takes
  // the target's column types, plus the order the rows arrived in.
  db_.exec("CREATE TEMP TABLE IF NOT EXISTS " + staging_ + " ON COMMIT DROP AS SELECT " + listed(columns) +
           ", 0::bigint AS arrived FROM " + table + " WITH NO DATA");
  copySql_ = "COPY " + staging_ + "(" + listed(columns) + ", arrived) FROM STDIN";
  move_ = db_.prepare("WITH stored AS (INSERT INTO " + table + "(" + listed(columns) + ") SELECT DISTINCT ON (" +
                      listed(key) + ") " + listed(columns) + " FROM " + staging_ + " ORDER BY " + listed(key) +
                      ", arrived ON CONFLICT DO NOTHING RETURNING 1) SELECT count(*) FROM stored");
}

void BulkRows::add(std::initializer_list<std::optional<std::int64_t>> values) {
  char buf[24];
  for (const auto& v : values) {
    if (v)
      text_.append(buf, std::to_chars(buf, buf + sizeof buf, *v).ptr);
    else
      text_ += "\\N";
    text_ += '\t';
  }
  text_.append(buf, std::to_chars(buf, buf + sizeof buf, static_cast<std::int64_t>(++pending_)).ptr);
  text_ += '\n';
}

std::int64_t BulkRows::flush() {
  if (pending_ == 0) return 0;
  db_.exec("TRUNCATE " + staging_);
  db_.copyIn(copySql_, text_);
  text_.clear();
  pending_ = 0;
  const std::int64_t stored = move_.step() ? move_.integer(0) : 0;
  move_.reset();
  return stored;
}

}  // namespace fab::store

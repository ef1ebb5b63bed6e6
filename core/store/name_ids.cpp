#include "core/store/name_ids.h"

#include "core/common/error.h"

namespace fab::store {

NameIds::NameIds(Database& db, std::string_view table) : db_(db) {
  if (table != "lot" && table != "parameter" && table != "site" && table != "tool")
    throw Error("internal: no name table '" + std::string(table) + "'");
  select_ = db.prepare("SELECT id FROM " + std::string(table) + " WHERE name = ?");
  insert_ = db.prepare("INSERT INTO " + std::string(table) + "(name) VALUES (?)");
}

std::int64_t NameIds::find(std::string_view name) {
  if (auto it = cache_.find(name); it != cache_.end()) return it->second;
  select_.bind(1, name);
  const std::int64_t id = select_.step() ? select_.integer(0) : -1;
  select_.reset();
  if (id >= 0) cache_.emplace(std::string(name), id);
  return id;
}

std::int64_t NameIds::idOf(std::string_view name) {
  std::int64_t id = find(name);
  if (id >= 0) return id;
  insert_.bind(1, name).run();
  id = db_.lastInsertId();
  cache_.emplace(std::string(name), id);
  return id;
}

}  // namespace fab::store

#include "core/store/name_ids.h"

#include "core/common/error.h"

namespace fab::store {

NameIds::NameIds(Database& db, std::string_view table) {
  if (table != "lot" && table != "parameter" && table != "site" && table != "tool")
    throw Error("internal: no name table '" + std::string(table) + "'");
  select_ = db.prepare("SELECT id FROM " + std::string(table) + " WHERE name = ?");
  // A name another writer stored meanwhile (a shared workspace on a server) is
  // not an error: the insert leaves it, and the id is looked up.
  insert_ = db.prepare("INSERT INTO " + std::string(table) + "(name) VALUES (?) ON CONFLICT(name) DO NOTHING RETURNING id");
}

void NameIds::remember(std::string_view name, std::int64_t id) {
  lastName_.assign(name);
  lastId_ = id;
}

std::int64_t NameIds::find(std::string_view name) {
  if (lastId_ >= 0 && name == lastName_) return lastId_;
  std::int64_t id = -1;
  if (auto it = cache_.find(name); it != cache_.end()) {
    id = it->second;
  } else {
    select_.bind(1, name);
    id = select_.step() ? select_.integer(0) : -1;
    select_.reset();
    if (id < 0) return id;
    cache_.emplace(std::string(name), id);
  }
  remember(name, id);
  return id;
}

std::int64_t NameIds::idOf(std::string_view name) {
  std::int64_t id = find(name);
  if (id >= 0) return id;
  insert_.bind(1, name);
  id = insert_.step() ? insert_.integer(0) : -1;
  insert_.reset();
  if (id < 0) {
    select_.bind(1, name);
    if (!select_.step()) throw Error("'" + std::string(name) + "' could not be stored");
    id = select_.integer(0);
    select_.reset();
  }
  cache_.emplace(std::string(name), id);
  remember(name, id);
  return id;
}

}  // namespace fab::store

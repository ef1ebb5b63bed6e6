#pragma once
// Interning of names (lots, parameters, sites, tools) into their small tables,
// with an in-memory cache so a bulk import looks each name up once, and the
// last name remembered: consecutive rows of an export mostly share their lot,
// tool and parameter.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/store/database.h"

namespace fab::store {

class NameIds {
 public:
  /// `table` is one of: lot, parameter, site, tool (each has id and a unique name).
  NameIds(Database& db, std::string_view table);
  /// The id of `name`, inserting it when new.
  std::int64_t idOf(std::string_view name);
  /// The id of `name`, or -1 when it is not in the table.
  std::int64_t find(std::string_view name);

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  void remember(std::string_view name, std::int64_t id);

  Statement select_, insert_;
  std::unordered_map<std::string, std::int64_t, Hash, std::equal_to<>> cache_;
  std::string lastName_;
  std::int64_t lastId_ = -1;
};

}  // namespace fab::store

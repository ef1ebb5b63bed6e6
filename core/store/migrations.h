#pragma once
// Schema migrations, embedded from data/schema/NNN_name.sql at build time.
#include <string>
#include <vector>

namespace fab::store {

struct Migration {
  int id;            ///< the NNN of the file name; applied in increasing order
  std::string name;  ///< file name without extension
  std::string sql;
};

/// Every migration this build knows, sorted by id.
const std::vector<Migration>& migrations();

}  // namespace fab::store

#pragma once
// Kaizen records in the workspace, with an edit history (who, when, what).
#include <cstdint>
#include <string>
#include <vector>

#include "core/lean/kaizen.h"
#include "core/store/database.h"

namespace fab::lean {

struct KaizenEdit {
  std::string who;
  std::int64_t time = 0;
  std::string field, oldValue, newValue;
};

class KaizenStore {
 public:
  explicit KaizenStore(store::Database& db) : db_(db) {}

  /// Stores a new kaizen (its id is set) and records its creation.
  std::int64_t add(Kaizen& kaizen, const std::string& who, std::int64_t time);
  Kaizen get(std::int64_t id);
  std::vector<Kaizen> list();
  /// Stores the changes to an existing kaizen; each changed field is recorded.
  /// Returns the number of fields changed.
  int update(const Kaizen& kaizen, const std::string& who, std::int64_t time);
  std::vector<KaizenEdit> history(std::int64_t id);

 private:
  void writeActions(const Kaizen& kaizen);
  store::Database& db_;
};

}  // namespace fab::lean

#pragma once
// The slot number a tester's wafer id gets in its lot (the workspace keys
// wafers by lot and slot; docs/ARCHITECTURE.md §3 `wafer`): the slot the lot
// already gives that wafer id; else the id's trailing number (1–999, "…-07",
// "W118892-13"), when no other wafer of the lot holds it; else the next free
// slot. The wafer row is recorded with the id as its scribe.
#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "core/store/database.h"

namespace fab::stdf {

class WaferSlots {
 public:
  WaferSlots(store::Database& db, std::int64_t lotId);
  /// The slot of `waferId` in the lot, recording the wafer when new. An empty
  /// id counts as the next wafer of the file ("wafer N").
  int slotOf(const std::string& waferId);

 private:
  store::Database& db_;
  std::int64_t lotId_;
  std::map<std::string, int> slotOfScribe_;
  std::set<int> taken_;
  int unnamed_ = 0;
};

/// The number a wafer id ends with (1–999), or 0 when it ends otherwise.
int trailingWaferNumber(const std::string& waferId);

}  // namespace fab::stdf

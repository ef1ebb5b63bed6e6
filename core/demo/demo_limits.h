#pragma once
// The demo's approved control limits (three-way, wafer subgroups, phase I of
// the early lots), stored as any engineer's approval would be.
#include <cstdint>

#include "core/store/database.h"

namespace fab::demo {

/// End of the demo's phase I (2026-09-25 00:00 UTC): before the pump change
/// and the wet clean.
std::int64_t demoPhaseOneEnd();

/// Approves three-way limits (wafer subgroups, rule 1) for every parameter of
/// the demo workspace from its wafers measured before demoPhaseOneEnd().
void approveDemoLimits(store::Database& db);

}  // namespace fab::demo

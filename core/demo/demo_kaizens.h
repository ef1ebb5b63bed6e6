#pragma once
// The demo's improvement board: kaizens at every stage of PDCA, each card's
// moves dated, the closed one closed through the same evidence check a user's
// move goes through.
#include "core/store/workspace.h"

namespace fab::demo {

/// Builds the "Yield improvement" board and its kaizens in a workspace that
/// already holds the demo data (their evidence is computed from it).
void buildDemoBoard(store::Workspace& ws);

}  // namespace fab::demo

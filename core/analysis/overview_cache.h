#pragma once
// The start page again without charting every parameter again: the overview
// (overview.h) is kept in a file with the workspace's change stamp, and taken
// from it while the stamp has not moved. The stamp is the newest entry of the
// audit trail (data/schema/007_audit.sql): every import (start and finish),
// approval, point note, spec and kaizen change writes one, so any change that
// could move a parameter's chart, capability or a lot's yield moves it. The
// kaizens (whose due dates follow the clock) and the recent imports are read
// fresh every time; they are cheap.
#include <cstdint>
#include <string>

#include "core/analysis/overview.h"

namespace fab::analysis {

/// workspaceOverview(db, request, feedback), taken from `file` when that holds
/// an overview of the same request, fabkit version and change stamp (then
/// `fromStore` is set and `computedAt` tells when it was charted); otherwise
/// computed and written to `file` (through a temporary file and a rename, so a
/// reader never sees half of one). A file that cannot be read or written is
/// passed over: the overview is then computed, as without one.
Overview storedWorkspaceOverview(store::Database& db, const std::string& file, const OverviewRequest& request = {},
                                 const Feedback& feedback = {});

}  // namespace fab::analysis

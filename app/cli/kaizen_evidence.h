#pragma once
// Loads a kaizen's linked data from the workspace and computes its evidence
// (shared by `kaizen move` and `kaizen evidence`).
#include <optional>

#include "app/cli/command.h"
#include "core/lean/evidence.h"
#include "core/lean/kanban_store.h"
#include "core/store/database.h"

namespace fab::cli {

/// The evidence of a kaizen with an SPC link; nullopt without a link.
std::optional<lean::KaizenEvidence> kaizenEvidence(store::Database& db, const lean::Kaizen& kaizen);
/// The gate a move to a done column checks.
lean::EvidenceGate evidenceGate(store::Database& db, const lean::Kaizen& kaizen);
int printEvidence(const Args& args, std::int64_t kaizenId);

}  // namespace fab::cli

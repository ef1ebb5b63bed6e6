#pragma once
// Loads a kaizen's linked data from the workspace and computes its evidence
// (shared by the CLI's `kaizen move` / `kaizen evidence` and the board view).
#include <optional>

#include "core/lean/evidence.h"
#include "core/lean/kaizen.h"
#include "core/lean/kanban_store.h"
#include "core/store/database.h"

namespace fab::lean {

/// Wafer means of the linked parameter, split before/after the change: by when
/// each lot ran the changed step (lot_history) where the link names a step,
/// else by measurement time.
EvidenceInput loadEvidenceInput(store::Database& db, const SpcLink& link);
/// The data behind a kaizen's evidence and the evidence computed from them.
struct LinkedEvidence {
  EvidenceInput input;
  KaizenEvidence evidence;
};
/// Loads and computes; nullopt for a kaizen without an SPC link.
std::optional<LinkedEvidence> linkedEvidence(store::Database& db, const Kaizen& kaizen);
/// The evidence of a kaizen with an SPC link; nullopt without a link.
std::optional<KaizenEvidence> kaizenEvidence(store::Database& db, const Kaizen& kaizen);
/// The gate a move to a done column checks.
EvidenceGate evidenceGate(store::Database& db, const Kaizen& kaizen);

}  // namespace fab::lean

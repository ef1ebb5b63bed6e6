#pragma once
// Classifying the workspace's wafers, as plain data for the classifier view's
// table: one row per wafer with its predicted pattern and the nine class
// probabilities, and the wafer's dies for drawing its map. Runs on a worker
// thread (ui/jobs); nothing here touches widgets.
#include <array>
#include <string>
#include <vector>

#include "core/common/feedback.h"
#include "core/ml/die_map_store.h"
#include "core/ml/wafer_pattern.h"
#include "models/classifier/wafer_classifier.h"

namespace fab::ui::classifier {

struct WaferPatternRow {
  std::string lot;
  int wafer = 0;
  std::size_t dies = 0;
  ml::WaferPattern pattern = ml::WaferPattern::None;
  std::array<float, ml::kPatternCount> probabilities{};
  bool uncertain = false;        ///< the model's decision (WaferClassifier::classify)
  std::string uncertainBecause;  ///< its reasons, "; "-separated
  float confidence() const { return probabilities[static_cast<std::size_t>(ml::patternIndex(pattern))]; }
};

struct WaferClassification {
  std::vector<WaferPatternRow> rows;       ///< by lot and slot
  std::vector<ml::StoredWaferMap> wafers;  ///< the same order: dies, product and the classifier's input
};

/// Reads the die maps of `lot` (every lot when empty) from the workspace
/// (read-only) and classifies them with `model`, in batches so that progress
/// and cancellation are reported. Throws fab::Error when there is no die map.
WaferClassification classifyWorkspaceWafers(const std::string& workspacePath, const std::string& lot,
                                            const models::WaferClassifier& model, const Feedback& feedback = {});

}  // namespace fab::ui::classifier

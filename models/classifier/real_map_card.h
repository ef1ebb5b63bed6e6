#pragma once
// What a model trained on real maps says about itself in its sidecar: the data
// it learnt from (with the copyright notice and citations that must travel with
// it), its real-map cross-validated scores, the uncertainty threshold chosen on
// them, and — labelled as such — its accuracy on synthetic maps.
#include <cstddef>
#include <string>

#include "models/classifier/real_map_training.h"

namespace fab::models {

/// Source, copyright notice and the two citations of MIR-WM811K, with the file
/// and counts of the maps a model was trained on.
Json wm811kProvenance(const std::string& file, std::size_t maps, std::size_t lots);

/// Fills `model`'s card: data, training plan, and metrics —
///   real_cross_validation: the scores of the model's role in `cv` (lot-grouped folds,
///                          macro-F1 over nine classes) and the uncertainty threshold;
///   synthetic_test / synthetic_held_out, and the older keys test / held_out /
///   test_accuracy / held_out_accuracy / held_out_macro_f1_defect_classes:
///                          synthetic maps only (`syntheticMaps` per set, seed `syntheticSeed`);
///   latency (batch 1, one thread) and parameters.
void recordRealMapCard(WaferClassifier& model, const RealMapPlan& plan, const CrossValidation& cv, const Json& data,
                       std::size_t syntheticMaps = 1800, std::uint64_t syntheticSeed = 2, int latencyIterations = 300);

}  // namespace fab::models

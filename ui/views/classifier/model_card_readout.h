#pragma once
// What a model folder's JSON sidecar (models::ModelCard) records, read back for
// the classifier view: its evaluation, single metrics and training history.
// Anything missing or malformed reads as absent (nullopt, NaN, empty).
#include <optional>
#include <vector>

#include "core/ml/classification_metrics.h"
#include "models/classifier/distillation.h"
#include "models/classifier/model_card.h"

namespace fab::ui::classifier {

/// The evaluation the card records for "test" or "held_out", when it has one.
std::optional<ml::ClassificationMetrics> cardMetrics(const models::ModelCard& card, const char* set);
/// metrics[a] (or metrics[a][b]) when it is a number, else NaN.
double cardNumber(const models::ModelCard& card, const char* a, const char* b = nullptr);
/// The per-epoch history (training.history.epochs), as epoch reports of the card's role.
std::vector<models::EpochReport> recordedEpochs(const models::ModelCard& card);

}  // namespace fab::ui::classifier

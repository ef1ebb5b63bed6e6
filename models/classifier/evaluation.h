#pragma once
// Scoring a classifier on labelled maps: accuracy, macro-F1 over the eight
// defect classes, per-class precision / recall, confusion matrix, size and
// CPU latency.
#include <cstdint>
#include <string>

#include "core/ml/classification_metrics.h"
#include "core/ml/map_dataset.h"
#include "models/classifier/model_card.h"
#include "models/classifier/wafer_classifier.h"

namespace fab::models {

struct EvaluationReport {
  std::string role;
  ml::ClassificationMetrics metrics;  ///< macro-F1 over the 8 defect classes (not "none")
  std::int64_t parameters = 0;
  CpuLatency latency;  ///< mean forward pass, batch 1, one CPU thread (NaN when not measured)
};

/// Scores `model` on `data`; latencyIterations = 0 skips the latency measurement (reported as NaN).
EvaluationReport evaluateClassifier(const WaferClassifier& model, const ml::MapDataset& data,
                                    int latencyIterations = 200);

Json metricsJson(const ml::ClassificationMetrics& metrics);
Json evaluationJson(const EvaluationReport& report);
/// {"batch": 1, "threads": 1, "wall_ms": …, "thread_cpu_ms": …}
Json latencyJson(const CpuLatency& latency);

}  // namespace fab::models

#pragma once
// Printing real-map scores (accuracy, macro-F1, per-class recall, confusion
// matrix), shared by train --jsonl and evaluate --jsonl.
#include <string>

#include "core/ml/classification_metrics.h"

namespace fab::cli {

/// "title: N maps, accuracy a, macro-F1 (nine classes) f", then per-class
/// support / precision / recall / F1 and the confusion matrix (rows true, columns predicted).
void printRealMapScores(const std::string& title, const ml::ClassificationMetrics& metrics);

}  // namespace fab::cli

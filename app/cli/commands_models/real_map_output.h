#pragma once
// Printing a classifier's scores (accuracy, macro-F1, per-class recall,
// confusion matrix), shared by train and evaluate on real and synthetic maps.
#include <string>

#include "core/ml/classification_metrics.h"

namespace fab::cli {

/// "title: N maps, accuracy a, macro-F1 (`f1Over`) f", then per-class support /
/// precision / recall / F1 and the confusion matrix (rows true, columns predicted).
/// `f1Over` names the classes the macro-F1 averages: "nine classes" on real maps,
/// "8 defect classes" on the synthetic sets.
void printClassificationScores(const std::string& title, const ml::ClassificationMetrics& metrics,
                               const std::string& f1Over = "nine classes");

}  // namespace fab::cli

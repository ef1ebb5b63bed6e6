#pragma once
// The classifier view's charts as chart-layer models, built from plain
// results (epoch reports, evaluation metrics): no widgets.
#include <QString>

#include <array>
#include <memory>
#include <vector>

#include "core/ml/classification_metrics.h"
#include "core/ml/wafer_pattern.h"
#include "models/classifier/distillation.h"
#include "ui/chart/chart_model.h"
#include "ui/chart/confusion_matrix_painter.h"

namespace fab::ui::classifier {

/// The three trainings of a distillation run, in the order they run.
inline constexpr std::array<const char*, 3> kStages = {"teacher", "student", "student-baseline"};
/// "teacher", "student (distilled)", "student alone"
QString stageTitle(const std::string& stage);
QColor stageColour(const std::string& stage);

/// Mean training loss per epoch, one series per stage. The distilled student's
/// loss includes the T²-scaled KL term, so it is not on the same scale as the others.
std::shared_ptr<chart::ChartModel> lossChart(const std::vector<models::EpochReport>& epochs, int maxEpochs);
/// Held-out accuracy (solid markers) per epoch, one series per stage.
std::shared_ptr<chart::ChartModel> accuracyChart(const std::vector<models::EpochReport>& epochs, int maxEpochs);

/// The confusion matrix of an evaluation with the pattern names.
std::shared_ptr<chart::ConfusionMatrixModel> confusionModel(const ml::ClassificationMetrics& metrics,
                                                            const QString& title);

}  // namespace fab::ui::classifier

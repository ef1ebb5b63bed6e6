#include "ui/views/classifier/training_charts.h"

#include <algorithm>
#include <cmath>

namespace fab::ui::classifier {
namespace {

std::shared_ptr<chart::ChartModel> perEpochChart(const std::vector<models::EpochReport>& epochs, int maxEpochs,
                                                 double models::EpochReport::*value) {
  auto m = std::make_shared<chart::ChartModel>();
  m->xAxis.label = "epoch";
  m->xAxis.min = 0.5;
  m->xAxis.max = std::max(1, maxEpochs) + 0.5;
  m->xAxis.format = [](double x) {
    const double k = std::round(x);
    return std::abs(x - k) < 1e-9 && k >= 1 ? QString::number(static_cast<int>(k)) : QString();
  };
  for (const char* stage : kStages) {
    chart::Series s;
    s.name =
        std::string(stage) == "student" ? QString("KD student") : stageTitle(stage);  // short: legends are one line
    s.color = stageColour(stage);
    s.markerRadius = 3.5;
    for (std::size_t i = 0; i < epochs.size(); ++i)
      if (epochs[i].stage == stage && std::isfinite(epochs[i].*value))
        s.points.push_back({double(epochs[i].epoch), epochs[i].*value, static_cast<std::int64_t>(i)});
    m->series.push_back(std::move(s));
  }
  return m;
}

}  // namespace

QString stageTitle(const std::string& stage) {
  if (stage == "teacher") return "teacher";
  if (stage == "student") return "student (distilled)";
  if (stage == "student-baseline") return "student alone";
  return QString::fromStdString(stage);
}

QColor stageColour(const std::string& stage) {
  if (stage == "teacher") return {31, 119, 180};
  if (stage == "student") return {214, 39, 40};
  return {127, 127, 127};
}

std::shared_ptr<chart::ChartModel> lossChart(const std::vector<models::EpochReport>& epochs, int maxEpochs) {
  auto m = perEpochChart(epochs, maxEpochs, &models::EpochReport::loss);
  m->title = "Training loss";
  m->yAxis.label = "loss";
  m->yAxis.min = 0;
  double top = 0;
  for (const auto& e : epochs)
    if (std::isfinite(e.loss)) top = std::max(top, e.loss);
  m->yAxis.max = top > 0 ? top * 1.1 : 1.0;
  return m;
}

std::shared_ptr<chart::ChartModel> accuracyChart(const std::vector<models::EpochReport>& epochs, int maxEpochs) {
  auto m = perEpochChart(epochs, maxEpochs, &models::EpochReport::validationAccuracy);
  m->title = "Held-out accuracy";
  m->yAxis.label = "accuracy";
  double low = 1;
  bool any = false;
  for (const auto& e : epochs)
    if (std::isfinite(e.validationAccuracy)) low = std::min(low, e.validationAccuracy), any = true;
  if (!any) low = 0;  // the whole range until there is data
  // Ten-point steps below the lowest accuracy, so that late epochs near 1 stay readable.
  m->yAxis.min = std::max(0.0, std::floor(low * 10 - 0.5) / 10);
  m->yAxis.max = 1.0;
  return m;
}

std::shared_ptr<chart::ConfusionMatrixModel> confusionModel(const ml::ClassificationMetrics& metrics,
                                                            const QString& title) {
  auto m = std::make_shared<chart::ConfusionMatrixModel>();
  m->title = title;
  for (const auto& c : metrics.perClass) m->classes << QString::fromStdString(c.name);
  m->counts = metrics.confusion;
  return m;
}

}  // namespace fab::ui::classifier

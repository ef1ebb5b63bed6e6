#include "models/classifier/evaluation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace fab::models {
namespace {

Json number(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

}  // namespace

EvaluationReport evaluateClassifier(const WaferClassifier& model, const ml::MapDataset& data, int latencyIterations) {
  const auto z = model.logits(data.inputs);
  std::vector<int> predicted(data.size());
  for (std::size_t i = 0; i < data.size(); ++i) {
    const auto row = z.begin() + i * ml::kPatternCount;
    predicted[i] = static_cast<int>(std::max_element(row, row + ml::kPatternCount) - row);
  }
  const std::vector<std::string> names(ml::kPatternNames.begin(), ml::kPatternNames.end());
  std::vector<int> defects(ml::kDefectPatternCount);
  std::iota(defects.begin(), defects.end(), 0);
  EvaluationReport r;
  r.role = model.card().role;
  r.metrics = ml::classificationMetrics(data.labels, predicted, names, defects);
  r.parameters = model.parameterCount();
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  r.latency = latencyIterations > 0 ? model.cpuLatency(latencyIterations, 1) : CpuLatency{nan, nan};
  return r;
}

Json metricsJson(const ml::ClassificationMetrics& m) {
  Json j;
  j["maps"] = m.count;
  j["accuracy"] = number(m.accuracy);
  j["macro_f1_defect_classes"] = number(m.macroF1);
  Json perClass = Json::array();
  for (const auto& c : m.perClass)
    perClass.push_back({{"class", c.name},
                        {"support", c.support},
                        {"predicted", c.predicted},
                        {"precision", number(c.precision)},
                        {"recall", number(c.recall)},
                        {"f1", number(c.f1)}});
  j["per_class"] = perClass;
  j["confusion_rows_true_columns_predicted"] = m.confusion;
  j["warnings"] = m.warnings;
  return j;
}

Json latencyJson(const CpuLatency& latency) {
  return {{"batch", 1},
          {"threads", 1},
          {"wall_ms", number(latency.wallMs)},
          {"thread_cpu_ms", number(latency.threadCpuMs)}};
}

Json evaluationJson(const EvaluationReport& r) {
  Json j;
  j["role"] = r.role;
  j["parameters"] = r.parameters;
  j["latency"] = latencyJson(r.latency);
  j["metrics"] = metricsJson(r.metrics);
  return j;
}

}  // namespace fab::models

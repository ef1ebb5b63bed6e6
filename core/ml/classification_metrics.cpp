#include "core/ml/classification_metrics.h"

#include <cmath>
#include <limits>
#include <numeric>

#include "core/common/error.h"

namespace fab::ml {

ClassificationMetrics classificationMetrics(std::span<const int> truth, std::span<const int> predicted,
                                            std::span<const std::string> names, std::span<const int> averaged) {
  const int k = static_cast<int>(names.size());
  if (k == 0) throw Error("classification metrics need at least one class");
  if (truth.empty()) throw Error("classification metrics need at least one labelled map");
  if (truth.size() != predicted.size())
    throw Error("classification metrics: " + std::to_string(truth.size()) + " labels but " +
                std::to_string(predicted.size()) + " predictions");
  ClassificationMetrics m;
  m.count = static_cast<int>(truth.size());
  m.confusion.assign(k, std::vector<int>(k, 0));
  for (std::size_t i = 0; i < truth.size(); ++i) {
    if (truth[i] < 0 || truth[i] >= k || predicted[i] < 0 || predicted[i] >= k)
      throw Error("classification metrics: item " + std::to_string(i) + " has a class outside 0…" +
                  std::to_string(k - 1));
    ++m.confusion[truth[i]][predicted[i]];
  }
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  int correct = 0;
  for (int c = 0; c < k; ++c) {
    ClassScores s{names[c], 0, 0, nan, nan, nan};
    const int tp = m.confusion[c][c];
    correct += tp;
    for (int o = 0; o < k; ++o) s.support += m.confusion[c][o], s.predicted += m.confusion[o][c];
    if (s.predicted > 0) s.precision = static_cast<double>(tp) / s.predicted;
    if (s.support > 0) s.recall = static_cast<double>(tp) / s.support;
    if (s.predicted > 0 || s.support > 0)
      s.f1 = tp == 0 ? 0.0 : 2.0 * s.precision * s.recall / (s.precision + s.recall);
    m.perClass.push_back(std::move(s));
  }
  m.accuracy = static_cast<double>(correct) / m.count;

  std::vector<int> classes(averaged.begin(), averaged.end());
  if (classes.empty()) {
    classes.resize(k);
    std::iota(classes.begin(), classes.end(), 0);
  }
  double sum = 0;
  int used = 0;
  for (int c : classes) {
    if (c < 0 || c >= k) throw Error("classification metrics: averaged class " + std::to_string(c) + " is unknown");
    if (std::isnan(m.perClass[c].f1)) {
      m.warnings.push_back("class '" + names[c] + "' neither occurs nor is predicted: left out of the macro-F1");
      continue;
    }
    sum += m.perClass[c].f1;
    ++used;
  }
  m.macroF1 = used ? sum / used : nan;
  if (!used) m.warnings.push_back("no averaged class occurs: the macro-F1 is undefined");
  return m;
}

}  // namespace fab::ml

#include "core/ml/confidence_threshold.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <vector>

#include "core/common/error.h"

namespace fab::ml {

ConfidenceThreshold chooseConfidenceThreshold(std::span<const double> confidence, std::span<const int> predicted,
                                              std::span<const int> truth) {
  if (confidence.empty() || confidence.size() != predicted.size() || predicted.size() != truth.size())
    throw Error("choosing a confidence threshold needs one prediction and one truth per confidence, and a map");
  auto correct = [&](std::size_t i) { return predicted[i] == truth[i]; };
  std::vector<std::size_t> order(confidence.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return confidence[a] > confidence[b]; });
  // Scan from the most confident down; the score of keeping the first n maps is right − wrong among them.
  // Keeping nothing scores 0; ties between equal confidences are kept together.
  long best = 0, score = 0;
  std::size_t bestKept = 0;
  for (std::size_t n = 0; n < order.size(); ++n) {
    score += correct(order[n]) ? 1 : -1;
    const bool groupEnds = n + 1 == order.size() || confidence[order[n + 1]] < confidence[order[n]];
    if (groupEnds && score > best) best = score, bestKept = n + 1;
  }
  ConfidenceThreshold t;
  t.threshold = bestKept == order.size()
                    ? 0.0
                    : (bestKept == 0 ? confidence[order.front()] + 1e-9 : confidence[order[bestKept - 1]]);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::size_t rightAbove = 0, rightBelow = 0;
  for (std::size_t n = 0; n < order.size(); ++n) (n < bestKept ? rightAbove : rightBelow) += correct(order[n]);
  t.coverage = static_cast<double>(bestKept) / order.size();
  t.accuracyAbove = bestKept ? static_cast<double>(rightAbove) / bestKept : nan;
  t.accuracyBelow = bestKept < order.size() ? static_cast<double>(rightBelow) / (order.size() - bestKept) : nan;
  return t;
}

}  // namespace fab::ml

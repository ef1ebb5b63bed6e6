#include "ui/views/classifier/wafer_classification.h"

#include <algorithm>

#include "core/store/database.h"

namespace fab::ui::classifier {

WaferClassification classifyWorkspaceWafers(const std::string& workspacePath, const std::string& lot,
                                            const models::WaferClassifier& model, const Feedback& feedback) {
  WaferClassification out;
  {
    store::Database db(workspacePath, store::Database::Mode::ReadOnly);
    store::DieFilter filter;
    if (!lot.empty()) filter.lots = {lot};
    feedback.report(0.0, "reading die maps");
    out.wafers = ml::loadStoredWaferMaps(db, filter);
  }
  constexpr std::size_t kBatch = 32;
  std::vector<ml::DieMap> batch;
  for (std::size_t first = 0; first < out.wafers.size(); first += kBatch) {
    feedback.checkCancelled();
    feedback.report(0.05 + 0.95 * double(first) / double(out.wafers.size()), "classifying wafers");
    const std::size_t last = std::min(out.wafers.size(), first + kBatch);
    batch.clear();
    for (std::size_t i = first; i < last; ++i) batch.push_back(out.wafers[i].map);
    const auto predictions = model.classify(batch);
    for (std::size_t i = first; i < last; ++i) {
      const auto& p = predictions[i - first];
      const auto& w = out.wafers[i].dies;
      out.rows.push_back(
          {w.lot, w.wafer, w.dies.size(), p.pattern, p.probabilities, p.uncertain, p.uncertainBecauseText()});
    }
  }
  feedback.report(1.0, "done");
  return out;
}

}  // namespace fab::ui::classifier

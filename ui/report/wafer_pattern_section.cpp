#include "ui/report/wafer_pattern_section.h"

#include <QFileInfo>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>

#include "core/ml/die_map_store.h"
#include "models/classifier/pretrained_model.h"
#include "models/classifier/wafer_classifier.h"
#include "ui/report/report_format.h"

namespace fab::ui::report {
namespace {

struct ModelState {
  std::string dir;
  std::once_flag once;
  std::optional<models::WaferClassifier> model;
  std::string error;
  const models::WaferClassifier* get() {
    std::call_once(once, [this] {
      try {
        dir = models::modelFolder(dir);
        model = models::WaferClassifier::load(dir, models::DeviceChoice::Cpu);
      } catch (const std::exception& e) {
        error = e.what();
      }
    });
    return model ? &*model : nullptr;
  }
};

void section(ModelState& state, const LotYieldData& lot, ReportDocument& doc) {
  doc.heading("Wafer patterns", 2);
  const auto* model = state.get();
  if (!model) {
    doc.paragraph("Wafer patterns: the classifier could not be loaded: " + qs(state.error), true);
    return;
  }
  std::vector<ml::DieMap> maps;
  for (const auto& w : lot.wafers) maps.push_back(ml::dieMapFromStore(w, lot.product ? &*lot.product : nullptr));
  const auto predictions = model->classify(maps);
  Table t;
  t.caption = "Failure pattern per wafer";
  t.headers = {"wafer", "dies", "pattern", "probability", "runner-up"};
  t.columnWeights = {0.6, 0.7, 1.2, 1.0, 1.6};
  t.alignRight = {true, true, false, true, false};
  // The model decides what is uncertain (WaferClassifier::classify): low top probability or far from the training maps.
  std::map<std::string, int> counts;
  for (std::size_t i = 0; i < predictions.size(); ++i) {
    const auto& p = predictions[i];
    const int best = ml::patternIndex(p.pattern);
    int second = best == 0 ? 1 : 0;
    for (int c = 0; c < ml::kPatternCount; ++c)
      if (c != best && p.probabilities[c] > p.probabilities[second]) second = c;
    const float confidence = p.probabilities[best];
    const bool uncertain = p.uncertain;
    const QString name = qs(ml::patternName(p.pattern));
    ++counts[p.className()];
    t.rows.push_back(
        {QString::number(lot.wafers[i].wafer),
         QString::number(p.dies),
         {uncertain ? "uncertain (" + name + "?)" : name, std::nullopt, !uncertain && p.pattern != ml::WaferPattern::None},
         {percent(confidence, 1), uncertain ? std::optional(lightAmber()) : std::nullopt},
         QString("%1 (%2)").arg(qs(std::string(ml::kPatternNames[second])), percent(p.probabilities[second], 1))});
  }
  doc.table(std::move(t));
  QStringList summary;
  for (const auto& [name, n] : counts) summary << QString("%1 × %2").arg(n).arg(qs(name));
  QString measured = "its accuracy on real wafer maps was not measured";
  if (const auto& m = model->card().metrics; m.contains("real_cross_validation")) {
    const auto& r = m.at("real_cross_validation");
    measured = QString("on real WM-811K maps (lot-grouped %1-fold cross-validation, %2 maps) it scores accuracy %3, "
                       "macro-F1 %4")
                   .arg(r.value("folds", 0))
                   .arg(r.value("maps", 0))
                   .arg(percent(r.value("accuracy", 0.0), 1))
                   .arg(r.value("macro_f1", 0.0), 0, 'f', 2);
  }
  const auto rules = models::uncertaintyRules(model->card());
  doc.paragraph(QString("%1. Named by the wafer-map classifier %2 (%3, %4 parameters) from each wafer's pass/fail "
                        "map; %5. %6")
                    .arg(summary.join(", "), QFileInfo(qs(state.dir)).fileName(), qs(model->card().role))
                    .arg(model->parameterCount())
                    .arg(measured, rules.empty() ? QString("This model records no uncertainty rule.")
                                                 : "Amber, \"uncertain\": " + qs(rules) +
                                                       " — an ambiguous map, or one unlike the maps it learnt from."),
                true);
}

}  // namespace

LotSection waferPatternSection(const std::string& modelDir) {
  auto state = std::make_shared<ModelState>();
  state->dir = modelDir;
  return [state](const LotYieldData& lot, ReportDocument& doc) { section(*state, lot, doc); };
}

std::optional<LotSection> shippedWaferPatternSection() {
  if (const auto dir = models::findPretrainedModel(models::executableDir())) return waferPatternSection(*dir);
  return std::nullopt;
}

}  // namespace fab::ui::report

#include "ui/views/classifier/model_card_readout.h"

#include <cmath>
#include <exception>

namespace fab::ui::classifier {

/// The evaluation a model card records for "test", "held_out" (synthetic maps) or
/// "real_cross_validation" (real WM-811K maps), when it has one.
std::optional<ml::ClassificationMetrics> cardMetrics(const models::ModelCard& card, const char* set) {
  try {
    if (!card.metrics.contains(set)) return std::nullopt;
    const auto& j = card.metrics.at(set);
    ml::ClassificationMetrics m;
    m.count = j.at("maps").get<int>();
    m.accuracy = j.at("accuracy").is_number() ? j.at("accuracy").get<double>() : std::nan("");
    // The synthetic sets record macro-F1 over the eight defect classes, the real-map
    // cross-validation over all nine (metrics.real_cross_validation).
    const auto& f1 = j.contains("macro_f1_defect_classes") ? j.at("macro_f1_defect_classes") : j.at("macro_f1");
    m.macroF1 = f1.is_number() ? f1.get<double>() : std::nan("");
    for (const auto& c : j.at("per_class")) {
      ml::ClassScores s;
      s.name = c.at("class").get<std::string>();
      s.support = c.at("support").get<int>();
      m.perClass.push_back(s);
    }
    m.confusion = j.at("confusion_rows_true_columns_predicted").get<std::vector<std::vector<int>>>();
    if (m.confusion.size() != m.perClass.size()) return std::nullopt;
    return m;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

double cardNumber(const models::ModelCard& card, const char* a, const char* b) {
  try {
    const auto& j = b ? card.metrics.at(a).at(b) : card.metrics.at(a);
    return j.is_number() ? j.get<double>() : std::nan("");
  } catch (const std::exception&) {
    return std::nan("");
  }
}

/// The per-epoch history a model card records (training.history.epochs), as epoch reports of its role.
std::vector<models::EpochReport> recordedEpochs(const models::ModelCard& card) {
  std::vector<models::EpochReport> out;
  try {
    if (!card.training.contains("history")) return out;
    const auto& epochs = card.training.at("history").at("epochs");
    for (const auto& e : epochs) {
      models::EpochReport r;
      r.stage = card.role;
      r.epoch = e.at("epoch").get<int>();
      r.epochs = static_cast<int>(epochs.size());
      r.loss = e.at("loss").get<double>();
      r.trainAccuracy = e.at("train_accuracy").get<double>();
      const auto& v = e.at("held_out_accuracy");
      r.validationAccuracy = v.is_number() ? v.get<double>() : std::nan("");
      out.push_back(r);
    }
  } catch (const std::exception&) {
    out.clear();
  }
  return out;
}

}  // namespace fab::ui::classifier

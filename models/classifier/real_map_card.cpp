#include "models/classifier/real_map_card.h"

#include "core/common/error.h"
#include "models/classifier/evaluation.h"

namespace fab::models {

Json wm811kProvenance(const std::string& file, std::size_t maps, std::size_t lots) {
  return {{"description", "real wafer bin maps with failure-pattern labels (MIR-WM811K)"},
          {"file", file},
          {"maps", maps},
          {"lots", lots},
          {"copyright",
           "Copyright 2015 Jyh-Shing Roger Jang. Redistribution and use are permitted provided that the "
           "copyright notice is retained and the two citations accompany the data (and any model "
           "trained on it)."},
          {"citations",
           {"M.-J. Wu, J.-S. R. Jang, J.-L. Chen, \"Wafer Map Failure Pattern Recognition and Similarity Ranking for "
            "Large-Scale Data Sets\", IEEE Trans. Semiconductor Manufacturing 28(1):1-12, 2015, "
            "doi:10.1109/TSM.2014.2364237",
            "MIR-WM811K dataset, http://mirlab.org/dataset/public/MIR-WM811K.zip"}},
          {"subsets",
           "maps extracted from LSWMD.pkl by github.com/gc22-shin/WaferGuard (200 maps per class) and "
           "github.com/mohithmanjunath04-debug/AI-Semiconductor-Wafer-Defect-Detection (200 random defect "
           "maps)"}};
}

void recordRealMapCard(WaferClassifier& model, const RealMapPlan& plan, const CrossValidation& cv, const Json& data,
                       std::size_t syntheticMaps, std::uint64_t syntheticSeed, int latencyIterations) {
  const FoldedScores* scores = nullptr;
  for (const auto& m : cv.models)
    if (m.role == model.card().role) scores = &m;
  if (!scores) throw Error("the cross-validation has no '" + model.card().role + "' model");
  const auto make = [&](ml::DatasetPurpose purpose) {
    return ml::makeSyntheticDataset(ml::syntheticGenerator(purpose, syntheticSeed), 0, syntheticMaps, model.gridSize());
  };
  const auto test = evaluateClassifier(model, make(ml::DatasetPurpose::Test), latencyIterations);
  const auto heldOut = evaluateClassifier(model, make(ml::DatasetPurpose::HeldOut), 0);

  auto real = foldedScoresJson(cv, *scores);
  real["measured_on"] = "real labelled maps (" + data.value("file", std::string("?")) +
                        "), lot-grouped cross-validation: every map scored by the model of the fold that left "
                        "its lot out, trained with the same recipe as this model";
  auto& card = model.card();
  const auto training = card.training;
  card.data = data;
  card.training = {{"plan", planJson(plan)}, {"final", training}};
  card.metrics = {
      {"parameters", model.parameterCount()},
      {"latency", latencyJson(test.latency)},
      {"real_cross_validation", real},
      {"synthetic_note", "test / held_out and the *_accuracy keys below are on synthetic maps only (" +
                             std::to_string(syntheticMaps) + " per set, seed " + std::to_string(syntheticSeed) +
                             "); real-map figures are under real_cross_validation"},
      {"test_accuracy", test.metrics.accuracy},
      {"held_out_accuracy", heldOut.metrics.accuracy},
      {"held_out_macro_f1_defect_classes", heldOut.metrics.macroF1},
      {"test", metricsJson(test.metrics)},
      {"held_out", metricsJson(heldOut.metrics)}};
}

}  // namespace fab::models

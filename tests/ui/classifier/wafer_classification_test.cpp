#include "ui/views/classifier/wafer_classification.h"

#include <gtest/gtest.h>

#include <numeric>

#include "core/common/error.h"
#include "models/classifier/pretrained_model.h"
#include "tests/ui/classifier/planted_workspace.h"

namespace fab::ui::classifier {
namespace {

const models::WaferClassifier& shipped() {
  static const auto model = models::WaferClassifier::load(models::pretrainedModelDir(), models::DeviceChoice::Cpu);
  return model;
}

TEST(WaferClassification, OneRowPerStoredWaferMatchingTheMapsClassifiedDirectly) {
  const test::PlantedWorkspace ws;
  const auto result = classifyWorkspaceWafers(ws.path(), "", shipped());
  ASSERT_EQ(result.rows.size(), ws.wafers().size());
  ASSERT_EQ(result.wafers.size(), ws.wafers().size());
  // The same maps classified without the workspace: the generator's dies with the
  // layout the store gives back (no product: pitch inferred, notch down, y up).
  std::vector<ml::DieMap> direct;
  for (const auto& w : ws.wafers()) {
    ml::DieMap m;
    m.dies = w.map.map.dies;
    direct.push_back(m);
  }
  const auto expected = shipped().classify(direct);
  int correct = 0;
  for (std::size_t i = 0; i < result.rows.size(); ++i) {
    const auto& row = result.rows[i];
    EXPECT_EQ(row.lot, ws.wafers()[i].lot);
    EXPECT_EQ(row.wafer, ws.wafers()[i].slot);
    EXPECT_EQ(row.dies, ws.wafers()[i].map.map.dies.size());
    const double sum = std::accumulate(row.probabilities.begin(), row.probabilities.end(), 0.0);
    EXPECT_NEAR(sum, 1.0, 1e-5) << i;
    const auto best = std::max_element(row.probabilities.begin(), row.probabilities.end());
    EXPECT_EQ(ml::patternIndex(row.pattern), best - row.probabilities.begin());
    EXPECT_EQ(row.pattern, expected[i].pattern) << i;
    for (int c = 0; c < ml::kPatternCount; ++c) EXPECT_NEAR(row.probabilities[c], expected[i].probabilities[c], 1e-4);
    correct += row.pattern == ws.wafers()[i].map.label;
  }
  // The shipped student (trained on real maps) names 91 % of synthetic held-out maps right (its
  // card's held_out_accuracy); most planted classes come back: at least 7 of 12, since
  // P(X ≤ 6) = 0.03 % for X ~ Binomial(12, 0.91).
  EXPECT_GE(correct, 7) << correct << " of 12 planted patterns recognised";
}

TEST(WaferClassification, OneLotOrAClearError) {
  const test::PlantedWorkspace ws;
  const auto p2 = classifyWorkspaceWafers(ws.path(), "P2", shipped());
  ASSERT_EQ(p2.rows.size(), 3u);
  EXPECT_EQ(p2.rows[0].lot, "P2");
  EXPECT_EQ(p2.rows[2].wafer, 3);
  try {
    classifyWorkspaceWafers(ws.path(), "P9", shipped());
    FAIL() << "no error for a lot without dies";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("lot 'P9' has no die maps"), std::string::npos) << e.what();
  }
}

TEST(WaferClassification, StopsWhenCancelled) {
  const test::PlantedWorkspace ws;
  std::atomic<bool> stop{true};
  Feedback feedback;
  feedback.cancelFlag = &stop;
  EXPECT_THROW(classifyWorkspaceWafers(ws.path(), "", shipped(), feedback), Cancelled);
}

}  // namespace
}  // namespace fab::ui::classifier

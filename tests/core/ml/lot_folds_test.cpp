#include "core/ml/lot_folds.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/common/error.h"

namespace fab::ml {
namespace {

TEST(LotFolds, KeepsLotsWholeAndBalancesClasses) {
  // 60 lots: lot i holds 1 + i % 3 maps, all of class i % 4.
  std::vector<std::string> lots;
  std::vector<int> labels;
  for (int i = 0; i < 60; ++i)
    for (int k = 0; k <= i % 3; ++k) lots.push_back("lot" + std::to_string(i)), labels.push_back(i % 4);
  const auto folds = lotGroupedFolds(lots, labels, 3, 7);
  ASSERT_EQ(folds.size(), lots.size());
  std::map<std::string, std::set<int>> foldsOfLot;
  std::vector<std::vector<int>> counts(3, std::vector<int>(4, 0));
  for (std::size_t i = 0; i < lots.size(); ++i) {
    ASSERT_GE(folds[i], 0);
    ASSERT_LT(folds[i], 3);
    foldsOfLot[lots[i]].insert(folds[i]);
    ++counts[folds[i]][labels[i]];
  }
  for (const auto& [lot, f] : foldsOfLot) EXPECT_EQ(f.size(), 1u) << lot;
  // Each class has 30 maps in lots of 1, 2 and 3: every fold gets 10 ± 3 (one lot's worth) of each.
  for (int f = 0; f < 3; ++f)
    for (int c = 0; c < 4; ++c) EXPECT_NEAR(counts[f][c], 10, 3) << "fold " << f << " class " << c;
  // Seeded: the same seed gives the same folds, another seed other folds.
  EXPECT_EQ(lotGroupedFolds(lots, labels, 3, 7), folds);
  EXPECT_NE(lotGroupedFolds(lots, labels, 3, 8), folds);
}

TEST(LotFolds, MapsWithoutALotStandAlone) {
  const std::vector<std::string> lots{"", "", "", ""};
  const std::vector<int> labels{0, 0, 1, 1};
  const auto folds = lotGroupedFolds(lots, labels, 2, 1);
  // Stratified: each fold gets one map of each class.
  EXPECT_NE(folds[0], folds[1]);
  EXPECT_NE(folds[2], folds[3]);
}

TEST(LotFolds, RefusesImpossibleSplits) {
  const std::vector<std::string> lots{"a", "a", "b"};
  const std::vector<int> labels{0, 1, 0};
  EXPECT_THROW(lotGroupedFolds(lots, labels, 3, 1), Error);  // 2 lots, 3 folds
  EXPECT_THROW(lotGroupedFolds(lots, labels, 1, 1), Error);
  EXPECT_THROW(lotGroupedFolds(lots, std::vector<int>{0, 1}, 2, 1), Error);
}

}  // namespace
}  // namespace fab::ml

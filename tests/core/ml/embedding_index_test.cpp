// Nearest embeddings on the k-d tree against an exhaustive search.
#include "core/ml/embedding_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "core/common/error.h"

namespace fab::ml {
namespace {

std::vector<float> randomRows(std::size_t n, std::size_t dimension, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal;
  std::vector<float> rows(n * dimension);
  for (auto& v : rows) v = normal(rng);
  return rows;
}

TEST(EmbeddingIndex, AgreesWithAnExhaustiveSearchInManyDimensions) {
  constexpr std::size_t n = 500, dimension = 48, k = 7;
  const auto rows = randomRows(n, dimension, 11);
  const EmbeddingIndex index(rows, dimension);
  ASSERT_EQ(index.size(), n);
  const std::span<const float> all(rows);
  for (std::size_t q = 0; q < n; q += 37) {
    // Exhaustive: every other row's distance, summed here in long double.
    std::vector<std::pair<long double, std::size_t>> brute;
    for (std::size_t i = 0; i < n; ++i) {
      if (i == q) continue;
      long double s = 0;
      for (std::size_t d = 0; d < dimension; ++d) {
        const long double diff = static_cast<long double>(rows[q * dimension + d]) - rows[i * dimension + d];
        s += diff * diff;
      }
      brute.emplace_back(std::sqrt(s), i);
    }
    std::sort(brute.begin(), brute.end());
    const auto found = index.nearest(all.subspan(q * dimension, dimension), k, q);
    ASSERT_EQ(found.size(), k);
    for (std::size_t j = 0; j < k; ++j) {
      EXPECT_EQ(found[j].index, brute[j].second) << "query " << q << " rank " << j;
      EXPECT_NEAR(found[j].distance, static_cast<double>(brute[j].first), 1e-9);
    }
  }
}

TEST(EmbeddingIndex, AnIdenticalRowComesFirstAtDistanceZeroAndTheQueryIsLeftOut) {
  auto rows = randomRows(50, 8, 3);
  rows.insert(rows.end(), rows.begin() + 8 * 20, rows.begin() + 8 * 21);  // row 50 repeats row 20
  const EmbeddingIndex index(rows, 8);
  const auto found = index.nearest(index.row(20), 5, 20);
  ASSERT_EQ(found.size(), 5u);
  EXPECT_EQ(found[0].index, 50u);
  EXPECT_EQ(found[0].distance, 0.0);
  for (const auto& f : found) EXPECT_NE(f.index, 20u);
  for (std::size_t j = 1; j < found.size(); ++j) EXPECT_LE(found[j - 1].distance, found[j].distance);
}

TEST(EmbeddingIndex, AsksForMoreThanThereAreAndSurvivesAMove) {
  const auto rows = randomRows(4, 3, 5);
  EmbeddingIndex index(rows, 3);
  EmbeddingIndex moved(std::move(index));
  const auto found = moved.nearest(moved.row(0), 10, 0);
  EXPECT_EQ(found.size(), 3u);
  EXPECT_NEAR(found[0].distance, euclideanDistance(moved.row(0), moved.row(found[0].index)), 1e-12);
}

TEST(EmbeddingIndex, RefusesRowsThatDoNotFitTheDimension) {
  EXPECT_THROW(EmbeddingIndex(std::vector<float>(10), 3), Error);
  const EmbeddingIndex index(std::vector<float>(9), 3);
  EXPECT_THROW(index.nearest(std::vector<float>(2), 1), Error);
  EXPECT_TRUE(EmbeddingIndex(std::vector<float>{}, 3).nearest(std::vector<float>(3), 2).empty());
}

}  // namespace
}  // namespace fab::ml

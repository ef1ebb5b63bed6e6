#include "core/ml/wafer_map_generator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "core/common/error.h"
#include "core/ml/map_dataset.h"
#include "core/ml/map_resampler.h"
#include "core/ml/map_shape_features.h"

namespace fab::ml {
namespace {

/// Fail fraction of the on-wafer area of a resampled map, in rings of the wafer
/// (radius measured from the image centre in units of the half image side).
struct RadialProfile {
  double inner = 0, middle = 0, outer = 0, all = 0;  // r < 0.35, 0.35–0.75, > 0.8
};
RadialProfile radialProfile(const GridMap& g) {
  double f[4] = {0, 0, 0, 0}, on[4] = {0, 0, 0, 0};
  const double half = g.size / 2.0;
  for (int r = 0; r < g.size; ++r)
    for (int c = 0; c < g.size; ++c) {
      const double rho = std::hypot(c + 0.5 - half, r + 0.5 - half) / half;
      const int ring = rho < 0.35 ? 0 : rho < 0.75 ? 1 : rho > 0.8 ? 2 : -1;
      const double fail = g.at(kChannelFail, r, c), onWafer = 1.0 - g.at(kChannelOffWafer, r, c);
      if (ring >= 0) f[ring] += fail, on[ring] += onWafer;
      f[3] += fail, on[3] += onWafer;
    }
  return {f[0] / on[0], f[1] / on[1], f[2] / on[2], f[3] / on[3]};
}

TEST(WaferMapGenerator, LabelsCycleThroughTheNineClasses) {
  const WaferMapGenerator g(GeneratorSettings::training(), 11);
  for (std::uint64_t i = 0; i < 27; ++i) EXPECT_EQ(patternIndex(g.generate(i).label), static_cast<int>(i % 9));
}

TEST(WaferMapGenerator, SameSeedSameMapsOtherSeedOtherMaps) {
  const WaferMapGenerator a(GeneratorSettings::training(), 5), b(GeneratorSettings::training(), 5),
      c(GeneratorSettings::training(), 6);
  for (std::uint64_t i : {0u, 7u, 1000u}) {
    const auto x = a.generate(i), y = b.generate(i), z = c.generate(i);
    ASSERT_EQ(x.map.dies.size(), y.map.dies.size());
    for (std::size_t k = 0; k < x.map.dies.size(); ++k) {
      EXPECT_EQ(x.map.dies[k].x, y.map.dies[k].x);
      EXPECT_EQ(x.map.dies[k].pass, y.map.dies[k].pass);
    }
    EXPECT_EQ(x.label, z.label);
    EXPECT_TRUE(x.map.dies.size() != z.map.dies.size() || x.background != z.background);
  }
}

TEST(WaferMapGenerator, DrawsWithinItsSettings) {
  for (const auto& settings : {GeneratorSettings::training(), GeneratorSettings::heldOut()}) {
    const WaferMapGenerator g(settings, 3);
    for (std::uint64_t i = 0; i < 90; ++i) {
      const auto s = g.generate(i);
      EXPECT_TRUE(settings.diesAcross.contains(s.diesAcross)) << s.diesAcross;
      EXPECT_TRUE(settings.background.contains(s.background));
      EXPECT_TRUE(settings.sizeScale.contains(s.sizeScale));
      // A round wafer of d dies across holds about πd²/4 dies (fewer with the edge exclusion),
      // divided by the die aspect.
      EXPECT_LT(s.map.dies.size(), 3.1416 / 4 * s.diesAcross * s.diesAcross / 0.59);
      EXPECT_FALSE(s.mixed && s.label == WaferPattern::None);
      EXPECT_FALSE(s.partial && (s.label == WaferPattern::Random || s.label == WaferPattern::None));
    }
  }
  // Held-out die counts, backgrounds and pattern sizes never occur in training.
  const auto train = GeneratorSettings::training(), held = GeneratorSettings::heldOut();
  for (const auto& [lo, hi] : held.diesAcross.intervals)
    for (double v = lo; v <= hi; v += 1) EXPECT_FALSE(train.diesAcross.contains(v)) << v;
  for (const auto& [lo, hi] : held.sizeScale.intervals) EXPECT_FALSE(train.sizeScale.contains((lo + hi) / 2));
  EXPECT_FALSE(train.background.contains(0.06));
}

TEST(WaferMapGenerator, EachClassHasItsSpatialSignature) {
  // Average over many maps of each class the fail fraction in the centre, the
  // middle ring and the edge band, measured on the resampled image.
  GeneratorSettings settings = GeneratorSettings::training();
  settings.partialProbability = 0;
  settings.mixedProbability = 0;
  const WaferMapGenerator g(settings, 21);
  std::vector<RadialProfile> mean(kPatternCount);
  const int perClass = 30;
  for (int i = 0; i < perClass * kPatternCount; ++i) {
    const auto s = g.generate(i);
    const auto p = radialProfile(resampleDieMap(s.map, 32));
    auto& m = mean[patternIndex(s.label)];
    m.inner += p.inner / perClass, m.middle += p.middle / perClass, m.outer += p.outer / perClass;
    m.all += p.all / perClass;
  }
  const auto& none = mean[patternIndex(WaferPattern::None)];
  EXPECT_LT(none.all, 0.05);
  const auto& center = mean[patternIndex(WaferPattern::Center)];
  EXPECT_GT(center.inner, 0.3);
  EXPECT_LT(center.outer, 0.06);
  const auto& donut = mean[patternIndex(WaferPattern::Donut)];
  EXPECT_GT(donut.middle, 2 * donut.inner);
  EXPECT_GT(donut.middle, 2 * donut.outer);
  const auto& ring = mean[patternIndex(WaferPattern::EdgeRing)];
  EXPECT_GT(ring.outer, 0.15);
  EXPECT_GT(ring.outer, 4 * ring.inner);
  const auto& edgeLocal = mean[patternIndex(WaferPattern::EdgeLocal)];
  EXPECT_GT(edgeLocal.outer, 2 * edgeLocal.inner);
  EXPECT_LT(edgeLocal.outer, ring.outer);
  const auto& nearFull = mean[patternIndex(WaferPattern::NearFull)];
  EXPECT_GT(nearFull.all, 0.75);
  const auto& random = mean[patternIndex(WaferPattern::Random)];
  EXPECT_GT(random.all, 0.15);
  EXPECT_LT(random.all, 0.5);
  // Random has no structure: the rings agree within sampling noise.
  EXPECT_NEAR(random.inner, random.outer, 0.05);
  for (auto p : {WaferPattern::Local, WaferPattern::Scratch}) {
    const auto& m = mean[patternIndex(p)];
    EXPECT_GT(m.all, none.all + 0.01) << patternName(p);
    EXPECT_LT(m.all, 0.2) << patternName(p);
  }
}

TEST(WaferMapGenerator, DatasetIsIndependentOfThreadCountAndPurposesDiffer) {
  const auto g = syntheticGenerator(DatasetPurpose::Training, 4);
  const auto one = makeSyntheticDataset(g, 0, 20, 16, 1);
  const auto two = makeSyntheticDataset(g, 0, 20, 16, 2);
  EXPECT_EQ(one.inputs, two.inputs);
  EXPECT_EQ(one.labels, two.labels);
  ASSERT_EQ(one.inputs.size(), 20u * (kInputChannels * 16 * 16 + kShapeFeatureCount));
  const auto test = makeSyntheticDataset(syntheticGenerator(DatasetPurpose::Test, 4), 0, 20, 16, 1);
  EXPECT_EQ(test.labels, one.labels);  // both balanced the same way
  EXPECT_NE(test.inputs, one.inputs);
}

TEST(WaferMapGenerator, DatasetHonoursCancellation) {
  std::atomic<bool> cancel{true};
  Feedback feedback;
  feedback.cancelFlag = &cancel;
  EXPECT_THROW(makeSyntheticDataset(syntheticGenerator(DatasetPurpose::Training, 1), 0, 50, 16, 2, feedback),
               Cancelled);
}

TEST(WaferMapGenerator, RefusesBadSettings) {
  auto s = GeneratorSettings::training();
  s.background = {{{0.2, 0.1}}};
  EXPECT_THAT([&] { WaferMapGenerator(s, 1); }, ::testing::ThrowsMessage<Error>(::testing::HasSubstr("background")));
  s = GeneratorSettings::training();
  s.mixedProbability = 1.5;
  EXPECT_THROW(WaferMapGenerator(s, 1), Error);
  s = GeneratorSettings::training();
  s.diesAcross = {};
  EXPECT_THROW(WaferMapGenerator(s, 1), Error);
}

/// The median of one shape feature over the 41 local maps among the first 369 maps of a generator.
double medianOverLocalMaps(const GeneratorSettings& s, std::uint64_t seed, int feature) {
  const WaferMapGenerator g(s, seed);
  std::vector<double> v;
  for (std::uint64_t i = patternIndex(WaferPattern::Local); i < 9 * 41; i += 9)
    v.push_back(mapShapeFeatures(g.generate(i).map)[feature]);
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

TEST(WaferMapGenerator, PlacesLocalBlobsOverTheSetRadii) {
  // Median radius of the largest fail cluster's centre on local maps: near the edge when the settings put
  // the blobs at 0.85–0.9 and let them cross it, well inside with the training placement (0.25–0.6).
  auto medianCentre = [](const GeneratorSettings& s) {
    return medianOverLocalMaps(s, 11, kLargestClusterCentreRadius);
  };
  auto s = GeneratorSettings::training();
  s.background = {{{0, 0}}};
  EXPECT_LT(medianCentre(s), 0.65);
  s.local.centreLow = 0.85, s.local.centreHigh = 0.9, s.local.mayReachEdge = true;
  EXPECT_GT(medianCentre(s), 0.75);
  s.local.centreHigh = 1.1;
  EXPECT_THROW(s.validate(), Error);
}

TEST(WaferMapGenerator, SizesLocalBlobsByTheSetAreaShare) {
  // Median share of the dies in the largest fail cluster of local maps: a blob of a·b = 10–12 % of the
  // wafer failing at q = 0.6–0.95 leaves a cluster of several per cent; the training sizes (a·b ≲ 4 %) less.
  auto medianShare = [](const GeneratorSettings& s) { return medianOverLocalMaps(s, 12, kLargestClusterShare); };
  auto s = GeneratorSettings::training();
  s.background = {{{0, 0}}};
  const double trained = medianShare(s);
  s.local.areaLow = 0.10, s.local.areaHigh = 0.12;
  EXPECT_GT(medianShare(s), 0.05);
  EXPECT_GT(medianShare(s), 2 * trained);
  s.local.areaLow = 0.2;
  EXPECT_THROW(s.validate(), Error);
}

}  // namespace
}  // namespace fab::ml

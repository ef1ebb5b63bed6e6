#include "core/defect/signature.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>

#include "core/common/error.h"
#include "tests/core/defect/planted.h"

namespace fab::defect {
namespace {

constexpr double kR = 150000;

/// n points with r/R uniform in [r0, r1] and angle uniform in [a0, a1] degrees.
std::vector<Point2> band(int n, double r0, double r1, double a0, double a1, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> ur(r0, r1), ua(a0 * std::numbers::pi / 180, a1 * std::numbers::pi / 180);
  std::vector<Point2> out;
  for (int i = 0; i < n; ++i) {
    const double r = ur(rng) * kR, t = ua(rng);
    out.push_back({r * std::cos(t), r * std::sin(t)});
  }
  return out;
}

SignatureLabel labelOf(const std::vector<Point2>& pts) {
  return classifySignature(signatureFeatures(pts, kR, pts.size())).label;
}

TEST(Signature, PlantedPatternsGetTheirLabels) {
  EXPECT_EQ(labelOf(band(400, 0.9, 1.0, 0, 360, 1)), SignatureLabel::EdgeRing);
  EXPECT_EQ(labelOf(band(120, 0.88, 0.99, 10, 50, 2)), SignatureLabel::EdgeLocal);
  EXPECT_EQ(labelOf(band(300, 0.45, 0.6, 0, 360, 3)), SignatureLabel::Donut);
  EXPECT_EQ(labelOf(test::blobs({{0, 0}}, 200, 0.08 * kR, 4).points), SignatureLabel::Center);
  EXPECT_EQ(labelOf(test::blobs({{0.5 * kR, -0.2 * kR}}, 80, 0.03 * kR, 5).points), SignatureLabel::Local);
  // A scratch: points along a segment 0.8 R long, 0.2 mm wide.
  std::mt19937_64 rng(6);
  std::uniform_real_distribution<double> u(0, 1), w(-100, 100);
  std::vector<Point2> scratch;
  for (int i = 0; i < 150; ++i) {
    const double s = u(rng);
    scratch.push_back({-0.3 * kR + s * 0.64 * kR + w(rng), -0.2 * kR + s * 0.48 * kR + w(rng)});
  }
  const auto f = signatureFeatures(scratch, kR, scratch.size());
  EXPECT_GT(f.elongation, 100);
  EXPECT_NEAR(f.majorAxisDeg, std::atan2(0.48, 0.64) * 180 / std::numbers::pi, 1.0);
  EXPECT_EQ(classifySignature(f).label, SignatureLabel::Scratch);
  test::Planted random;
  test::addUniformDisc(random, 100, kR, 7);
  EXPECT_EQ(labelOf(random.points), SignatureLabel::Random);
  test::Planted full;
  test::addUniformDisc(full, 3000, kR, 8);
  EXPECT_EQ(labelOf(full.points), SignatureLabel::NearFull);
  EXPECT_EQ(labelOf(band(4, 0.9, 1.0, 0, 360, 9)), SignatureLabel::None);
}

// Features by hand: four defects at r = R/2 on the axes: radial mean 0.5, sd 0,
// angular span 270° (largest gap 90°), spread 1 (resultant 0), elongation 1.
TEST(Signature, FeaturesByHand) {
  const std::vector<Point2> pts = {{kR / 2, 0}, {0, kR / 2}, {-kR / 2, 0}, {0, -kR / 2}};
  const auto f = signatureFeatures(pts, kR, 8);
  EXPECT_NEAR(f.radialMean, 0.5, 1e-12);
  EXPECT_NEAR(f.radialSd, 0, 1e-7);
  EXPECT_NEAR(f.angularSpanDeg, 270, 1e-9);
  EXPECT_NEAR(f.circularSpread, 1, 1e-12);
  EXPECT_NEAR(f.elongation, 1, 1e-9);
  EXPECT_NEAR(f.centroidRadius, 0, 1e-12);
  EXPECT_NEAR(f.fraction, 0.5, 1e-12);
  // Covariance diag(R²/8, R²/8): ellipse area 4π·R²/8; density ratio (4/area)/(8/(πR²)) = 1.
  EXPECT_NEAR(f.densityRatio, 1.0, 1e-9);
  EXPECT_THROW(signatureFeatures(pts, 0, 4), Error);
}

TEST(Signature, WaferLevel) {
  // Random defects: the quadrat test does not reject randomness.
  test::Planted random;
  test::addUniformDisc(random, 300, kR, 11);
  const std::vector<int> noise(random.points.size(), -1);
  const auto r = waferSignature(random.points, noise, kR);
  EXPECT_EQ(r.overall.label, SignatureLabel::Random);
  EXPECT_GT(r.randomness.pValue, 0.05);
  // An edge ring over a light random background, clustered as one.
  auto ring = band(400, 0.9, 1.0, 0, 360, 12);
  std::vector<int> labels(ring.size(), 0);
  for (const auto& p : band(60, 0, 0.85, 0, 360, 13)) {
    ring.push_back(p);
    labels.push_back(-1);
  }
  const auto w = waferSignature(ring, labels, kR);
  EXPECT_EQ(w.overall.label, SignatureLabel::EdgeRing);
  EXPECT_LT(w.randomness.pValue, 1e-6);
  ASSERT_EQ(w.clusters.size(), 1u);
  EXPECT_EQ(w.clusters[0].label, SignatureLabel::EdgeRing);
  EXPECT_FALSE(w.overall.reason.empty());
  EXPECT_EQ(waferSignature({}, {}, kR).overall.label, SignatureLabel::None);

  // A ring broken into eight arcs (as DBSCAN may leave it): each arc is
  // edge-local, together they go round the wafer.
  std::vector<Point2> arcs;
  std::vector<int> arcLabels;
  for (int a = 0; a < 8; ++a)
    for (const auto& p : band(40, 0.9, 1.0, 45.0 * a, 45.0 * a + 30, 20 + a)) {
      arcs.push_back(p);
      arcLabels.push_back(a);
    }
  const auto fragments = waferSignature(arcs, arcLabels, kR);
  for (const auto& c : fragments.clusters) EXPECT_EQ(c.label, SignatureLabel::EdgeLocal);
  EXPECT_EQ(fragments.overall.label, SignatureLabel::EdgeRing);
  // One arc alone stays edge-local.
  const std::vector<Point2> one(arcs.begin(), arcs.begin() + 40);
  const std::vector<int> oneLabels(40, 0);
  EXPECT_EQ(waferSignature(one, oneLabels, kR).overall.label, SignatureLabel::EdgeLocal);
}

}  // namespace
}  // namespace fab::defect

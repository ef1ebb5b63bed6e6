// Timed harness for the gauge-study analyses on study sizes far beyond a real
// study (a real one has ~10 parts × 3 appraisers × 3 trials): Fleiss' kappa,
// Krippendorff's alpha, Kendall's W, the attribute agreement tables and both
// gauge R&R methods. Prints milliseconds per call (best of 5).
#include <chrono>
#include <cstdio>
#include <functional>
#include <random>
#include <string>

#include "core/msa/attribute_agreement.h"
#include "core/msa/fleiss_kappa.h"
#include "core/msa/grr_anova.h"
#include "core/msa/grr_average_range.h"
#include "core/msa/kendall_w.h"
#include "core/msa/krippendorff_alpha.h"
#include "core/msa/range_constants.h"

namespace {

std::string name(const char* prefix, int i) {
  std::string s(prefix);
  s += std::to_string(i);
  return s;
}

/// Keeps each result alive so the optimiser cannot drop the work.
volatile double gSink = 0;

double bestMs(const std::function<void()>& f, int repeats = 5) {
  double best = 1e300;
  for (int i = 0; i < repeats; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    best = std::min(best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  return best;
}

}  // namespace

int main() {
  using namespace fab::msa;
  std::mt19937 rng(1);
  std::uniform_int_distribution<int> category(0, 4);
  std::normal_distribution<double> noise(0, 1);

  const double d2Ms = bestMs([] { gSink = gSink + rangeD2StarOneSubgroup(37); }, 1);
  std::printf("d2* (m = 37, first computation, double integral) %10.2f ms\n", d2Ms);

  // 100,000 subjects × 10 raters, 5 categories.
  std::vector<std::vector<int>> ratings(100000, std::vector<int>(10));
  for (auto& s : ratings)
    for (auto& r : s) r = category(rng);
  const std::vector<std::string> labels = {"a", "b", "c", "d", "e"};
  std::printf("Fleiss' kappa, 100000 subjects × 10 raters   %10.2f ms\n",
              bestMs([&] { gSink = gSink + fleissKappa(ratings, labels).overall.kappa; }));

  Eigen::MatrixXd units(20000, 10);
  for (Eigen::Index u = 0; u < units.rows(); ++u)
    for (Eigen::Index c = 0; c < units.cols(); ++c) units(u, c) = (u + c) % 7 == 0 ? std::nan("") : category(rng);
  std::printf("Krippendorff's alpha (ordinal), 20000 × 10    %10.2f ms\n",
              bestMs([&] { gSink = gSink + krippendorffAlpha(units, AlphaLevel::Ordinal).alpha; }));

  Eigen::MatrixXd scores(20000, 10);
  for (Eigen::Index i = 0; i < scores.size(); ++i) scores(i) = category(rng);
  std::printf("Kendall's W, 20000 subjects × 10 raters      %10.2f ms\n",
              bestMs([&] { gSink = gSink + kendallW(scores).w; }));

  // Attribute agreement: 2000 subjects × 5 appraisers × 3 trials with a standard.
  std::vector<AttributeRating> attribute;
  for (int s = 0; s < 2000; ++s)
    for (int a = 0; a < 5; ++a)
      for (int t = 1; t <= 3; ++t)
        attribute.push_back({name("S", s), name("A", a), t, labels[category(rng)], labels[s % 5], 0});
  std::printf("attribute agreement (cube + tables), 30000 ratings %5.2f ms\n", bestMs([&] {
                const auto cube = RatingCube::build(attribute);
                gSink = gSink + attributeAgreement(cube).between->percent.estimate;
              }));

  // Gauge R&R: 1000 parts × 10 operators × 3 trials.
  std::vector<GaugeMeasurement> m;
  for (int p = 0; p < 1000; ++p)
    for (int a = 0; a < 10; ++a)
      for (int t = 1; t <= 3; ++t)
        m.push_back({name("P", p), name("O", a), t, p * 0.01 + 0.1 * a + 0.05 * noise(rng), 0});
  const auto layout = CrossedLayout::build(m);
  std::printf("layout of 30000 measurements                 %10.2f ms\n",
              bestMs([&] { gSink = gSink + static_cast<double>(CrossedLayout::build(m).measurementCount()); }));
  gSink = gSink + grrAverageRange(layout).pv;  // computes and caches d2*(1000)
  std::printf("gauge R&R ANOVA, 1000 × 10 × 3               %10.2f ms\n",
              bestMs([&] { gSink = gSink + grrAnova(layout).variances.part; }));
  std::printf("gauge R&R average-and-range, 1000 × 10 × 3   %10.2f ms\n",
              bestMs([&] { gSink = gSink + grrAverageRange(layout).pv; }));
  return 0;
}

#include "core/ml/wafer_map_generator.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/common/error.h"
#include "core/ml/random.h"
#include "core/ml/wafer_pattern_models.h"

namespace fab::ml {

double Ranges::draw(Rng& rng) const {
  double total = 0;
  for (const auto& [lo, hi] : intervals) total += hi - lo;
  if (total <= 0) return intervals[rng.uniformInt(0, static_cast<int>(intervals.size()) - 1)].first;
  double u = rng.uniform() * total;
  for (const auto& [lo, hi] : intervals) {
    if (u <= hi - lo) return lo + u;
    u -= hi - lo;
  }
  return intervals.back().second;
}

bool Ranges::contains(double v) const {
  return std::any_of(intervals.begin(), intervals.end(), [v](const auto& r) { return v >= r.first && v <= r.second; });
}

std::string Ranges::describe() const {
  std::ostringstream out;
  for (std::size_t i = 0; i < intervals.size(); ++i)
    out << (i ? " ∪ " : "") << "[" << intervals[i].first << ", " << intervals[i].second << "]";
  return out.str();
}

GeneratorSettings GeneratorSettings::training() {
  GeneratorSettings s;
  s.diesAcross = {{{16, 40}, {52, 76}}};
  s.dieAspect = {{{0.75, 1.35}}};
  s.background = {{{0.0, 0.05}}};
  s.sizeScale = {{{0.85, 1.15}}};
  return s;
}

GeneratorSettings GeneratorSettings::heldOut() {
  GeneratorSettings s;
  s.diesAcross = {{{41, 51}, {80, 110}}};
  s.dieAspect = {{{0.6, 0.75}, {1.35, 1.6}}};
  s.background = {{{0.05, 0.08}}};
  s.sizeScale = {{{0.7, 0.85}, {1.15, 1.3}}};
  return s;
}

void GeneratorSettings::validate() const {
  auto check = [](const Ranges& r, const char* name, double lo, double hi) {
    if (r.intervals.empty()) throw Error(std::string("generator setting '") + name + "' has no range");
    for (const auto& [a, b] : r.intervals)
      if (!(a <= b) || a < lo || b > hi)
        throw Error(std::string("generator setting '") + name + "' must lie within [" + std::to_string(lo) + ", " +
                    std::to_string(hi) + "] with low ≤ high; got " + r.describe());
  };
  check(diesAcross, "dies across", 4, 1000);
  check(dieAspect, "die aspect", 0.2, 5);
  check(background, "background fail rate", 0, 0.5);
  check(sizeScale, "pattern size scale", 0.3, 2);
  if (!(local.centreLow >= 0 && local.centreLow <= local.centreHigh && local.centreHigh <= 1))
    throw Error("generator settings: the local blob's centre radius must be a range within [0, 1]");
  if (!(local.areaLow >= 0 && local.areaLow <= local.areaHigh && local.areaHigh <= 1))
    throw Error("generator settings: the local blob's area must be a share of the wafer within [0, 1]");
  for (auto [p, name] : {std::pair{partialProbability, "partial probability"},
                         {mixedProbability, "mixed probability"},
                         {pitchKnownProbability, "pitch-known probability"}})
    if (!(p >= 0 && p <= 1)) throw Error(std::string("generator setting '") + name + "' must be within [0, 1]");
}

WaferMapGenerator::WaferMapGenerator(GeneratorSettings settings, std::uint64_t seed)
    : settings_(std::move(settings)), seed_(seed) {
  settings_.validate();
}

SyntheticMap WaferMapGenerator::generate(std::uint64_t index) const {
  Rng rng(seed_, index);
  SyntheticMap out;
  out.label = patternFromIndex(static_cast<int>(index % kPatternCount));
  out.diesAcross = static_cast<int>(std::lround(settings_.diesAcross.draw(rng)));
  out.background = settings_.background.draw(rng);
  out.sizeScale = settings_.sizeScale.draw(rng);

  // Die grid over the unit-radius wafer.
  const double w = 2.0 / out.diesAcross, h = w * settings_.dieAspect.draw(rng);
  const double offsetX = rng.uniform(), offsetY = rng.uniform();
  const double usable = 1.0 - rng.uniform(0, 0.04);

  const bool canPartial = out.label != WaferPattern::Random && out.label != WaferPattern::None;
  out.partial = canPartial && rng.bernoulli(settings_.partialProbability);
  const PatternContext context{std::max(w, h), out.sizeScale, 1.0, out.partial, settings_.local};
  const PatternField primary = drawPattern(out.label, context, rng);

  PatternField secondary;
  const bool canMix = out.label == WaferPattern::Center || out.label == WaferPattern::Donut ||
                      out.label == WaferPattern::EdgeLocal || out.label == WaferPattern::EdgeRing ||
                      out.label == WaferPattern::Local;
  if (canMix && rng.bernoulli(settings_.mixedProbability)) {
    out.mixed = true;
    const PatternContext weak{std::max(w, h), 0.7 * out.sizeScale, rng.uniform(0.35, 0.6), false};
    secondary = drawPattern(WaferPattern::Scratch, weak, rng);
  }

  out.map.wafer = "synthetic-" + std::to_string(index);
  out.map.firstRow = static_cast<std::int64_t>(index);
  if (rng.bernoulli(settings_.pitchKnownProbability)) out.map.layout.dieWidth = w, out.map.layout.dieHeight = h;
  const int nx = static_cast<int>(std::ceil(1.0 / w)) + 1, ny = static_cast<int>(std::ceil(1.0 / h)) + 1;
  for (int j = -ny; j <= ny; ++j) {
    for (int i = -nx; i <= nx; ++i) {
      const double cx = (i + offsetX) * w, cy = (j + offsetY) * h;
      const double far = std::hypot(std::abs(cx) + w / 2, std::abs(cy) + h / 2);
      if (far > usable) continue;
      double pass = (1.0 - out.background) * (1.0 - primary(cx, cy));
      if (secondary) pass *= 1.0 - secondary(cx, cy);
      out.map.dies.push_back({i + nx, j + ny, !rng.bernoulli(1.0 - pass)});
    }
  }
  return out;
}

std::vector<SyntheticMap> WaferMapGenerator::generate(std::uint64_t first, std::size_t count) const {
  std::vector<SyntheticMap> out;
  out.reserve(count);
  for (std::size_t k = 0; k < count; ++k) out.push_back(generate(first + k));
  return out;
}

}  // namespace fab::ml

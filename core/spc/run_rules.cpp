#include "core/spc/run_rules.h"

#include <algorithm>
#include <bit>
#include <cctype>
#include <cmath>

#include "core/common/error.h"

namespace fab::spc {
namespace {

enum class Pattern { BeyondLimits, SameSide, Trend, Alternating, KOfMBeyond, WithinOneSigma, BeyondOneSigma };

/// One rule as a pattern with its counts: `count` points (of `window` for
/// k-of-m patterns) beyond `z` σ.
struct RuleDefinition {
  int number;
  Pattern pattern;
  int count;
  int window;
  double z;
};

// Western Electric Handbook (1956), §1.B: tests for unnatural patterns.
constexpr RuleDefinition kWesternElectric[] = {
    {1, Pattern::BeyondLimits, 1, 1, 3},
    {2, Pattern::KOfMBeyond, 2, 3, 2},
    {3, Pattern::KOfMBeyond, 4, 5, 1},
    {4, Pattern::SameSide, 8, 8, 0},
};
// Nelson, L. S. (1984), "The Shewhart control chart — tests for special causes".
constexpr RuleDefinition kNelson[] = {
    {1, Pattern::BeyondLimits, 1, 1, 3},   {2, Pattern::SameSide, 9, 9, 0},       {3, Pattern::Trend, 6, 6, 0},
    {4, Pattern::Alternating, 14, 14, 0},  {5, Pattern::KOfMBeyond, 2, 3, 2},     {6, Pattern::KOfMBeyond, 4, 5, 1},
    {7, Pattern::WithinOneSigma, 15, 15, 1}, {8, Pattern::BeyondOneSigma, 8, 8, 1},
};

std::span<const RuleDefinition> definitions(RuleFamily family) {
  switch (family) {
    case RuleFamily::WesternElectric:
      return kWesternElectric;
    case RuleFamily::Nelson:
      return kNelson;
    case RuleFamily::None:
      break;
  }
  return {};
}

const RuleDefinition& definition(RuleFamily family, int rule) {
  const auto defs = definitions(family);
  if (rule < 1 || rule > static_cast<int>(defs.size())) throw Error("no rule " + std::to_string(rule) + " in this family");
  return defs[rule - 1];
}

std::string sigmaText(double z) { return std::to_string(static_cast<int>(z)) + "σ"; }

int sign(double x) { return (x > 0) - (x < 0); }

/// Run state of one phase; reset at each phase split.
struct RunState {
  int side = 0, sideRun = 0;
  double previous = std::numeric_limits<double>::quiet_NaN();
  int trendDirection = 0, trendRun = 0;
  int lastStep = 0, alternatingRun = 0;
  std::uint32_t above2 = 0, below2 = 0, above1 = 0, below1 = 0;
  int withinRun = 0, beyondRun = 0;
};

}  // namespace

int ruleCount(RuleFamily family) { return static_cast<int>(definitions(family).size()); }

std::string ruleDescription(RuleFamily family, int rule) {
  const auto& d = definition(family, rule);
  const std::string n = std::to_string(d.count);
  switch (d.pattern) {
    case Pattern::BeyondLimits:
      return "1 point beyond a control limit";
    case Pattern::SameSide:
      return n + " points in a row on the same side of the centre line";
    case Pattern::Trend:
      return n + " points in a row steadily rising or falling";
    case Pattern::Alternating:
      return n + " points in a row alternating up and down";
    case Pattern::KOfMBeyond:
      return n + " of " + std::to_string(d.window) + " points in a row more than " + sigmaText(d.z) +
             " from the centre line on the same side";
    case Pattern::WithinOneSigma:
      return n + " points in a row within 1σ of the centre line";
    case Pattern::BeyondOneSigma:
      return n + " points in a row more than 1σ from the centre line, either side";
  }
  return {};
}

std::string violationReason(RuleFamily family, const RuleViolation& v) {
  const auto& d = definition(family, v.rule);
  const std::string n = std::to_string(d.count);
  const std::string where = v.side > 0 ? "above" : "below";
  switch (d.pattern) {
    case Pattern::BeyondLimits:
      return v.side > 0 ? "point above the upper control limit" : "point below the lower control limit";
    case Pattern::SameSide:
      return n + " points in a row " + where + " the centre line";
    case Pattern::Trend:
      return n + " points in a row steadily " + (v.side > 0 ? "rising" : "falling");
    case Pattern::KOfMBeyond:
      return n + " of " + std::to_string(d.window) + " points in a row more than " + sigmaText(d.z) + " " + where +
             " the centre line";
    default:
      return ruleDescription(family, v.rule);
  }
}

void evaluateRules(std::span<const double> value, std::span<const LimitSegment> limits,
                   std::span<const std::size_t> phaseStarts, bool runRules, const RuleSelection& rules,
                   std::vector<RuleViolation>& out) {
  const auto defs = definitions(rules.family);
  // The enabled rules, filtered once: with runRules false only rule 1 remains.
  RuleDefinition active[8];
  int activeCount = 0;
  bool needZones = false;
  for (const auto& d : defs) {
    if (!rules.isEnabled(d.number)) continue;
    if (!runRules && d.pattern != Pattern::BeyondLimits) continue;
    active[activeCount++] = d;
    needZones |= d.pattern == Pattern::KOfMBeyond || d.pattern == Pattern::WithinOneSigma ||
                 d.pattern == Pattern::BeyondOneSigma;
  }
  if (activeCount == 0) return;

  RunState st;
  std::size_t segment = 0, nextPhase = 0;
  const std::size_t n = value.size();
  for (std::size_t i = 0; i < n; ++i) {
    while (nextPhase < phaseStarts.size() && phaseStarts[nextPhase] <= i) {
      if (phaseStarts[nextPhase] == i) st = RunState{};
      ++nextPhase;
    }
    while (segment < limits.size() && limits[segment].last <= i) ++segment;
    const double v = value[i];
    if (std::isnan(v) || segment >= limits.size() || limits[segment].first > i) continue;
    const LimitSegment& lim = limits[segment];

    // Update the run state with this point.
    const int side = sign(v - lim.center);
    st.sideRun = (side != 0 && side == st.side) ? st.sideRun + 1 : (side != 0 ? 1 : 0);
    st.side = side;
    const int step = std::isnan(st.previous) ? 0 : sign(v - st.previous);
    if (std::isnan(st.previous) || step == 0) {
      st.trendRun = 1;
      st.trendDirection = 0;
      st.alternatingRun = 1;
    } else {
      st.trendRun = step == st.trendDirection ? st.trendRun + 1 : 2;
      st.trendDirection = step;
      st.alternatingRun = (st.lastStep != 0 && step == -st.lastStep) ? st.alternatingRun + 1 : 2;
    }
    st.lastStep = step;
    st.previous = v;
    bool zoned = false;
    double z = 0;
    if (needZones && lim.sigma > 0 && std::isfinite(lim.sigma)) {
      zoned = true;
      z = (v - lim.center) / lim.sigma;
    }
    st.above2 = (st.above2 << 1) | (zoned && z > 2);
    st.below2 = (st.below2 << 1) | (zoned && z < -2);
    st.above1 = (st.above1 << 1) | (zoned && z > 1);
    st.below1 = (st.below1 << 1) | (zoned && z < -1);
    st.withinRun = zoned && std::abs(z) < 1 ? st.withinRun + 1 : 0;
    st.beyondRun = zoned && std::abs(z) > 1 ? st.beyondRun + 1 : 0;

    for (int r = 0; r < activeCount; ++r) {
      const auto& d = active[r];
      int hitSide = 0;
      bool hit = false;
      switch (d.pattern) {
        case Pattern::BeyondLimits:
          hit = v > lim.ucl || v < lim.lcl;
          hitSide = v > lim.ucl ? 1 : -1;
          break;
        case Pattern::SameSide:
          hit = st.sideRun >= d.count;
          hitSide = st.side;
          break;
        case Pattern::Trend:
          hit = st.trendRun >= d.count;
          hitSide = st.trendDirection;
          break;
        case Pattern::Alternating:
          hit = st.alternatingRun >= d.count;
          break;
        case Pattern::KOfMBeyond: {
          const std::uint32_t mask = (1u << d.window) - 1;
          const std::uint32_t upper = d.z == 2 ? st.above2 : st.above1;
          const std::uint32_t lower = d.z == 2 ? st.below2 : st.below1;
          if ((upper & 1u) && std::popcount(upper & mask) >= d.count) {
            hit = true;
            hitSide = 1;
          } else if ((lower & 1u) && std::popcount(lower & mask) >= d.count) {
            hit = true;
            hitSide = -1;
          }
          break;
        }
        case Pattern::WithinOneSigma:
          hit = st.withinRun >= d.count;
          break;
        case Pattern::BeyondOneSigma:
          hit = st.beyondRun >= d.count;
          break;
      }
      if (hit)
        out.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint8_t>(d.number), static_cast<std::int8_t>(hitSide)});
    }
  }
}

RuleSelection parseRuleSelection(const std::string& text) {
  std::string t;
  for (char c : text) t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (t == "we" || t == "western-electric" || t == "weco") return RuleSelection::westernElectric();
  if (t == "nelson") return RuleSelection::nelson();
  if (t == "none") return RuleSelection::none();
  throw Error("unknown rule set '" + text + "': use we (Western Electric 1–4), nelson (Nelson 1–8) or none");
}

}  // namespace fab::spc

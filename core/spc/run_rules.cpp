#include "core/spc/run_rules.h"

#include <algorithm>
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
    {1, Pattern::BeyondLimits, 1, 1, 3},     {2, Pattern::SameSide, 9, 9, 0},       {3, Pattern::Trend, 6, 6, 0},
    {4, Pattern::Alternating, 14, 14, 0},    {5, Pattern::KOfMBeyond, 2, 3, 2},     {6, Pattern::KOfMBeyond, 4, 5, 1},
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
  if (rule < 1 || rule > static_cast<int>(defs.size()))
    throw Error("no rule " + std::to_string(rule) + " in this family");
  return defs[rule - 1];
}

std::string sigmaText(double z) { return std::to_string(static_cast<int>(z)) + "σ"; }

int sign(double x) { return (x > 0) - (x < 0); }

/// Run state of one phase; reset at each phase split.
struct RunState {
  int side = 0, sideRun = 0;
  double previous = 0;
  bool hasPrevious = false;
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

namespace {

/// The enabled rules of a family folded into one threshold per pattern (each
/// family uses a pattern at most once per zone), so the per-point work is a
/// fixed sequence of comparisons with no dispatch.
struct ActiveRules {
  int beyondLimits = 0;  ///< rule number, 0 when off
  int sameSide = 0, sameSideCount = 0;
  int trend = 0, trendCount = 0;
  int alternating = 0, alternatingCount = 0;
  int twoSigma = 0, twoSigmaCount = 0, twoSigmaMask = 0;
  int oneSigma = 0, oneSigmaCount = 0, oneSigmaMask = 0;
  int within = 0, withinCount = 0;
  int beyondOne = 0, beyondOneCount = 0;
  bool any = false, runs = false;
};

ActiveRules activeRules(const RuleSelection& rules, bool runRules) {
  ActiveRules a;
  for (const auto& d : definitions(rules.family)) {
    if (!rules.isEnabled(d.number)) continue;
    if (!runRules && d.pattern != Pattern::BeyondLimits) continue;
    a.any = true;
    a.runs |= d.pattern != Pattern::BeyondLimits;
    switch (d.pattern) {
      case Pattern::BeyondLimits:
        a.beyondLimits = d.number;
        break;
      case Pattern::SameSide:
        a.sameSide = d.number, a.sameSideCount = d.count;
        break;
      case Pattern::Trend:
        a.trend = d.number, a.trendCount = d.count;
        break;
      case Pattern::Alternating:
        a.alternating = d.number, a.alternatingCount = d.count;
        break;
      case Pattern::KOfMBeyond:
        if (d.z == 2)
          a.twoSigma = d.number, a.twoSigmaCount = d.count, a.twoSigmaMask = (1 << d.window) - 1;
        else
          a.oneSigma = d.number, a.oneSigmaCount = d.count, a.oneSigmaMask = (1 << d.window) - 1;
        break;
      case Pattern::WithinOneSigma:
        a.within = d.number, a.withinCount = d.count;
        break;
      case Pattern::BeyondOneSigma:
        a.beyondOne = d.number, a.beyondOneCount = d.count;
        break;
    }
  }
  return a;
}

/// Set bits in the low 5 bits (windows are at most 5 points).
constexpr int bitsSet(std::uint32_t x) {
  constexpr int table[32] = {0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4,
                             1, 2, 2, 3, 2, 3, 3, 4, 2, 3, 3, 4, 3, 4, 4, 5};
  return table[x & 31u];
}

}  // namespace

void evaluateRules(std::span<const double> value, std::span<const LimitSegment> limits,
                   std::span<const std::size_t> phaseStarts, bool runRules, const RuleSelection& rules,
                   std::vector<RuleViolation>& out) {
  const ActiveRules a = activeRules(rules, runRules);
  if (!a.any) return;
  auto flag = [&out](std::size_t i, int rule, int side) {
    out.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint8_t>(rule), static_cast<std::int8_t>(side)});
  };

  RunState st;
  std::size_t nextPhase = 0;
  const std::size_t n = value.size();
  for (std::size_t segment = 0; segment < limits.size(); ++segment) {
    const LimitSegment& lim = limits[segment];
    const bool zoned = lim.sigma > 0 && std::isfinite(lim.sigma);
    const double inverseSigma = zoned ? 1.0 / lim.sigma : 0.0;
    const std::size_t end = std::min(lim.last, n);
    for (std::size_t i = lim.first; i < end; ++i) {
      // Runs restart at a phase split, also across points without limits.
      if (nextPhase < phaseStarts.size() && phaseStarts[nextPhase] <= i) {
        while (nextPhase < phaseStarts.size() && phaseStarts[nextPhase] <= i) ++nextPhase;
        st = RunState{};
      }
      const double v = value[i];
      if (std::isnan(v)) continue;
      if (a.beyondLimits && (v > lim.ucl || v < lim.lcl)) flag(i, a.beyondLimits, v > lim.ucl ? 1 : -1);
      if (!a.runs) continue;

      // Branch-free updates: the signs of random data are unpredictable.
      const int side = sign(v - lim.center);
      st.sideRun = side == 0 ? 0 : (side == st.side ? st.sideRun + 1 : 1);
      st.side = side;
      const int step = st.hasPrevious ? sign(v - st.previous) : 0;
      st.trendRun = step == 0 ? 1 : (step == st.trendDirection ? st.trendRun + 1 : 2);
      st.trendDirection = step;
      st.alternatingRun = step == 0 ? 1 : (step == -st.lastStep ? st.alternatingRun + 1 : 2);
      st.lastStep = step;
      st.previous = v;
      st.hasPrevious = true;
      const double z = (v - lim.center) * inverseSigma;
      const double distance = std::abs(z);
      st.above2 = (st.above2 << 1) | std::uint32_t(zoned & (z > 2));
      st.below2 = (st.below2 << 1) | std::uint32_t(zoned & (z < -2));
      st.above1 = (st.above1 << 1) | std::uint32_t(zoned & (z > 1));
      st.below1 = (st.below1 << 1) | std::uint32_t(zoned & (z < -1));
      st.withinRun = (zoned & (distance < 1)) ? st.withinRun + 1 : 0;
      st.beyondRun = (zoned & (distance > 1)) ? st.beyondRun + 1 : 0;

      if (a.sameSide && st.sideRun >= a.sameSideCount) flag(i, a.sameSide, st.side);
      if (a.trend && st.trendRun >= a.trendCount) flag(i, a.trend, st.trendDirection);
      if (a.alternating && st.alternatingRun >= a.alternatingCount) flag(i, a.alternating, 0);
      if (a.twoSigma) {
        if ((st.above2 & 1u) && bitsSet(st.above2 & a.twoSigmaMask) >= a.twoSigmaCount)
          flag(i, a.twoSigma, 1);
        else if ((st.below2 & 1u) && bitsSet(st.below2 & a.twoSigmaMask) >= a.twoSigmaCount)
          flag(i, a.twoSigma, -1);
      }
      if (a.oneSigma) {
        if ((st.above1 & 1u) && bitsSet(st.above1 & a.oneSigmaMask) >= a.oneSigmaCount)
          flag(i, a.oneSigma, 1);
        else if ((st.below1 & 1u) && bitsSet(st.below1 & a.oneSigmaMask) >= a.oneSigmaCount)
          flag(i, a.oneSigma, -1);
      }
      if (a.within && st.withinRun >= a.withinCount) flag(i, a.within, 0);
      if (a.beyondOne && st.beyondRun >= a.beyondOneCount) flag(i, a.beyondOne, 0);
    }
  }
}

RuleSelection parseRuleSelection(const std::string& text) {
  std::string t;
  for (char c : text) t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (t == "we" || t == "western-electric" || t == "weco") return RuleSelection::westernElectric();
  if (t == "nelson") return RuleSelection::nelson();
  if (t == "none") return RuleSelection::none();
  if (t == "rule1") return RuleSelection::nelson().only(1);
  throw Error("unknown rule set '" + text +
              "': use we (Western Electric 1–4), nelson (Nelson 1–8), rule1 (beyond the limits only) or none");
}

}  // namespace fab::spc

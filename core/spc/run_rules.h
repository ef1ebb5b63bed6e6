#pragma once
// Run rules (tests for special causes) on a plotted statistic: Western
// Electric Handbook (1956) rules 1–4 and Nelson (1984, J. Qual. Technol.
// 16(4)) rules 1–8, each switchable.
//
// Conventions (docs/ARCHITECTURE.md §4, tested in run_rules_test.cpp):
// - Zones come from each point's own centre and σ of the plotted statistic
//   (z = (value − centre)/σ), so per-point limits (varying n) are handled.
// - Rule 1 compares with the point's own LCL/UCL.
// - Only rule 1 applies to R, S, MR, EWMA and CUSUM panels; rules 2–8 to the
//   X, X̄, individuals and attribute panels.
// - Runs restart at every phase split; a missing (NaN) point is skipped and
//   neither continues nor breaks a run.
// - A violation is reported at the point that completes the pattern, and at
//   every later point while the pattern goes on. For "k of m beyond zσ" the
//   point itself must be one of the k (beyond zσ on the same side).
// - A point exactly on the centre line is on neither side; equal neighbours
//   break a trend and an alternation; "beyond" is strict.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/spc/limits.h"

namespace fab::spc {

enum class RuleFamily { None, WesternElectric, Nelson };

/// Which rules to test: a family and a mask of its rule numbers (bit r = rule r).
struct RuleSelection {
  RuleFamily family = RuleFamily::Nelson;
  std::uint16_t enabled = 0x1FE;  ///< rules 1–8

  static RuleSelection none() { return {RuleFamily::None, 0}; }
  static RuleSelection westernElectric() { return {RuleFamily::WesternElectric, 0x1E}; }
  static RuleSelection nelson() { return {RuleFamily::Nelson, 0x1FE}; }
  bool isEnabled(int rule) const { return family != RuleFamily::None && (enabled >> rule) & 1u; }
  /// This family with only `rule` enabled (e.g. rule 1 alone for autocorrelated points).
  RuleSelection only(int rule) const { return {family, static_cast<std::uint16_t>(1u << rule)}; }
  RuleSelection& disable(int rule) {
    enabled &= static_cast<std::uint16_t>(~(1u << rule));
    return *this;
  }
};

/// One rule broken at one point. `side` is +1 above / −1 below the centre, 0 when
/// the rule has no side (trend direction is in `side` too: +1 rising, −1 falling).
struct RuleViolation {
  std::uint32_t point = 0;
  std::uint8_t rule = 0;
  std::int8_t side = 0;
};

/// The number of rules in a family (4 or 8; 0 for None).
int ruleCount(RuleFamily family);
/// A plain-language statement of the rule: "9 points in a row on the same side of the centre line".
std::string ruleDescription(RuleFamily family, int rule);
/// The reason for one violation, naming the side: "point above the upper control limit".
std::string violationReason(RuleFamily family, const RuleViolation& v);

/// Tests the rules on `value` with its limit segments over points [0, n),
/// restarting runs at each index in `phaseStarts` (sorted). With `runRules`
/// false only rule 1 is tested. Violations are appended in point order.
/// Single pass, no allocation per point.
void evaluateRules(std::span<const double> value, std::span<const LimitSegment> limits,
                   std::span<const std::size_t> phaseStarts, bool runRules, const RuleSelection& rules,
                   std::vector<RuleViolation>& out);

/// Parses "we", "nelson", "none" (case-insensitive); throws fab::Error otherwise.
RuleSelection parseRuleSelection(const std::string& text);

}  // namespace fab::spc

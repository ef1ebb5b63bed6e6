#include "core/analysis/overview_words.h"

#include <cmath>
#include <cstdio>

#include "core/common/number_text.h"

namespace fab::analysis {
namespace {

std::string fixed(double v, int decimals) { return std::isfinite(v) ? fixedText(v, decimals) : "—"; }

std::string percent(double fraction) { return fixed(100.0 * fraction, 1) + " %"; }

std::string pValue(double p) {
  if (!(p < 1e-4)) return fixedText(p, 4);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1e", p);
  return buf;
}

std::string withUnit(double v, const std::string& unit) { return fixed(v, 2) + (unit.empty() ? "" : " " + unit); }

}  // namespace

std::string describeSignals(const OutOfControlLine& l) {
  std::string s = std::to_string(l.recentBeyondLimits) + " of " + std::to_string(l.recentPoints) + " recent " +
                  l.pointName + " beyond the limits in force";
  if (l.beyondLimits > l.recentBeyondLimits) s += " (" + std::to_string(l.beyondLimits) + " in all)";
  s += "; " + std::to_string(l.openViolations) + (l.openViolations == 1 ? " signal" : " signals") + " open";
  if (!l.lastSignal.empty()) s += ", last at " + l.lastSignal;
  return s;
}

std::string describeSuspect(const ToolSuspect& t, const std::string& unit) {
  return t.group + " at " + t.step + ": median " + withUnit(t.groupMedian, unit) + " against the centre line " +
         withUnit(t.center, unit) + " (" + std::to_string(t.groupUnits) + " wafers; adjusted p " + pValue(t.pAdjusted) +
         ")";
}

std::string describeCapability(const CapabilityLine& l) {
  return l.cpkName + " " + fixed(l.cpk, 2) + ", " + l.ppkName + " " + fixed(l.ppk, 2) + " (n " + std::to_string(l.n) +
         "; " + l.specSource + ")";
}

std::string describeLot(const LotYieldLine& l) {
  std::string s = "yield " + percent(l.yield) + " over " + std::to_string(l.wafers) + " wafers; worst wafer " +
                  std::to_string(l.worstWafer) + " at " + percent(l.worstWaferYield);
  if (l.topBin) s += "; bin " + std::to_string(l.topBin) + " loses " + percent(l.topBinShare) + " of the failed dies";
  if (!l.worstZone.empty()) s += "; lowest zone: " + l.worstZone + " at " + percent(l.worstZoneYield);
  return s;
}

std::string describeKaizen(const KaizenLine& l) {
  std::string s = l.stage + (l.owner.empty() ? "" : ", owner " + l.owner) + (l.overdue ? ", overdue" : "");
  if (!l.evidenceComputed) return s + ": no SPC evidence linked";
  return s + ": " + (l.improvementShown ? "evidence shows the improvement" : "evidence does not show it yet") +
         (l.evidence.empty() ? "" : " (" + l.evidence + ")");
}

std::string describeImport(const ImportLine& l) {
  if (l.status != "ok") return l.status + (l.message.empty() ? "" : ": " + l.message);
  std::string s = "ok: " + std::to_string(l.rowsOk) + " rows";
  if (l.rowsRejected) s += ", " + std::to_string(l.rowsRejected) + " rejected";
  if (l.errors) s += ", " + std::to_string(l.errors) + " problems kept";
  return s;
}

}  // namespace fab::analysis

#pragma once
// The overview's lines in words, one sentence each, so the GUI's overview
// page and `fabkit-cli overview` say the same thing (overview.h).
#include <string>

#include "core/analysis/overview.h"

namespace fab::analysis {

/// "106 of 250 recent wafers beyond the limits in force; 110 signals open (last N2874A/25)"
std::string describeSignals(const OutOfControlLine& line);
/// "FURN-02/1 at OXIDATION: median 101.12 nm against the centre line 100.17 nm (adjusted p 5e-102)"
std::string describeSuspect(const ToolSuspect& suspect, const std::string& unit);
/// "Cpk 0.61, Ppk 0.58 (n 8,994; spec of product PROD-A)"
std::string describeCapability(const CapabilityLine& line);
/// "yield 71.2 % over 25 wafers; worst wafer 7 at 58.0 %; bin 7 loses 45 % of the failed dies; edge zone 61.0 %"
std::string describeLot(const LotYieldLine& line);
/// "Check, owner A. Lee, overdue: evidence shows the improvement: …"
std::string describeKaizen(const KaizenLine& line);
/// "ok: 817 rows, 0 rejected" or "failed: <message>"
std::string describeImport(const ImportLine& line);

}  // namespace fab::analysis

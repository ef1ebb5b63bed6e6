#pragma once
// The record types of STDF V4 (1993) and its 2007 addendum, by REC_TYP and
// REC_SUB (STDF Specification V4, "Record Types and Subtypes"; V4-2007 adds
// VUR, PSR, NMR, CNR, SSR, CDR and STR).
#include <cstdint>

namespace fab::stdf {

/// Name ("PTR") of a V4 or V4-2007 record type, or nullptr when the pair is
/// not one of them.
const char* recordName(std::uint8_t type, std::uint8_t sub);

/// True when REC_TYP is one of the record categories the specification
/// defines (0, 1, 2, 5, 10, 15, 20, 50) or reserves for tester makers' own
/// records (180, 181). Any other REC_TYP means the stream is misframed.
bool isRecordCategory(std::uint8_t type);

/// Record types by (REC_TYP << 8 | REC_SUB).
namespace kind {
constexpr std::uint16_t code(std::uint8_t type, std::uint8_t sub) {
  return static_cast<std::uint16_t>(type << 8 | sub);
}
constexpr std::uint16_t FAR = code(0, 10), ATR = code(0, 20), VUR = code(0, 30);
constexpr std::uint16_t MIR = code(1, 10), MRR = code(1, 20), PCR = code(1, 30), HBR = code(1, 40), SBR = code(1, 50);
constexpr std::uint16_t PMR = code(1, 60), PGR = code(1, 62), PLR = code(1, 63), RDR = code(1, 70), SDR = code(1, 80);
constexpr std::uint16_t PSR = code(1, 90), NMR = code(1, 91), CNR = code(1, 92), SSR = code(1, 93), CDR = code(1, 94);
constexpr std::uint16_t WIR = code(2, 10), WRR = code(2, 20), WCR = code(2, 30);
constexpr std::uint16_t PIR = code(5, 10), PRR = code(5, 20);
constexpr std::uint16_t TSR = code(10, 30);
constexpr std::uint16_t PTR = code(15, 10), MPR = code(15, 15), FTR = code(15, 20), STR = code(15, 30);
constexpr std::uint16_t BPS = code(20, 10), EPS = code(20, 20);
constexpr std::uint16_t GDR = code(50, 10), DTR = code(50, 30);
}  // namespace kind

}  // namespace fab::stdf

#include "core/stdf/record_types.h"

namespace fab::stdf {

const char* recordName(std::uint8_t type, std::uint8_t sub) {
  struct Entry {
    std::uint16_t code;
    const char* name;
  };
  static constexpr Entry kRecords[] = {
      {kind::FAR, "FAR"}, {kind::ATR, "ATR"}, {kind::VUR, "VUR"}, {kind::MIR, "MIR"}, {kind::MRR, "MRR"},
      {kind::PCR, "PCR"}, {kind::HBR, "HBR"}, {kind::SBR, "SBR"}, {kind::PMR, "PMR"}, {kind::PGR, "PGR"},
      {kind::PLR, "PLR"}, {kind::RDR, "RDR"}, {kind::SDR, "SDR"}, {kind::PSR, "PSR"}, {kind::NMR, "NMR"},
      {kind::CNR, "CNR"}, {kind::SSR, "SSR"}, {kind::CDR, "CDR"}, {kind::WIR, "WIR"}, {kind::WRR, "WRR"},
      {kind::WCR, "WCR"}, {kind::PIR, "PIR"}, {kind::PRR, "PRR"}, {kind::TSR, "TSR"}, {kind::PTR, "PTR"},
      {kind::MPR, "MPR"}, {kind::FTR, "FTR"}, {kind::STR, "STR"}, {kind::BPS, "BPS"}, {kind::EPS, "EPS"},
      {kind::GDR, "GDR"}, {kind::DTR, "DTR"},
  };
  const auto code = kind::code(type, sub);
  for (const auto& e : kRecords)
    if (e.code == code) return e.name;
  return nullptr;
}

bool isRecordCategory(std::uint8_t type) {
  switch (type) {
    case 0:
    case 1:
    case 2:
    case 5:
    case 10:
    case 15:
    case 20:
    case 50:
    case 180:
    case 181:
      return true;
    default:
      return false;
  }
}

}  // namespace fab::stdf

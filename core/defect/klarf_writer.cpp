// KLARF 1.2 writer: the lot header, then per wafer its placement, test plan,
// DefectRecordSpec, DefectList and summary, then EndOfFile. IMAGELIST is
// written as a count followed by its pairs, as inspection tools write it.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

#include "core/common/error.h"
#include "core/defect/klarf.h"

namespace fab::defect {
namespace {

std::string num(double v) {
  if (std::isnan(v)) return "NA";
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);  // shortest text that reads back to v
  return std::string(buf, res.ptr);
}

std::string quoted(const std::string& s) {
  if (s.find('"') != std::string::npos) throw Error("a KLARF string cannot hold a double quote: '" + s + "'");
  return "\"" + s + "\"";
}

std::string notchWord(wafer::Notch n) {
  std::string s(wafer::notchName(n));
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

void writeRow(std::string& out, const KlarfWafer& w, const KlarfDefect& d) {
  const auto imageList = w.column("IMAGELIST"), imageCount = w.column("IMAGECOUNT");
  for (std::size_t c = 0; c < w.defectColumns.size(); ++c) {
    if (imageList && c == *imageList) {
      if (imageCount && *imageCount < c && d.values[*imageCount] != static_cast<double>(d.images.size()))
        throw Error("a defect's IMAGECOUNT does not match its IMAGELIST entries");
      out.append(" ").append(std::to_string(d.images.size()));
      for (const auto& image : d.images)
        out.append(" ").append(std::to_string(image.number)).append(" ").append(std::to_string(image.type));
    } else {
      out.append(" ").append(num(c < d.values.size() ? d.values[c] : std::nan("")));
    }
  }
}

}  // namespace

std::string writeKlarf(const KlarfFile& f) { return f.versionMinor == 8 ? writeKlarf18(f) : writeKlarf12(f); }

std::string writeKlarf12(const KlarfFile& f) {
  std::string out;
  out += "FileVersion " + std::to_string(f.versionMajor) + " " + std::to_string(std::min(f.versionMinor, 2)) + ";\n";
  if (!f.fileTimestamp.empty()) out += "FileTimestamp " + f.fileTimestamp + ";\n";
  if (!f.inspectionStation.empty()) {
    out += "InspectionStationID";
    for (const auto& s : f.inspectionStation) out.append(" ").append(quoted(s));
    out += ";\n";
  }
  out += "SampleType " + f.sampleType + ";\n";
  if (!f.resultTimestamp.empty()) out += "ResultTimestamp " + f.resultTimestamp + ";\n";
  out += "LotID " + quoted(f.lotId) + ";\n";
  if (f.sampleSizeMm > 0) out += "SampleSize 1 " + num(f.sampleSizeMm) + ";\n";
  if (!f.deviceId.empty()) out += "DeviceID " + quoted(f.deviceId) + ";\n";
  if (!f.setupId.empty())
    out += "SetupID " + quoted(f.setupId) + (f.setupTimestamp.empty() ? "" : " " + f.setupTimestamp) + ";\n";
  if (!f.stepId.empty()) out += "StepID " + quoted(f.stepId) + ";\n";
  out += "SampleOrientationMarkType " + f.orientationMarkType + ";\n";
  out += "OrientationMarkLocation " + notchWord(f.orientationMark) + ";\n";
  if (f.diePitchXUm > 0 && f.diePitchYUm > 0)  // a file without wafers to place may have none
    out += "DiePitch " + num(f.diePitchXUm) + " " + num(f.diePitchYUm) + ";\n";
  out += "DieOrigin " + num(f.dieOriginXUm) + " " + num(f.dieOriginYUm) + ";\n";
  if (!f.classLookup.empty()) {
    out += "ClassLookup " + std::to_string(f.classLookup.size());
    for (const auto& [number, name] : f.classLookup) out += "\n " + std::to_string(number) + " " + quoted(name);
    out += ";\n";
  }
  for (const KlarfWafer& w : f.wafers) {
    out += "WaferID " + quoted(w.waferId) + ";\n";
    if (w.slot) out += "Slot " + std::to_string(w.slot) + ";\n";
    const auto& p = w.placement;
    if (p.pitchXUm != f.diePitchXUm || p.pitchYUm != f.diePitchYUm)
      out += "DiePitch " + num(p.pitchXUm) + " " + num(p.pitchYUm) + ";\n";
    if (p.dieOriginXUm != f.dieOriginXUm || p.dieOriginYUm != f.dieOriginYUm)
      out += "DieOrigin " + num(p.dieOriginXUm) + " " + num(p.dieOriginYUm) + ";\n";
    if (w.hasSampleCentre)
      out += "SampleCenterLocation " + num(p.sampleCentreXUm) + " " + num(p.sampleCentreYUm) + ";\n";
    out += "InspectionTest " + std::to_string(w.inspectionTest) + ";\n";
    if (!w.sampleTestPlan.empty()) {
      out += "SampleTestPlan " + std::to_string(w.sampleTestPlan.size());
      for (const auto& d : w.sampleTestPlan) out += "\n " + std::to_string(d.x) + " " + std::to_string(d.y);
      out += ";\n";
    }
    if (w.areaPerTestUm2 > 0) out += "AreaPerTest " + num(w.areaPerTestUm2) + ";\n";
    if (!w.defectColumns.empty()) {
      out += "DefectRecordSpec " + std::to_string(w.defectColumns.size());
      for (const auto& c : w.defectColumns) out += " " + c;
      out += ";\nDefectList";
      for (const auto& d : w.defects) {
        out += "\n";
        writeRow(out, w, d);
      }
      out += ";\n";
    }
    if (!w.summaryColumns.empty()) {
      out += "SummarySpec " + std::to_string(w.summaryColumns.size());
      for (const auto& c : w.summaryColumns) out += " " + c;
      out += ";\nSummaryList";
      for (const auto& row : w.summaryRows) {
        out += "\n";
        for (double v : row) out.append(" ").append(num(v));
      }
      out += ";\n";
    }
  }
  out += "EndOfFile;\n";
  return out;
}

}  // namespace fab::defect

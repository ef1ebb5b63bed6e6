#include "core/defect/klarf_wafer_checks.h"

#include <algorithm>
#include <cmath>

#include "core/common/error.h"

namespace fab::defect {
namespace {

std::string shortNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

/// SampleCenterLocation from the middle of the test plan's die grid (see the header).
void deriveCentre(KlarfWafer& w, std::vector<std::string>& notes) {
  int x0 = w.sampleTestPlan.front().x, x1 = x0, y0 = w.sampleTestPlan.front().y, y1 = y0;
  for (const auto& d : w.sampleTestPlan) {
    x0 = std::min(x0, d.x), x1 = std::max(x1, d.x);
    y0 = std::min(y0, d.y), y1 = std::max(y1, d.y);
  }
  auto& p = w.placement;
  p.sampleCentreXUm = (static_cast<double>(x0) + x1 + 1) * p.pitchXUm / 2 - p.dieOriginXUm;
  p.sampleCentreYUm = (static_cast<double>(y0) + y1 + 1) * p.pitchYUm / 2 - p.dieOriginYUm;
  notes.push_back("line " + std::to_string(w.line) + ": wafer '" + w.waferId +
                  "' has no SampleCenterLocation: its centre is taken as the middle of its SampleTestPlan's die grid "
                  "(columns " + std::to_string(x0) + " to " + std::to_string(x1) + ", rows " + std::to_string(y0) +
                  " to " + std::to_string(y1) + ") from DiePitch and DieOrigin, at (" +
                  shortNumber(p.sampleCentreXUm) + ", " + shortNumber(p.sampleCentreYUm) +
                  ") µm from die (0, 0); positions may be off by up to half a die");
}

}  // namespace

void checkKlarfWafer(KlarfWafer& w, const KlarfWaferRead& read, const std::string& source,
                     std::vector<std::string>& notes) {
  auto fail = [&](const std::string& message) {
    throw Error(source + ":" + std::to_string(w.line) + ": wafer '" + w.waferId + "' " + message);
  };
  if (!read.hasDefectList)
    fail("has no DefectList (a wafer lists its defects, 'DefectList;' when it has none): the wafer's records are "
         "missing");
  const bool placed = !w.defects.empty() || !w.sampleTestPlan.empty();
  const std::string what = !w.defects.empty() ? "has defects" : "has a SampleTestPlan";
  const std::string toPlace = !w.defects.empty() ? " to place them" : " to place its dies";
  if (placed && !(w.placement.pitchXUm > 0 && w.placement.pitchYUm > 0))
    fail(what + " but the file gives no DiePitch" + toPlace);
  if (placed && !w.hasSampleCentre) {
    if (w.sampleTestPlan.empty())
      fail(what + " but no SampleCenterLocation and no SampleTestPlan whose die grid would place the wafer centre");
    deriveCentre(w, notes);
  }
  for (std::size_t c = 0; c < w.summaryColumns.size(); ++c) {
    if (w.summaryColumns[c] != "NDEFECT" || w.summaryRows.empty()) continue;
    double total = 0;
    for (const auto& row : w.summaryRows) total += std::isnan(row[c]) ? 0 : row[c];
    if (total != static_cast<double>(w.defects.size()))
      notes.push_back("line " + std::to_string(read.summaryLine) + ": the SummaryList of wafer '" + w.waferId +
                      "' counts " + shortNumber(total) + " defects but its DefectList has " +
                      std::to_string(w.defects.size()) + "; the DefectList rows are imported");
  }
}

}  // namespace fab::defect

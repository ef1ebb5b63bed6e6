#include "core/defect/klarf_wafer_checks.h"

#include <cmath>

#include "core/common/error.h"
#include "core/common/number_text.h"

namespace fab::defect {
namespace {

/// SampleCenterLocation from the centroid of the test plan's die cells (see the header).
void deriveCentre(KlarfWafer& w, std::vector<std::string>& notes) {
  double sx = 0, sy = 0;
  for (const auto& d : w.sampleTestPlan) sx += d.x, sy += d.y;
  const double n = static_cast<double>(w.sampleTestPlan.size());
  auto& p = w.placement;
  p.sampleCentreXUm = (sx / n + 0.5) * p.pitchXUm - p.dieOriginXUm;
  p.sampleCentreYUm = (sy / n + 0.5) * p.pitchYUm - p.dieOriginYUm;
  notes.push_back("line " + std::to_string(w.line) + ": wafer '" + w.waferId +
                  "' has no SampleCenterLocation: its centre is taken as the centroid of its SampleTestPlan's " +
                  std::to_string(w.sampleTestPlan.size()) + " dies from DiePitch and DieOrigin, at (" +
                  significantText(p.sampleCentreXUm) + ", " + significantText(p.sampleCentreYUm) +
                  ") µm from die (0, 0); positions may be off by up to half a die");
}

}  // namespace

void checkKlarfWafer(KlarfWafer& w, const KlarfWaferRead& read, const std::string& source,
                     std::vector<std::string>& notes) {
  auto fail = [&](const std::string& message) {
    throw Error(source + ":" + std::to_string(w.line) + ": wafer '" + w.waferId + "' " + message);
  };
  if (!read.hasDefectList)
    fail(
        "has no DefectList (a wafer lists its defects, 'DefectList;' when it has none): the wafer's records are "
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
                      "' counts " + significantText(total) + " defects but its DefectList has " +
                      std::to_string(w.defects.size()) + "; the DefectList rows are imported");
  }
}

}  // namespace fab::defect

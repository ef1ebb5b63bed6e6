#pragma once
// Field-by-field comparison of two read KLARF files, for round-trip tests,
// and the helpers that make a sample file wrong in one place.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "core/common/error.h"
#include "core/defect/klarf.h"

namespace fab::defect {

/// The message refusing `text`, or "(no error)".
inline std::string parseError(const std::string& text) {
  try {
    parseKlarf(text, "t.klarf");
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

/// `text` with the first `from` replaced by `to` (which must be there).
inline std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

inline void expectSameFile(const KlarfFile& a, const KlarfFile& b) {
  EXPECT_EQ(a.lotId, b.lotId);
  EXPECT_EQ(a.deviceId, b.deviceId);
  EXPECT_EQ(a.stepId, b.stepId);
  EXPECT_EQ(a.setupId, b.setupId);
  EXPECT_EQ(a.setupTimestamp, b.setupTimestamp);
  EXPECT_EQ(a.fileTimestamp, b.fileTimestamp);
  EXPECT_EQ(a.resultTimestamp, b.resultTimestamp);
  EXPECT_EQ(a.inspectionStation, b.inspectionStation);
  EXPECT_EQ(a.orientationMark, b.orientationMark);
  EXPECT_EQ(a.classLookup, b.classLookup);
  EXPECT_EQ(a.sampleSizeMm, b.sampleSizeMm);
  EXPECT_EQ(a.diePitchXUm, b.diePitchXUm);
  EXPECT_EQ(a.dieOriginYUm, b.dieOriginYUm);
  ASSERT_EQ(a.wafers.size(), b.wafers.size());
  for (std::size_t i = 0; i < a.wafers.size(); ++i) {
    const auto &x = a.wafers[i], &y = b.wafers[i];
    EXPECT_EQ(x.waferId, y.waferId);
    EXPECT_EQ(x.slot, y.slot);
    EXPECT_EQ(x.placement.notch, y.placement.notch);
    EXPECT_EQ(x.placement.pitchXUm, y.placement.pitchXUm);
    EXPECT_EQ(x.placement.pitchYUm, y.placement.pitchYUm);
    EXPECT_EQ(x.placement.dieOriginXUm, y.placement.dieOriginXUm);
    EXPECT_EQ(x.placement.dieOriginYUm, y.placement.dieOriginYUm);
    EXPECT_EQ(x.placement.sampleCentreXUm, y.placement.sampleCentreXUm);
    EXPECT_EQ(x.placement.sampleCentreYUm, y.placement.sampleCentreYUm);
    EXPECT_EQ(x.sampleTestPlan, y.sampleTestPlan);
    EXPECT_EQ(x.areaPerTestUm2, y.areaPerTestUm2);
    EXPECT_EQ(x.defectColumns, y.defectColumns);
    EXPECT_EQ(x.summaryColumns, y.summaryColumns);
    EXPECT_EQ(x.summaryRows, y.summaryRows);
    ASSERT_EQ(x.defects.size(), y.defects.size());
    for (std::size_t d = 0; d < x.defects.size(); ++d) {
      ASSERT_EQ(x.defects[d].values.size(), y.defects[d].values.size());
      for (std::size_t c = 0; c < x.defects[d].values.size(); ++c) {
        const double u = x.defects[d].values[c], v = y.defects[d].values[c];
        EXPECT_TRUE((std::isnan(u) && std::isnan(v)) || u == v) << d << " " << c;
      }
      EXPECT_EQ(x.defects[d].images, y.defects[d].images);
    }
  }
}

}  // namespace fab::defect

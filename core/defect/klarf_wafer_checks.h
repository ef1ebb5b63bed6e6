#pragma once
// The checks every KLARF reader (1.2 and 1.8) applies to a wafer once all of
// its records are read: it can be placed, its SummaryList agrees with its
// DefectList, it lists its defects at all.
#include <cstdint>
#include <string>
#include <vector>

#include "core/defect/klarf.h"

namespace fab::defect {

struct KlarfWaferRead {
  bool hasDefectList = false;    ///< the wafer has a DefectList (an empty one counts)
  std::int64_t summaryLine = 0;  ///< line of its SummaryList; 0 when none
};

/// Checks a wafer read from `source`; throws fab::Error "source:line: …" for a
/// wafer without a DefectList or that cannot be placed. Quirks that still
/// leave the wafer usable are added to `notes`:
/// - no SampleCenterLocation: the wafer centre is taken as the centroid of
///   the SampleTestPlan's die cells. Die column x spans [x·pitch − DieOrigin,
///   (x + 1)·pitch − DieOrigin] from die (0, 0)'s reference point
///   (core/wafer/die_frame.h), so the centre sits at (mean x + ½)·pitch −
///   DieOrigin (likewise in y). A full-wafer plan is symmetric about the wafer
///   centre but for the dies the notch and edge exclusion remove; on the
///   ComPlus 3T and ATI WIND files this lands within half a die of their
///   SampleCenterLocation (where the bounding box of the grid does not).
/// - a SummaryList whose NDEFECT total differs from the DefectList rows.
void checkKlarfWafer(KlarfWafer& wafer, const KlarfWaferRead& read, const std::string& source,
                     std::vector<std::string>& notes);

}  // namespace fab::defect

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
/// - no SampleCenterLocation: the wafer centre is taken as the middle of the
///   SampleTestPlan's die grid. The cells of die columns x0…x1 span
///   [x0·pitch − DieOrigin, (x1 + 1)·pitch − DieOrigin] from die (0, 0)'s
///   reference point (core/wafer/die_frame.h), so the centre sits at
///   (x0 + x1 + 1)·pitch/2 − DieOrigin (likewise in y); a full-wafer plan is
///   symmetric about the centre to within half a die.
/// - a SummaryList whose NDEFECT total differs from the DefectList rows.
void checkKlarfWafer(KlarfWafer& wafer, const KlarfWaferRead& read, const std::string& source,
                     std::vector<std::string>& notes);

}  // namespace fab::defect

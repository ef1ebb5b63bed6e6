#pragma once
// Known-good-die quality from test: the Williams–Brown defect level.
//
// A die lot of yield Y tested with fault coverage T ships bad dies at the
// defect level DL = 1 − Y^(1−T) (T. W. Williams & N. C. Brown, "Defect level
// as a function of fault coverage", IEEE Trans. Computers C-30(12), 1981).
// The quality of a die shipped as good is q = 1 − DL = Y^(1−T); the
// coverage that reaches a target defect level is T = 1 − ln(1 − DL)/ln Y.
namespace fab::yield {

/// Parts per million of a fraction.
inline double toPpm(double fraction) { return fraction * 1e6; }
inline double fromPpm(double ppm) { return ppm * 1e-6; }

/// DL = 1 − Y^(1−T) as a fraction. yield in (0, 1], coverage in [0, 1].
/// Throws fab::Error outside those ranges (Y = 0 leaves no die to ship).
double defectLevel(double yield, double coverage);

/// q = 1 − DL = Y^(1−T): the probability that a die that passed test is good.
double dieQuality(double yield, double coverage);

/// The fault coverage T in [0, 1] needed to ship at defect level ≤ `defectLevel`
/// (a fraction in [0, 1)). 0 when even untested dies meet the target (1 − Y ≤ DL);
/// 1 when the target is 0 and Y < 1. Throws fab::Error for inputs out of range.
double coverageForDefectLevel(double yield, double defectLevel);

}  // namespace fab::yield

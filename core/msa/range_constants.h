#pragma once
// d2* of the average-and-range gauge R&R method. d2 and d3 themselves are the
// control-chart constants of core/spc/constants.h (one computation of each).
namespace fab::msa {

/// d2* for a single subgroup of size m (AIAG MSA 4th ed., Appendix C, g = 1
/// row; Duncan, Quality Control and Industrial Statistics, Table D3):
/// d2*(m, 1) = √(E[W²]) = √(d2² + d3²), W the range of m standard normals.
/// K2 = 1/d2*(appraisers, 1) and K3 = 1/d2*(parts, 1). m ≥ 2 (throws fab::Error otherwise).
double rangeD2StarOneSubgroup(int m);

}  // namespace fab::msa

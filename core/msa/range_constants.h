#pragma once
// Constants of the range of n independent standard normal values, computed
// from their definitions, for the average-and-range gauge R&R method.
//
// (The SPC module keeps its own control-chart constants; these cover what the
// gauge study needs, including d2* for one subgroup, which SPC does not use.)
namespace fab::msa {

/// d2(n) = E[W], W the range of n standard normals:
/// d2 = ∫ [1 − Φ(x)ⁿ − (1 − Φ(x))ⁿ] dx (Montgomery, Introduction to SQC, 6th ed.,
/// §6.2 and Appendix VI; Tippett 1925). n ≥ 2.
double rangeD2(int n);

/// d3(n) = SD[W]: E[W²] = 2 ∫∫_{x<y} [1 − Φ(y)ⁿ − (1 − Φ(x))ⁿ + (Φ(y) − Φ(x))ⁿ] dx dy
/// (the probability that min < x and max > y, integrated), d3 = √(E[W²] − d2²). n ≥ 2.
double rangeD3(int n);

/// d2* for a single subgroup of size m (AIAG MSA 4th ed., Appendix C, g = 1
/// row; Duncan, Quality Control and Industrial Statistics, Table D3):
/// d2*(m, 1) = √(E[W²]) = √(d2² + d3²). K2 = 1/d2*(appraisers, 1) and
/// K3 = 1/d2*(parts, 1) in the average-and-range method. m ≥ 2.
double rangeD2StarOneSubgroup(int m);

}  // namespace fab::msa

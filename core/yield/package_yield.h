#pragma once
// Yield and cost of multi-die packages built from known-good dies.
//
// A package holds groups of dies; group i has N_i dies of quality q_i (the
// probability that a die shipped as good is good, see defect_level.h) and
// works when at least K_i of them are good (K_i = N_i: no spare). Dies fail
// independently, so a group works with the binomial tail probability
//   G_i = P(Bin(N_i, q_i) ≥ K_i)      (= q_i^N_i without spares)
// and the package yield is Y = Π G_i × Y_assembly, assembly failing
// independently of the dies. The K-out-of-N group is the k-out-of-n:G system
// of reliability theory (W. Kuo & M. J. Zuo, "Optimal Reliability Modeling",
// Wiley 2003, ch. 7).
//
// Cost per good package = (Σ N_i c_i + assembly cost) / Y. Good dies that end
// up in a failed package are scrapped; their expected number per package
// built is N_i q_i − E[X_i · 1{package good}], with
//   E[X_i · 1{X_i ≥ K_i}] = N_i q_i · P(Bin(N_i − 1, q_i) ≥ K_i − 1).
#include <string>
#include <vector>

namespace fab::yield {

/// P(at least k of n independent dies of quality q are good); 1 for k ≤ 0.
/// Throws fab::Error for q outside [0, 1], n < 0 or k > n.
double atLeastKOfN(double q, int k, int n);

struct DieGroup {
  std::string name;
  double quality = 1.0;  ///< q in [0, 1]
  int count = 1;         ///< N dies placed
  int required = -1;     ///< K good dies needed; −1: all N (no spare)
  double cost = 0.0;     ///< cost of one die as placed (e.g. tested KGD), ≥ 0
  int needed() const { return required < 0 ? count : required; }
};

struct PackageSpec {
  std::vector<DieGroup> groups;
  double assemblyYield = 1.0;  ///< in (0, 1]
  double assemblyCost = 0.0;   ///< per package built, ≥ 0
  /// Throws fab::Error naming the group and the bad field.
  void validate() const;
};

struct GroupOutcome {
  std::string name;
  double groupYield = 1.0;          ///< G_i
  double goodDiesPerPackage = 0.0;  ///< N_i q_i: expected good dies placed per package built
  double goodDiesScrapped = 0.0;    ///< expected good dies lost in failed packages, per package built
};

struct PackageOutcome {
  double yield = 1.0;  ///< Π G_i × Y_assembly
  std::vector<GroupOutcome> groups;
  double costPerPackageBuilt = 0.0;
  double costPerGoodPackage = 0.0;  ///< costPerPackageBuilt / yield
  /// Of costPerGoodPackage: dies (good and bad), the good dies scrapped with
  /// failed packages, and assembly.
  double dieCostPerGoodPackage = 0.0;
  double scrappedGoodDieCostPerGoodPackage = 0.0;
  double assemblyCostPerGoodPackage = 0.0;
};

/// Yield and cost of the package. Throws fab::Error for an invalid spec or
/// when the package yield is 0 (no good package to carry the cost).
PackageOutcome evaluatePackage(const PackageSpec& spec);

/// The package yield q^N × Y_assembly for N = 1..maxDies identical dies:
/// the known-good-die table (99 % dies: 96.1 % for 4, 92.3 % for 8).
std::vector<double> packageYieldByDieCount(double quality, int maxDies, double assemblyYield = 1.0);

/// The effect of spares: yield of a group that needs k good dies when built
/// with k + s dies, for s = 0..maxSpares (times the assembly yield).
struct SpareOption {
  int spares = 0;
  int dies = 0;
  double yield = 0.0;
};
std::vector<SpareOption> sparesEffect(double quality, int required, int maxSpares, double assemblyYield = 1.0);

/// Known-good-stack build-up: die j (quality q_j) is bonded onto the stack with
/// bond yield b_j; the stack yield after j dies is Π_{i ≤ j} q_i b_i.
struct StackLayer {
  std::string name;
  double quality = 1.0;
  double bondYield = 1.0;
};
struct StackStep {
  std::string name;
  int dies = 0;             ///< dies in the stack after this step
  double stepYield = 1.0;   ///< q_j b_j
  double stackYield = 1.0;  ///< after this step
};
std::vector<StackStep> knownGoodStack(const std::vector<StackLayer>& layers);

}  // namespace fab::yield

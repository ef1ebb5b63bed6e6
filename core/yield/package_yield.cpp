#include "core/yield/package_yield.h"

#include <boost/math/distributions/binomial.hpp>
#include <cmath>

#include "core/common/error.h"

namespace fab::yield {

namespace {

void checkFraction(double v, const std::string& what) {
  if (!(v >= 0.0 && v <= 1.0)) throw Error(what + " must be a fraction in [0, 1] (got " + std::to_string(v) + ")");
}

/// E[X · 1{X ≥ k}] for X ~ Bin(n, q).
double goodDiesWhenWorking(double q, int k, int n) {
  if (n == 0) return 0.0;
  return n * q * atLeastKOfN(q, k - 1, n - 1);
}

}  // namespace

double atLeastKOfN(double q, int k, int n) {
  checkFraction(q, "the die quality");
  if (n < 0) throw Error("the number of dies must not be negative");
  if (k > n) throw Error("a group of " + std::to_string(n) + " dies cannot have " + std::to_string(k) + " good ones");
  if (k <= 0) return 1.0;
  if (q == 0.0) return 0.0;
  if (q == 1.0) return 1.0;
  // P(X ≥ k) = 1 − P(X ≤ k − 1), taken as the complement for accuracy.
  const boost::math::binomial_distribution<double> bin(n, q);
  return boost::math::cdf(boost::math::complement(bin, k - 1));
}

void PackageSpec::validate() const {
  if (groups.empty()) throw Error("a package needs at least one die group");
  for (const auto& g : groups) {
    const std::string who = "die group '" + g.name + "'";
    checkFraction(g.quality, who + ": the die quality");
    if (g.count < 1) throw Error(who + ": the die count must be at least 1");
    if (g.required > g.count || g.required == 0 || g.required < -1)
      throw Error(who + ": the good dies needed must lie in 1.." + std::to_string(g.count));
    if (!(g.cost >= 0.0) || !std::isfinite(g.cost)) throw Error(who + ": the die cost must be a non-negative number");
  }
  if (!(assemblyYield > 0.0 && assemblyYield <= 1.0)) throw Error("the assembly yield must lie in (0, 1]");
  if (!(assemblyCost >= 0.0) || !std::isfinite(assemblyCost))
    throw Error("the assembly cost must be a non-negative number");
}

PackageOutcome evaluatePackage(const PackageSpec& spec) {
  spec.validate();
  PackageOutcome out;
  out.yield = spec.assemblyYield;
  for (const auto& g : spec.groups) {
    GroupOutcome o;
    o.name = g.name;
    o.groupYield = atLeastKOfN(g.quality, g.needed(), g.count);
    o.goodDiesPerPackage = g.count * g.quality;
    out.yield *= o.groupYield;
    out.groups.push_back(o);
  }
  if (!(out.yield > 0.0))
    throw Error("the package yield is 0: no package is good, so there is no cost per good package");

  double dieCost = 0.0;
  double scrappedGood = 0.0;
  for (std::size_t i = 0; i < spec.groups.size(); ++i) {
    const auto& g = spec.groups[i];
    auto& o = out.groups[i];
    // P(every other group works and assembly succeeds), then the good dies of
    // this group that ship inside good packages.
    const double others = o.groupYield > 0.0 ? out.yield / o.groupYield : 0.0;
    const double shipped = others * goodDiesWhenWorking(g.quality, g.needed(), g.count);
    o.goodDiesScrapped = std::max(0.0, o.goodDiesPerPackage - shipped);
    dieCost += g.count * g.cost;
    scrappedGood += o.goodDiesScrapped * g.cost;
  }
  out.costPerPackageBuilt = dieCost + spec.assemblyCost;
  out.costPerGoodPackage = out.costPerPackageBuilt / out.yield;
  out.dieCostPerGoodPackage = dieCost / out.yield;
  out.scrappedGoodDieCostPerGoodPackage = scrappedGood / out.yield;
  out.assemblyCostPerGoodPackage = spec.assemblyCost / out.yield;
  return out;
}

std::vector<double> packageYieldByDieCount(double quality, int maxDies, double assemblyYield) {
  checkFraction(quality, "the die quality");
  checkFraction(assemblyYield, "the assembly yield");
  if (maxDies < 1) throw Error("the table needs at least one die per package");
  std::vector<double> out;
  for (int n = 1; n <= maxDies; ++n) out.push_back(std::pow(quality, n) * assemblyYield);
  return out;
}

std::vector<SpareOption> sparesEffect(double quality, int required, int maxSpares, double assemblyYield) {
  checkFraction(assemblyYield, "the assembly yield");
  if (required < 1) throw Error("at least one good die must be required");
  if (maxSpares < 0) throw Error("the number of spares must not be negative");
  std::vector<SpareOption> out;
  for (int s = 0; s <= maxSpares; ++s)
    out.push_back({s, required + s, atLeastKOfN(quality, required, required + s) * assemblyYield});
  return out;
}

std::vector<StackStep> knownGoodStack(const std::vector<StackLayer>& layers) {
  std::vector<StackStep> out;
  double y = 1.0;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const auto& l = layers[i];
    const std::string who = "stack die " + std::to_string(i + 1) + (l.name.empty() ? "" : " ('" + l.name + "')");
    checkFraction(l.quality, who + ": the die quality");
    checkFraction(l.bondYield, who + ": the bond yield");
    const double step = l.quality * l.bondYield;
    y *= step;
    out.push_back({l.name, static_cast<int>(i + 1), step, y});
  }
  return out;
}

}  // namespace fab::yield

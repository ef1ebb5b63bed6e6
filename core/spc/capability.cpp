#include "core/spc/capability.h"

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <cmath>

#include "core/common/error.h"

namespace fab::spc {
namespace {

using boost::math::cdf;
using boost::math::complement;
using boost::math::quantile;

/// Chi-square interval for an index proportional to 1/σ̂ (Montgomery eq. 8.19).
CapabilityIndex chiSquareIndex(double value, double dof, double alpha) {
  CapabilityIndex c;
  c.available = true;
  c.value = value;
  if (dof > 0 && std::isfinite(value)) {
    boost::math::chi_squared chi(dof);
    c.lower = value * std::sqrt(quantile(chi, alpha / 2) / dof);
    c.upper = value * std::sqrt(quantile(chi, 1 - alpha / 2) / dof);
  }
  return c;
}

/// Bissell's (1990) normal-approximation interval for Cpk-type indices.
CapabilityIndex bissellIndex(double value, std::size_t n, double alpha) {
  CapabilityIndex c;
  c.available = true;
  c.value = value;
  if (n > 1 && std::isfinite(value)) {
    const double z = quantile(boost::math::normal(), 1 - alpha / 2);
    const double se = std::sqrt(1.0 / (9.0 * n) + value * value / (2.0 * (n - 1)));
    c.lower = value - z * se;
    c.upper = value + z * se;
  }
  return c;
}

/// The four Cp-family indices for one σ: Cp (or Pp), lower, upper, k.
void indexFamily(double mean, double sigma, std::size_t n, const SpecLimits& s, double alpha, CapabilityIndex& two,
                 CapabilityIndex& lower, CapabilityIndex& upper, CapabilityIndex& k) {
  if (s.lsl && s.usl) two = chiSquareIndex((*s.usl - *s.lsl) / (6 * sigma), n - 1.0, alpha);
  if (s.lsl) lower = bissellIndex((mean - *s.lsl) / (3 * sigma), n, alpha);
  if (s.usl) upper = bissellIndex((*s.usl - mean) / (3 * sigma), n, alpha);
  if (s.lsl && s.usl) k = bissellIndex(std::min(lower.value, upper.value), n, alpha);
}

PartsPerMillion expected(double mean, double sigma, const SpecLimits& s) {
  PartsPerMillion p;
  boost::math::normal normal(mean, sigma);
  if (s.lsl) p.below = 1e6 * cdf(normal, *s.lsl);
  if (s.usl) p.above = 1e6 * cdf(complement(normal, *s.usl));
  p.total = (s.lsl ? p.below : 0.0) + (s.usl ? p.above : 0.0);
  return p;
}

}  // namespace

void CapabilityOptions::validate() const {
  if (!spec.lsl && !spec.usl) throw Error("capability needs at least one spec limit (LSL or USL)");
  for (const auto* v : {&spec.lsl, &spec.usl, &spec.target})
    if (*v && !std::isfinite(**v)) throw Error("spec limits must be finite numbers");
  if (spec.lsl && spec.usl && !(*spec.lsl < *spec.usl))
    throw Error("the LSL (" + std::to_string(*spec.lsl) + ") must be below the USL (" + std::to_string(*spec.usl) +
                ")");
  if (!(confidence > 0 && confidence < 1)) throw Error("the confidence level must lie between 0 and 1 (e.g. 0.95)");
}

CapabilityResult capabilityFromSummary(double mean, double sigmaWithin, double sigmaOverall, std::size_t n,
                                       const CapabilityOptions& options) {
  options.validate();
  if (!(std::isfinite(sigmaWithin) && sigmaWithin > 0) || !(std::isfinite(sigmaOverall) && sigmaOverall > 0))
    throw Error(
        "capability: the process σ is zero (every value is the same) or unknown, so the indices are "
        "undefined; check the data's resolution");
  CapabilityResult r;
  r.n = n;
  r.mean = mean;
  r.sigmaWithin = sigmaWithin;
  r.sigmaOverall = sigmaOverall;
  r.confidence = options.confidence;
  r.spec = options.spec;
  const double alpha = 1 - options.confidence;
  const auto& s = options.spec;
  indexFamily(mean, sigmaWithin, n, s, alpha, r.cp, r.cpl, r.cpu, r.cpk);
  indexFamily(mean, sigmaOverall, n, s, alpha, r.pp, r.ppl, r.ppu, r.ppk);
  if (!(s.lsl && s.usl))
    r.notes.push_back(std::string("one-sided spec: only ") + (s.lsl ? "Cpl and Ppl" : "Cpu and Ppu") + " are defined");
  if (s.lsl && s.usl && s.target) {
    const double a = (mean - *s.target) / sigmaWithin;
    const double dof = n * std::pow(1 + a * a, 2) / (1 + 2 * a * a);
    r.cpm = chiSquareIndex(
        (*s.usl - *s.lsl) / (6 * std::sqrt(sigmaWithin * sigmaWithin + std::pow(mean - *s.target, 2))), dof, alpha);
  } else if (s.lsl && s.usl) {
    r.notes.push_back("Cpm needs a target value");
  }
  r.expectedWithin = expected(mean, sigmaWithin, s);
  r.expectedOverall = expected(mean, sigmaOverall, s);
  return r;
}

CapabilityResult capability(std::span<const double> values, double sigmaWithin, const std::string& sigmaWithinMethod,
                            const CapabilityOptions& options) {
  options.validate();
  std::size_t n = 0;
  double mean = 0, m2 = 0;
  for (double x : values) {
    if (std::isnan(x)) continue;
    ++n;
    const double d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
  }
  if (n < 2) throw Error("capability needs at least 2 values (got " + std::to_string(n) + ")");
  auto r = capabilityFromSummary(mean, sigmaWithin, std::sqrt(m2 / (n - 1)), n, options);
  r.sigmaWithinMethod = sigmaWithinMethod;
  const auto& s = options.spec;
  std::size_t below = 0, above = 0;
  for (double x : values) {
    if (std::isnan(x)) continue;
    below += s.lsl && x < *s.lsl;
    above += s.usl && x > *s.usl;
  }
  if (s.lsl) r.observed.below = 1e6 * below / n;
  if (s.usl) r.observed.above = 1e6 * above / n;
  r.observed.total = 1e6 * (below + above) / n;
  return r;
}

}  // namespace fab::spc

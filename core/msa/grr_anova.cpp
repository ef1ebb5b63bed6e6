#include "core/msa/grr_anova.h"

#include <algorithm>
#include <boost/math/distributions/fisher_f.hpp>
#include <cmath>
#include <limits>

namespace fab::msa {
namespace {

/// One tested line: F = MS / MS_denominator and its upper-tail p-value.
AnovaRow tested(std::string source, int df, double ss, double denominatorMs, int denominatorDf) {
  AnovaRow row{std::move(source), df, ss, ss / df, std::nullopt, std::nullopt};
  if (denominatorMs > 0) {
    row.f = row.ms / denominatorMs;
    row.p = boost::math::cdf(boost::math::complement(boost::math::fisher_f(df, denominatorDf), *row.f));
  } else if (row.ms > 0) {  // error-free denominator: the effect is certain
    row.f = std::numeric_limits<double>::infinity();
    row.p = 0.0;
  }
  return row;
}

AnovaRow plain(std::string source, int df, double ss) {
  return {std::move(source), df, ss, df > 0 ? ss / df : 0.0, std::nullopt, std::nullopt};
}

}  // namespace

AnovaGrrResult grrAnova(const CrossedLayout& layout, const GrrOptions& options) {
  options.validate();
  const int r = layout.requireBalanced("the ANOVA method");
  const auto P = layout.partCount(), A = layout.appraiserCount();
  const int p = static_cast<int>(P), a = static_cast<int>(A);
  AnovaGrrResult out;
  out.parts = p;
  out.appraisers = a;
  out.trials = r;
  out.interactionAlpha = options.interactionAlpha;
  out.cells = grrCells(layout);

  out.partMean.assign(P, 0.0);
  out.appraiserMean.assign(A, 0.0);
  double grand = 0;
  for (const auto& c : out.cells) {
    out.partMean[c.part] += c.mean / a;
    out.appraiserMean[c.appraiser] += c.mean / p;
    grand += c.mean / (p * a);
  }
  double ssP = 0, ssA = 0, ssPA = 0, ssE = 0;
  for (double m : out.partMean) ssP += a * r * (m - grand) * (m - grand);
  for (double m : out.appraiserMean) ssA += p * r * (m - grand) * (m - grand);
  for (const auto& c : out.cells) {
    const double e = c.mean - out.partMean[c.part] - out.appraiserMean[c.appraiser] + grand;
    ssPA += r * e * e;
    for (double y : layout.values(c.part, c.appraiser)) ssE += (y - c.mean) * (y - c.mean);
  }
  const int dfP = p - 1, dfA = a - 1, dfPA = dfP * dfA, dfE = p * a * (r - 1), dfT = p * a * r - 1;
  const double msE = ssE / dfE;
  const double ssT = ssP + ssA + ssPA + ssE;

  VarianceComponents& v = out.variances;
  auto setComponent = [&](double& target, double estimate, const char* name) {
    if (estimate < 0) out.zeroedComponents.push_back(name);
    target = std::max(0.0, estimate);
  };

  if (a == 1) {
    // One appraiser: y = μ + P + ε, no reproducibility to estimate.
    out.table = {tested("Part", dfP, ssP, msE, dfE), plain("Repeatability", dfE, ssE), plain("Total", dfT, ssT)};
    v.repeatability = msE;
    setComponent(v.part, (ssP / dfP - msE) / r, "part-to-part");
    out.warnings.push_back("one appraiser: reproducibility cannot be estimated and is taken as 0");
  } else {
    const double msPA = ssPA / dfPA;
    const AnovaRow interaction = tested("Part × appraiser", dfPA, ssPA, msE, dfE);
    out.table = {tested("Part", dfP, ssP, msPA, dfPA), tested("Appraiser", dfA, ssA, msPA, dfPA), interaction,
                 plain("Repeatability", dfE, ssE), plain("Total", dfT, ssT)};
    out.interactionP = interaction.p;
    // An untestable interaction (0/0: no interaction and no repeatability) carries nothing: pool it.
    out.interactionPooled = !interaction.p || *interaction.p > options.interactionAlpha;
    v.splitReproducibility = true;
    if (out.interactionPooled) {
      const int dfPooled = dfPA + dfE;
      const double msPooled = (ssPA + ssE) / dfPooled;
      out.reducedTable = {tested("Part", dfP, ssP, msPooled, dfPooled),
                          tested("Appraiser", dfA, ssA, msPooled, dfPooled),
                          plain("Repeatability", dfPooled, ssPA + ssE), plain("Total", dfT, ssT)};
      v.repeatability = msPooled;
      setComponent(v.appraiser, (ssA / dfA - msPooled) / (p * r), "appraiser");
      setComponent(v.part, (ssP / dfP - msPooled) / (a * r), "part-to-part");
    } else {
      v.interactionInModel = true;
      v.repeatability = msE;
      setComponent(v.interaction, (msPA - msE) / r, "part × appraiser");
      setComponent(v.appraiser, (ssA / dfA - msPA) / (p * r), "appraiser");
      setComponent(v.part, (ssP / dfP - msPA) / (a * r), "part-to-part");
    }
  }
  out.summary = summarizeGrr(v, options);
  for (const auto& name : out.zeroedComponents)
    out.warnings.push_back("the " + name + " variance estimate was negative and is set to 0");
  return out;
}

}  // namespace fab::msa

#include "core/msa/krippendorff_alpha.h"

#include <algorithm>
#include <cmath>

#include "core/common/error.h"

namespace fab::msa {

std::string_view toString(AlphaLevel level) {
  switch (level) {
    case AlphaLevel::Nominal:
      return "nominal";
    case AlphaLevel::Ordinal:
      return "ordinal";
    case AlphaLevel::Interval:
      return "interval";
    case AlphaLevel::Ratio:
      return "ratio";
  }
  return "nominal";
}

AlphaLevel parseAlphaLevel(std::string_view text) {
  if (text == "nominal") return AlphaLevel::Nominal;
  if (text == "ordinal") return AlphaLevel::Ordinal;
  if (text == "interval") return AlphaLevel::Interval;
  if (text == "ratio") return AlphaLevel::Ratio;
  throw Error("unknown level '" + std::string(text) +
              "' for Krippendorff's alpha: use nominal, ordinal, interval or ratio");
}

namespace {

/// δ²_ck (Krippendorff 2011, section E), with n_g the value totals for ordinal data.
Eigen::MatrixXd differences(const std::vector<double>& v, const Eigen::VectorXd& totals, AlphaLevel level) {
  const auto V = static_cast<Eigen::Index>(v.size());
  Eigen::MatrixXd d = Eigen::MatrixXd::Zero(V, V);
  for (Eigen::Index c = 0; c < V; ++c)
    for (Eigen::Index k = 0; k < V; ++k) {
      if (c == k) continue;
      switch (level) {
        case AlphaLevel::Nominal:
          d(c, k) = 1;
          break;
        case AlphaLevel::Ordinal: {
          const Eigen::Index lo = std::min(c, k), hi = std::max(c, k);
          const double between = totals.segment(lo, hi - lo + 1).sum() - (totals(c) + totals(k)) / 2;
          d(c, k) = between * between;
          break;
        }
        case AlphaLevel::Interval:
          d(c, k) = (v[c] - v[k]) * (v[c] - v[k]);
          break;
        case AlphaLevel::Ratio: {
          const double r = (v[c] - v[k]) / (v[c] + v[k]);
          d(c, k) = r * r;
          break;
        }
      }
    }
  return d;
}

}  // namespace

KrippendorffAlphaResult krippendorffAlpha(const Eigen::MatrixXd& data, AlphaLevel level) {
  KrippendorffAlphaResult r;
  r.level = level;
  for (Eigen::Index u = 0; u < data.rows(); ++u)
    for (Eigen::Index c = 0; c < data.cols(); ++c) {
      const double x = data(u, c);
      if (std::isinf(x))
        throw Error("Krippendorff's alpha: unit " + std::to_string(u + 1) + " holds an infinite value");
      if (level == AlphaLevel::Ratio && x < 0)
        throw Error("ratio-level alpha needs values ≥ 0; unit " + std::to_string(u + 1) + " has " + std::to_string(x));
      if (!std::isnan(x)) r.values.push_back(x);
    }
  std::sort(r.values.begin(), r.values.end());
  r.values.erase(std::unique(r.values.begin(), r.values.end()), r.values.end());
  const auto V = static_cast<Eigen::Index>(r.values.size());
  auto code = [&](double x) {
    return static_cast<Eigen::Index>(std::lower_bound(r.values.begin(), r.values.end(), x) - r.values.begin());
  };

  // Coincidence matrix: each ordered pair of values within a unit adds 1/(m_u − 1).
  r.coincidences = Eigen::MatrixXd::Zero(V, V);
  std::vector<Eigen::Index> unit;
  for (Eigen::Index u = 0; u < data.rows(); ++u) {
    unit.clear();
    for (Eigen::Index c = 0; c < data.cols(); ++c)
      if (!std::isnan(data(u, c))) unit.push_back(code(data(u, c)));
    if (unit.size() < 2) {
      ++r.unitsSkipped;
      continue;
    }
    ++r.pairableUnits;
    r.pairableValues += static_cast<int>(unit.size());
    const double w = 1.0 / static_cast<double>(unit.size() - 1);
    for (std::size_t i = 0; i < unit.size(); ++i)
      for (std::size_t j = 0; j < unit.size(); ++j)
        if (i != j) r.coincidences(unit[i], unit[j]) += w;
  }
  if (r.pairableUnits == 0) throw Error("Krippendorff's alpha needs at least one subject with two or more ratings");

  const Eigen::VectorXd totals = r.coincidences.rowwise().sum();
  const double n = totals.sum();
  const Eigen::MatrixXd delta = differences(r.values, totals, level);
  r.observedDisagreement = (r.coincidences.array() * delta.array()).sum() / n;
  r.expectedDisagreement = (totals.transpose() * delta * totals).value() / (n * (n - 1));
  if (!(r.expectedDisagreement > 0))
    throw Error(
        "Krippendorff's alpha is undefined: every paired rating has the same value, so there is no "
        "variation to agree on");
  r.alpha = 1 - r.observedDisagreement / r.expectedDisagreement;
  return r;
}

}  // namespace fab::msa

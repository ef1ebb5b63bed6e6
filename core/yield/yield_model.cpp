#include "core/yield/yield_model.h"

#include <array>
#include <cctype>
#include <cmath>

#include "core/common/error.h"

namespace fab::yield {

namespace {

// The forms as compared in J. A. Cunningham, "The use and evaluation of yield
// models in integrated circuit manufacturing", IEEE Trans. Semicond. Manuf.
// 3(2), 1990, Table I.
constexpr std::array<ModelInfo, 7> kModels{{
    {YieldModel::Poisson, "poisson", "Poisson", "e^(−AD)", "Poisson statistics, D fixed"},
    {YieldModel::MurphyTriangular, "murphy", "Murphy (triangular)", "((1 − e^(−AD))/(AD))²",
     "Murphy 1964, Proc. IEEE 52(12): triangular density of D"},
    {YieldModel::MurphyUniform, "murphy-uniform", "Murphy (uniform)", "(1 − e^(−2AD))/(2AD)",
     "Murphy 1964, Proc. IEEE 52(12): D uniform on [0, 2D0]"},
    {YieldModel::SeedsHyperbolic, "seeds", "Seeds 1/(1+AD)", "1/(1 + AD)",
     "Seeds 1967 / Price 1970: exponential density of D"},
    {YieldModel::SeedsExponential, "seeds-exp", "Seeds e^(−√AD)", "e^(−√(AD))",
     "Seeds 1967, IEEE Int. Convention Record: empirical"},
    {YieldModel::BoseEinstein, "bose-einstein", "Bose-Einstein", "(1 + AD)^(−n)",
     "Price 1970, Proc. IEEE 58(8): D per critical layer, n layers"},
    {YieldModel::NegativeBinomial, "negbin", "Negative binomial", "(1 + AD/α)^(−α)",
     "Stapper 1976, IBM J. Res. Dev. 20(3): gamma-distributed D, cluster parameter α"},
}};

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// (1 − e^(−x))/x, with its limit 1 at x = 0, accurate for small x.
double oneMinusExpOverX(double x) { return x == 0.0 ? 1.0 : -std::expm1(-x) / x; }

}  // namespace

std::span<const ModelInfo> allModels() { return kModels; }

const ModelInfo& modelInfo(YieldModel model) {
  for (const auto& m : kModels)
    if (m.model == model) return m;
  throw Error("unknown yield model");
}

std::optional<YieldModel> parseModel(std::string_view key) {
  const auto k = lower(key);
  for (const auto& m : kModels)
    if (k == m.key) return m.model;
  if (k == "murphy-triangular") return YieldModel::MurphyTriangular;
  if (k == "seeds-hyperbolic") return YieldModel::SeedsHyperbolic;
  if (k == "negative-binomial" || k == "stapper") return YieldModel::NegativeBinomial;
  if (k == "be") return YieldModel::BoseEinstein;
  return std::nullopt;
}

std::string modelKeys() {
  std::string out;
  for (const auto& m : kModels) out += (out.empty() ? "" : ", ") + std::string(m.key);
  return out;
}

void validate(YieldModel model, const ModelParameters& p) {
  if (model == YieldModel::NegativeBinomial && !(p.alpha > 0.0 && std::isfinite(p.alpha)))
    throw Error("the negative binomial cluster parameter α must be a positive number (got " + std::to_string(p.alpha) +
                "); large α approaches Poisson, α = 1 gives 1/(1+AD)");
  if (model == YieldModel::BoseEinstein && p.layers < 1)
    throw Error("the Bose-Einstein model needs at least one critical layer (got " + std::to_string(p.layers) + ")");
}

double yieldAtAD(YieldModel model, double x, const ModelParameters& p) {
  switch (model) {
    case YieldModel::Poisson:
      return std::exp(-x);
    case YieldModel::MurphyTriangular: {
      const double g = oneMinusExpOverX(x);
      return g * g;
    }
    case YieldModel::MurphyUniform:
      return oneMinusExpOverX(2.0 * x);
    case YieldModel::SeedsHyperbolic:
      return 1.0 / (1.0 + x);
    case YieldModel::SeedsExponential:
      return std::exp(-std::sqrt(x));
    case YieldModel::BoseEinstein:
      return std::exp(-p.layers * std::log1p(x));
    case YieldModel::NegativeBinomial:
      // exp(−α·log1p(x/α)) stays accurate as α → ∞, where it tends to e^(−x).
      return std::exp(-p.alpha * std::log1p(x / p.alpha));
  }
  throw Error("unknown yield model");
}

double modelYield(YieldModel model, double area, double d0, const ModelParameters& p, double y0) {
  if (!(area >= 0.0) || !std::isfinite(area)) throw Error("the die area must be a non-negative number of cm²");
  if (!(d0 >= 0.0) || !std::isfinite(d0)) throw Error("the defect density D0 must be a non-negative number per cm²");
  if (!(y0 > 0.0 && y0 <= 1.0)) throw Error("the gross yield Y0 must lie in (0, 1]");
  validate(model, p);
  return y0 * yieldAtAD(model, area * d0, p);
}

}  // namespace fab::yield

#pragma once
// Random-defect yield models Y(A, D0): the fraction of dies of critical area A
// (cm²) free of killer defects when the mean defect density is D0 (cm⁻²).
//
// Every model here is the Poisson yield e^(−AD) averaged over a distribution
// of D (a compound Poisson model), except Seeds' e^(−√AD), which is empirical:
//   Poisson                e^(−AD)                    (D fixed)
//   Murphy, triangular     ((1 − e^(−AD)) / AD)²      Murphy 1964, Proc. IEEE 52(12)
//   Murphy, uniform        (1 − e^(−2AD)) / (2AD)     Murphy 1964, D uniform on [0, 2D0]
//   Seeds, hyperbolic      1 / (1 + AD)               D exponential (Seeds 1967; Price 1970)
//   Seeds, exponential     e^(−√(AD))                 Seeds 1967, IEEE Int. Convention Record
//   Bose-Einstein          (1 + AD)^(−n)              Price 1970, Proc. IEEE 58(8);
//                                                     D per critical layer, n layers
//   Negative binomial      (1 + AD/α)^(−α)            Stapper 1976, IBM J. Res. Dev. 20(3); α is
//                                                     the cluster parameter (α → ∞: Poisson)
// Gross (defect-independent) losses enter as a factor Y0 ≤ 1: Y = Y0 · Ymodel.
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace fab::yield {

enum class YieldModel {
  Poisson,
  MurphyTriangular,
  MurphyUniform,
  SeedsHyperbolic,
  SeedsExponential,
  BoseEinstein,
  NegativeBinomial,
};

/// The model-specific shape parameters. Only the model that uses one reads it.
struct ModelParameters {
  double alpha = 2.0;  ///< negative binomial cluster parameter α > 0
  int layers = 1;      ///< Bose-Einstein number of critical layers n ≥ 1
};

/// How a model is named and cited, for tables and JSON.
struct ModelInfo {
  YieldModel model;
  std::string_view key;      ///< command-line name: "poisson", "murphy", "seeds", "seeds-exp", …
  std::string_view name;     ///< "Murphy (triangular)"
  std::string_view formula;  ///< "((1 − e^(−AD))/AD)²"
  std::string_view source;
};

/// All models in a fixed display order.
std::span<const ModelInfo> allModels();
const ModelInfo& modelInfo(YieldModel model);
/// Parses a command-line name (case-insensitive); "murphy" is the triangular
/// form, "seeds" the hyperbolic 1/(1+AD) form. nullopt when unknown.
std::optional<YieldModel> parseModel(std::string_view key);
/// The accepted names, comma-separated, for error messages.
std::string modelKeys();

/// Throws fab::Error when a parameter the model uses is out of range.
void validate(YieldModel model, const ModelParameters& parameters);

/// Yield as a function of the mean number of defects per die x = A·D0 ≥ 0
/// (for Bose-Einstein D0 is the density per layer). No gross-yield factor.
double yieldAtAD(YieldModel model, double ad, const ModelParameters& parameters = {});

/// Y = Y0 · Ymodel(A·D0). area in cm², d0 in cm⁻², y0 in (0, 1].
/// Throws fab::Error for a negative or non-finite input.
double modelYield(YieldModel model, double area, double d0, const ModelParameters& parameters = {}, double y0 = 1.0);

}  // namespace fab::yield

#pragma once
// Fitting the gross yield Y0, the defect density D0 and the cluster parameter
// α to die sort data by maximum likelihood with the window method.
//
// For a block of m dies of area A each, a model predicts the block yield
//   P_m = Y0 · Ymodel(m·A·D0)
// (Stapper, Armstrong & Saji, Proc. IEEE 71(4), 1983: Y0 is the zero-area
// intercept of block yield against block area). The good-block counts k_m of
// n_m complete blocks are taken as binomial, independent across block sizes
// (a composite likelihood: the same dies make up every tiling), and the
// deviance is minimised with Levenberg–Marquardt (Eigen), which is the
// maximum-likelihood fit.
//
// Identifiability: K block sizes with data identify at most K parameters.
// With one die area and m = 1 only (K = 1) just one parameter — the yield — is
// identifiable: each model turns it into its own D0 and the models are not
// ranked. With K = 2, Y0 is fixed at 1 unless a value is given; with K ≥ 3 it
// is fitted. Goodness of fit (Pearson X² with K − p degrees of freedom) is
// defined only where a model has fewer parameters than block sizes.
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/yield/window_blocks.h"
#include "core/yield/yield_model.h"

namespace fab::yield {

struct WindowFitOptions {
  double dieArea = std::numeric_limits<double>::quiet_NaN();  ///< cm², required
  std::vector<BlockShape> blocks = defaultBlockShapes();
  /// Models to fit; Bose-Einstein uses `layers` (it is the negative binomial
  /// with α = n and D counted per layer).
  std::vector<YieldModel> models = {YieldModel::Poisson,          YieldModel::MurphyTriangular,
                                    YieldModel::MurphyUniform,    YieldModel::SeedsHyperbolic,
                                    YieldModel::SeedsExponential, YieldModel::NegativeBinomial};
  /// A fixed gross yield in (0, 1]; nullopt: fitted when there are three or
  /// more block sizes, else fixed at 1.
  std::optional<double> grossYield;
  /// A fixed negative binomial α; nullopt: fitted when the data allow.
  std::optional<double> alpha;
  int layers = 1;  ///< Bose-Einstein critical layers

  /// Throws fab::Error naming the first bad option.
  void validate() const;
};

struct GoodnessOfFit {
  double chiSquare = 0.0;  ///< Pearson X² over block sizes
  int degreesOfFreedom = 0;
  double pValue = 0.0;  ///< upper tail of χ²(df); approximate (blocks share dies)
};

struct ModelFit {
  YieldModel model = YieldModel::Poisson;
  double y0 = 1.0;
  bool y0Fitted = false;
  double d0 = 0.0;  ///< cm⁻² (per layer for Bose-Einstein)
  /// Negative binomial α (+inf when the fit is Poisson-like: no clustering);
  /// NaN for the other models.
  double alpha = std::numeric_limits<double>::quiet_NaN();
  bool alphaFitted = false;
  int layers = 1;      ///< Bose-Einstein critical layers used
  int parameters = 0;  ///< parameters estimated from the data
  double logLikelihood = std::numeric_limits<double>::quiet_NaN();
  double aic = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> predicted;          ///< block yield for each entry of WindowFitResult::blocks
  std::optional<GoodnessOfFit> goodness;  ///< absent where not defined (df ≤ 0)
  std::string note;

  /// The fitted block yield Y0 · Ymodel(m·A·D0) for blocks of m dies of area
  /// dieArea each: the model's curve over the block-size data.
  double blockYield(int m, double dieArea) const;
};

struct WindowFitResult {
  std::vector<BlockYield> blocks;
  int blockSizes = 0;              ///< distinct m with at least one complete block
  int identifiableParameters = 0;  ///< min(blockSizes, 3)
  bool ranked = false;             ///< models ordered by AIC (best first)
  std::vector<ModelFit> models;
  std::string message;  ///< what the data identify and how the models were compared
  std::vector<std::string> warnings;
};

/// Counts blocks over the wafers (pooled) and fits every model in the options.
WindowFitResult fitWindowMethod(std::span<const SortWafer> wafers, const WindowFitOptions& options);

/// Fits block counts already made (e.g. pooled elsewhere).
WindowFitResult fitBlockYields(std::vector<BlockYield> blocks, const WindowFitOptions& options);

}  // namespace fab::yield

#include "core/yield/window_fit.h"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <unsupported/Eigen/NonLinearOptimization>
#include <unsupported/Eigen/NumericalDiff>

#include "core/common/error.h"
#include "core/yield/block_likelihood.h"
#include "core/yield/defect_density.h"

namespace fab::yield {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double logistic(double u) { return 1.0 / (1.0 + std::exp(-u)); }
double logit(double p) { return std::log(p / (1.0 - p)); }

/// The values a fit varies: Y0, x = A·D0 per die, α.
struct Point {
  double y0 = 1.0;
  double x = 0.0;
  double alpha = kNaN;
};

/// One model's likelihood over the block counts, in unconstrained
/// coordinates z = (ln x [, logit Y0] [, ln α]).
class Problem {
 public:
  Problem(const std::vector<BlockYield>& blocks, YieldModel model, const WindowFitOptions& o, bool fitY0, bool fitAlpha)
      : blocks_(blocks),
        model_(model),
        layers_(o.layers),
        fitY0_(fitY0),
        fitAlpha_(fitAlpha),
        fixedY0_(o.grossYield.value_or(1.0)),
        fixedAlpha_(o.alpha.value_or(kInf)) {}

  int parameters() const { return 1 + (fitY0_ ? 1 : 0) + (fitAlpha_ ? 1 : 0); }
  bool fitsY0() const { return fitY0_; }
  bool fitsAlpha() const { return fitAlpha_; }

  Point decode(const Eigen::VectorXd& z) const {
    auto clamped = [](double v) { return std::clamp(v, -40.0, 40.0); };
    Point p;
    p.x = std::exp(clamped(z[0]));
    p.y0 = fitY0_ ? logistic(clamped(z[1])) : fixedY0_;
    p.alpha = fitAlpha_ ? std::exp(clamped(z[fitY0_ ? 2 : 1])) : fixedAlpha_;
    return p;
  }
  Eigen::VectorXd encode(const Point& p) const {
    Eigen::VectorXd z(parameters());
    z[0] = std::log(p.x);
    if (fitY0_) z[1] = logit(std::clamp(p.y0, 1e-9, 1.0 - 1e-9));
    if (fitAlpha_) z[fitY0_ ? 2 : 1] = std::log(p.alpha);
    return z;
  }

  /// Block yield of m dies; α = +inf is the Poisson limit.
  double predict(const Point& p, int m) const {
    if (model_ == YieldModel::NegativeBinomial && std::isinf(p.alpha))
      return p.y0 * yieldAtAD(YieldModel::Poisson, m * p.x);
    return p.y0 * yieldAtAD(model_, m * p.x, {p.alpha, layers_});
  }
  std::vector<double> predictAll(const Point& p) const {
    std::vector<double> out;
    for (const auto& b : blocks_) out.push_back(predict(p, b.m));
    return out;
  }
  double logLikelihood(const Point& p) const {
    double ll = 0.0;
    for (const auto& b : blocks_) ll += binomialLogLikelihood(b, predict(p, b.m));
    return ll;
  }
  const std::vector<BlockYield>& blocks() const { return blocks_; }

 private:
  const std::vector<BlockYield>& blocks_;
  YieldModel model_;
  int layers_;
  bool fitY0_;
  bool fitAlpha_;
  double fixedY0_;
  double fixedAlpha_;
};

/// Deviance residuals as an Eigen functor for Levenberg–Marquardt.
struct DevianceFunctor {
  using Scalar = double;
  using InputType = Eigen::VectorXd;
  using ValueType = Eigen::VectorXd;
  using JacobianType = Eigen::MatrixXd;
  enum { InputsAtCompileTime = Eigen::Dynamic, ValuesAtCompileTime = Eigen::Dynamic };

  const Problem* problem;
  int inputs() const { return problem->parameters(); }
  int values() const { return static_cast<int>(problem->blocks().size()); }
  int operator()(const Eigen::VectorXd& z, Eigen::VectorXd& residuals) const {
    const Point p = problem->decode(z);
    const auto& blocks = problem->blocks();
    for (std::size_t i = 0; i < blocks.size(); ++i) {
      const double prob = std::clamp(problem->predict(p, blocks[i].m), 1e-300, 1.0 - 1e-16);
      residuals[static_cast<Eigen::Index>(i)] = devianceResidual(blocks[i], prob);
    }
    return 0;
  }
};

Point minimise(const Problem& problem, const Point& start) {
  DevianceFunctor functor{&problem};
  Eigen::NumericalDiff<DevianceFunctor, Eigen::Central> diff(functor);
  Eigen::LevenbergMarquardt<Eigen::NumericalDiff<DevianceFunctor, Eigen::Central>> lm(diff);
  lm.parameters.maxfev = 4000;
  lm.parameters.xtol = 1e-12;
  lm.parameters.ftol = 1e-14;
  Eigen::VectorXd z = problem.encode(start);
  lm.minimize(z);
  return problem.decode(z);
}

/// Starting points: D0 from the smallest block size's yield under each start
/// Y0 and α, so that LM begins near the data.
std::vector<Point> startingPoints(const Problem& problem, YieldModel model, const WindowFitOptions& o) {
  const auto& first = problem.blocks().front();
  const double n = static_cast<double>(first.blocks);
  const double y = std::clamp(static_cast<double>(first.good) / n, 0.5 / n, 1.0 - 0.5 / n);
  std::vector<double> y0s =
      problem.fitsY0() ? std::vector<double>{0.999, 0.9} : std::vector{o.grossYield.value_or(1.0)};
  std::vector<double> alphas =
      problem.fitsAlpha() ? std::vector<double>{0.5, 2.0, 8.0} : std::vector{o.alpha.value_or(kInf)};
  std::vector<Point> out;
  for (double y0 : y0s)
    for (double alpha : alphas) {
      const double target = std::min(y / y0, 1.0 - 1e-9);
      const YieldModel inverse =
          model == YieldModel::NegativeBinomial && std::isinf(alpha) ? YieldModel::Poisson : model;
      const double x = std::max(adFromYield(inverse, target, {alpha, o.layers}) / first.m, 1e-9);
      out.push_back({y0, x, alpha});
    }
  return out;
}

ModelFit fitModel(const std::vector<BlockYield>& blocks, YieldModel model, const WindowFitOptions& o, bool fitY0) {
  const bool isNegbin = model == YieldModel::NegativeBinomial;
  const bool fitAlpha = isNegbin && !o.alpha;
  const Problem problem(blocks, model, o, fitY0, fitAlpha);

  Point best;
  double bestLL = -kInf;
  auto consider = [&](const Point& p) {
    const double ll = problem.logLikelihood(p);
    if (ll > bestLL + 1e-9) {
      bestLL = ll;
      best = p;
    }
  };
  for (const auto& start : startingPoints(problem, model, o)) consider(minimise(problem, start));
  // The boundaries Y0 = 1 and α → ∞ are limits the unconstrained coordinates
  // only approach: fit them as sub-problems and keep them when no worse.
  auto boundary = [&](bool freeY0, std::optional<double> alpha) {
    WindowFitOptions sub = o;
    if (!freeY0) sub.grossYield = 1.0;
    if (alpha) sub.alpha = *alpha;
    const Problem reduced(blocks, model, sub, freeY0, isNegbin && !sub.alpha);
    for (const auto& start : startingPoints(reduced, model, sub)) {
      const Point p = minimise(reduced, start);
      if (reduced.logLikelihood(p) >= bestLL - 1e-9) {
        bestLL = reduced.logLikelihood(p);
        best = p;
      }
    }
  };
  if (fitY0) boundary(false, fitAlpha ? std::nullopt : o.alpha);
  if (fitAlpha) {
    boundary(fitY0, kInf);
    if (fitY0) boundary(false, kInf);
  }

  ModelFit fit;
  fit.model = model;
  fit.y0 = best.y0;
  fit.y0Fitted = fitY0;
  fit.d0 = best.x / o.dieArea;
  if (isNegbin) fit.alpha = best.alpha;
  fit.layers = o.layers;
  if (model == YieldModel::BoseEinstein) fit.note = "n = " + std::to_string(o.layers) + " layers; D0 per layer";
  fit.alphaFitted = fitAlpha;
  fit.parameters = problem.parameters();
  fit.logLikelihood = bestLL;
  fit.aic = 2.0 * fit.parameters - 2.0 * bestLL;
  fit.predicted = problem.predictAll(best);
  fit.goodness = pearsonGoodness(blocks, fit.predicted, fit.parameters);
  if (isNegbin && fitAlpha && std::isinf(best.alpha))
    fit.note = "α → ∞: no clustering beyond Poisson is seen at these block sizes";
  return fit;
}

/// One block size: only the yield is identifiable; each model's D0 follows
/// from it by the model's inverse.
ModelFit oneParameterFit(const std::vector<BlockYield>& blocks, YieldModel model, const WindowFitOptions& o) {
  const auto& b = blocks.front();
  const double y0 = o.grossYield.value_or(1.0);
  ModelFit fit;
  fit.model = model;
  fit.y0 = y0;
  fit.layers = o.layers;
  fit.parameters = 1;
  const double alpha = o.alpha.value_or(kNaN);
  if (model == YieldModel::NegativeBinomial) {
    fit.alpha = alpha;
    if (!o.alpha) {
      fit.d0 = kNaN;
      fit.parameters = 0;
      fit.note = "needs a given α: α is not identifiable from one block size";
      return fit;
    }
  }
  fit.d0 = d0FromYield(model, b.m * o.dieArea, b.yield(), {alpha, o.layers}, y0);
  fit.logLikelihood = binomialLogLikelihood(b, b.yield());
  if (model == YieldModel::BoseEinstein) fit.note = "n = " + std::to_string(o.layers) + " layers; D0 per layer";
  return fit;
}

std::string shortNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string sizesText(const std::vector<BlockYield>& blocks) {
  std::string out;
  for (const auto& b : blocks) out += (out.empty() ? "" : ", ") + std::to_string(b.m);
  return out;
}

}  // namespace

double ModelFit::blockYield(int m, double dieArea) const {
  if (model == YieldModel::NegativeBinomial && std::isinf(alpha))
    return y0 * yieldAtAD(YieldModel::Poisson, m * dieArea * d0);
  return y0 * yieldAtAD(model, m * dieArea * d0, {alpha, layers});
}

void WindowFitOptions::validate() const {
  if (!(dieArea > 0.0) || !std::isfinite(dieArea)) throw Error("the die area (cm²) must be given as a positive number");
  if (blocks.empty()) throw Error("at least one block size is needed (m = 1, 2, 4, 9…)");
  if (models.empty()) throw Error("at least one yield model must be chosen");
  if (grossYield && !(*grossYield > 0.0 && *grossYield <= 1.0))
    throw Error("a fixed gross yield Y0 must lie in (0, 1]");
  if (alpha && !(*alpha > 0.0)) throw Error("a fixed cluster parameter α must be positive");
  if (layers < 1) throw Error("the Bose-Einstein model needs at least one critical layer");
}

WindowFitResult fitWindowMethod(std::span<const SortWafer> wafers, const WindowFitOptions& options) {
  options.validate();
  return fitBlockYields(countBlocks(wafers, options.blocks), options);
}

WindowFitResult fitBlockYields(std::vector<BlockYield> blocks, const WindowFitOptions& options) {
  options.validate();
  WindowFitResult result;
  result.blocks = std::move(blocks);
  std::vector<BlockYield> used;
  std::set<int> sizes;
  for (const auto& b : result.blocks) {
    if (b.blocks == 0) {
      result.warnings.push_back("no complete block of m = " + std::to_string(b.m) + " (" +
                                std::to_string(b.shape.width) + " × " + std::to_string(b.shape.height) +
                                " dies): left out of the fit");
      continue;
    }
    used.push_back(b);
    sizes.insert(b.m);
  }
  if (used.empty()) throw Error("no complete block of dies: there is nothing to fit (are all dies excluded?)");
  std::stable_sort(used.begin(), used.end(), [](const auto& a, const auto& b) { return a.m < b.m; });
  if (used.front().good == 0)
    throw Error("no good block of m = " + std::to_string(used.front().m) +
                " dies: the yield is zero and no finite defect density explains it");
  result.blockSizes = static_cast<int>(sizes.size());
  result.identifiableParameters = std::min(result.blockSizes, 3);

  // Predictions are reported for every entry of result.blocks (NaN where it has no data).
  auto spread = [&](ModelFit fit) {
    fit.predicted.clear();
    for (const auto& b : result.blocks)
      fit.predicted.push_back(b.blocks > 0 && !std::isnan(fit.d0) ? fit.blockYield(b.m, options.dieArea) : kNaN);
    return fit;
  };

  if (result.blockSizes == 1) {
    for (auto model : options.models) result.models.push_back(spread(oneParameterFit(used, model, options)));
    result.message = "Only one block size (m = " + std::to_string(used.front().m) +
                     ") has data: with one die area only one parameter — the yield — is identifiable. Each model "
                     "turns it into its own D0 and the data cannot tell the models apart, so they are not ranked. "
                     "Fit blocks of m = 1, 2, 4, 9 (window method) to estimate Y0, D0 and α.";
    return result;
  }

  // With K ≥ 3 block sizes Y0 joins D0 (and α); with K = 2 the negative
  // binomial's α takes the second degree of freedom and Y0 stays fixed.
  const bool fitY0 = !options.grossYield && result.blockSizes >= 3;
  for (auto model : options.models) result.models.push_back(spread(fitModel(used, model, options, fitY0)));
  std::stable_sort(result.models.begin(), result.models.end(),
                   [](const ModelFit& a, const ModelFit& b) { return a.aic < b.aic; });
  result.ranked = true;

  std::string fitted = fitY0 ? "Y0 and D0" : "D0";
  if (!options.alpha) fitted += " (and the negative binomial α)";
  std::string y0Note;
  if (options.grossYield)
    y0Note = " with the given Y0 = " + shortNumber(*options.grossYield);
  else if (!fitY0)
    y0Note = " with Y0 fixed at 1 (a third block size would free it)";
  result.message = std::to_string(result.blockSizes) + " block sizes (m = " + sizesText(used) + ") identify up to " +
                   std::to_string(result.identifiableParameters) + " parameters: " + fitted +
                   " fitted by maximum likelihood" + y0Note + "; models ranked by AIC (best first).";
  if (std::any_of(result.models.begin(), result.models.end(),
                  [](const ModelFit& f) { return !std::isnan(f.aic) && !f.goodness; }))
    result.message += " A model with as many parameters as block sizes fits them exactly: no goodness of fit for it.";
  return result;
}

}  // namespace fab::yield

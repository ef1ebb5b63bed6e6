// fabkit-cli kalman: a local-level or local-linear-trend model on one CSV column — variances
// (given or fitted by maximum likelihood), filtered and smoothed level, diagnostics and flags.
#include <cmath>
#include <limits>
#include <optional>

#include "app/cli/command.h"
#include "app/cli/output.h"
#include "core/common/error.h"
#include "core/io/csv_table.h"
#include "core/io/field_parse.h"
#include "core/kalman/anomaly_flags.h"
#include "core/kalman/diagnostics.h"
#include "core/kalman/kalman_filter.h"
#include "core/kalman/kalman_smoother.h"
#include "core/kalman/local_level_fast.h"
#include "core/kalman/time_spacing.h"
#include "core/kalman/variance_fit.h"

namespace fab::cli {
namespace {

using namespace fab::kalman;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr const char* kLogLikConvention =
    "diffuse log-likelihood, Durbin & Koopman (2012) eq. 7.2: -(N/2) log 2pi - 1/2 sum log F_inf (diffuse "
    "observations) - 1/2 sum (log F + v^2/F) (the others); N counts every observed value, so it keeps 1/2 log 2pi "
    "for each diffuse observation";

/// A time as a number, or an ISO date/time as days since 1970-01-01.
std::optional<double> parseTime(const std::string& text) {
  if (auto v = io::parseNumber(text)) return v;
  if (auto ms = io::parseTimestamp(text)) return static_cast<double>(*ms) / 86400000.0;
  return std::nullopt;
}

std::vector<double> readTimes(const io::CsvTable& table, const std::string& column) {
  const auto idx = table.columnIndex(column);
  std::vector<double> out(table.rowCount(), kNaN);
  for (std::size_t r = 0; r < table.rowCount(); ++r) {
    const auto& cell = table.cell(r, idx);
    if (io::isMissing(cell)) continue;
    const auto t = parseTime(cell);
    if (!t)
      throw Error(table.path() + ":" + std::to_string(table.line(r)) + ": the time column '" + column + "' holds '" +
                  cell + "', which is neither a number nor a date/time");
    out[r] = *t;
  }
  return out;
}

/// --intervention T: a time of the --time column (the first row at or after it), else a 1-based row.
Eigen::Index interventionStep(const std::string& text, const std::vector<double>* times, std::size_t n) {
  if (times) {
    const auto t = parseTime(text);
    if (!t) throw UsageError{"--intervention expects a time of the --time column, got '" + text + "'"};
    for (std::size_t r = 0; r < n; ++r)
      if ((*times)[r] >= *t) return static_cast<Eigen::Index>(r);
    throw Error("the intervention time " + text + " is after the last row");
  }
  const auto row = io::parseInteger(text);
  if (!row || *row < 1 || static_cast<std::size_t>(*row) > n)
    throw UsageError{"--intervention expects a row number from 1 to " + std::to_string(n) + " (or a time with --time)"};
  return static_cast<Eigen::Index>(*row - 1);
}

/// Z_t x and Z_t V Z_t' for the observation of step t.
double signal(const StateSpaceModel& m, Eigen::Index t, const Eigen::Ref<const Eigen::VectorXd>& x) {
  return m.Z.at(t).row(0).dot(x);
}
double signalVariance(const StateSpaceModel& m, Eigen::Index t, const Eigen::Ref<const Eigen::MatrixXd>& V) {
  const auto z = m.Z.at(t).row(0);
  return z * V * z.transpose();
}

Json varianceJson(const VarianceEstimate& e) {
  return Json{{"name", e.name},           {"value", number(e.value)}, {"se", number(e.standardError)},
              {"lower", number(e.lower)}, {"upper", number(e.upper)}, {"at_boundary", e.atBoundary}};
}

int run(const Args& args) {
  const auto table = io::CsvTable::read(args.value("csv"));
  const auto valueColumn = args.value("value");
  const std::vector<double> y = table.numbers(valueColumn);
  const auto n = static_cast<Eigen::Index>(y.size());
  if (n == 0) throw Error(table.path() + ": the file has no data row");

  StructuralModel sm;
  const auto modelName = args.valueOr("model", "local-level");
  if (modelName == "local-trend")
    sm.trend = Trend::LocalLinearTrend;
  else if (modelName != "local-level")
    throw UsageError{"--model must be local-level or local-trend"};

  std::optional<std::vector<double>> times;
  ElapsedTime spacing;
  if (auto col = args.optional("time")) {
    times = readTimes(table, *col);
    spacing = elapsedFromTimes(*times);
  }
  const Eigen::VectorXd elapsed = spacing.irregular ? spacing.elapsed : Eigen::VectorXd();
  if (auto text = args.optional("intervention"))
    sm.interventionStep = interventionStep(*text, times ? &*times : nullptr, y.size());

  const bool given = args.has("var-eps") || args.has("var-eta") || args.has("var-slope");
  if (given && args.has("fit")) throw UsageError{"give either --fit or the variances, not both"};
  const bool fit = !given;
  std::optional<VarianceFit> fitted;
  if (fit) {
    fitted = fitVariances(sm, y, elapsed);
    sm = fitted->model;
  } else {
    sm.observationVariance = args.number("var-eps");
    sm.levelVariance = args.number("var-eta");
    if (sm.trend == Trend::LocalLinearTrend)
      sm.slopeVariance = args.number("var-slope");
    else if (args.has("var-slope"))
      throw UsageError{"--var-slope belongs to --model local-trend"};
  }

  // Filter and smooth: the scalar path for a plain local level, the general one otherwise.
  const StateSpaceModel model = toStateSpace(sm, n, elapsed);
  const bool scalar = sm.trend == Trend::LocalLevel && !sm.interventionStep;
  const std::span<const double> dt(elapsed.data(), static_cast<std::size_t>(elapsed.size()));
  const LocalLevelVariances llv{sm.observationVariance, sm.levelVariance};
  const FilterResult f = scalar ? localLevelFilter(y, llv, dt) : kalmanFilter(model, y);
  const SmootherResult s = scalar ? localLevelSmoother(f, llv, dt) : kalmanSmoother(model, f);
  const Eigen::MatrixXd stdInnov = standardisedInnovations(f);
  const NisTest nis = nisTest(f);
  AnomalyOptions flagOptions;
  flagOptions.familywiseAlpha = args.numberOr("alpha", 0.05);
  const AnomalyReport flags = flagAnomalies(s, flagOptions);

  std::vector<std::string> warnings = f.warnings;
  if (fitted) warnings.insert(warnings.end(), fitted->warnings.begin(), fitted->warnings.end());
  Json out;
  out["model"] = trendName(sm.trend);
  out["rows"] = n;
  out["observations"] = f.observations;
  out["fitted"] = fit;
  Json vars = Json::array();
  if (fitted) {
    for (const auto& e : fitted->estimates) vars.push_back(varianceJson(e));
  } else {
    const auto names = sm.varianceNames();
    const auto values = sm.variances();
    for (std::size_t i = 0; i < names.size(); ++i)
      vars.push_back(varianceJson({names[i], values[i], kNaN, kNaN, kNaN, kNaN, false}));
  }
  out["variances"] = vars;
  const double q = sm.observationVariance > 0 ? sm.levelVariance / sm.observationVariance : kNaN;
  out["signal_to_noise"] = number(q);
  out["ewma_lambda"] = sm.trend == Trend::LocalLevel && std::isfinite(q) ? number(ewmaWeight(q)) : Json(nullptr);
  if (!sm.interventionStep && !spacing.irregular && sm.observationVariance > 0) {
    const auto ss = steadyState(model);
    out["steady_state_gain"] = ss.converged ? number(ss.gain(0, 0)) : Json(nullptr);
  } else {
    out["steady_state_gain"] = nullptr;  // time-varying model: no steady state
  }
  out["log_likelihood"] = number(f.logLikelihood);
  out["log_likelihood_convention"] = kLogLikConvention;
  out["diffuse_observations"] = f.diffuseObservations;
  out["aic"] = fitted ? number(fitted->aic) : Json(nullptr);
  if (fitted)
    out["optimiser"] = {
        {"iterations", fitted->iterations}, {"converged", fitted->converged}, {"message", fitted->message}};
  if (times) {
    out["time"] = {{"column", args.value("time")},
                   {"irregular", spacing.irregular},
                   {"unit", number(spacing.unit)},
                   {"note", spacing.irregular ? "irregular spacing: the state noise of each move is scaled by the "
                                                "elapsed time, in units of the median spacing"
                                              : "equally spaced: one step per row"}};
  }
  if (sm.interventionStep) {
    const Eigen::Index k = sm.interventionStateIndex();
    const double effect = s.state(k, n - 1), se = std::sqrt(s.varianceAt(n - 1)(k, k));
    out["intervention"] = {{"row", *sm.interventionStep + 1},
                           {"time", times ? number((*times)[*sm.interventionStep]) : Json(nullptr)},
                           {"effect", number(effect)},
                           {"se", number(se)},
                           {"t", number(effect / se)}};
  }
  out["nis"] = {{"statistic", number(nis.statistic)}, {"dof", nis.degreesOfFreedom}, {"mean", number(nis.mean)},
                {"lower", number(nis.lower)},         {"upper", number(nis.upper)},  {"p_value", number(nis.pValue)},
                {"consistent", nis.consistent}};
  Json anomalies = Json::array();
  for (const auto& a : flags.anomalies)
    anomalies.push_back({{"kind", anomalyKindName(a.kind)},
                         {"row", a.step + 1},
                         {"line", table.line(static_cast<std::size_t>(a.step))},
                         {"time", times ? number((*times)[a.step]) : Json(nullptr)},
                         {"residual", number(a.residual)},
                         {"first_row", a.firstStep + 1},
                         {"last_row", a.lastStep + 1}});
  out["flags"] = {{"alpha", flagOptions.familywiseAlpha},
                  {"outlier_threshold", number(flags.outlierThreshold)},
                  {"shift_threshold", number(flags.shiftThreshold)},
                  {"rule", "Bonferroni: |auxiliary residual| > z(1 - alpha/(2N)) for N residuals of each kind"},
                  {"anomalies", anomalies}};

  Json series = Json::array();
  std::vector<std::vector<std::string>> rows;
  for (Eigen::Index t = 0; t < n; ++t) {
    const Eigen::Map<const Eigen::MatrixXd> Pf(f.filteredVariance.col(t).data(), f.stateDim, f.stateDim);
    double filtVar = signalVariance(model, t, Pf);
    if (t < f.diffuseSteps) {
      const Eigen::Map<const Eigen::MatrixXd> Pinf(f.diffuseFilteredVariance.col(t).data(), f.stateDim, f.stateDim);
      if (signalVariance(model, t, Pinf) > 1e-9) filtVar = kNaN;  // still diffuse: unbounded
    }
    const double filt = std::isnan(filtVar) ? kNaN : signal(model, t, f.filteredState.col(t));
    const double smooth = signal(model, t, s.state.col(t));
    const double smoothSd = std::sqrt(std::max(0.0, signalVariance(model, t, s.varianceAt(t))));
    const double shiftResidual = t > 0 ? s.stateAuxiliary(0, t - 1) : kNaN;
    series.push_back({{"row", t + 1},
                      {"time", times ? number((*times)[t]) : Json(nullptr)},
                      {"value", number(y[t])},
                      {"filtered", number(filt)},
                      {"filtered_sd", number(std::sqrt(filtVar))},
                      {"smoothed", number(smooth)},
                      {"smoothed_sd", number(smoothSd)},
                      {"innovation_std", number(stdInnov(0, t))},
                      {"outlier_residual", number(s.observationAuxiliary(0, t))},
                      {"shift_residual", number(shiftResidual)}});
    if (!args.json())
      rows.push_back({std::to_string(t + 1), times ? fmt((*times)[t], 2) : "", fmt(y[t], 3), fmt(filt, 3),
                      fmt(std::sqrt(filtVar), 3), fmt(smooth, 3), fmt(smoothSd, 3), fmt(stdInnov(0, t), 2),
                      fmt(s.observationAuxiliary(0, t), 2), fmt(shiftResidual, 2)});
  }
  out["series"] = series;
  out["warnings"] = warnings;

  if (args.json()) {
    printJson(out);
    return 0;
  }
  std::cout << "Kalman " << trendName(sm.trend) << " on " << valueColumn << " (" << f.observations << " of " << n
            << " rows observed)\n\n";
  TextTable summary({"quantity", "value", "se", "95% interval"});
  for (const auto& v : out["variances"])
    summary.add(
        {v["name"].get<std::string>() + (fit ? " (fitted)" : " (given)"),
         fmt(v["value"].is_null() ? kNaN : v["value"].get<double>(), 3),
         fmt(v["se"].is_null() ? kNaN : v["se"].get<double>(), 3),
         v["lower"].is_null() ? "" : fmt(v["lower"].get<double>(), 3) + " – " + fmt(v["upper"].get<double>(), 3)});
  summary.add({"q = σ²η/σ²ε", fmt(q, 5), "", ""});
  if (!out["ewma_lambda"].is_null())
    summary.add({"equivalent EWMA λ", fmt(out["ewma_lambda"].get<double>(), 5), "", ""});
  if (!out["steady_state_gain"].is_null())
    summary.add({"steady-state gain", fmt(out["steady_state_gain"].get<double>(), 5), "", ""});
  summary.add({"log-likelihood (diffuse, D&K 7.2)", fmt(f.logLikelihood, 4), "", ""});
  if (fitted) summary.add({"AIC (D&K §7.4, per observation)", fmt(fitted->aic, 4), "", ""});
  summary.add({"NIS mean (χ² test p)", fmt(nis.mean, 3), "", "p = " + fmt(nis.pValue, 4)});
  if (sm.interventionStep)
    summary.add({"intervention at row " + std::to_string(*sm.interventionStep + 1),
                 fmt(out["intervention"]["effect"].get<double>(), 3), fmt(out["intervention"]["se"].get<double>(), 3),
                 ""});
  summary.print();
  if (times)
    std::cout << "\ntime: " << out["time"]["note"].get<std::string>() << " (unit " << fmt(spacing.unit, 4) << ")\n";
  auto bound = [](double z) {
    return std::isfinite(z) ? "|r| > " + fmt(z, 3) : std::string("not tested (no residuals)");
  };
  std::cout << "\nflags (Bonferroni, α = " << fmt(flagOptions.familywiseAlpha, 3) << "): outlier "
            << bound(flags.outlierThreshold) << ", level shift " << bound(flags.shiftThreshold) << "\n";
  if (flags.anomalies.empty()) std::cout << "  none\n";
  for (const auto& a : flags.anomalies)
    std::cout << "  " << anomalyKindName(a.kind) << " at row " << a.step + 1
              << (times ? " (time " + fmt((*times)[a.step], 2) + ")" : "") << ", residual " << fmt(a.residual, 2)
              << "\n";
  for (const auto& w : warnings) std::cout << "warning: " << w << "\n";
  std::cout << "\n";
  TextTable table2({"row", "time", "value", "filtered", "sd", "smoothed", "sd", "std innov", "outlier r", "shift r"});
  for (auto& r : rows) table2.add(std::move(r));
  table2.print();
  return 0;
}

const Registration registration{
    Command{"kalman",
            "Kalman filter and smoother (local level / local linear trend) with variance fit and flags",
            "",
            "Fits the variances by maximum likelihood unless --var-eps and --var-eta are given. Missing values are\n"
            "skipped. With --time and irregular spacing, the state noise scales with the elapsed time.\n"
            "Outliers and level shifts are flagged from the auxiliary residuals with a Bonferroni bound.",
            {{"csv", "FILE", "the CSV file"},
             {"value", "COL", "the column to model"},
             {"time", "COL", "a time column (numbers or ISO dates); irregular spacing scales the state noise"},
             {"model", "NAME", "local-level (default) or local-trend"},
             {"fit", "", "estimate the variances by maximum likelihood (the default when none is given)"},
             {"var-eps", "V", "observation variance σ²ε (a variance, not a standard deviation)"},
             {"var-eta", "V", "level disturbance variance σ²η"},
             {"var-slope", "V", "slope disturbance variance σ²ζ (local-trend)"},
             {"intervention", "T", "a step change of the level from T on: a time of --time, else a 1-based row"},
             {"alpha", "A", "familywise false-alarm probability of the flags (default 0.05)"},
             jsonOption()},
            run}};

}  // namespace
}  // namespace fab::cli

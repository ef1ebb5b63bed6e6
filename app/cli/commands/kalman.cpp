// fabkit-cli kalman: a local-level or local-linear-trend model on one CSV column — variances
// (given or fitted by maximum likelihood), filtered and smoothed level, diagnostics and flags —
// or on a workspace parameter's wafer (lot) means, as the Kalman view shows them.
// The analyses are core/kalman/level_analysis.h and core/analysis/parameter_level.h; this file
// reads the columns and prints, the series row by row as it is produced.
#include <cmath>
#include <functional>
#include <limits>
#include <optional>

#include "app/cli/command.h"
#include "app/cli/output.h"
#include "app/cli/spliced_json.h"
#include "app/cli/streamed_text_table.h"
#include "core/analysis/parameter_level.h"
#include "core/common/error.h"
#include "core/io/csv_columns.h"
#include "core/io/field_parse.h"
#include "core/kalman/level_analysis.h"
#include "core/kalman/time_spacing.h"
#include "core/store/workspace.h"

namespace fab::cli {
namespace {

using namespace fab::kalman;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr const char* kLogLikConvention =
    "diffuse log-likelihood, Durbin & Koopman (2012) eq. 7.2: -(N/2) log 2pi - 1/2 sum log F_inf (diffuse "
    "observations) - 1/2 sum (log F + v^2/F) (the others); N counts every observed value, so it keeps 1/2 log 2pi "
    "for each diffuse observation";

/// --intervention T: a time of the --time column (the first row at or after it), else a 1-based row.
Eigen::Index interventionStep(const std::string& text, const std::vector<double>* times, std::size_t n) {
  if (times) {
    const auto t = io::parseTimeAsDays(text);
    if (!t) throw UsageError{"--intervention expects a time of the --time column, got '" + text + "'"};
    return stepAtOrAfter(*times, *t);
  }
  const auto row = io::parseInteger(text);
  if (!row || *row < 1 || static_cast<std::size_t>(*row) > n)
    throw UsageError{"--intervention expects a row number from 1 to " + std::to_string(n) + " (or a time with --time)"};
  return static_cast<Eigen::Index>(*row - 1);
}

Json varianceJson(const VarianceEstimate& e) {
  return Json{{"name", e.name},           {"value", number(e.value)}, {"se", number(e.standardError)},
              {"lower", number(e.lower)}, {"upper", number(e.upper)}, {"at_boundary", e.atBoundary}};
}

/// --model, --fit, --var-eps, --var-eta, --var-slope, --false-alarm as a request (the intervention is set later).
LevelAnalysisRequest requestFrom(const Args& args) {
  LevelAnalysisRequest request;
  StructuralModel& sm = request.model;
  const auto modelName = args.valueOr("model", "local-level");
  if (modelName == "local-trend")
    sm.trend = Trend::LocalLinearTrend;
  else if (modelName != "local-level")
    throw UsageError{"--model must be local-level or local-trend"};
  const bool given = args.has("var-eps") || args.has("var-eta") || args.has("var-slope");
  if (given && args.has("fit")) throw UsageError{"give either --fit or the variances, not both"};
  request.fit = !given;
  if (given) {
    sm.observationVariance = args.number("var-eps");
    sm.levelVariance = args.number("var-eta");
    if (sm.trend == Trend::LocalLinearTrend)
      sm.slopeVariance = args.number("var-slope");
    else if (args.has("var-slope"))
      throw UsageError{"--var-slope belongs to --model local-trend"};
  }
  request.familywiseAlpha = args.numberOr("false-alarm", 0.05);
  return request;
}

/// Where a row of the series came from: its CSV line, or its lot and wafer.
using RowPlace = std::function<void(Json&, Eigen::Index)>;

/// Everything but the series, in the order printed.
Json summaryJson(const Args& args, const LevelAnalysis& a, const RowPlace& place,
                 const std::optional<std::vector<double>>& times, const ElapsedTime& spacing) {
  const StructuralModel& sm = a.model;
  Json out;
  out["model"] = trendName(sm.trend);
  out["rows"] = a.rows;
  out["observations"] = a.observations;
  out["fitted"] = a.fitted.has_value();
  Json vars = Json::array();
  if (a.fitted) {
    for (const auto& e : a.fitted->estimates) vars.push_back(varianceJson(e));
  } else {
    const auto names = sm.varianceNames();
    const auto values = sm.variances();
    for (std::size_t i = 0; i < names.size(); ++i)
      vars.push_back(varianceJson({names[i], values[i], kNaN, kNaN, kNaN, kNaN, false}));
  }
  out["variances"] = vars;
  out["signal_to_noise"] = number(a.signalToNoise);
  out["ewma_lambda"] = a.ewmaLambda ? number(*a.ewmaLambda) : Json(nullptr);
  out["steady_state_gain"] = a.steadyStateGain ? number(*a.steadyStateGain) : Json(nullptr);
  out["log_likelihood"] = number(a.logLikelihood);
  out["log_likelihood_convention"] = kLogLikConvention;
  out["diffuse_observations"] = a.diffuseObservations;
  out["aic"] = a.fitted ? number(a.fitted->aic) : Json(nullptr);
  if (a.fitted)
    out["optimiser"] = {
        {"iterations", a.fitted->iterations}, {"converged", a.fitted->converged}, {"message", a.fitted->message}};
  if (times) {
    out["time"] = {{"column", args.valueOr("time", "first measurement of each mean")},
                   {"irregular", spacing.irregular},
                   {"unit", number(spacing.unit)},
                   {"note", spacing.irregular ? "irregular spacing: the state noise of each move is scaled by the "
                                                "elapsed time, in units of the median spacing"
                                              : "equally spaced: one step per row"}};
  }
  auto timeAt = [&](Eigen::Index t) { return times ? number((*times)[t]) : Json(nullptr); };
  if (a.intervention) {
    const auto& i = *a.intervention;
    out["intervention"] = {{"row", i.step + 1},
                           {"time", timeAt(i.step)},
                           {"effect", number(i.effect)},
                           {"se", number(i.standardError)},
                           {"t", number(i.effect / i.standardError)}};
  }
  const NisTest& nis = a.nis;
  out["nis"] = {{"statistic", number(nis.statistic)}, {"dof", nis.degreesOfFreedom}, {"mean", number(nis.mean)},
                {"lower", number(nis.lower)},         {"upper", number(nis.upper)},  {"p_value", number(nis.pValue)},
                {"consistent", nis.consistent}};
  Json anomalies = Json::array();
  for (const auto& x : a.flags.anomalies) {
    Json flag = {{"kind", anomalyKindName(x.kind)}, {"row", x.step + 1}};
    place(flag, x.step);
    flag.update(Json{{"time", timeAt(x.step)},
                     {"residual", number(x.residual)},
                     {"first_row", x.firstStep + 1},
                     {"last_row", x.lastStep + 1}});
    anomalies.push_back(flag);
  }
  out["flags"] = {{"alpha", args.numberOr("false-alarm", 0.05)},
                  {"outlier_threshold", number(a.flags.outlierThreshold)},
                  {"shift_threshold", number(a.flags.shiftThreshold)},
                  {"rule", "Bonferroni: |auxiliary residual| > z(1 - alpha/(2N)) for N residuals of each kind"},
                  {"anomalies", anomalies}};
  out["series"] = Json::array();  // written step by step (printSeriesJson)
  out["warnings"] = a.warnings;
  return out;
}

void printSeriesJson(Json summary, const LevelAnalysis& a, const std::optional<std::vector<double>>& times) {
  // The series is written step by step as the analysis gives it (app/cli/spliced_json.h).
  SplicedJson spliced;
  summary["series"] = spliced.array([&](JsonArrayWriter& json) {
    a.forEachStep([&](const LevelStep& s) {
      json.beginObject();
      json.field("row", static_cast<long long>(s.step + 1));
      json.field("time", times ? (*times)[s.step] : kNaN);  // null without a time column
      json.field("value", s.value);
      json.field("filtered", s.filtered);
      json.field("filtered_sd", s.filteredSd);
      json.field("smoothed", s.smoothed);
      json.field("smoothed_sd", s.smoothedSd);
      json.field("innovation_std", s.innovationStd);
      json.field("outlier_residual", s.outlierResidual);
      json.field("shift_residual", s.shiftResidual);
      json.endObject();
    });
  });
  spliced.print(std::cout, summary);
}

void printText(const Json& out, const LevelAnalysis& a, const std::string& valueColumn,
               const std::optional<std::vector<double>>& times, const ElapsedTime& spacing) {
  const bool fit = a.fitted.has_value();
  std::cout << "Kalman " << trendName(a.model.trend) << " on " << valueColumn << " (" << a.observations << " of "
            << a.rows << " rows observed)\n\n";
  TextTable summary({"quantity", "value", "se", "95% interval"});
  for (const auto& v : out["variances"])
    summary.add(
        {v["name"].get<std::string>() + (fit ? " (fitted)" : " (given)"),
         fmt(v["value"].is_null() ? kNaN : v["value"].get<double>(), 3),
         fmt(v["se"].is_null() ? kNaN : v["se"].get<double>(), 3),
         v["lower"].is_null() ? "" : fmt(v["lower"].get<double>(), 3) + " – " + fmt(v["upper"].get<double>(), 3)});
  summary.add({"q = σ²η/σ²ε", fmt(a.signalToNoise, 5), "", ""});
  if (a.ewmaLambda) summary.add({"equivalent EWMA λ", fmt(*a.ewmaLambda, 5), "", ""});
  if (a.steadyStateGain) summary.add({"steady-state gain", fmt(*a.steadyStateGain, 5), "", ""});
  summary.add({"log-likelihood (diffuse, D&K 7.2)", fmt(a.logLikelihood, 4), "", ""});
  if (fit) summary.add({"AIC (D&K §7.4, per observation)", fmt(a.fitted->aic, 4), "", ""});
  summary.add({"NIS mean (χ² test p)", fmt(a.nis.mean, 3), "", "p = " + fmt(a.nis.pValue, 4)});
  if (a.intervention)
    summary.add({"intervention at row " + std::to_string(a.intervention->step + 1), fmt(a.intervention->effect, 3),
                 fmt(a.intervention->standardError, 3), ""});
  summary.print();
  if (times)
    std::cout << "\ntime: " << out["time"]["note"].get<std::string>() << " (unit " << fmt(spacing.unit, 4) << ")\n";
  auto bound = [](double z) {
    return std::isfinite(z) ? "|r| > " + fmt(z, 3) : std::string("not tested (no residuals)");
  };
  std::cout << "\nflags (Bonferroni, α = " << fmt(out["flags"]["alpha"].get<double>(), 3) << "): outlier "
            << bound(a.flags.outlierThreshold) << ", level shift " << bound(a.flags.shiftThreshold) << "\n";
  if (a.flags.anomalies.empty()) std::cout << "  none\n";
  for (const auto& x : a.flags.anomalies)
    std::cout << "  " << anomalyKindName(x.kind) << " at row " << x.step + 1
              << (times ? " (time " + fmt((*times)[x.step], 2) + ")" : "") << ", residual " << fmt(x.residual, 2)
              << "\n";
  for (const auto& w : a.warnings) std::cout << "warning: " << w << "\n";
  std::cout << "\n";
  // Widths fixed up front (the series is never held): the row count's digits, ten for the numbers.
  const std::size_t rowWidth = std::to_string(a.rows).size();
  StreamedTextTable table(
      std::cout, {"row", "time", "value", "filtered", "sd", "smoothed", "sd", "std innov", "outlier r", "shift r"},
      {rowWidth, times ? 10u : 0u, 10, 10, 10, 10, 10, 9, 9, 9});
  std::vector<std::string> row(10);
  a.forEachStep([&](const LevelStep& s) {
    row = {std::to_string(s.step + 1),
           times ? fmt((*times)[s.step], 2) : "",
           fmt(s.value, 3),
           fmt(s.filtered, 3),
           fmt(s.filteredSd, 3),
           fmt(s.smoothed, 3),
           fmt(s.smoothedSd, 3),
           fmt(s.innovationStd, 2),
           fmt(s.outlierResidual, 2),
           fmt(s.shiftResidual, 2)};
    table.add(row);
  });
}

/// --workspace W --parameter P: the wafer (--lot-means: lot) means in time order, one step each,
/// the local level fitted as the Kalman view fits it.
int runWorkspace(const Args& args) {
  for (const char* o : {"csv", "value", "time", "model", "var-eps", "var-eta", "var-slope", "intervention"})
    if (args.has(o)) throw UsageError{std::string("--") + o + " applies to --csv; a parameter gets the fitted local level"};
  auto ws = store::Workspace::open(args.value("workspace"));
  const auto level = args.flag("lot-means") ? analysis::MeanLevel::Lot : analysis::MeanLevel::Wafer;
  const auto series = analysis::loadMeanSeries(ws.db(), args.value("parameter"), level);
  const LevelAnalysis a = analysis::fitParameterLevel(series, args.numberOr("false-alarm", 0.05));
  std::optional<std::vector<double>> days(std::vector<double>{});
  for (auto t : series.time) days->push_back(static_cast<double>(t) / 86400000.0);
  const ElapsedTime spacing;  // one step per wafer (lot), as the view draws them
  Json summary = summaryJson(
      args, a,
      [&](Json& j, Eigen::Index t) {
        j["lot"] = series.lot[static_cast<std::size_t>(t)];
        if (level == analysis::MeanLevel::Wafer) j["wafer"] = series.wafer[static_cast<std::size_t>(t)];
      },
      days, spacing);
  summary["source"] = {{"workspace", args.value("workspace")},
                       {"parameter", series.parameter},
                       {"unit", series.unit},
                       {"means", level == analysis::MeanLevel::Wafer ? "wafer" : "lot"},
                       {"time", "days since 1970-01-01 UTC of each mean's first measurement"}};
  summary["time"]["note"] = "one step per mean, in the order of their first measurement (as the Kalman view)";
  if (args.json())
    printSeriesJson(summary, a, days);
  else
    printText(summary, a, series.parameter + (level == analysis::MeanLevel::Wafer ? " wafer means" : " lot means"),
              days, spacing);
  return 0;
}

int run(const Args& args) {
  if (args.has("workspace") == args.has("csv")) throw UsageError{"give either --csv FILE --value COL or --workspace W --parameter P"};
  if (args.has("workspace")) return runWorkspace(args);
  if (args.has("parameter") || args.has("lot-means")) throw UsageError{"--parameter and --lot-means apply to --workspace"};
  const auto valueColumn = args.value("value");
  const auto timeColumn = args.optional("time");
  std::vector<io::ColumnRequest> wanted{{valueColumn, io::ColumnType::Number}};
  if (timeColumn) wanted.push_back({*timeColumn, io::ColumnType::Time});
  auto columns = io::CsvColumns::read(args.value("csv"), wanted);
  if (columns.rowCount() == 0) throw Error(columns.path() + ": the file has no data row");
  std::vector<double> y = columns.take(0);

  LevelAnalysisRequest request = requestFrom(args);
  std::optional<std::vector<double>> times;
  ElapsedTime spacing;
  if (timeColumn) {
    times = columns.take(1);
    spacing = elapsedFromTimes(*times);
  }
  const Eigen::VectorXd elapsed = spacing.irregular ? spacing.elapsed : Eigen::VectorXd();
  if (auto text = args.optional("intervention"))
    request.model.interventionStep = interventionStep(*text, times ? &*times : nullptr, y.size());

  const LevelAnalysis analysis = analyseLevel(std::move(y), elapsed, request);
  const Json summary = summaryJson(
      args, analysis,
      [&](Json& j, Eigen::Index t) { j["line"] = columns.line(static_cast<std::size_t>(t)); }, times, spacing);
  if (args.json())
    printSeriesJson(summary, analysis, times);
  else
    printText(summary, analysis, valueColumn, times, spacing);
  return 0;
}

const Registration registration{
    Command{"kalman",
            "Kalman filter and smoother (local level / local linear trend) with variance fit and flags",
            "",
            "Fits the variances by maximum likelihood unless --var-eps and --var-eta are given. Missing values are\n"
            "skipped. With --time and irregular spacing, the state noise scales with the elapsed time.\n"
            "Outliers and level shifts are flagged from the auxiliary residuals with a Bonferroni bound.\n"
            "--workspace W --parameter P models the parameter's wafer (or --lot-means) means in the order of their\n"
            "first measurement, one step each, with the fitted local level: the numbers of the Kalman view.",
            {workspaceOption(),
             {"parameter", "P", "workspace: the parameter, as wafer means in time order (the Kalman view's series)"},
             {"lot-means", "", "workspace: lot means instead of wafer means"},
             {"csv", "FILE", "the CSV file"},
             {"value", "COL", "the column to model"},
             {"time", "COL", "a time column (numbers or ISO dates); irregular spacing scales the state noise"},
             {"model", "NAME", "local-level (default) or local-trend"},
             {"fit", "", "estimate the variances by maximum likelihood (the default when none is given)"},
             {"var-eps", "V", "observation variance σ²ε (a variance, not a standard deviation)"},
             {"var-eta", "V", "level disturbance variance σ²η"},
             {"var-slope", "V", "slope disturbance variance σ²ζ (local-trend)"},
             {"intervention", "T", "a step change of the level from T on: a time of --time, else a 1-based row"},
             {"false-alarm", "A", "familywise false-alarm probability of the flags (default 0.05)"},
             jsonOption()},
            run}};

}  // namespace
}  // namespace fab::cli

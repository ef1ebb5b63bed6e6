// fabkit-cli t2: Hotelling's T² chart of several variables together, with the
// contributions and MYT decomposition of each signal, and the MEWMA chart.
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/commands/spc_input.h"
#include "app/cli/output.h"
#include "core/common/error.h"
#include "core/io/csv_table.h"
#include "core/io/field_parse.h"
#include "core/spc/hotelling_t2.h"
#include "core/spc/mewma.h"
#include "core/analysis/multivariate.h"
#include "core/store/workspace.h"

namespace fab::cli {
namespace {

using namespace fab::spc;

struct T2Source {
  std::string description;
  std::vector<std::string> variables;
  Eigen::MatrixXd data;
  std::optional<Subgroups> groups;
  std::vector<std::string> rowLabel;
  std::vector<std::string> notes;
};

T2Source fromCsv(const Args& args) {
  T2Source src;
  const auto table = io::CsvTable::read(args.value("csv"));
  src.variables = args.list("columns");
  if (src.variables.empty()) throw UsageError{"--columns takes the CSV columns to chart together: X1,X2[,…]"};
  src.description = table.path();
  src.data.resize(static_cast<Eigen::Index>(table.rowCount()), static_cast<Eigen::Index>(src.variables.size()));
  for (std::size_t j = 0; j < src.variables.size(); ++j) {
    const auto v = table.numbers(src.variables[j]);
    for (std::size_t i = 0; i < v.size(); ++i)
      src.data(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = v[i];
  }
  for (std::size_t r = 0; r < table.rowCount(); ++r) src.rowLabel.push_back("line " + std::to_string(table.line(r)));
  if (auto key = args.optional("subgroup")) src.groups = subgroupsByKey(table.strings(*key));
  return src;
}

std::string termName(const MytTerm& t, const std::vector<std::string>& names) {
  std::string s = "T²(" + names[t.variable];
  for (std::size_t k = 0; k < t.given.size(); ++k) s += (k ? "," : "|") + names[t.given[k]];
  return s + ")";
}

Json termJson(const MytTerm& t, const std::vector<std::string>& names) {
  Json given = Json::array();
  for (auto g : t.given) given.push_back(names[g]);
  return {{"term", termName(t, names)},
          {"variable", names[t.variable]},
          {"given", given},
          {"value", number(t.value)},
          {"ucl", number(t.ucl)},
          {"signals", std::isfinite(t.ucl) ? Json(t.value > t.ucl) : Json(nullptr)}};
}

/// A chart with what it needs to be printed: the keys of its points and the notes.
struct T2Run {
  std::string description;
  spc::T2Chart chart;
  std::optional<MewmaChart> mewma;
  std::vector<std::string> keys, notes;
};

std::optional<MewmaOptions> mewmaOptions(const Args& args) {
  if (!args.has("mewma") && !args.has("lambda")) return std::nullopt;
  MewmaOptions mo;
  mo.lambda = args.numberOr("lambda", 0.1);
  mo.h = args.optionalNumber("h");
  mo.arl0 = args.numberOr("arl0", 200);
  return mo;
}

T2Run fromCsvRun(const Args& args, const T2Options& options) {
  const auto src = fromCsv(args);
  T2Run r;
  r.description = src.description;
  r.chart = hotellingT2(src.data, src.groups ? &*src.groups : nullptr, src.variables, options);
  if (const auto mo = mewmaOptions(args)) r.mewma = mewma(r.chart, *mo);
  for (std::size_t i = 0; i < r.chart.statistic.size(); ++i) {
    if (!src.groups)
      r.keys.push_back(src.rowLabel[i]);
    else
      r.keys.push_back(src.groups->keys[i].empty() ? "subgroup " + std::to_string(i + 1) : src.groups->keys[i]);
  }
  r.notes = src.notes;
  return r;
}

/// The workspace's parameters through the workspace-analysis layer (core/analysis/multivariate.h).
T2Run fromWorkspaceRun(const Args& args, const T2Options& options) {
  analysis::MultivariateRequest request;
  request.parameters = args.list("parameters");
  if (request.parameters.empty())
    throw UsageError{"--parameters takes the workspace parameters to chart together: P1,P2[,…]"};
  request.product = args.valueOr("product", "");
  if (auto key = args.optional("subgroup")) {
    if (*key != "lot") throw UsageError{"--subgroup with --workspace takes lot (wafer means grouped by lot)"};
    request.subgroupByLot = true;
  }
  request.t2 = options;
  request.mewma = mewmaOptions(args);
  auto ws = store::Workspace::open(args.value("workspace"));
  auto a = analysis::multivariateChart(ws.db(), request);
  return {ws.path() + ", wafer means", std::move(a.t2), std::move(a.mewma), std::move(a.pointKeys),
          std::move(a.notes)};
}

int run(const Args& args) {
  if (args.has("csv") == args.has("workspace"))
    throw UsageError{"give either --csv FILE --columns X1,X2 or --workspace W --parameters P1,P2"};
  T2Options options;
  options.alpha = args.optionalNumber("false-alarm");
  if (args.has("phase1")) options.phaseOne = parsePhaseRange(args.value("phase1"));
  auto r = args.has("csv") ? fromCsvRun(args, options) : fromWorkspaceRun(args, options);
  const auto& chart = r.chart;
  const auto& mewmaChart = r.mewma;
  const auto& keys = r.keys;
  auto notes = r.notes;
  notes.insert(notes.end(), chart.notes.begin(), chart.notes.end());
  const auto& names = chart.variables;

  if (args.json()) {
    Json j;
    j["source"] = r.description;
    j["variables"] = names;
    j["chart"] = chart.individuals ? "t2-individuals" : "t2-subgroups";
    j["points"] = chart.statistic.size();
    j["keys"] = keys;
    j["n"] = numbers(chart.size);
    j["statistic"] = numbers(chart.statistic);
    j["ucl"] = numbers(chart.ucl);
    j["lcl"] = 0;
    j["phase"] = chart.phase;
    j["limits"] = {{"phase1", number(chart.uclPhaseOne)}, {"phase2", number(chart.uclPhaseTwo)}};
    j["alpha"] = chart.alpha;
    j["phase1_points"] = chart.phaseOnePoints;
    j["subgroup_size"] = chart.subgroupSize;
    j["center"] = numbers(std::vector<double>(chart.center.data(), chart.center.data() + chart.center.size()));
    Json cov = Json::array();
    for (Eigen::Index r = 0; r < chart.covariance.rows(); ++r) {
      Json row = Json::array();
      for (Eigen::Index c = 0; c < chart.covariance.cols(); ++c) row.push_back(chart.covariance(r, c));
      cov.push_back(row);
    }
    j["covariance"] = cov;
    Json signals = Json::array();
    for (const auto& s : chart.outOfControl) {
      Json contributions = Json::object(), myt = Json::array();
      for (std::size_t v = 0; v < names.size(); ++v) contributions[names[v]] = number(s.contributions[v]);
      for (const auto& t : s.unconditional) myt.push_back(termJson(t, names));
      for (const auto& t : s.conditional) myt.push_back(termJson(t, names));
      signals.push_back({{"index", s.point + 1},
                         {"key", keys[s.point]},
                         {"t2", s.t2},
                         {"contributions", contributions},
                         {"myt", myt}});
    }
    j["signals"] = signals;
    if (mewmaChart) {
      Json flagged = Json::array();
      for (auto i : mewmaChart->outOfControl) flagged.push_back(i + 1);
      j["mewma"] = {{"lambda", mewmaChart->lambda},
                    {"h", mewmaChart->h},
                    {"h_source", mewmaChart->hSource},
                    {"statistic", numbers(mewmaChart->statistic)},
                    {"signals", flagged},
                    {"notes", mewmaChart->notes}};
    }
    j["convention"] = chart.convention;
    j["notes"] = notes;
    printJson(j);
    return 0;
  }

  std::cout << "T² chart of " << r.description << " (" << names.size() << " variables, "
            << (chart.individuals ? "individuals" : "subgroups of " + fmt(chart.subgroupSize, 2))
            << ", m = " << chart.phaseOnePoints << " phase I points, α = " << fmt(chart.alpha, 5) << ")\n"
            << "UCL phase I " << fmt(chart.uclPhaseOne) << ", phase II " << fmt(chart.uclPhaseTwo) << "\n"
            << chart.convention << "\n\n";
  TextTable table({"point", "key", "phase", "T²", "UCL", mewmaChart ? "MEWMA" : "", ""});
  for (std::size_t i = 0; i < chart.statistic.size(); ++i) {
    const bool out = chart.statistic[i] > chart.ucl[i];
    const bool mOut = mewmaChart && mewmaChart->statistic[i] > mewmaChart->h;
    table.add({std::to_string(i + 1), keys[i], std::to_string(chart.phase[i]), fmt(chart.statistic[i]),
               fmt(chart.ucl[i]), mewmaChart ? fmt(mewmaChart->statistic[i]) : "",
               std::string(out ? "T² signal" : "") + (mOut ? (out ? ", MEWMA" : "MEWMA signal") : "")});
  }
  table.print();
  if (mewmaChart)
    std::cout << "\nMEWMA λ = " << fmt(mewmaChart->lambda, 3) << ", h = " << fmt(mewmaChart->h) << " ("
              << mewmaChart->hSource << ")\n";
  for (const auto& s : chart.outOfControl) {
    std::cout << "\npoint " << s.point + 1 << " (" << keys[s.point] << "): T² = " << fmt(s.t2) << "\n";
    TextTable t({"term", "value", "UCL"});
    for (std::size_t v = 0; v < names.size(); ++v) t.add({"contribution of " + names[v], fmt(s.contributions[v]), ""});
    for (const auto& m : s.unconditional) t.add({termName(m, names), fmt(m.value), fmt(m.ucl)});
    for (const auto& m : s.conditional) t.add({termName(m, names), fmt(m.value), fmt(m.ucl)});
    t.print();
  }
  for (const auto& n : notes) std::cout << "note: " << n << "\n";
  return 0;
}

const Registration registration{Command{
    "t2",
    "Hotelling T² and MEWMA charts of several variables together, with contributions and MYT terms",
    "",
    "T² of CSV columns (--csv FILE --columns X1,X2[,…], subgroups by --subgroup COL) or of workspace parameters\n"
    "joined per wafer (--workspace W --parameters P1,P2[,…]: one point per wafer mean, or --subgroup lot).\n"
    "The phase I points (--phase1 FIRST:LAST, default all) estimate the mean vector and covariance; later\n"
    "points are phase II. Limits: phase I individuals beta-based (Tracy, Young & Mason 1992), phase I\n"
    "subgroups and phase II F-based (Montgomery, Introduction to SQC §11.3). Each signal is taken apart\n"
    "into per-variable contributions and the Mason–Tracy–Young terms in the order of the variables given.\n"
    "--mewma adds the MEWMA chart (Lowry et al. 1992) with --lambda (0.1) and --h, or the h that gives\n"
    "--arl0 (200) in control.",
    {workspaceOption(),
     {"parameters", "P1,P2", "workspace parameters to chart together (wafer means)"},
     {"product", "NAME", "only lots of this product (with --workspace)"},
     {"csv", "FILE", "a plain CSV file instead of a workspace"},
     {"columns", "X1,X2", "the CSV columns to chart together"},
     {"subgroup", "COL", "subgroups by a key column (CSV) or lot (workspace)"},
     {"phase1", "FIRST:LAST", "1-based points that estimate the mean vector and covariance (default all)"},
     {"false-alarm", "A", "false-alarm probability per point (default 1 − 0.9973^p)"},
     {"mewma", "", "add the MEWMA chart"},
     {"lambda", "L", "MEWMA weight (default 0.1)"},
     {"h", "H", "MEWMA upper limit (default: the h for --arl0)"},
     {"arl0", "N", "in-control ARL the MEWMA h is found for (default 200)"},
     jsonOption()},
    run}};

}  // namespace
}  // namespace fab::cli

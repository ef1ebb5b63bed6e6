// fabkit-cli kappa: attribute agreement of appraisers (Cohen's and Fleiss' kappa,
// the AIAG/Minitab agreement tables, Kendall's W, Krippendorff's alpha) from a CSV
// file in the wide or long layout, or from a gauge study saved in a workspace.
#include <cmath>
#include <iostream>
#include <limits>

#include "app/cli/command.h"
#include "app/cli/commands/gauge_study_source.h"
#include "app/cli/output.h"
#include "core/common/error.h"
#include "core/io/csv_table.h"
#include "core/msa/attribute_agreement.h"
#include "core/msa/cohen_kappa.h"
#include "core/msa/fleiss_kappa.h"
#include "core/msa/kendall_w.h"
#include "core/msa/krippendorff_alpha.h"

namespace fab::cli {
namespace {

using msa::RatingCube;

constexpr const char* kSeNote =
    "the interval uses the large-sample standard error (Fleiss, Cohen & Everitt 1969); z and the p-values use the "
    "standard error under H0: kappa = 0 (Fleiss, Cohen & Everitt 1969 for Cohen's kappa, Fleiss, Nee & Landis 1979 "
    "for Fleiss' kappa, which has no interval)";

Json kappaJson(const msa::KappaStatistic& s) {
  Json j{{"kappa", number(s.kappa)}, {"agreement", s.agreement},        {"se_null", number(s.seNull)},
         {"z", number(s.z)},         {"p_greater", number(s.pGreater)}, {"p_two_sided", number(s.pTwoSided)}};
  if (s.seLargeSample) {
    j["se_large_sample"] = number(*s.seLargeSample);
    j["ci"] = {number(*s.ciLow), number(*s.ciHigh)};
  }
  if (!s.defined()) j["note"] = s.note;
  return j;
}

/// "0.4000 (fair)" — the Landis–Koch wording goes next to every kappa shown.
std::string kappaText(const msa::KappaStatistic& s) {
  return s.defined() ? fmt(s.kappa) + " (" + s.agreement + ")" : "— (" + s.note + ")";
}

std::vector<std::string> subjectNames(const RatingCube& cube, const std::vector<std::size_t>& indexes) {
  std::vector<std::string> names;
  for (auto i : indexes) names.push_back(cube.subjects()[i]);
  return names;
}

Json cohen(const RatingCube& cube, const Args& args, double confidence, Json& out) {
  std::vector<std::string> a, b;
  std::string nameA, nameB;
  const std::size_t A = cube.appraiserCount(), T = cube.trialCount();
  if (A == 2 && T == 1) {
    nameA = cube.appraisers()[0], nameB = cube.appraisers()[1];
  } else if (A == 1 && T == 2) {
    nameA = cube.appraisers()[0] + " #" + std::to_string(cube.trials()[0]);
    nameB = cube.appraisers()[0] + " #" + std::to_string(cube.trials()[1]);
  } else {
    throw Error("Cohen's kappa compares two raters with one rating each (or one rater's two trials); this study has " +
                std::to_string(A) + " appraiser(s) × " + std::to_string(T) +
                " trial(s): use --method fleiss or --method agreement");
  }
  for (std::size_t s = 0; s < cube.subjectCount(); ++s) {
    a.push_back(cube.label(cube.rating(s, 0, 0)));
    b.push_back(cube.label(A == 2 ? cube.rating(s, 1, 0) : cube.rating(s, 0, 1)));
  }
  const auto weights = msa::parseKappaWeights(args.valueOr("weights", "none"));
  auto r = msa::cohenKappa(a, b, {weights, confidence}, cube.categories().labels());
  if (weights != msa::KappaWeights::None && !cube.categories().numeric() && !args.has("categories"))
    r.warnings.push_back(
        "weights assume the categories are ordered as listed (alphabetically); give --categories "
        "in their natural order");
  out["raters"] = {nameA, nameB};
  out["weights"] = std::string(msa::toString(weights));
  out["n"] = r.n;
  Json table = Json::array();
  for (Eigen::Index i = 0; i < r.table.rows(); ++i) {
    Json row = Json::array();
    for (Eigen::Index j = 0; j < r.table.cols(); ++j) row.push_back(r.table(i, j));
    table.push_back(row);
  }
  out["table"] = table;
  out["observed"] = number(r.observed);
  out["expected"] = number(r.expected);
  out["confidence"] = confidence;
  out["kappa"] = kappaJson(r.stat);
  out["skipped_subjects"] = subjectNames(cube, r.skippedRows);
  out["warnings"] = r.warnings;
  if (args.json()) return out;

  std::cout << "Cohen's kappa ("
            << (weights == msa::KappaWeights::None ? "unweighted" : std::string(msa::toString(weights)) + " weights")
            << "), " << nameA << " (rows) vs " << nameB << " (columns): " << r.n << " subjects\n\n";
  std::vector<std::string> header = {""};
  header.insert(header.end(), r.categories.begin(), r.categories.end());
  TextTable t(header);
  for (Eigen::Index i = 0; i < r.table.rows(); ++i) {
    std::vector<std::string> row = {r.categories[static_cast<std::size_t>(i)]};
    for (Eigen::Index j = 0; j < r.table.cols(); ++j) row.push_back(fmt(r.table(i, j), 0));
    t.add(row);
  }
  t.print();
  std::cout << "\nobserved agreement " << fmt(r.observed) << ", expected by chance " << fmt(r.expected) << "\n"
            << "kappa " << kappaText(r.stat) << ", " << fmt(100 * confidence, 0) << "% CI " << fmt(*r.stat.ciLow)
            << " to " << fmt(*r.stat.ciHigh) << " (large-sample SE " << fmt(*r.stat.seLargeSample) << ")\n"
            << "test of kappa = 0: SE under H0 " << fmt(r.stat.seNull) << ", z " << fmt(r.stat.z, 3)
            << ", p (kappa > 0) " << fmt(r.stat.pGreater) << ", p (two-sided) " << fmt(r.stat.pTwoSided) << "\n";
  return out;
}

Json fleissTableJson(const msa::KappaStatistic& overall, const std::vector<msa::FleissCategory>& perCategory) {
  Json cats = Json::array();
  for (const auto& c : perCategory) {
    Json j = kappaJson(c.stat);
    j["category"] = c.category;
    j["proportion"] = number(c.proportion);
    cats.push_back(j);
  }
  return {{"overall", kappaJson(overall)}, {"per_category", cats}};
}

void printKappaRows(TextTable& t, const std::string& who, const msa::KappaStatistic& overall,
                    const std::vector<msa::FleissCategory>& perCategory) {
  auto add = [&](const std::string& category, const msa::KappaStatistic& s) {
    t.add({who, category, s.defined() ? fmt(s.kappa) : "—", fmt(s.seNull), fmt(s.z, 3), fmt(s.pGreater),
           s.defined() ? s.agreement : s.note});
  };
  for (const auto& c : perCategory) add(c.category, c.stat);
  add("(overall)", overall);
}

Json fleissOutput(const msa::FleissKappaResult& r, const Args& args, Json& out) {
  out["raters_per_subject"] = r.ratersPerSubject;
  out["observed"] = number(r.observed);
  out["expected"] = number(r.expected);
  out.update(fleissTableJson(r.overall, r.perCategory));
  out["warnings"] = r.warnings;
  if (args.json()) return out;
  std::cout << "Fleiss' kappa: " << r.subjects << " subjects × " << r.ratersPerSubject
            << " ratings each; observed agreement " << fmt(r.observed) << ", expected by chance " << fmt(r.expected)
            << "\n\n";
  TextTable t({"", "category", "kappa", "SE (H0)", "z", "p (>0)", "Landis-Koch"});
  printKappaRows(t, "", r.overall, r.perCategory);
  t.print();
  return out;
}

Json fleiss(const RatingCube& cube, const Args& args, double confidence, Json& out) {
  cube.requireComplete("Fleiss' kappa");
  return fleissOutput(msa::fleissKappa(cube.matrixAll(), cube.categories().labels(), cube.subjects(), confidence), args,
                      out);
}

/// Fleiss' kappa from a count matrix: one row per subject, one column per category (named by its header).
Json fleissFromCounts(const Args& args, double confidence, Json& out) {
  const auto table = io::CsvTable::read(args.value("csv"));
  const auto columns = args.list("counts");
  Eigen::MatrixXd counts(static_cast<Eigen::Index>(table.rowCount()), static_cast<Eigen::Index>(columns.size()));
  std::vector<std::string> categories;
  for (std::size_t j = 0; j < columns.size(); ++j) {
    categories.push_back(table.header()[table.columnIndex(columns[j])]);
    const auto v = table.numbers(columns[j]);
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (std::isnan(v[i]))
        throw Error(table.path() + ":" + std::to_string(table.line(i)) + ": column '" + categories.back() +
                    "': a count is missing (write 0 for none)");
      counts(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = v[i];
    }
  }
  const auto r = msa::fleissKappa(counts, categories, confidence);
  out["subjects"] = r.subjects;
  out["categories"] = r.categories;
  return fleissOutput(r, args, out);
}

void finish(const Json& out, const Args& args) {
  if (args.json()) {
    printJson(out);
    return;
  }
  if (out.contains("standard_errors")) std::cout << "\nNote: " << kSeNote << ".\n";
  if (out.contains("warnings"))
    for (const auto& w : out["warnings"]) std::cout << "warning: " << w.get<std::string>() << "\n";
}

Json agreementLineJson(const RatingCube& cube, const msa::AssessmentAgreement& line) {
  Json j{{"appraiser", line.appraiser},
         {"inspected", line.inspected},
         {"matched", line.matched},
         {"percent", number(100 * line.percent.estimate)},
         {"ci", {number(100 * line.percent.low), number(100 * line.percent.high)}},
         {"unmatched_subjects", subjectNames(cube, line.unmatchedSubjects)}};
  j["kappa"] = line.kappa ? fleissTableJson(line.kappa->overall, line.kappa->perCategory) : Json(nullptr);
  if (!line.kappaNote.empty()) j["kappa_note"] = line.kappaNote;
  if (line.kendall)
    j["kendall"] = {{"w", number(line.kendall->w)},
                    {"chi_square", number(line.kendall->chiSquare)},
                    {"df", line.kendall->df},
                    {"p_value", number(line.kendall->pValue)}};
  if (!line.kendallNote.empty()) j["kendall_note"] = line.kendallNote;
  return j;
}

Json agreement(const RatingCube& cube, const Args& args, double confidence, Json& out) {
  const auto r = msa::attributeAgreement(cube, {.confidence = confidence, .ordinal = args.has("ordinal")});
  struct Block {
    const char* key;
    const char* title;
    const char* label;  ///< in the per-category table, before the appraiser
    std::vector<const msa::AssessmentAgreement*> lines;
  };
  std::vector<Block> blocks = {
      {"within_appraisers", "Within appraisers (all trials agree)", "within", {}},
      {"versus_standard", "Each appraiser vs standard (all trials agree with it)", "vs standard", {}},
      {"between", "Between appraisers (all appraisers and trials agree)", "between", {}},
      {"all_versus_standard", "All appraisers vs standard", "all vs standard", {}}};
  for (const auto& l : r.withinAppraisers) blocks[0].lines.push_back(&l);
  for (const auto& l : r.versusStandard) blocks[1].lines.push_back(&l);
  if (r.between) blocks[2].lines.push_back(&*r.between);
  if (r.allVersusStandard) blocks[3].lines.push_back(&*r.allVersusStandard);
  for (const auto& b : blocks) {
    Json lines = Json::array();
    for (const auto* l : b.lines) lines.push_back(agreementLineJson(cube, *l));
    const bool single = std::string(b.key) == "between" || std::string(b.key) == "all_versus_standard";
    out[b.key] = single ? (lines.empty() ? Json(nullptr) : lines[0]) : lines;
  }
  out["confidence"] = confidence;
  out["kappa_method"] = "Fleiss; all appraisers vs standard: the mean of the appraisers' kappas";
  out["warnings"] = r.warnings;
  if (args.json()) return out;

  TextTable kappas({"", "category", "kappa", "SE (H0)", "z", "p (>0)", "Landis-Koch"});
  for (const auto& b : blocks) {
    if (b.lines.empty()) continue;
    std::cout << b.title << "\n";
    std::vector<std::string> header = {
        "appraiser", "inspected", "matched", "percent", fmt(100 * confidence, 0) + "% CI", "kappa"};
    if (args.has("ordinal")) header.push_back("Kendall W");
    TextTable t(header);
    for (const auto* l : b.lines) {
      const std::string who = l->appraiser.empty() ? "(all)" : l->appraiser;
      t.add({who, std::to_string(l->inspected), std::to_string(l->matched), fmt(100 * l->percent.estimate, 2),
             fmt(100 * l->percent.low, 2) + " to " + fmt(100 * l->percent.high, 2),
             l->kappa ? kappaText(l->kappa->overall) : "— (" + l->kappaNote + ")",
             l->kendall ? fmt(l->kendall->w) : ""});
      if (l->kappa)
        printKappaRows(kappas, l->appraiser.empty() ? b.label : l->appraiser + " " + b.label, l->kappa->overall,
                       l->kappa->perCategory);
    }
    t.print();
    std::cout << "\n";
  }
  std::cout << "Fleiss' kappa per category\n";
  kappas.print();
  return out;
}

Json kendall(const RatingCube& cube, const Args& args, Json& out) {
  cube.requireComplete("Kendall's W");
  const auto scores = cube.categories().scores();
  const auto m = cube.matrixAll();
  Eigen::MatrixXd x(static_cast<Eigen::Index>(m.size()), static_cast<Eigen::Index>(m.front().size()));
  for (std::size_t s = 0; s < m.size(); ++s)
    for (std::size_t c = 0; c < m[s].size(); ++c)
      x(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(c)) = scores[static_cast<std::size_t>(m[s][c])];
  const auto r = msa::kendallW(x, true);
  out.update({{"w", number(r.w)},
              {"chi_square", number(r.chiSquare)},
              {"df", r.df},
              {"p_value", number(r.pValue)},
              {"tie_corrected", r.tiesCorrected},
              {"ties", number(r.ties)},
              {"rank_sums", numbers(r.rankSums)}});
  if (!cube.categories().numeric() && !args.has("categories"))
    out["warnings"] = {"the categories are ranked alphabetically; give --categories in their natural order"};
  if (args.json()) return out;
  std::cout << "Kendall's coefficient of concordance (tie-corrected): " << r.subjects << " subjects, " << r.raters
            << " raters\nW " << fmt(r.w) << ", chi-square " << fmt(r.chiSquare, 3) << " on " << r.df << " df, p "
            << fmt(r.pValue) << "\n";
  return out;
}

Json krippendorff(const RatingCube& cube, const Args& args, Json& out) {
  const auto level = msa::parseAlphaLevel(args.valueOr("level", "nominal"));
  const bool metric = level == msa::AlphaLevel::Interval || level == msa::AlphaLevel::Ratio;
  if (metric && !cube.categories().numeric())
    throw Error(std::string(msa::toString(level)) + " alpha needs numeric ratings; '" + cube.categories().label(0) +
                "' is not a number (use --level nominal or ordinal)");
  const auto m = cube.matrixAll();
  Eigen::MatrixXd x(static_cast<Eigen::Index>(m.size()), static_cast<Eigen::Index>(m.front().size()));
  for (std::size_t s = 0; s < m.size(); ++s)
    for (std::size_t c = 0; c < m[s].size(); ++c)
      x(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(c)) =
          m[s][c] < 0 ? std::numeric_limits<double>::quiet_NaN()
                      : (metric ? cube.categories().values()[static_cast<std::size_t>(m[s][c])] : m[s][c]);
  const auto r = msa::krippendorffAlpha(x, level);
  out.update({{"level", std::string(msa::toString(level))},
              {"alpha", number(r.alpha)},
              {"observed_disagreement", number(r.observedDisagreement)},
              {"expected_disagreement", number(r.expectedDisagreement)},
              {"pairable_subjects", r.pairableUnits},
              {"pairable_values", r.pairableValues},
              {"subjects_skipped", r.unitsSkipped}});
  if (args.json()) return out;
  std::cout << "Krippendorff's alpha (" << msa::toString(level) << "): " << fmt(r.alpha) << "\n"
            << r.pairableUnits << " subjects with two or more ratings (" << r.pairableValues << " values); "
            << r.unitsSkipped << " skipped; observed disagreement " << fmt(r.observedDisagreement) << ", expected "
            << fmt(r.expectedDisagreement) << "\n";
  return out;
}

int run(const Args& args) {
  const auto method = args.valueOr("method", "agreement");
  if (method != "cohen" && method != "fleiss" && method != "agreement" && method != "kendall" &&
      method != "krippendorff")
    throw UsageError{"--method must be cohen, fleiss, agreement, kendall or krippendorff"};
  if (args.has("weights") && method != "cohen") throw UsageError{"--weights goes with --method cohen"};
  if (args.has("level") && method != "krippendorff") throw UsageError{"--level goes with --method krippendorff"};
  if (args.has("ordinal") && method != "agreement") throw UsageError{"--ordinal goes with --method agreement"};
  const double confidence = args.numberOr("confidence", 0.95);
  if (args.has("counts")) {
    if (method != "fleiss") throw UsageError{"--counts (a count matrix) goes with --method fleiss"};
    if (args.has("raters") || args.has("rater") || args.has("rating") || args.has("study"))
      throw UsageError{"--counts reads a count matrix from --csv; leave out the rating columns"};
    Json out{{"method", method}, {"standard_errors", kSeNote}};
    fleissFromCounts(args, confidence, out);
    finish(out, args);
    return 0;
  }
  const bool wide = args.has("raters");
  if (wide && (args.has("rater") || args.has("rating")))
    throw UsageError{"give either --raters COL,COL… (wide data) or --rater COL --rating COL (long data)"};
  if (args.has("csv") && !wide && !(args.has("subject") && args.has("rater") && args.has("rating")))
    throw UsageError{
        "name the columns: --raters COL,COL… (wide data) or --subject COL --rater COL --rating COL "
        "(long data)"};

  msa::GaugeCsvColumns columns;
  columns.part = args.valueOr("subject", "");
  columns.appraiser = args.valueOr("rater", "");
  columns.value = args.valueOr("rating", "");
  columns.appraiserColumns = args.list("raters");
  columns.trial = args.valueOr("trial", "");
  columns.reference = args.valueOr("standard", "");
  const auto study = gaugeStudyFromArgs(args, msa::GaugeStudyKind::Attribute, columns);
  const auto cube = RatingCube::build(study.attributeRatings(), args.list("categories"));

  Json out;
  out["method"] = method;
  out["subjects"] = cube.subjectCount();
  out["appraisers"] = cube.appraisers();
  out["trials"] = cube.trialCount();
  out["categories"] = cube.categories().labels();
  if (method == "cohen" || method == "fleiss" || method == "agreement") out["standard_errors"] = kSeNote;
  if (method == "cohen")
    cohen(cube, args, confidence, out);
  else if (method == "fleiss")
    fleiss(cube, args, confidence, out);
  else if (method == "agreement")
    agreement(cube, args, confidence, out);
  else if (method == "kendall")
    kendall(cube, args, out);
  else
    krippendorff(cube, args, out);

  finish(out, args);
  return 0;
}

std::vector<OptionSpec> options() {
  std::vector<OptionSpec> o = {
      {"csv", "FILE", "the ratings (CSV with a header line)"},
      {"method", "M", "cohen | fleiss | agreement | kendall | krippendorff (default agreement)"},
      {"raters", "COL,COL", "wide data: one column per rater, one row per subject"},
      {"counts", "COL,COL", "Fleiss' kappa from a count matrix: one column per category, one row per subject"},
      {"subject", "COL", "the subject (part) column; optional with --raters"},
      {"rater", "COL", "long data: the rater (appraiser) column"},
      {"rating", "COL", "long data: the rating column"},
      {"trial", "COL", "the trial (repeat) column; without it trials count up in file order"},
      {"standard", "COL", "the known standard of each subject"},
      {"weights", "W", "Cohen's kappa weights: none | linear | quadratic (default none)"},
      {"level", "L", "Krippendorff's alpha: nominal | ordinal | interval | ratio (default nominal)"},
      {"categories", "A,B,C", "the categories in their natural order (for weights and ordinal statistics)"},
      {"ordinal", "", "agreement: add Kendall's W within and between appraisers"},
      {"confidence", "C", "confidence level of the intervals (default 0.95)"}};
  for (auto& s : gaugeStudySourceOptions()) o.push_back(std::move(s));
  o.push_back(jsonOption());
  return o;
}

const Registration registration{Command{
    "kappa", "attribute agreement: Cohen's and Fleiss' kappa, agreement tables, Kendall's W, Krippendorff's alpha", "",
    "Every kappa is shown with its Landis & Koch (1977) wording. Percent agreement intervals are exact\n"
    "(Clopper-Pearson). Missing ratings (empty, NA) are allowed by --method cohen (the subject is skipped)\n"
    "and krippendorff; the others need every subject rated by every rater in every trial.",
    options(), run}};

}  // namespace
}  // namespace fab::cli

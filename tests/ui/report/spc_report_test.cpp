// The demo workspace's SPC report rendered headless to PDF: one summary page
// plus one page per parameter, the Cpk printed for a parameter equal to an
// independent computation, and approved limits used instead of re-estimated ones.
#include <gtest/gtest.h>

#include <QString>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <numeric>

#include "core/io/field_parse.h"
#include "core/store/database.h"
#include "core/store/measurements.h"
#include "core/store/spc_limits.h"
#include "tests/ui/report/report_fixture.h"
#include "ui/report/report_request.h"
#include "ui/report/spc_analysis.h"
#include "ui/report/spc_report.h"

namespace fab::ui::report {
namespace {

/// A parameter with a two-sided spec and some missing values.
std::string completeParameter(store::Database& db) {
  for (const auto& p : store::listParameters(db)) {
    const auto spec = store::specInForce(db, p.name);
    if (spec && spec->lsl && spec->usl && p.missing > 0) return p.name;
  }
  return {};
}

/// Cpk = min(USL − x̄, x̄ − LSL) / 3σ (Montgomery, Introduction to SQC, 7th ed., §8.3) with the σ
/// of one value behind the demo's approved three-way limits, computed here from the raw rows:
/// σ_means = SD of the wafer means measured before 2026-10-01 (the demo's phase I), σ_within =
/// R̄/d2 of those wafers' ranges (d2(9) = 2.970, Montgomery Table VI), σ² = σ_means² + σ_within²(1 − 1/9).
double bruteForceCpk(const store::MeasurementSeries& s, double lsl, double usl) {
  const std::int64_t phaseOneEnd = *io::parseTimestamp("2026-10-01T00:00:00Z");
  std::map<std::string, std::vector<double>> wafers;
  std::vector<std::string> order;
  double sum = 0;
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (std::isnan(s.value[i])) continue;
    sum += s.value[i], ++n;
    const auto key = s.lot[i] + "/" + std::to_string(s.wafer[i]);
    if (!wafers.count(key) && s.time[i] < phaseOneEnd) order.push_back(key);
    if (s.time[i] < phaseOneEnd || wafers.count(key)) wafers[key].push_back(s.value[i]);
  }
  std::vector<double> means;
  double ranges = 0;
  for (const auto& key : order) {
    const auto& v = wafers[key];
    means.push_back(std::accumulate(v.begin(), v.end(), 0.0) / double(v.size()));
    ranges += *std::max_element(v.begin(), v.end()) - *std::min_element(v.begin(), v.end());
  }
  const double grand = std::accumulate(means.begin(), means.end(), 0.0) / double(means.size());
  double squares = 0;
  for (double m : means) squares += (m - grand) * (m - grand);
  const double sigmaMeans = std::sqrt(squares / double(means.size() - 1));
  const double sigmaWithin = ranges / double(order.size()) / 2.970;
  const double sigma = std::sqrt(sigmaMeans * sigmaMeans + sigmaWithin * sigmaWithin * (1 - 1.0 / 9));
  const double mean = sum / double(n);
  return std::min(usl - mean, mean - lsl) / (3.0 * sigma);
}

/// The line of `text` that contains `needle` (first one after `after`).
std::string lineWith(const std::string& text, const std::string& needle, std::size_t after = 0) {
  const auto at = text.find(needle, after);
  if (at == std::string::npos) return {};
  const auto start = text.rfind('\n', at);
  return text.substr(start == std::string::npos ? 0 : start + 1,
                     text.find('\n', at) - (start == std::string::npos ? 0 : start + 1));
}

TEST(SpcReport, DemoReportHasASummaryPageAndTwoPagesPerParameter) {
  store::Database db(test::demoWorkspace(), store::Database::Mode::ReadOnly);
  const auto parameter = completeParameter(db);
  ASSERT_FALSE(parameter.empty());
  const auto series = store::loadMeasurements(db, parameter);
  const auto spec = store::specInForce(db, parameter);
  const double cpk = bruteForceCpk(series, *spec->lsl, *spec->usl);

  auto parameters = store::listParameters(db);
  ASSERT_GE(parameters.size(), 3u);
  ReportRequest r;
  r.workspace = QString::fromStdString(test::demoWorkspace());
  r.parameters = {parameters[0].name, parameters[1].name, parameter};
  if (parameters[0].name == parameter || parameters[1].name == parameter)
    r.parameters = {parameters[0].name, parameters[1].name, parameters[2].name};
  test::TempDir dir;
  const auto pdf = dir.path("spc.pdf");
  const int pages = writeReportPdf(r, QString::fromStdString(pdf));
  // The summary, then per parameter its chart page and its variation page.
  EXPECT_EQ(pages, 7);
  EXPECT_EQ(test::pdfPages(pdf), 7);
  EXPECT_NE(test::pdfPageSize(pdf).find("(A4)"), std::string::npos) << test::pdfPageSize(pdf);

  const auto text = test::pdfText(pdf);
  EXPECT_NE(text.find("SPC report"), std::string::npos);
  EXPECT_NE(text.find("Parameters ranked by Cpk"), std::string::npos);
  EXPECT_NE(text.find("page 7 of 7"), std::string::npos);
  EXPECT_NE(text.find(parameter + " – where the variation lives"), std::string::npos);
  // The summary row of the parameter carries its Cpk with two decimals.
  const auto row = lineWith(text, parameter);
  ASSERT_FALSE(row.empty()) << text.substr(0, 2000);
  EXPECT_NE(row.find(QString::number(cpk, 'f', 2).toStdString()), std::string::npos)
      << "summary row: " << row << "\nexpected Cpk " << cpk;
  // Its page: the indices table prints Cpk with the same value.
  const auto page = text.find("Capability indices", text.find(parameter + " ["));
  ASSERT_NE(page, std::string::npos);
  EXPECT_NE(lineWith(text, "Cpk", page).find(QString::number(cpk, 'f', 2).toStdString()), std::string::npos);
  // The demo approves three-way limits: the report uses them, not its own estimate.
  EXPECT_NE(text.find("approved limits version 1 (three-way)"), std::string::npos);
  EXPECT_EQ(text.find("no approved limits: estimated"), std::string::npos);
}

TEST(SpcReport, ApprovedLimitsInForceAreUsedNotReEstimated) {
  test::TempDir dir;
  const auto ws = dir.path("approved.fabdb");
  std::filesystem::copy_file(test::demoWorkspace(), ws);
  std::string parameter;
  std::int64_t midTime = 0;
  {
    store::Database db(ws, store::Database::Mode::ReadWrite);
    parameter = completeParameter(db);
    const auto series = store::loadMeasurements(db, parameter);
    double mean = 0;
    std::size_t n = 0;
    for (double v : series.value)
      if (!std::isnan(v)) mean += v, ++n;
    mean /= double(n);
    midTime = series.time[series.size() / 2];
    // Limits unlike any estimate from the data: centre shifted, σ a round number.
    store::ApprovedLimits a;
    a.parameter = parameter;
    a.chartType = "imr";
    a.center = std::round(mean) + 1.0;
    a.sigma = 2.0;
    a.sigmaMethod = "MR̄/d2";
    a.lcl = a.center - 6.0;
    a.ucl = a.center + 6.0;
    a.approvedBy = "process owner";
    a.reason = "baseline after PM";
    ASSERT_EQ(store::saveApprovedLimits(db, a), 1);
  }
  ReportRequest r;
  r.workspace = QString::fromStdString(ws);
  r.parameters = {parameter};
  r.from = midTime;  // the second half of the data: a date range must not change the limits
  const auto pdf = dir.path("approved.pdf");
  writeReportPdf(r, QString::fromStdString(pdf));
  const auto text = test::pdfText(pdf);
  store::Database db(ws, store::Database::Mode::ReadOnly);
  const auto approved = store::limitsInForce(db, parameter, "imr");
  ASSERT_TRUE(approved);
  const QString expected =
      QString("CL %1, LCL %2, UCL %3")
          .arg(QString::number(approved->center, 'g', 6), QString::number(approved->center - 6.0, 'g', 6),
               QString::number(approved->center + 6.0, 'g', 6));
  EXPECT_NE(text.find(expected.toStdString()), std::string::npos) << "expected '" << expected.toStdString() << "'";
  EXPECT_NE(text.find("approved limits version 1"), std::string::npos);
  EXPECT_NE(text.find("process owner"), std::string::npos);
  EXPECT_EQ(text.find("no approved limits"), std::string::npos);
}

// Without approved limits, nine sites per wafer give the three-way chart of
// wafer means, and the limits source says so.
TEST(SpcReport, WithoutApprovedLimitsNestedDataGetTheThreeWayChart) {
  test::TempDir dir;
  const auto ws = dir.path("estimated.fabdb");
  std::filesystem::copy_file(test::demoWorkspace(), ws);
  store::Database db(ws, store::Database::Mode::ReadWrite);
  db.exec("DELETE FROM chart_config");
  const auto a = analyseParameter(db, "NIT_THK", {});
  EXPECT_EQ(a.chart.type, spc::ChartType::ThreeWay);
  EXPECT_EQ(a.chart.points(), 1000u);  // 40 lots × 25 wafers
  EXPECT_FALSE(a.approved);
  EXPECT_NE(a.limitsSource.find("no approved limits"), std::string::npos);
  EXPECT_NE(a.limitsSource.find("9 sites per wafer: three-way chart of wafer means"), std::string::npos)
      << a.limitsSource;
}

TEST(SpcReport, UnknownParameterIsAClearError) {
  ReportRequest r;
  r.workspace = QString::fromStdString(test::demoWorkspace());
  r.parameters = {"NO_SUCH_PARAMETER"};
  test::TempDir dir;
  EXPECT_THROW(writeReportPdf(r, QString::fromStdString(dir.path("x.pdf"))), Error);
}

TEST(SpcReport, ReportTimesIncludeTheWholeLastDay) {
  const auto from = parseReportTime("2026-03-01", false);
  const auto to = parseReportTime("2026-03-01", true);
  ASSERT_TRUE(from && to);
  EXPECT_EQ(*to - *from, 86'400'000 - 1);
  EXPECT_FALSE(parseReportTime("March", false));
}

}  // namespace
}  // namespace fab::ui::report

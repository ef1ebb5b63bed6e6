// The demo workspace's yield report rendered headless to PDF: a lot's pages
// with its yield as computed here from the dies, the Pareto and the model fit,
// and the known-good-die table.
#include <gtest/gtest.h>

#include <QString>

#include "core/store/database.h"
#include "core/store/dies.h"
#include "core/yield/defect_level.h"
#include "core/yield/workspace_sort.h"
#include "core/yield/yield_pareto.h"
#include "tests/ui/report/report_fixture.h"
#include "ui/chart/bar_chart_painter.h"
#include "ui/report/report_request.h"
#include "ui/report/yield_report.h"

namespace fab::ui::report {
namespace {

/// The first lot of the workspace that has a die map ("" when none has).
std::string firstLotWithDies(store::Database& db) {
  for (const auto& l : store::listLots(db))
    if (l.dies > 0) return l.name;
  return {};
}

TEST(YieldReport, DemoLotReportShowsItsYieldParetoModelAndKgdTable) {
  store::Database db(test::demoWorkspace(), store::Database::Mode::ReadOnly);
  const std::string lot = firstLotWithDies(db);
  ASSERT_FALSE(lot.empty());
  store::DieFilter filter;
  filter.lots = {lot};
  std::size_t dies = 0, pass = 0;
  for (const auto& w : store::loadDies(db, filter))
    for (const auto& d : w.dies) dies += 1, pass += d.pass;
  ASSERT_GT(dies, 0u);
  const double y = double(pass) / double(dies);

  ReportRequest r;
  r.workspace = QString::fromStdString(test::demoWorkspace());
  r.type = ReportType::Yield;
  r.lots = {lot};
  r.paper = PaperSize::Letter;
  test::TempDir dir;
  const auto pdf = dir.path("yield.pdf");
  const int pages = writeReportPdf(r, QString::fromStdString(pdf));
  EXPECT_GE(pages, 2);  // the lot, then the known-good-die page
  EXPECT_EQ(test::pdfPages(pdf), pages);
  EXPECT_NE(test::pdfPageSize(pdf).find("612 x 792"), std::string::npos);
  const auto text = test::pdfText(pdf);
  EXPECT_NE(text.find("Lot " + lot), std::string::npos);
  EXPECT_NE(text.find("lot yield " + QString::number(100.0 * y, 'f', 2).toStdString() + " %"), std::string::npos);
  EXPECT_NE(text.find("Yield per wafer"), std::string::npos);
  EXPECT_NE(text.find("Yield-loss Pareto"), std::string::npos);
  EXPECT_NE(text.find("window method"), std::string::npos);
  EXPECT_NE(text.find("Known-good die"), std::string::npos);
  // Williams–Brown at 99 % coverage: DL = 1 − Y^0.01, printed in ppm.
  const double dl = 1e6 * (1.0 - std::pow(y, 0.01));
  EXPECT_NE(text.find(QString::number(dl, 'f', 0).toStdString()), std::string::npos) << "DL " << dl;
}

TEST(YieldReport, LotSectionsExtendEachLot) {
  store::Database db(test::demoWorkspace(), store::Database::Mode::ReadOnly);
  std::string lot;
  for (const auto& l : store::listLots(db))
    if (l.dies > 0) lot = l.name;
  YieldReportOptions o;
  o.lots = {lot};
  std::size_t wafersSeen = 0;
  o.lotSections.push_back([&](const LotYieldData& data, ReportDocument& doc) {
    wafersSeen = data.wafers.size();
    doc.heading("Extra section", 2);
  });
  const auto doc = buildYieldReport(QString::fromStdString(test::demoWorkspace()), o);
  EXPECT_GT(wafersSeen, 0u);
  bool found = false;
  for (const auto& b : doc.blocks)
    if (const auto* h = std::get_if<Heading>(&b)) found |= h->text == "Extra section";
  EXPECT_TRUE(found);
}

// Below the by-bin Pareto the report draws the loss by wafer zone; its bars are
// the failed dies per zone as core/yield counts them for the lot, and they add
// up to every failed die of the lot (counted here from the dies themselves).
TEST(YieldReport, ZoneParetoBelowTheBinPareto) {
  store::Database db(test::demoWorkspace(), store::Database::Mode::ReadOnly);
  const std::string lot = firstLotWithDies(db);
  ASSERT_FALSE(lot.empty());
  store::DieFilter filter;
  filter.lots = {lot};
  const auto wafers = store::loadDies(db, filter);
  long long failed = 0;
  for (const auto& w : wafers)
    for (const auto& d : w.dies) failed += !d.pass;
  const auto expected =
      fab::yield::yieldPareto(fab::yield::toSortWafers(wafers, fab::yield::productLayouts(db, wafers)));
  ASSERT_EQ(expected.byZone.size(), 3u);

  YieldReportOptions o;
  o.lots = {lot};
  const auto doc = buildYieldReport(QString::fromStdString(test::demoWorkspace()), o);
  const chart::BarChartModel* zones = nullptr;
  for (const auto& b : doc.blocks)
    if (const auto* f = std::get_if<Figure>(&b))
      for (const auto& c : f->charts)
        if (const auto* bar = dynamic_cast<const chart::BarChartPainter*>(c.get()))
          if (bar->model().title == "Yield loss by wafer zone") {
            zones = &bar->model();
          }
  ASSERT_NE(zones, nullptr);
  ASSERT_FALSE(zones->series.empty());
  const auto& bars = zones->series[0].values;
  ASSERT_EQ(bars.size(), 3u);
  double sum = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(bars[i], double(expected.byZone[i].failed));
    EXPECT_TRUE(zones->categories[i].startsWith(fab::yield::zoneName(expected.byZone[i].zone), Qt::CaseInsensitive))
        << zones->categories[i].toStdString();
    sum += bars[i];
  }
  EXPECT_EQ(sum, double(failed));  // every demo die has a radius fraction
}

TEST(YieldReport, LotWithoutDiesIsAClearError) {
  YieldReportOptions o;
  o.lots = {"NO_SUCH_LOT"};
  EXPECT_THROW(buildYieldReport(QString::fromStdString(test::demoWorkspace()), o), Error);
}

}  // namespace
}  // namespace fab::ui::report

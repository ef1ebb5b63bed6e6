// A parameter's rows read by their primary-key range, with names joined once
// and ordered in memory, are the rows the join ordered by the database gives
// (the query below, as the store ran it before): every column, in the same
// order, under every filter; and the control chart drawn from them is the one
// drawn from the joined rows.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <sstream>

#include "core/analysis/control_chart.h"
#include "core/io/importer.h"
#include "core/spc/control_chart.h"
#include "core/store/dies.h"
#include "core/store/measurements.h"
#include "core/store/workspace.h"
#include "tests/support/test_workspace.h"

namespace fab::store {
namespace {

/// The rows by one joined, ordered query (lots and products by name in SQL).
MeasurementSeries joinedRows(Database& db, const std::string& parameter, const MeasurementFilter& f) {
  MeasurementSeries s;
  auto q = db.prepare(
      "SELECT l.name, m.wafer, coalesce(si.name, ''), m.time, m.x, m.y, m.value, coalesce(t.name, ''), "
      "       coalesce(l.product, '') "
      "FROM measurement m JOIN parameter p ON p.id = m.parameter_id JOIN lot l ON l.id = m.lot_id "
      "LEFT JOIN site si ON si.id = m.site_id LEFT JOIN tool t ON t.id = m.tool_id "
      "WHERE p.name = ?1 AND (?2 = 0 OR l.name IN (SELECT value FROM json_each(?3))) "
      "  AND (?4 IS NULL OR m.time >= ?4) AND (?5 IS NULL OR m.time <= ?5) AND (?6 = '' OR l.product = ?6) "
      "ORDER BY m.time, l.name, m.wafer, coalesce(si.name, '')");
  q.bind(1, parameter).bind(2, static_cast<std::int64_t>(f.lots.size())).bind(3, lotsJson(f.lots));
  q.bind(4, f.from).bind(5, f.to).bind(6, f.product);
  while (q.step()) {
    s.lot.push_back(q.text(0));
    s.wafer.push_back(static_cast<int>(q.integer(1)));
    s.site.push_back(q.text(2));
    s.time.push_back(q.integer(3));
    s.x.push_back(q.real(4));
    s.y.push_back(q.real(5));
    s.value.push_back(q.real(6));
    s.tool.push_back(q.text(7));
    s.product.push_back(q.text(8));
  }
  return s;
}

bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

void expectSameRows(const MeasurementSeries& got, const MeasurementSeries& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    SCOPED_TRACE("row " + std::to_string(i));
    ASSERT_EQ(got.lot[i], want.lot[i]);
    ASSERT_EQ(got.wafer[i], want.wafer[i]);
    ASSERT_EQ(got.site[i], want.site[i]);
    ASSERT_EQ(got.time[i], want.time[i]);
    ASSERT_TRUE(same(got.x[i], want.x[i]) && same(got.y[i], want.y[i]) && same(got.value[i], want.value[i]));
    ASSERT_EQ(got.tool[i], want.tool[i]);
    ASSERT_EQ(got.product[i], want.product[i]);
  }
}

class MeasurementSeriesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Lots and sites whose names sort otherwise than their ids (created in
    // file order), rows in shuffled order, times shared across lots, rows
    // without a site, a time or a tool, missing values, two products.
    std::vector<std::string> lines;
    const char* lotNames[] = {"ZETA", "alpha", "Beta", "M-7", "beta"};
    const char* siteNames[] = {"", "T", "C", "L", "R", "b"};
    std::mt19937 rng(7);
    for (int l = 0; l < 5; ++l)
      for (int w = 1; w <= 6; ++w)
        for (int s = 0; s < 6; ++s) {
          std::ostringstream row;
          const int hour = (l * 7 + w * 3 + s) % 5;  // equal times in other lots and wafers
          row << lotNames[l] << "," << (l == 3 && w == 6 ? 0 : w) << "," << siteNames[s] << ",THK,"
              << (rng() % 17 == 0 ? "" : std::to_string(100 + static_cast<int>(rng() % 1000) / 100.0)) << ","
              << (l == 2 && w == 1 ? ""
                                   : "2026-03-0" + std::to_string(1 + w % 3) + "T0" + std::to_string(hour) + ":00:00Z")
              << "," << (s % 3 == 0 ? "" : "TOOL" + std::to_string(s % 2)) << "," << (l % 2 ? "P2" : "P1") << ","
              << s * 10 << "," << (s == 4 ? "" : std::to_string(-s * 5)) << "\n";
          lines.push_back(row.str());
        }
    std::shuffle(lines.begin() + 1, lines.end(), rng);
    std::string csv = "lot,wafer,site,parameter,value,time,tool,product,x,y\n";
    for (const auto& line : lines) csv += line;
    const auto report = io::importFile(ws, dir.write("m.csv", csv));
    ASSERT_EQ(report.status, "ok") << report.message;
  }
  test::TempDir dir;
  Workspace ws = Workspace::openOrCreate(test::workspaceIn(dir, "w.fabdb"));
};

TEST_F(MeasurementSeriesTest, RowsAreTheJoinedRowsInTheirOrderUnderEveryFilter) {
  auto& db = ws.db();
  std::vector<MeasurementFilter> filters(5);
  filters[1].lots = {"beta", "ZETA", "nowhere"};
  filters[2].product = "P2";
  filters[3].from = 1772330400000;  // 2026-03-01T02:00:00Z
  filters[3].to = 1772506800000;    // 2026-03-03T03:00:00Z
  filters[4].lots = {"alpha", "M-7"};
  filters[4].product = "P2";
  for (std::size_t i = 0; i < filters.size(); ++i) {
    SCOPED_TRACE("filter " + std::to_string(i));
    const auto want = joinedRows(db, "THK", filters[i]);
    ASSERT_FALSE(want.size() == 0 && i < 4);
    const auto got = loadMeasurements(db, "THK", filters[i]);
    EXPECT_EQ(got.unit, "");
    expectSameRows(got, want);
  }
}

TEST_F(MeasurementSeriesTest, ChartsAreTheChartsOfTheJoinedRows) {
  auto& db = ws.db();
  const auto rows = joinedRows(db, "THK", {});
  for (const char* subgroup : {"", "wafer", "lot"}) {
    SCOPED_TRACE(subgroup);
    analysis::ControlChartRequest r;
    r.parameter = "THK";
    r.chart = *subgroup ? spc::ChartType::ThreeWay : spc::ChartType::IndividualsMR;
    r.subgroup = subgroup;
    const auto a = analysis::controlChart(db, r);
    spc::ChartOptions o;
    o.type = *r.chart;
    std::optional<spc::Subgroups> groups;
    if (*subgroup) groups = spc::subgroupsByKey(*subgroupKeys(rows, subgroup));
    const auto want = spc::computeVariablesChart(rows.value, groups ? &*groups : nullptr, o);
    ASSERT_EQ(a.chart.panels.size(), want.panels.size());
    for (std::size_t p = 0; p < want.panels.size(); ++p) {
      const auto& gp = a.chart.panels[p];
      const auto& wp = want.panels[p];
      ASSERT_EQ(gp.value.size(), wp.value.size());
      for (std::size_t i = 0; i < wp.value.size(); ++i) EXPECT_TRUE(same(gp.value[i], wp.value[i])) << i;
      ASSERT_EQ(gp.limits.size(), wp.limits.size());
      for (std::size_t k = 0; k < wp.limits.size(); ++k) {
        EXPECT_TRUE(same(gp.limits[k].lcl, wp.limits[k].lcl));
        EXPECT_TRUE(same(gp.limits[k].ucl, wp.limits[k].ucl));
        EXPECT_TRUE(same(gp.limits[k].center, wp.limits[k].center));
      }
      ASSERT_EQ(gp.violations.size(), wp.violations.size());
      for (std::size_t k = 0; k < wp.violations.size(); ++k) {
        EXPECT_EQ(gp.violations[k].point, wp.violations[k].point);
        EXPECT_EQ(gp.violations[k].rule, wp.violations[k].rule);
      }
    }
  }
}

// A parameter large enough to be read in two halves of its lots on two
// connections (parameter_rows.h) gives the rows of the one joined query, and
// so does the same read inside a transaction, where it stays on one connection.
TEST(LargeMeasurementSeries, RowsReadOnTwoConnectionsAreTheJoinedRows) {
  test::TempDir dir;
  auto ws = Workspace::openOrCreate(test::workspaceIn(dir, "w.fabdb"));
  std::mt19937 rng(11);
  std::string csv = "lot,wafer,site,parameter,value,time,tool,product\n";
  for (int l = 0; l < 84; ++l) {
    const std::string lot = std::string(1, static_cast<char>('A' + (l * 7) % 26)) + std::to_string(1000 - l);
    const std::string day = "2026-04-" + std::to_string(10 + l % 20);
    for (int w = 1; w <= 25; ++w)
      for (int site = 1; site <= 100; ++site)
        csv += lot + "," + std::to_string(w) + ",S" + std::to_string(site) + ",THK," +
               (rng() % 101 == 0 ? "" : std::to_string(rng() % 10000 / 100.0)) + "," + day + "T0" +
               std::to_string(w % 7) + ":00:00Z," + (site % 4 ? "T" + std::to_string(site % 3) : "") + "," +
               (l % 3 ? "P1" : "P2") + "\n";
  }
  ASSERT_EQ(io::importFile(ws, dir.write("m.csv", csv)).status, "ok");
  auto& db = ws.db();
  std::vector<MeasurementFilter> filters(3);
  filters[1].product = "P2";
  filters[2].from = 1776038400000;  // 2026-04-13T00:00:00Z
  for (std::size_t i = 0; i < filters.size(); ++i) {
    SCOPED_TRACE("filter " + std::to_string(i));
    const auto want = joinedRows(db, "THK", filters[i]);
    ASSERT_GT(want.size(), i == 0 ? 200'000u : 20'000u);
    expectSameRows(loadMeasurements(db, "THK", filters[i]), want);
  }
  Transaction inside(db);
  expectSameRows(loadMeasurements(db, "THK"), joinedRows(db, "THK", {}));
}

}  // namespace
}  // namespace fab::store

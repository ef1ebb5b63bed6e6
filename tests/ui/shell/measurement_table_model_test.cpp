#include "ui/table/measurement_table_model.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "tests/ui/shell/workspace_fixture.h"

namespace fab::ui {
namespace {

using store::MeasurementColumn;
constexpr int kValue = static_cast<int>(MeasurementColumn::Value);
constexpr int kLot = static_cast<int>(MeasurementColumn::Lot);

/// The value column as the model must show it after sorting by value: missing values first.
std::vector<QString> expectedValuesSorted(int parameter, bool descending) {
  std::vector<double> values;
  for (int i = 0; i < test::kRowsPerParameter; ++i) values.push_back(test::fixtureValue(parameter, i));
  std::sort(values.begin(), values.end(), [](double a, double b) {
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && !std::isnan(b);
    return a < b;
  });
  if (descending) std::reverse(values.begin(), values.end());
  std::vector<QString> out;
  for (double v : values) out.push_back(std::isnan(v) ? QString() : QString::number(v, 'g', 10));
  return out;
}

QString cell(const MeasurementTableModel& m, int row, int column) { return m.data(m.index(row, column)).toString(); }

class TableModel : public ::testing::Test {
 protected:
  test::TempDir dir;
  QString path = QString::fromStdString(test::makeFixtureWorkspace(dir));
};

TEST_F(TableModel, CountsRowsOfTheQueryAndNamesColumns) {
  MeasurementTableModel all(path);
  EXPECT_EQ(all.rowCount(), 3 * test::kRowsPerParameter);
  EXPECT_EQ(all.columnCount(), store::kMeasurementColumnCount);
  EXPECT_EQ(all.headerData(kValue, Qt::Horizontal).toString(), "value");
  EXPECT_EQ(all.pagesFetched(), 0);  // counting reads no page

  store::MeasurementQuery q;
  q.parameter = "B";
  q.lot = "L03";
  MeasurementTableModel filtered(path, q);
  EXPECT_EQ(filtered.rowCount(), test::kWafers * test::kSites);
  for (int r = 0; r < filtered.rowCount(); ++r) {
    ASSERT_EQ(cell(filtered, r, kLot), "L03");
    ASSERT_EQ(cell(filtered, r, 0), "B");
  }
}

TEST_F(TableModel, SortedByTheQueryPageByPage) {
  store::MeasurementQuery q;
  q.parameter = "C";
  MeasurementTableModel model(path, q);
  for (bool descending : {false, true}) {
    model.sort(kValue, descending ? Qt::DescendingOrder : Qt::AscendingOrder);
    const auto want = expectedValuesSorted(2, descending);
    ASSERT_EQ(model.rowCount(), static_cast<int>(want.size()));
    for (int r = 0; r < model.rowCount(); ++r)
      ASSERT_EQ(cell(model, r, kValue), want[static_cast<std::size_t>(r)]) << r;
  }
  // 1,500 rows in pages of 256 → 6 pages per direction, each read once.
  EXPECT_EQ(model.pagesFetched(), 12);
}

TEST_F(TableModel, JumpsReadOnePageAndTheCacheStaysBounded) {
  MeasurementTableModel model(path);
  model.sort(kValue, Qt::AscendingOrder);
  std::vector<QString> all;  // every parameter's values, sorted: the model's value column
  for (int p = 0; p < 3; ++p) {
    const auto v = expectedValuesSorted(p, false);
    all.insert(all.end(), v.begin(), v.end());
  }
  std::stable_sort(all.begin(), all.end(), [](const QString& a, const QString& b) {
    if (a.isEmpty() || b.isEmpty()) return a.isEmpty() && !b.isEmpty();
    return a.toDouble() < b.toDouble();
  });
  const int last = model.rowCount() - 1;
  EXPECT_EQ(cell(model, last, kValue), all.back());
  EXPECT_EQ(model.pagesFetched(), 1);  // straight to the last page
  EXPECT_EQ(cell(model, 3000, kValue), all[3000]);
  EXPECT_EQ(model.pagesFetched(), 2);
  for (int r = 0; r <= last; ++r) ASSERT_EQ(cell(model, r, kValue), all[static_cast<std::size_t>(r)]) << r;
  // 4,500 rows = 18 pages, never more than the cache bound kept.
  EXPECT_LE(model.cachedPages(), MeasurementTableModel::kMaxCachedPages);
}

TEST_F(TableModel, RefreshSeesRowsImportedMeanwhile) {
  store::MeasurementQuery q;
  q.parameter = "D";
  MeasurementTableModel model(path, q);
  EXPECT_EQ(model.rowCount(), 0);
  {
    auto ws = store::Workspace::open(path.toStdString());
    io::importFile(ws, dir.write("d.csv", "lot,parameter,value\nL00,D,1.5\nL01,D,2.5\n"));
  }
  model.refresh();
  EXPECT_EQ(model.rowCount(), 2);
  EXPECT_EQ(cell(model, 1, kValue), "2.5");
}

}  // namespace
}  // namespace fab::ui

#include "core/store/table_page.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <tuple>

#include "core/io/importer.h"
#include "core/store/workspace.h"
#include "tests/support/test_workspace.h"

namespace fab::store {
namespace {

/// A small long-format export with ties, missing values, missing sites and tools.
std::string sampleCsv() {
  std::ostringstream csv;
  csv << "lot,wafer,site,x,y,parameter,value,unit,time,tool\n";
  const char* params[] = {"THK", "CD", "RS"};
  const char* lots[] = {"LOT-B", "LOT-A", "lot-c", "LOT-D"};
  int n = 0;
  for (int p = 0; p < 3; ++p)
    for (int l = 0; l < 4; ++l)
      for (int w = 1; w <= 3; ++w)
        for (int s = 0; s < 3; ++s, ++n) {
          const std::string site = s == 2 && w == 2 ? std::string() : std::string(1, 'S').append(std::to_string(s + 1));
          const std::string x = n % 7 == 0 ? "" : std::to_string(s * 10 - 10);
          const std::string value = n % 11 == 0 ? "N/A" : std::to_string((n * 37) % 13 / 2.0);  // many ties
          const std::string tool = n % 5 == 0 ? "" : (n % 2 ? "MET1" : "MET2");
          csv << lots[l] << ',' << w << ',' << site << ',' << x << ',' << s << ',' << params[p] << ',' << value
              << ",nm,2024-03-0" << (1 + n % 5) << "T10:00:00Z," << tool << '\n';
        }
  return csv.str();
}

/// Every row with its key, read with one plain query: the reference the pages are checked against.
struct Reference {
  MeasurementRow row;
  std::int64_t parameterId, lotId, siteId;
};

std::vector<Reference> allRows(Database& db) {
  std::vector<Reference> out;
  auto q = db.prepare(
      "SELECT p.name, l.name, m.wafer, coalesce(si.name, ''), m.x, m.y, m.value, coalesce(p.unit, ''), m.time, "
      "coalesce(t.name, ''), m.batch_id, m.parameter_id, m.lot_id, m.site_id FROM measurement m "
      "JOIN parameter p ON p.id = m.parameter_id JOIN lot l ON l.id = m.lot_id "
      "LEFT JOIN site si ON si.id = m.site_id LEFT JOIN tool t ON t.id = m.tool_id");
  while (q.step()) {
    Reference r;
    r.row = {q.text(0),    q.text(1), q.text(3), q.text(7), q.text(9),    static_cast<int>(q.integer(2)),
             q.integer(8), q.real(4), q.real(5), q.real(6), q.integer(10)};
    r.parameterId = q.integer(11);
    r.lotId = q.integer(12);
    r.siteId = q.integer(13);
    out.push_back(r);
  }
  return out;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

/// The expected rows, filtered and sorted in C++ (missing numbers first, ties by key).
std::vector<MeasurementRow> expected(std::vector<Reference> rows, const MeasurementQuery& q) {
  std::erase_if(rows, [&](const Reference& r) {
    if (!q.parameter.empty() && r.row.parameter != q.parameter) return true;
    if (!q.lot.empty() && r.row.lot != q.lot) return true;
    if (q.text.empty()) return false;
    const std::string t = lower(q.text);
    for (const auto* s : {&r.row.parameter, &r.row.lot, &r.row.site, &r.row.tool})
      if (lower(*s).find(t) != std::string::npos) return false;
    return true;
  });
  const double inf = std::numeric_limits<double>::infinity();
  auto num = [&](double v) { return std::isnan(v) ? -inf : v; };
  auto key = [](const Reference& r) { return std::tuple(r.parameterId, r.lotId, r.row.wafer, r.siteId, r.row.time); };
  auto less = [&](const Reference& a, const Reference& b) {
    if (q.sortBy) {
      const auto& x = a.row;
      const auto& y = b.row;
      switch (*q.sortBy) {
        case MeasurementColumn::Parameter:
          if (x.parameter != y.parameter) return x.parameter < y.parameter;
          break;
        case MeasurementColumn::Lot:
          if (x.lot != y.lot) return x.lot < y.lot;
          break;
        case MeasurementColumn::Wafer:
          if (x.wafer != y.wafer) return x.wafer < y.wafer;
          break;
        case MeasurementColumn::Site:
          if (x.site != y.site) return x.site < y.site;
          break;
        case MeasurementColumn::X:
          if (num(x.x) != num(y.x)) return num(x.x) < num(y.x);
          break;
        case MeasurementColumn::Y:
          if (num(x.y) != num(y.y)) return num(x.y) < num(y.y);
          break;
        case MeasurementColumn::Value:
          if (num(x.value) != num(y.value)) return num(x.value) < num(y.value);
          break;
        case MeasurementColumn::Unit:
          if (x.unit != y.unit) return x.unit < y.unit;
          break;
        case MeasurementColumn::Time:
          if (x.time != y.time) return x.time < y.time;
          break;
        case MeasurementColumn::Tool:
          if (x.tool != y.tool) return x.tool < y.tool;
          break;
        case MeasurementColumn::Batch:
          if (x.batch != y.batch) return x.batch < y.batch;
          break;
      }
    }
    return key(a) < key(b);
  };
  std::sort(rows.begin(), rows.end(), less);
  if (q.descending) std::reverse(rows.begin(), rows.end());
  std::vector<MeasurementRow> out;
  for (const auto& r : rows) out.push_back(r.row);
  return out;
}

std::vector<MeasurementRow> allPages(Database& db, const MeasurementQuery& q, std::size_t pageSize) {
  std::vector<MeasurementRow> out;
  std::optional<PageCursor> cursor;
  do {
    auto page = fetchMeasurementPage(db, q, cursor, pageSize);
    EXPECT_LE(page.rows.size(), pageSize);
    if (page.next) {
      EXPECT_EQ(page.rows.size(), pageSize);
    }
    out.insert(out.end(), page.rows.begin(), page.rows.end());
    cursor = page.next;
  } while (cursor);
  return out;
}

void expectSameRows(const std::vector<MeasurementRow>& got, const std::vector<MeasurementRow>& want) {
  ASSERT_EQ(got.size(), want.size());
  auto same = [](double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; };
  for (std::size_t i = 0; i < got.size(); ++i) {
    SCOPED_TRACE("row " + std::to_string(i));
    EXPECT_EQ(got[i].parameter, want[i].parameter);
    EXPECT_EQ(got[i].lot, want[i].lot);
    EXPECT_EQ(got[i].wafer, want[i].wafer);
    EXPECT_EQ(got[i].site, want[i].site);
    EXPECT_EQ(got[i].time, want[i].time);
    EXPECT_EQ(got[i].tool, want[i].tool);
    EXPECT_TRUE(same(got[i].x, want[i].x));
    EXPECT_TRUE(same(got[i].value, want[i].value));
  }
}

class TablePage : public ::testing::Test {
 protected:
  void SetUp() override {
    path = test::workspaceIn(dir, "w.fabdb");
    auto ws = Workspace::openOrCreate(path);
    const auto report = io::importFile(ws, dir.write("m.csv", sampleCsv()));
    ASSERT_EQ(report.status, "ok") << report.message;
    ASSERT_EQ(report.rowsOk, 108);  // rows without a value are stored too
  }
  test::TempDir dir;
  std::string path;  ///< the workspace: a file in dir, or a schema on the PostgreSQL test server
};

TEST_F(TablePage, EverySortColumnBothDirectionsAcrossPageBoundaries) {
  Database db(path, Database::Mode::ReadOnly);
  const auto rows = allRows(db);
  ASSERT_EQ(rows.size(), 108u);
  std::vector<std::optional<MeasurementColumn>> sorts = {std::nullopt};
  for (int c = 0; c < kMeasurementColumnCount; ++c) sorts.push_back(static_cast<MeasurementColumn>(c));
  for (const auto& sort : sorts) {
    for (bool descending : {false, true}) {
      for (std::size_t pageSize : {1u, 7u, 500u}) {
        MeasurementQuery q;
        q.sortBy = sort;
        q.descending = descending;
        SCOPED_TRACE(std::string(sort ? measurementColumnName(*sort) : "storage order") + (descending ? " desc" : "") +
                     " page " + std::to_string(pageSize));
        expectSameRows(allPages(db, q, pageSize), expected(rows, q));
      }
    }
  }
}

TEST_F(TablePage, FiltersByParameterLotAndText) {
  Database db(path, Database::Mode::ReadOnly);
  const auto rows = allRows(db);
  MeasurementQuery q;
  q.parameter = "CD";
  EXPECT_EQ(countMeasurements(db, q), 36);
  expectSameRows(allPages(db, q, 5), expected(rows, q));
  q.lot = "LOT-A";
  EXPECT_EQ(countMeasurements(db, q), 9);
  q.sortBy = MeasurementColumn::Value;
  expectSameRows(allPages(db, q, 4), expected(rows, q));

  MeasurementQuery text;
  text.text = "met1";  // a tool, case-insensitive
  text.sortBy = MeasurementColumn::Lot;
  const auto want = expected(rows, text);
  EXPECT_GT(want.size(), 0u);
  EXPECT_EQ(countMeasurements(db, text), static_cast<std::int64_t>(want.size()));
  expectSameRows(allPages(db, text, 6), want);

  MeasurementQuery wildcard;
  wildcard.text = "%";  // taken literally, not as a LIKE wildcard
  EXPECT_EQ(countMeasurements(db, wildcard), 0);
  MeasurementQuery unknown;
  unknown.parameter = "no such parameter";
  EXPECT_EQ(countMeasurements(db, unknown), 0);
  EXPECT_TRUE(fetchMeasurementPage(db, unknown, std::nullopt, 10).rows.empty());
}

TEST_F(TablePage, SkipJumpsAheadLikeSlicingTheSortedRows) {
  Database db(path, Database::Mode::ReadOnly);
  MeasurementQuery q;
  q.sortBy = MeasurementColumn::Value;
  q.descending = true;
  const auto want = expected(allRows(db), q);
  const auto page = fetchMeasurementPage(db, q, std::nullopt, 10, 50);
  expectSameRows(page.rows, std::vector<MeasurementRow>(want.begin() + 50, want.begin() + 60));
  ASSERT_TRUE(page.next);
  // Continuing from the jumped-to page's cursor gives the rows after it.
  const auto after = fetchMeasurementPage(db, q, page.next, 10);
  expectSameRows(after.rows, std::vector<MeasurementRow>(want.begin() + 60, want.begin() + 70));
  const auto tail = fetchMeasurementPage(db, q, std::nullopt, 10, 100);
  expectSameRows(tail.rows, std::vector<MeasurementRow>(want.begin() + 100, want.end()));
  EXPECT_FALSE(tail.next);
  EXPECT_TRUE(fetchMeasurementPage(db, q, std::nullopt, 10, 500).rows.empty());
}

TEST_F(TablePage, NamesForFilterLists) {
  Database db(path, Database::Mode::ReadOnly);
  EXPECT_EQ(parameterNames(db), (std::vector<std::string>{"CD", "RS", "THK"}));
  EXPECT_EQ(lotNames(db), (std::vector<std::string>{"LOT-A", "LOT-B", "LOT-D", "lot-c"}));
}

TEST_F(TablePage, LotsWithDiesOfAProduct) {
  {
    auto ws = Workspace::open(path);
    ASSERT_EQ(io::importFile(ws, dir.write("lots.csv",
                                           "lot,product,step,recipe\nLOT-A,P1,S1,R\nLOT-B,P1,S1,R\n"
                                           "LOT-D,P2,S1,R\n"))
                  .status,
              "ok");
    ASSERT_EQ(
        io::importFile(ws, dir.write("dies.csv", "lot,wafer,die_x,die_y,bin\nLOT-B,1,0,0,1\nLOT-D,1,0,0,2\n")).status,
        "ok");
  }
  Database db(path, Database::Mode::ReadOnly);
  EXPECT_EQ(lotsWithDies(db, "P1"), std::vector<std::string>{"LOT-B"});  // LOT-A has no dies
  EXPECT_EQ(lotsWithDies(db, "P2"), std::vector<std::string>{"LOT-D"});
  EXPECT_TRUE(lotsWithDies(db, "P3").empty());
}

TEST_F(TablePage, ListsBatchesWithTheirErrors) {
  auto ws = Workspace::open(path);
  io::ImportOptions options;
  options.batch.skipBadRows = true;
  const auto report =
      io::importFile(ws, dir.write("bad.csv", "lot,parameter,value\nL1,THK,1.5\nL1,THK,abc\nL2,THK,2\n"), options);
  ASSERT_EQ(report.rowsRejected, 1);
  const auto batches = listImportBatches(ws.db());
  ASSERT_EQ(batches.size(), 2u);
  EXPECT_EQ(batches[0].id, report.batchId);  // newest first
  EXPECT_EQ(batches[0].status, "ok");
  EXPECT_EQ(batches[0].rowsOk, 2);
  EXPECT_EQ(batches[0].rowsRejected, 1);
  EXPECT_EQ(batches[0].errors, 1);
  EXPECT_EQ(batches[1].errors, 0);
  const auto errors = listImportErrors(ws.db(), report.batchId);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].line, 3);
  EXPECT_EQ(errors[0].columnName, "value");
  EXPECT_NE(errors[0].rawText.find("abc"), std::string::npos);
}

}  // namespace
}  // namespace fab::store

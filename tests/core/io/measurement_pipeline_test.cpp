// The two-thread measurement import on files larger than one chunk: problems
// on the last row, the reading thread's errors, cancellation, duplicates and
// missing values, names first seen late in the file. Expected values come from
// the generated files themselves.
#include "core/io/measurement_pipeline.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "core/common/error.h"
#include "core/io/importer.h"
#include "tests/support/test_workspace.h"

namespace fab::io {
namespace {

using ::testing::HasSubstr;

/// A long file of `rows` values: lot L<i/500>, wafer W-<slot>, site, parameter
/// P<i%7>, value i, time; each row's key is distinct.
std::string longFile(int rows) {
  std::string out = "lot,wafer,site,parameter,value,unit,time\n";
  for (int i = 0; i < rows; ++i)
    out += "L" + std::to_string(i / 500) + ",W-" + std::to_string(1 + i / 20 % 25) + "," + std::to_string(i % 20) +
           ",P" + std::to_string(i % 7) + "," + std::to_string(i) + ",nm,2026-03-01T08:00:00Z\n";
  return out;
}

class MeasurementPipelineTest : public ::testing::Test {
 protected:
  std::int64_t count(const std::string& sql) {
    auto q = ws.db().prepare(sql);
    q.step();
    return q.integer(0);
  }
  double real(const std::string& sql) {
    auto q = ws.db().prepare(sql);
    q.step();
    return q.real(0);
  }
  test::TempDir dir;
  store::Workspace ws = store::Workspace::openOrCreate(test::workspaceIn(dir, "w.fabdb"));
};

TEST_F(MeasurementPipelineTest, StoresEveryRowOfAFileSpanningManyChunks) {
  constexpr int kRows = 100000;
  const auto report = importFile(ws, dir.write("big.csv", longFile(kRows)));
  EXPECT_EQ(report.status, "ok");
  EXPECT_EQ(report.rowsOk, kRows);
  EXPECT_EQ(report.rowsDuplicate, 0);
  EXPECT_EQ(count("SELECT count(*) FROM measurement"), kRows);
  EXPECT_EQ(count("SELECT count(*) FROM lot"), kRows / 500);
  EXPECT_EQ(count("SELECT count(*) FROM parameter"), 7);
  // Sum of 0..n-1, and the lot of the last row, found through the ids the writer resolved.
  EXPECT_DOUBLE_EQ(real("SELECT sum(value) FROM measurement"), 0.5 * kRows * (kRows - 1));
  EXPECT_EQ(count("SELECT m.value FROM measurement m JOIN lot l ON l.id = m.lot_id JOIN parameter p ON "
                  "p.id = m.parameter_id WHERE l.name = 'L199' AND p.name = 'P" +
                  std::to_string((kRows - 1) % 7) + "' AND m.wafer = " + std::to_string(1 + (kRows - 1) / 20 % 25) +
                  " AND m.site_id = (SELECT id FROM site WHERE name = '19')"),
            kRows - 1);
  // Every (lot, slot) pair is a wafer row with its scribe id.
  EXPECT_EQ(count("SELECT count(*) FROM wafer"),
            count("SELECT count(*) FROM (SELECT DISTINCT lot_id, wafer FROM measurement) AS w"));
  EXPECT_EQ(count("SELECT count(*) FROM wafer WHERE scribe = 'W-' || slot"), count("SELECT count(*) FROM wafer"));
}

TEST_F(MeasurementPipelineTest, BadLastRowFailsTheWholeBatchWithItsLine) {
  constexpr int kRows = 40000;
  const auto path = dir.write("last.csv", longFile(kRows) + "L0,W-1,1,P0,oops,nm,2026-03-01T08:00:00Z");
  const auto report = importFile(ws, path);
  EXPECT_EQ(report.status, "failed");
  EXPECT_EQ(report.rowsOk, 0);
  EXPECT_EQ(report.rowsRejected, 1);
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_EQ(report.problems[0].describe("f"),
            "f:" + std::to_string(kRows + 2) + ":13: column 'value': expected a number, found 'oops'");
  EXPECT_EQ(count("SELECT count(*) FROM measurement"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM lot"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM import_error WHERE line = " + std::to_string(kRows + 2)), 1);

  ImportOptions skip;
  skip.batch.skipBadRows = true;
  const auto kept = importFile(ws, path, skip);
  EXPECT_EQ(kept.status, "ok");
  EXPECT_EQ(kept.rowsOk, kRows);
  EXPECT_EQ(kept.rowsRejected, 1);
  EXPECT_EQ(count("SELECT count(*) FROM measurement"), kRows);
}

TEST_F(MeasurementPipelineTest, InvalidUtf8HalfWayStopsTheImportWithTheSameError) {
  constexpr int kRows = 60000;
  std::string content = longFile(kRows);
  // A bad value early (a rejected row) and an invalid byte at the start of data row 40000.
  const auto early = content.find("\nL0,W-1,3,P3,3,");
  content.replace(content.find(",3,nm", early), 5, ",x3,nm");
  std::size_t at = 0;
  for (int line = 1; line < 40001; ++line) at = content.find('\n', at) + 1;
  content.insert(at, "\xff");
  const auto path = dir.write("utf8.csv", content);
  std::string error;
  try {
    importFile(ws, path);
  } catch (const Error& e) {
    error = e.what();
  }
  EXPECT_EQ(error, path + ":40001:1: invalid UTF-8 byte sequence; the file must be UTF-8 text");
  EXPECT_EQ(count("SELECT count(*) FROM measurement"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM import_batch WHERE status = 'failed' AND message LIKE '%invalid UTF-8%'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM import_error WHERE line = 5"), 1);  // the bad value before it is kept
}

TEST_F(MeasurementPipelineTest, QuoteNeverClosedAtTheEndIsAnError) {
  const auto path = dir.write("quote.csv", longFile(30000) + "L1,W-1,1,\"P1,1,nm,2026-03-01T08:00:00Z\n");
  std::string error;
  try {
    importFile(ws, path);
  } catch (const Error& e) {
    error = e.what();
  }
  EXPECT_EQ(error, path + ":30002:10: quoted field is never closed (missing \")");
  EXPECT_EQ(count("SELECT count(*) FROM measurement"), 0);
}

TEST_F(MeasurementPipelineTest, CancellingWhileTheReaderRunsAheadRollsBack) {
  // Several chunks on either backend (a chunk is 16 k rows on a file, 64 k on a server).
  const auto path = dir.write("cancel.csv", longFile(400000));
  std::atomic<bool> cancel{false};
  int reports = 0;
  Feedback feedback;
  feedback.cancelFlag = &cancel;
  feedback.onProgress = [&](double, std::string_view) {
    if (++reports == 1) cancel = true;  // at the first report: the reader is chunks ahead
  };
  const auto report = importFile(ws, path, {}, feedback);
  EXPECT_EQ(report.status, "cancelled");
  EXPECT_EQ(reports, 1);
  EXPECT_EQ(count("SELECT count(*) FROM measurement"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM lot"), 0);
  EXPECT_EQ(importFile(ws, path).rowsOk, 400000);
}

TEST_F(MeasurementPipelineTest, CancelledBeforeTheStartStoresNothing) {
  std::atomic<bool> cancel{true};
  Feedback feedback;
  feedback.cancelFlag = &cancel;
  const auto report = importFile(ws, dir.write("c.csv", longFile(10)), {}, feedback);
  EXPECT_EQ(report.status, "cancelled");
  EXPECT_EQ(count("SELECT count(*) FROM measurement"), 0);
}

TEST_F(MeasurementPipelineTest, ProgressRisesToOne) {
  std::vector<double> fractions;
  Feedback feedback;
  feedback.onProgress = [&](double f, std::string_view) { fractions.push_back(f); };
  importFile(ws, dir.write("p.csv", longFile(100000)), {}, feedback);
  ASSERT_GE(fractions.size(), 3u);
  EXPECT_TRUE(std::is_sorted(fractions.begin(), fractions.end()));
  EXPECT_GT(fractions.front(), 0.0);
  EXPECT_EQ(fractions.back(), 1.0);
}

TEST_F(MeasurementPipelineTest, FirstOfRepeatedRowsIsKeptAndMissingValuesCountOnlyWhenStored) {
  // Keys repeat within a chunk (every 429 rows), across chunks (the time
  // comes back every 35000 rows) and with missing values; the expected counts
  // and kept values are worked out here, row by row.
  std::string content = "lot,site,parameter,value,time\n";
  std::map<std::tuple<int, int, int, int>, std::string> first;  // (lot, site, parameter, second) → first value
  std::int64_t stored = 0, duplicates = 0, missing = 0;
  for (int i = 0; i < 80000; ++i) {
    const int lot = i % 13, site = i % 11, parameter = i % 3, second = i / 7000 % 5;
    const std::string value = i % 97 == 0 ? "N/A" : std::to_string(i % 1000);
    content += "L" + std::to_string(lot) + "," + std::to_string(site) + ",P" + std::to_string(parameter) + "," + value +
               ",2026-03-01T08:00:0" + std::to_string(second) + "Z\n";
    if (first.emplace(std::tuple{lot, site, parameter, second}, value).second) {
      ++stored;
      missing += value == "N/A";
    } else {
      ++duplicates;
    }
  }
  const auto report = importFile(ws, dir.write("dups.csv", content));
  EXPECT_EQ(report.rowsOk, stored);
  EXPECT_EQ(report.rowsDuplicate, duplicates);
  EXPECT_EQ(report.rowsMissing, missing);
  EXPECT_GT(missing, 0);
  auto q = ws.db().prepare(
      "SELECT l.name, s.name, p.name, m.time, m.value FROM measurement m JOIN lot l ON l.id = m.lot_id "
      "JOIN site s ON s.id = m.site_id JOIN parameter p ON p.id = m.parameter_id");
  const std::int64_t t0 = 1772352000000;  // 2026-03-01T08:00:00Z
  std::size_t rows = 0;
  while (q.step()) {
    ++rows;
    const auto key = std::tuple{std::stoi(q.text(0).substr(1)), std::stoi(q.text(1)), std::stoi(q.text(2).substr(1)),
                                static_cast<int>((q.integer(3) - t0) / 1000)};
    const auto& expected = first.at(key);
    if (expected == "N/A")
      EXPECT_TRUE(q.isNull(4));
    else
      EXPECT_EQ(q.real(4), std::stod(expected));
  }
  EXPECT_EQ(rows, first.size());
}

TEST_F(MeasurementPipelineTest, UnitsKnownToTheWorkspaceRejectOtherUnitsLater) {
  importFile(ws, dir.write("a.csv", "lot,parameter,value,unit\nL1,THK,100,nm\nL1,RS,5,\n"));
  std::string content = "lot,parameter,value,unit\n";
  for (int i = 0; i < 20000; ++i) content += "L2,CD,1,nm\n";
  content += "L2,THK,1000,A\nL2,RS,5,ohm\nL2,RS,6,mohm\n";
  const auto report = importFile(ws, dir.write("b.csv", content));
  EXPECT_EQ(report.status, "failed");
  ASSERT_FALSE(report.problems.empty());
  EXPECT_EQ(report.problems[0].line, 20002);
  EXPECT_EQ(report.problems[0].message, "unit 'A' differs from the unit 'nm' this parameter already has");

  ImportOptions skip;
  skip.batch.skipBadRows = true;
  const auto kept = importFile(ws, dir.path("b.csv"), skip);
  ASSERT_EQ(kept.problems.size(), 2u);
  EXPECT_EQ(kept.problems[0].line, 20002);
  EXPECT_EQ(kept.problems[1].line, 20004);
  EXPECT_EQ(kept.problems[1].message, "unit 'mohm' differs from the unit 'ohm' this parameter already has");
  auto unit = ws.db().prepare("SELECT unit FROM parameter WHERE name = 'RS'");
  ASSERT_TRUE(unit.step());
  EXPECT_EQ(unit.text(0), "ohm");  // the first unit given for a parameter without one
}

TEST_F(MeasurementPipelineTest, ToolsChambersProductsAndWafersAsGiven) {
  const auto report = importFile(ws, dir.write("t.csv",
                                               "lot,wafer,site,parameter,value,tool,chamber,product\n"
                                               "L1,,1,THK,1,T1,A,AX\n"
                                               "L1,,2,THK,2,,B,BX\n"
                                               "L2,7,,THK,3,,,\n"
                                               "L2,7,,CD,4,T1,,BX\n"));
  EXPECT_EQ(report.rowsOk, 4);
  auto tools = ws.db().prepare("SELECT name FROM tool ORDER BY id");
  std::vector<std::string> names;
  while (tools.step()) names.push_back(tools.text(0));
  EXPECT_THAT(names, ::testing::ElementsAre("T1/A", "/B", "T1"));
  EXPECT_EQ(count("SELECT count(*) FROM measurement WHERE tool_id IS NULL"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM measurement WHERE site_id = 0"), 2);
  // A lot keeps the first product given; only wafer ids the file gives become wafer rows.
  EXPECT_EQ(count("SELECT count(*) FROM lot WHERE name = 'L1' AND product = 'AX'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM lot WHERE name = 'L2' AND product = 'BX'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM wafer"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM wafer WHERE slot = 7 AND scribe IS NULL"), 1);
}

}  // namespace
}  // namespace fab::io

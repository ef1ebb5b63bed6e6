// fabkit-cli import --kind wafer-maps: WM-811K JSON lines into a workspace's dies.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/store/dies.h"
#include "core/store/workspace.h"
#include "tests/support/run_cli.h"
#include "tests/support/temp_dir.h"

namespace {

using Json = nlohmann::json;

class WaferMapImportTest : public ::testing::Test {
 protected:
  fab::test::CliResult import(const std::string& file, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"import", file, "--workspace", ws_};
    args.insert(args.end(), extra.begin(), extra.end());
    return fab::test::runCli(args, dir_.path("stderr.txt"));
  }
  std::vector<fab::store::WaferDies> stored() {
    auto w = fab::store::Workspace::open(ws_);
    return fab::store::loadDies(w.db());
  }
  fab::test::TempDir dir_;
  std::string ws_ = dir_.path("ws.fab");
};

TEST_F(WaferMapImportTest, EachMapBecomesItsLotAndWaferWithTheMapUpright) {
  // Line 3 names no lot and no slot: the lot is the file's name, the wafer its line number.
  const auto file =
      dir_.write("maps.txt",
                 R"({"wafer": "A-1", "lot": "A", "wafer_index": 1, "rows": 3, "cols": 3, "map": ["010", "121", "010"]})"
                 "\n"
                 R"({"wafer": "A-2", "lot": "A", "wafer_index": 2, "rows": 2, "cols": 3, "map": ["222", "011"]})"
                 "\n"
                 R"({"wafer": "loose", "rows": 1, "cols": 2, "map": ["12"]})"
                 "\n");
  const auto r = import(file, {"--kind", "wafer-maps", "--json"});
  ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
  const auto j = Json::parse(r.out);
  EXPECT_EQ(j["rows_imported"], 5 + 5 + 2);  // the 1s and 2s of the three maps
  const auto wafers = stored();
  ASSERT_EQ(wafers.size(), 3u);
  std::map<std::pair<std::string, int>, std::vector<fab::store::Die>> byWafer;
  for (const auto& w : wafers) byWafer[{w.lot, w.wafer}] = w.dies;
  ASSERT_TRUE(byWafer.count({"A", 1}) && byWafer.count({"A", 2}) && byWafer.count({"maps", 3}));
  // Die (column, rows - 1 - row): the bottom row of the file is die_y 0. Good dies bin 1, failing bin 0.
  std::set<std::tuple<int, int, int, bool>> a2;
  for (const auto& d : byWafer[{"A", 2}]) a2.insert({d.x, d.y, d.bin, d.pass});
  const std::set<std::tuple<int, int, int, bool>> expected{
      {0, 1, 0, false}, {1, 1, 0, false}, {2, 1, 0, false}, {1, 0, 1, true}, {2, 0, 1, true}};
  EXPECT_EQ(a2, expected);
  const auto& loose = byWafer[{"maps", 3}];
  ASSERT_EQ(loose.size(), 2u);
  {
    auto w = fab::store::Workspace::open(ws_);
    auto q = w.db().prepare("SELECT scribe FROM wafer w JOIN lot l ON l.id = w.lot_id WHERE l.name = 'A' AND slot = 2");
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.text(0), "A-2");
  }
}

TEST_F(WaferMapImportTest, ABadLineIsNamedAndNothingIsStored) {
  const auto file =
      dir_.write("bad.jsonl", R"({"wafer": "ok", "lot": "A", "wafer_index": 1, "rows": 1, "cols": 2, "map": ["12"]})"
                              "\n"
                              R"({"wafer": "odd", "lot": "A", "wafer_index": 2, "rows": 1, "cols": 2, "map": ["13"]})"
                              "\n");
  const auto r = import(file);  // the .jsonl extension says what it is
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("bad.jsonl:2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("'3' is not 0 (no die), 1 (good) or 2 (fail)"), std::string::npos) << r.err;
  EXPECT_TRUE(stored().empty());

  const auto twice =
      dir_.write("twice.jsonl", R"({"wafer": "x", "lot": "A", "wafer_index": 4, "rows": 1, "cols": 1, "map": ["1"]})"
                                "\n"
                                R"({"wafer": "y", "lot": "A", "wafer_index": 4, "rows": 1, "cols": 1, "map": ["2"]})"
                                "\n");
  const auto t = import(twice);
  EXPECT_EQ(t.exitCode, 1);
  EXPECT_NE(t.err.find("twice.jsonl:2: wafer 'y' is lot 'A' wafer 4, which line 1 already holds"), std::string::npos)
      << t.err;
  EXPECT_TRUE(stored().empty());
  EXPECT_EQ(import(twice, {"--delimiter", ";"}).exitCode, 2);
}

TEST_F(WaferMapImportTest, EveryMapOfTheRealTrainingFileIsOneWafer) {
  const std::string file = FAB_SOURCE_DIR "/../shared/reference/real/wm811k/train.jsonl";
  // The file's own records: its lines, its lots and wafers, its dies (every 1 and 2).
  std::ifstream in(file);
  ASSERT_TRUE(in) << file;
  std::size_t lines = 0, dies = 0, failing = 0;
  std::set<std::pair<std::string, int>> places;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    ++lines;
    const auto j = Json::parse(line);
    places.insert({j["lot"].get<std::string>(), j["wafer_index"].get<int>()});
    for (const auto& row : j["map"])
      for (char c : row.get<std::string>()) dies += c != '0', failing += c == '2';
  }
  const auto r = import(file, {"--json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(Json::parse(r.out)["rows_imported"].get<std::size_t>(), dies);
  const auto wafers = stored();
  EXPECT_EQ(wafers.size(), lines);
  std::set<std::pair<std::string, int>> got;
  std::size_t storedFailing = 0;
  for (const auto& w : wafers) {
    got.insert({w.lot, w.wafer});
    for (const auto& d : w.dies) storedFailing += !d.pass;
  }
  EXPECT_EQ(got, places);
  EXPECT_EQ(storedFailing, failing);
}

}  // namespace

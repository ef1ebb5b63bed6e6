// fabkit-cli similar on the demo workspace, checked against embeddings computed
// here through the same public WaferClassifier::embed and an exhaustive search.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <span>
#include <sstream>

#include "core/ml/die_map_store.h"
#include "core/store/dies.h"
#include "core/store/workspace.h"
#include "models/classifier/pretrained_model.h"
#include "models/classifier/wafer_classifier.h"
#include "tests/support/run_cli.h"
#include "tests/support/temp_dir.h"

namespace {

using Json = nlohmann::json;

class SimilarCliTest : public ::testing::Test {
 protected:
  fab::test::CliResult cli(const std::vector<std::string>& args) {
    return fab::test::runCli(args, dir_.path("stderr.txt"));
  }
  fab::test::TempDir dir_;
};

TEST_F(SimilarCliTest, NeighboursAreTheNearestEmbeddingsAndACopiedWaferComesFirst) {
  const auto ws = dir_.path("demo");
  ASSERT_EQ(cli({"demo", "--workspace", ws}).exitCode, 0);

  // The same dies of one wafer, imported again under another lot name.
  std::string lot, product;
  const int slot = 7;
  std::vector<fab::store::Die> copied;
  {
    auto w = fab::store::Workspace::open(ws);
    const auto all = fab::store::loadDies(w.db());
    ASSERT_FALSE(all.empty());
    lot = all.front().lot;
    fab::store::DieFilter filter;
    filter.lots = {lot};
    filter.wafer = slot;
    const auto one = fab::store::loadDies(w.db(), filter);
    ASSERT_EQ(one.size(), 1u);
    product = one.front().product;
    copied = one.front().dies;
  }
  std::ostringstream csv;
  csv << "lot,wafer,product,die_x,die_y,bin,pass\n";
  for (const auto& d : copied)
    csv << "COPY-LOT," << slot << "," << product << "," << d.x << "," << d.y << "," << d.bin << "," << d.pass << "\n";
  const auto imported = cli({"import", dir_.write("copy.csv", csv.str()), "--workspace", ws, "--kind", "dies"});
  ASSERT_EQ(imported.exitCode, 0) << imported.out << imported.err;

  const int top = 12;
  const auto r = cli({"similar", "--workspace", ws, "--lot", lot, "--wafer", std::to_string(slot), "--top",
                      std::to_string(top), "--json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = Json::parse(r.out);
  const auto& found = j.at("neighbours");
  ASSERT_EQ(found.size(), static_cast<std::size_t>(top));
  EXPECT_EQ(found[0]["lot"], "COPY-LOT");
  EXPECT_EQ(found[0]["wafer"], slot);
  EXPECT_EQ(found[0]["distance"].get<double>(), 0.0);

  // Embeddings of every workspace wafer, computed here.
  auto w = fab::store::Workspace::open(ws);
  const auto wafers = fab::ml::loadStoredWaferMaps(w.db());
  std::vector<fab::ml::DieMap> maps;
  std::map<std::pair<std::string, int>, std::size_t> position;
  for (const auto& s : wafers) {
    position[{s.dies.lot, s.dies.wafer}] = maps.size();
    maps.push_back(s.map);
  }
  EXPECT_EQ(j.at("wafers_indexed").get<std::size_t>(), maps.size());
  const auto model =
      fab::models::WaferClassifier::load(fab::models::pretrainedModelDir(), fab::models::DeviceChoice::Cpu);
  const auto e = model.embed(maps);
  const std::size_t d = model.embeddingSize();
  ASSERT_EQ(e.size(), maps.size() * d);
  const auto distance = [&](std::size_t a, std::size_t b) {
    double s = 0;
    for (std::size_t i = 0; i < d; ++i) s += std::pow(static_cast<double>(e[a * d + i]) - e[b * d + i], 2);
    return std::sqrt(s);
  };
  const auto query = position.at({lot, slot});

  double previous = 0;
  std::set<std::size_t> listed;
  for (const auto& n : found) {
    const auto at = position.at({n["lot"].get<std::string>(), n["wafer"].get<int>()});
    EXPECT_NE(at, query) << "the query wafer is listed as its own neighbour";
    listed.insert(at);
    const double reported = n["distance"].get<double>();
    EXPECT_GE(reported, previous) << n.dump();
    EXPECT_NEAR(reported, distance(query, at), 1e-4 * (1 + reported)) << n.dump();
    // Yield: passing dies over dies of that wafer.
    const auto& dies = wafers[at].map.dies;
    const auto pass = std::count_if(dies.begin(), dies.end(), [](const auto& die) { return die.pass; });
    EXPECT_NEAR(n["yield"].get<double>(), static_cast<double>(pass) / dies.size(), 1e-12);
    EXPECT_EQ(n["dies"].get<std::size_t>(), dies.size());
    // Uncertain as the model decides it; "far from the training maps" exactly when the nearest training map
    // lies beyond the card's distance threshold (a wafer without a failing die is never uncertain).
    const auto p = model.classify(std::span(&maps[at], 1)).front();
    EXPECT_EQ(n["class"], p.className()) << n.dump();
    EXPECT_EQ(n["uncertain"], p.uncertain) << n.dump();
    EXPECT_EQ(n["uncertain_because"], Json(p.uncertainBecause())) << n.dump();
    if (const auto& kept = model.card().trainingMaps) {
      const double toTraining = n["training_distance"].get<double>();
      EXPECT_NEAR(toTraining, *p.trainingDistance, 1e-4 * (1 + toTraining));
      const bool failing = static_cast<std::size_t>(pass) < dies.size();
      EXPECT_EQ(p.farFromTrainingMaps, failing && toTraining > kept->threshold) << n.dump();
    } else {
      EXPECT_TRUE(n["training_distance"].is_null());
    }
    previous = reported;
  }
  // Exhaustive: no wafer left off the list is nearer than the last one listed.
  for (std::size_t i = 0; i < maps.size(); ++i) {
    if (i == query || listed.count(i)) continue;
    EXPECT_GE(distance(query, i), previous - 1e-4) << wafers[i].map.wafer;
  }
  // The planted pattern: the copy is classified as its original.
  EXPECT_EQ(found[0]["best_guess"], j["query"]["best_guess"]);
}

TEST_F(SimilarCliTest, AnUnknownLotOrWaferNamesWhatExists) {
  const auto ws = dir_.path("demo");
  ASSERT_EQ(cli({"demo", "--workspace", ws}).exitCode, 0);
  auto lot = cli({"similar", "--workspace", ws, "--lot", "NO-SUCH-LOT", "--wafer", "1"});
  EXPECT_EQ(lot.exitCode, 1);
  EXPECT_NE(lot.err.find("lot 'NO-SUCH-LOT' has no die map in the workspace; lots with die maps: "), std::string::npos)
      << lot.err;
  std::string first;
  {
    auto w = fab::store::Workspace::open(ws);
    first = fab::store::loadDies(w.db()).front().lot;
  }
  EXPECT_NE(lot.err.find(first), std::string::npos) << lot.err;
  auto wafer = cli({"similar", "--workspace", ws, "--lot", first, "--wafer", "99"});
  EXPECT_EQ(wafer.exitCode, 1);
  EXPECT_NE(wafer.err.find("lot '" + first + "' has no wafer 99 with dies; its wafers: 1, 2, 3"), std::string::npos)
      << wafer.err;
  EXPECT_EQ(cli({"similar", "--workspace", ws, "--lot", first, "--wafer", "1", "--top", "0"}).exitCode, 2);
}

}  // namespace

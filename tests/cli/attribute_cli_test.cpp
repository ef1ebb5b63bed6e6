// fabkit-cli spc --product P --yield|--defects on the demo workspace: the die
// fail fraction per wafer charted from the die table. The centre line is
// checked against p̄ counted here from the die table, and the chart choice
// against the overdispersion policy (core/analysis/attribute_chart.h).
#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>

#include "core/store/database.h"
#include "tests/support/run_cli.h"
#include "tests/support/run_cli_json.h"
#include "tests/support/temp_dir.h"

namespace {

class AttributeCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<fab::test::TempDir>();
    const auto r = fab::test::runCli({"demo", "--workspace", dir_->path("demo.fabdb")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
  }
  static void TearDownTestSuite() { dir_.reset(); }
  static std::string workspace() { return fab::test::shellQuote(dir_->path("demo.fabdb")); }
  static std::unique_ptr<fab::test::TempDir> dir_;
};
std::unique_ptr<fab::test::TempDir> AttributeCliTest::dir_;

TEST_F(AttributeCliTest, DieYieldOfAProductIsLaneyWhenOverdispersed) {
  // p̄ and the wafer count of AX100 (pass bin 1, data/demo/products.csv), counted here.
  fab::store::Database db(dir_->path("demo.fabdb"), fab::store::Database::Mode::ReadOnly);
  auto q = db.prepare(
      "SELECT SUM(d.bin <> 1), COUNT(*), COUNT(DISTINCT l.name || '/' || d.wafer) FROM die d JOIN lot l ON l.id = "
      "d.lot_id WHERE l.product = 'AX100'");
  ASSERT_TRUE(q.step());
  const double pbar = static_cast<double>(q.integer(0)) / static_cast<double>(q.integer(1));
  const auto wafers = q.integer(2);

  const auto j = fab::test::cliJson("spc --workspace " + workspace() + " --product AX100 --yield");
  EXPECT_EQ(j["chart"], "laney-p");
  EXPECT_NE(j["chart_reason"].get<std::string>().find("chosen by default"), std::string::npos) << j["chart_reason"];
  EXPECT_EQ(j["points"].get<long long>(), wafers);
  EXPECT_NEAR(j["phases"][0]["center"].get<double>(), pbar, 1e-12);
  EXPECT_GT(j["phases"][0]["sigma_z"].get<double>(), 1.5);

  // Asked for p: the plain binomial limits, narrower by σz.
  const auto p = fab::test::cliJson("spc --workspace " + workspace() + " --product AX100 --yield --chart p");
  EXPECT_EQ(p["chart"], "p");
  const auto& lim = p["panels"][0]["limits"][0];
  EXPECT_NEAR(lim["ucl"].get<double>() - pbar, 3 * std::sqrt(pbar * (1 - pbar) / 621.0), 1e-9);
}

TEST_F(AttributeCliTest, DefectDensityAndClearErrors) {
  const auto u = fab::test::cliJson("spc --workspace " + workspace() + " --product AX100 --defects --chart u");
  EXPECT_EQ(u["chart"], "u");
  EXPECT_GT(u["points"].get<int>(), 0);
  const auto both = fab::test::runCli({"spc", "--workspace", dir_->path("demo.fabdb"), "--product", "AX100", "--yield",
                                       "--defects"});
  EXPECT_EQ(both.exitCode, 2);
  const auto noProduct = fab::test::runCli({"spc", "--workspace", dir_->path("demo.fabdb"), "--yield"});
  EXPECT_EQ(noProduct.exitCode, 2);
  EXPECT_NE(noProduct.err.find("--product"), std::string::npos) << noProduct.err;
  const auto wrong =
      fab::test::runCli({"spc", "--workspace", dir_->path("demo.fabdb"), "--product", "AX100", "--yield", "--chart", "u"});
  EXPECT_EQ(wrong.exitCode, 1);
  EXPECT_NE(wrong.err.find("die yield is charted with p, np or Laney"), std::string::npos) << wrong.err;
}

}  // namespace

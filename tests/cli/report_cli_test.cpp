// fabkit-cli report end to end: the demo workspace's SPC and yield reports as
// PDF files with no display (the command picks the offscreen platform itself),
// page counts and text checked with poppler's pdfinfo and pdftotext.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "tests/support/run_cli.h"
#include "tests/support/temp_dir.h"

namespace fab::test {
namespace {

std::string shellOutput(const std::string& command) {
  std::string out;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
    ::pclose(pipe);
  }
  return out;
}

class ReportCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    available_ = runCli({"report", "--help"}).exitCode == 0;
    if (available_) ASSERT_EQ(runCli({"demo", "--workspace", dir_->path("demo.fabdb")}).exitCode, 0);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    if (!available_) GTEST_SKIP() << "fabkit-cli was built without the UI: no report command";
  }
  /// Runs the command with no display and no platform chosen, as on a headless server.
  static CliResult headless(const std::vector<std::string>& args) {
    std::vector<std::string> all = args;
    std::string command = "env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM " + shellQuote(FAB_CLI_PATH);
    for (const auto& a : all) command += " " + shellQuote(a);
    CliResult r;
    r.out = shellOutput(command + " 2>/dev/null; echo \"exit=$?\"");
    const auto at = r.out.rfind("exit=");
    r.exitCode = std::stoi(r.out.substr(at + 5));
    r.out.erase(at);
    return r;
  }
  static inline TempDir* dir_ = nullptr;
  static inline bool available_ = false;
};

TEST_F(ReportCli, SpcReportOfTwoParametersHeadless) {
  const auto pdf = dir_->path("spc.pdf");
  const auto r = headless({"report", "--workspace", dir_->path("demo.fabdb"), "--type", "spc", "--parameters",
                           "OX_THK,GATE_CD", "--out", pdf, "--json"});
  ASSERT_EQ(r.exitCode, 0) << r.out;
  // The summary, then per parameter its chart page and its variation page.
  EXPECT_NE(r.out.find("\"pages\": 5"), std::string::npos) << r.out;
  EXPECT_NE(shellOutput("pdfinfo '" + pdf + "'").find("Pages:           5"), std::string::npos);
  const auto text = shellOutput("pdftotext -layout '" + pdf + "' -");
  EXPECT_NE(text.find("OX_THK"), std::string::npos);
  EXPECT_NE(text.find("GATE_CD"), std::string::npos);
  EXPECT_NE(text.find("Parameters ranked by Cpk"), std::string::npos);
  EXPECT_NE(text.find("OX_THK – where the variation lives"), std::string::npos);
  EXPECT_NE(text.find("Which tool"), std::string::npos);
}

TEST_F(ReportCli, YieldReportOnLetter) {
  const auto pdf = dir_->path("yield.pdf");
  const auto r = headless({"report", "--workspace", dir_->path("demo.fabdb"), "--type", "yield", "--lots", "N2601A",
                           "--page", "letter", "--out", pdf});
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_NE(r.out.find("wrote " + pdf), std::string::npos);
  EXPECT_NE(shellOutput("pdfinfo '" + pdf + "'").find("612 x 792"), std::string::npos);
  EXPECT_NE(shellOutput("pdftotext '" + pdf + "' -").find("Known-good die"), std::string::npos);
}

TEST_F(ReportCli, YieldReportNamesEachWafersPatternWhenTheClassifierIsBuilt) {
  if (runCli({"classify", "--help"}).exitCode != 0) GTEST_SKIP() << "fabkit-cli was built without libtorch";
  const auto pdf = dir_->path("patterns.pdf");
  ASSERT_EQ(headless({"report", "--workspace", dir_->path("demo.fabdb"), "--type", "yield", "--lots", "N2601A", "--out",
                      pdf})
                .exitCode,
            0);
  const auto text = shellOutput("pdftotext -layout '" + pdf + "' -");
  EXPECT_NE(text.find("Wafer patterns"), std::string::npos);
  EXPECT_NE(text.find("Failure pattern per wafer"), std::string::npos);
  const auto without = dir_->path("no-patterns.pdf");
  ASSERT_EQ(headless({"report", "--workspace", dir_->path("demo.fabdb"), "--type", "yield", "--lots", "N2601A",
                      "--no-patterns", "--out", without})
                .exitCode,
            0);
  EXPECT_EQ(shellOutput("pdftotext -layout '" + without + "' -").find("Wafer patterns"), std::string::npos);
  const auto ws = dir_->path("demo.fabdb");
  EXPECT_EQ(runCli({"report", "--workspace", ws, "--type", "spc", "--no-patterns", "--out", dir_->path("x.pdf")})
                .exitCode,
            2);
}

TEST_F(ReportCli, BadOptionsAreUsageErrors) {
  const auto ws = dir_->path("demo.fabdb");
  EXPECT_EQ(runCli({"report", "--workspace", ws, "--type", "gauge", "--out", dir_->path("x.pdf")}).exitCode, 2);
  EXPECT_EQ(
      runCli({"report", "--workspace", ws, "--type", "spc", "--page", "a3", "--out", dir_->path("x.pdf")}).exitCode, 2);
  EXPECT_EQ(
      runCli({"report", "--workspace", ws, "--type", "yield", "--from", "2026-01-01", "--out", dir_->path("x.pdf")})
          .exitCode,
      2);
  EXPECT_EQ(runCli({"report", "--workspace", ws, "--type", "spc", "--from", "someday", "--out", dir_->path("x.pdf")})
                .exitCode,
            2);
  const auto missing =
      runCli({"report", "--workspace", dir_->path("none.fabdb"), "--type", "spc", "--out", dir_->path("x.pdf")});
  EXPECT_EQ(missing.exitCode, 1);
  EXPECT_NE(missing.err.find("no workspace"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace fab::test

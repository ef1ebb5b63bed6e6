// fabkit-cli keeps libtorch and Qt out of its own process (app/cli/model_runtime.h):
// the executable links neither, and the model and report commands are handed
// over to fabkit-cli-models with the same arguments and exit code.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "tests/support/run_cli.h"

namespace {

std::string linkedLibraries(const std::string& executable) {
  std::string out;
  const std::string command = "ldd " + fab::test::shellQuote(executable) + " 2>&1";
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    std::array<char, 4096> buf;
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
    ::pclose(pipe);
  }
  return out;
}

TEST(ModelRuntimeCli, TheCoreExecutableLinksNeitherTorchNorQt) {
  const std::string libs = linkedLibraries(FAB_CLI_PATH);
  ASSERT_NE(libs.find("libsqlite3"), std::string::npos) << libs;  // ldd worked
  EXPECT_EQ(libs.find("libtorch"), std::string::npos) << libs;
  EXPECT_EQ(libs.find("libQt"), std::string::npos) << libs;
}

TEST(ModelRuntimeCli, ModelCommandsAreListedAndHandedOver) {
  const auto modelRuntime = std::filesystem::path(FAB_CLI_PATH).parent_path() / "fabkit-cli-models";
  if (!std::filesystem::exists(modelRuntime)) GTEST_SKIP() << "built without the model runtime";
  const auto help = fab::test::runCli({"--help"});
  EXPECT_EQ(help.exitCode, 0);
  EXPECT_NE(help.out.find("  classify"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("  report"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("  spc"), std::string::npos) << help.out;

  const auto options = fab::test::runCli({"classify", "--help"});
  EXPECT_EQ(options.exitCode, 0);
  EXPECT_NE(options.out.find("classify"), std::string::npos);

  // A usage error in a handed-over command keeps its exit code (2).
  const auto wrong = fab::test::runCli({"report", "--no-such-option"});
  EXPECT_EQ(wrong.exitCode, 2) << wrong.err;
  EXPECT_NE(wrong.err.find("no-such-option"), std::string::npos) << wrong.err;
}

TEST(ModelRuntimeCli, AnUnknownCommandIsStillRefused) {
  const auto r = fab::test::runCli({"no-such-command"});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("unknown command 'no-such-command'"), std::string::npos) << r.err;
}

}  // namespace

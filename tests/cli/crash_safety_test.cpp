// Crash safety: an import killed (SIGKILL) at random moments leaves the
// workspace consistent (PRAGMA integrity_check), holding each batch whole or
// not at all, and the import can be re-run. FAB_KILLS (default 20) sets how
// many kills; run 100 by hand with FAB_KILLS=100.
#include <signal.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <cstdlib>
#include <random>
#include <thread>

#include <unistd.h>

#include "core/store/workspace.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_workspace.h"

extern char** environ;

namespace fab {
namespace {

pid_t startImport(const std::string& csv, const std::string& ws) {
  const std::string cli = FAB_CLI_PATH;
  std::vector<std::string> args = {cli, "import", csv, "--workspace", ws, "--force"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, cli.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

std::int64_t scalar(store::Database& db, const std::string& sql) {
  auto q = db.prepare(sql);
  q.step();
  return q.integer(0);
}

/// `rows` measurement rows of one parameter, 2,500 per lot and 100 per wafer, as big.csv in `dir`.
void writeBigCsv(test::TempDir& dir, int rows) {
  std::string text = "lot,wafer,site,parameter,value,time\n";
  for (int i = 0; i < rows; ++i)
    text += "L" + std::to_string(i / 2500) + "," + std::to_string(i / 100 % 25 + 1) + "," + std::to_string(i % 100) +
            ",THK," + std::to_string(100 + i % 7) + ".5,2026-03-01T07:00:00Z\n";
  dir.write("big.csv", text);
}

TEST(CrashSafety, KilledImportsLeaveWholeBatchesOrNothing) {
  test::TempDir dir;
  const auto ws = dir.path("w.fabdb"), csv = dir.path("big.csv");
  constexpr int kRows = 200000;
  writeBigCsv(dir, kRows);
  // One uninterrupted import to learn how long an import takes.
  const auto t0 = std::chrono::steady_clock::now();
  int status = 0;
  waitpid(startImport(csv, ws), &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  const char* env = std::getenv("FAB_KILLS");
  const int kills = env ? std::atoi(env) : 20;
  std::mt19937 rng(42);
  std::uniform_real_distribution<double> when(0.0, seconds * 1.2);
  int killedMidway = 0;
  for (int k = 0; k < kills; ++k) {
    const pid_t pid = startImport(csv, ws);
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(std::chrono::duration<double>(when(rng)));
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    killedMidway += WIFSIGNALED(status);

    auto w = store::Workspace::open(ws);  // marks the cut-off batch failed
    auto& db = w.db();
    auto check = db.prepare("PRAGMA integrity_check");
    ASSERT_TRUE(check.step());
    ASSERT_EQ(check.text(0), "ok") << "after kill " << k;
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM import_batch WHERE status = 'running'"), 0);
    // The first batch stored every row; every later one found them all present.
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM measurement"), kRows);
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM import_batch WHERE status = 'ok' AND rows_ok + rows_duplicate <> " +
                             std::to_string(kRows)),
              0);
  }
  EXPECT_GT(killedMidway, kills / 4) << "most kills should land while the import runs";
  // The import re-runs cleanly afterwards.
  waitpid(startImport(csv, ws), &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

TEST(CrashSafety, KilledFirstImportStoresNothingAndReRuns) {
  test::TempDir dir;
  const auto ws = dir.path("w.fabdb"), csv = dir.path("big.csv");
  std::string text = "lot,site,parameter,value\n";
  for (int i = 0; i < 300000; ++i) text += "L" + std::to_string(i / 1000) + "," + std::to_string(i % 1000) + ",CD,45.5\n";
  dir.write("big.csv", text);
  for (int attempt = 0; attempt < 5; ++attempt) {
    const pid_t pid = startImport(csv, ws);
    std::this_thread::sleep_for(std::chrono::milliseconds(60 + 40 * attempt));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    if (!std::filesystem::exists(ws)) continue;
    auto w = store::Workspace::open(ws);
    const auto rows = scalar(w.db(), "SELECT count(*) FROM measurement");
    const auto ok = scalar(w.db(), "SELECT count(*) FROM import_batch WHERE status = 'ok'");
    EXPECT_TRUE((rows == 0 && ok == 0) || (rows == 300000 && ok >= 1)) << rows << " rows, " << ok << " ok batches";
  }
  int status = 0;
  waitpid(startImport(csv, ws), &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  auto w = store::Workspace::open(ws);
  EXPECT_EQ(scalar(w.db(), "SELECT count(*) FROM measurement"), 300000);
}

// The same on a shared workspace: the server rolls back a killed client's
// transaction when it sees the connection gone, and opening the workspace
// afterwards marks the batch failed (core/store/workspace.cpp).
TEST(CrashSafety, KilledImportsIntoASharedWorkspaceLeaveWholeBatchesOrNothing) {
  FAB_NEEDS_POSTGRES();
  test::TempDir dir;
  const auto ws = test::PostgresSchemas::instance().fresh();
  const std::string client = "fabkit_killed_" + std::to_string(::getpid());
  const auto killedWs = ws + "&application_name=" + client;  // the imports' sessions, to wait for their end
  const auto csv = dir.path("big.csv");
  constexpr int kRows = 200000;
  writeBigCsv(dir, kRows);
  const auto t0 = std::chrono::steady_clock::now();
  int status = 0;
  waitpid(startImport(csv, killedWs), &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  std::mt19937 rng(7);
  std::uniform_real_distribution<double> when(0.0, seconds * 1.2);
  int killedMidway = 0;
  for (int k = 0; k < 8; ++k) {
    const pid_t pid = startImport(csv, killedWs);
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(std::chrono::duration<double>(when(rng)));
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    killedMidway += WIFSIGNALED(status);
    {
      store::Database watch(ws, store::Database::Mode::ReadOnly);
      auto sessions = watch.prepare("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?");
      sessions.bind(1, client);
      for (int wait = 0; wait < 200 && sessions.step() && sessions.integer(0) > 0; ++wait) {
        sessions.reset();
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    }
    auto w = store::Workspace::open(ws);  // marks the cut-off batch failed
    auto& db = w.db();
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM import_batch WHERE status = 'running'"), 0) << "after kill " << k;
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM measurement"), kRows);
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM import_batch WHERE status = 'ok' AND rows_ok + rows_duplicate <> " +
                             std::to_string(kRows)),
              0);
  }
  EXPECT_GT(killedMidway, 2) << "most kills should land while the import runs";
  waitpid(startImport(csv, killedWs), &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

}  // namespace
}  // namespace fab

// A team at work on one shared workspace for a few seconds (FAB_TEST_PG_URL;
// skipped without a server): two engineers import batches of their own while
// two approvers approve the same chart's limits at the same instants. Every
// batch that reported "ok" is there exactly once, row for row; every approval
// got a version of its own, and one of them (the last) is in force.
#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "core/io/importer.h"
#include "core/store/spc_limits.h"
#include "core/store/workspace.h"
#include "tests/support/team_batches.h"
#include "tests/support/test_workspace.h"

namespace fab::store {
namespace {

TEST(PostgresTeam, ConcurrentImportsAndApprovalsLoseAndDoubleNothing) {
  FAB_NEEDS_POSTGRES();
  test::TempDir dir;
  const auto url = test::PostgresSchemas::instance().fresh();
  { Workspace::openOrCreate(url); }
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(4);
  std::mutex lock;
  std::vector<test::GeneratedBatch> imported;
  std::vector<std::string> errors;
  std::vector<std::thread> team;
  for (int client = 0; client < 2; ++client)
    team.emplace_back([&, client] {
      try {
        auto ws = Workspace::open(url);
        for (int n = 0; std::chrono::steady_clock::now() < until; ++n) {
          const auto file = dir.path("c" + std::to_string(client) + "-" + std::to_string(n) + ".csv");
          auto batch = test::writeGeneratedBatch(file, client, n, 5, 40);
          const auto report = io::importFile(ws, file, {});
          std::lock_guard<std::mutex> hold(lock);
          if (report.status != "ok") errors.push_back(report.message);
          batch.batchId = report.batchId;
          imported.push_back(batch);
        }
      } catch (const std::exception& e) {
        std::lock_guard<std::mutex> hold(lock);
        errors.push_back(e.what());
      }
    });
  // Two approvers, released together for each round.
  constexpr int kRounds = 20;
  std::barrier together(2);
  std::vector<int> versions;
  for (int approver = 0; approver < 2; ++approver)
    team.emplace_back([&, approver] {
      auto ws = Workspace::open(url);
      for (int round = 0; round < kRounds; ++round) {
        together.arrive_and_wait();
        ApprovedLimits limits;
        limits.parameter = "THK";
        limits.chartType = "imr";
        limits.center = 100 + approver;
        limits.sigma = 1;
        limits.approvedBy = approver ? "ben" : "ana";
        limits.reason = "round " + std::to_string(round);
        try {
          const int version = saveApprovedLimits(ws.db(), limits);
          std::lock_guard<std::mutex> hold(lock);
          versions.push_back(version);
        } catch (const std::exception& e) {
          std::lock_guard<std::mutex> hold(lock);
          errors.push_back(e.what());
        }
      }
    });
  for (auto& t : team) t.join();
  for (const auto& e : errors) ADD_FAILURE() << e;

  auto ws = Workspace::open(url);
  EXPECT_GE(imported.size(), 4u);  // at least a couple of batches each
  for (const auto& problem : test::checkImportedBatches(ws.db(), imported)) ADD_FAILURE() << problem;
  // 2 × 20 approvals, versions 1…40 each given once; the one in force is version 40, as stored.
  ASSERT_EQ(versions.size(), 2u * kRounds);
  const std::set<int> distinct(versions.begin(), versions.end());
  EXPECT_EQ(distinct.size(), versions.size());
  EXPECT_EQ(*distinct.begin(), 1);
  EXPECT_EQ(*distinct.rbegin(), 2 * kRounds);
  const auto inForce = limitsInForce(ws.db(), "THK", "imr");
  ASSERT_TRUE(inForce);
  EXPECT_EQ(inForce->version, 2 * kRounds);
  EXPECT_EQ(limitHistory(ws.db(), "THK", "imr").size(), 2u * kRounds);
}

}  // namespace
}  // namespace fab::store

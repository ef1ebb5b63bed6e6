#include "ui/jobs/job_runner.h"

#include <QProgressBar>
#include <QPushButton>

#include <gtest/gtest.h>

#include <QThread>

#include "tests/support/qt_wait.h"
#include "ui/jobs/job_status_widget.h"

namespace fab::ui {
namespace {

TEST(JobRunner, RunsOffTheGuiThreadWithProgressInWholePercents) {
  JobRunner runner;
  std::vector<int> percents;
  QObject::connect(&runner, &JobRunner::progress, [&](int p, const QString&) { percents.push_back(p); });
  std::optional<JobOutcome<int>> outcome;
  QThread* gui = QThread::currentThread();
  QThread* worker = nullptr;
  ASSERT_TRUE(runner.start<int>(
      "count",
      [&](const Feedback& f) {
        worker = QThread::currentThread();
        for (double x : {0.25, 0.251, 0.5, 0.5, 1.0}) f.report(x, "step");
        return 42;
      },
      [&](JobOutcome<int> o) { outcome = o; }));
  EXPECT_TRUE(runner.busy());
  ASSERT_TRUE(test::waitUntil([&] { return outcome.has_value() && percents.size() == 3; }));
  EXPECT_EQ(outcome->value, 42);
  EXPECT_NE(worker, gui);
  EXPECT_EQ(percents, (std::vector<int>{25, 50, 100}));
  EXPECT_FALSE(runner.busy());
}

TEST(JobRunner, ErrorsAndCancellationArriveAsOutcomes) {
  JobRunner runner;
  std::optional<JobOutcome<int>> outcome;
  runner.start<int>(
      "fails", [](const Feedback&) -> int { throw Error("the file is empty"); },
      [&](JobOutcome<int> o) { outcome = o; });
  ASSERT_TRUE(test::waitUntil([&] { return outcome.has_value(); }));
  EXPECT_FALSE(outcome->value);
  EXPECT_EQ(outcome->error, "the file is empty");

  outcome.reset();
  std::atomic<bool> started{false};
  runner.start<int>(
      "waits",
      [&](const Feedback& f) -> int {
        started = true;
        while (true) {
          f.checkCancelled();
          QThread::msleep(1);
        }
      },
      [&](JobOutcome<int> o) { outcome = o; });
  EXPECT_FALSE(runner.start<int>("second", [](const Feedback&) { return 0; }, {}));  // one at a time
  ASSERT_TRUE(test::waitUntil([&] { return started.load(); }));
  runner.cancel();
  ASSERT_TRUE(test::waitUntil([&] { return outcome.has_value(); }));
  EXPECT_TRUE(outcome->cancelled);
  EXPECT_FALSE(outcome->value);
}

// Latest request wins: a start while busy cancels the running job, drops its
// outcome and runs the newest request (an intermediate one never runs).
TEST(JobRunner, LatestRequestWinsWhileBusy) {
  JobRunner runner(nullptr, WhenBusy::LatestWins);
  std::atomic<bool> started{false};
  std::vector<int> delivered;
  std::atomic<int> ran{0};
  ASSERT_TRUE(runner.start<int>(
      "first",
      [&](const Feedback& f) -> int {
        started = true;
        while (true) {
          f.checkCancelled();
          QThread::msleep(1);
        }
      },
      [&](JobOutcome<int> o) { delivered.push_back(o.value.value_or(-1)); }));
  ASSERT_TRUE(test::waitUntil([&] { return started.load(); }));
  for (int i : {2, 3})
    ASSERT_TRUE(runner.start<int>(
        "next",
        [&, i](const Feedback&) {
          ++ran;
          return i;
        },
        [&](JobOutcome<int> o) { delivered.push_back(o.value.value_or(-1)); }));
  EXPECT_TRUE(runner.hasQueued());
  ASSERT_TRUE(test::waitUntil([&] { return !delivered.empty() && !runner.busy(); }));
  EXPECT_EQ(delivered, std::vector<int>{3});
  EXPECT_EQ(ran.load(), 1);
}

TEST(JobStatusWidget, ShowsProgressWhileAJobRunsAndCancelStopsIt) {
  JobRunner runner;
  JobStatusWidget status(&runner);
  EXPECT_TRUE(status.isHidden());
  std::atomic<bool> reported{false};
  bool finished = false;
  runner.start<int>(
      "long job",
      [&](const Feedback& f) -> int {
        f.report(0.4, "halfway");
        reported = true;
        while (true) {
          f.checkCancelled();
          QThread::msleep(1);
        }
      },
      [&](JobOutcome<int>) { finished = true; });
  EXPECT_FALSE(status.isHidden());
  ASSERT_TRUE(test::waitUntil([&] { return status.progressBar()->value() == 40; }));
  status.cancelButton()->click();
  EXPECT_FALSE(status.cancelButton()->isEnabled());
  ASSERT_TRUE(test::waitUntil([&] { return finished; }));
  EXPECT_TRUE(status.isHidden());
}

}  // namespace
}  // namespace fab::ui

#pragma once
// Long work off the GUI thread: runs a function on the Qt thread pool with a
// fab::Feedback whose progress arrives here as queued signals and whose cancel
// flag the Cancel button sets. Exceptions never cross the thread boundary:
// the worker's outcome (value, error message or cancellation) is handed to a
// callback on the GUI thread. One job at a time per runner; a start while a
// job runs is refused, or, with WhenBusy::LatestWins (views that recompute on
// every change), cancels the running job, drops its result and runs the new
// request when it has stopped.
#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <exception>
#include <functional>
#include <memory>
#include <optional>

#include "core/common/error.h"
#include "core/common/feedback.h"

namespace fab::ui {

template <class T>
struct JobOutcome {
  std::optional<T> value;  ///< set when the work returned
  QString error;           ///< set when it threw (fab::Error's message, or what())
  bool cancelled = false;  ///< it threw fab::Cancelled
};

/// What start() does while a job runs.
enum class WhenBusy {
  Refuse,      ///< start() returns false and runs nothing
  LatestWins,  ///< the running job is cancelled and its outcome dropped; the newest request runs next
};

class JobRunner : public QObject {
  Q_OBJECT
 public:
  explicit JobRunner(QObject* parent = nullptr, WhenBusy whenBusy = WhenBusy::Refuse);
  /// Cancels a running job and waits for it to stop.
  ~JobRunner() override;

  bool busy() const { return busy_; }
  /// A newer request waits for the running job to stop (LatestWins).
  bool hasQueued() const { return static_cast<bool>(next_); }
  const QString& title() const { return title_; }

  /// Runs `work` on a pool thread; `done` gets its outcome on this object's
  /// thread. While another job runs: returns false and runs nothing (Refuse),
  /// or queues this request in place of any queued one and cancels the running
  /// job, whose `done` is then never called (LatestWins).
  template <class T>
  bool start(const QString& title, std::function<T(const Feedback&)> work, std::function<void(JobOutcome<T>)> done) {
    if (busy_) {
      if (whenBusy_ == WhenBusy::Refuse) return false;
      next_ = [this, title, work = std::move(work), done = std::move(done)]() mutable {
        start<T>(title, std::move(work), std::move(done));
      };
      cancel();
      return true;
    }
    begin(title);
    auto* watcher = new QFutureWatcher<JobOutcome<T>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, done = std::move(done)] {
      JobOutcome<T> outcome = watcher->result();
      watcher->deleteLater();
      waitForJob_ = nullptr;
      end();
      if (auto next = std::move(next_)) {  // a newer request replaces this one: its outcome is dropped
        next_ = nullptr;
        next();
        return;
      }
      if (done) done(std::move(outcome));
    });
    waitForJob_ = [watcher] { watcher->waitForFinished(); };
    watcher->setFuture(QtConcurrent::run([work = std::move(work), feedback = makeFeedback()] {
      JobOutcome<T> outcome;
      try {
        outcome.value = work(feedback);
      } catch (const Cancelled&) {
        outcome.cancelled = true;
      } catch (const std::exception& e) {
        outcome.error = QString::fromStdString(e.what());
      } catch (...) {
        outcome.error = QStringLiteral("unexpected failure");
      }
      return outcome;
    }));
    return true;
  }

 public slots:
  /// Asks the running job to stop at its next check.
  void cancel();

 signals:
  void started(const QString& title);
  /// percent in 0–100; stage as the work reported it.
  void progress(int percent, const QString& stage);
  void cancelRequested();
  void finished();

 private:
  void begin(const QString& title);
  void end();
  /// A Feedback whose progress is posted to this object (throttled to whole percents).
  Feedback makeFeedback();

  WhenBusy whenBusy_;
  std::function<void()> next_;  ///< the latest request, started when the running job ends
  bool busy_ = false;
  QString title_;
  std::atomic<bool> cancel_{false};
  std::shared_ptr<std::atomic<int>> lastPercent_;
  std::function<void()> waitForJob_;
};

}  // namespace fab::ui

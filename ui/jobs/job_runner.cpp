#include "ui/jobs/job_runner.h"

#include <QMetaObject>
#include <QPointer>

#include <algorithm>
#include <cmath>

namespace fab::ui {

JobRunner::JobRunner(QObject* parent, WhenBusy whenBusy) : QObject(parent), whenBusy_(whenBusy) {}

JobRunner::~JobRunner() {
  next_ = nullptr;
  if (waitForJob_) {
    cancel_.store(true);
    waitForJob_();
  }
}

void JobRunner::begin(const QString& title) {
  busy_ = true;
  title_ = title;
  cancel_.store(false);
  emit started(title);
}

void JobRunner::end() {
  busy_ = false;
  emit finished();
}

void JobRunner::cancel() {
  if (!busy_ || cancel_.exchange(true)) return;
  emit cancelRequested();
}

Feedback JobRunner::makeFeedback() {
  lastPercent_ = std::make_shared<std::atomic<int>>(-1);
  Feedback feedback;
  feedback.cancelFlag = &cancel_;
  QPointer<JobRunner> self(this);
  feedback.onProgress = [self, last = lastPercent_](double fraction, std::string_view stage) {
    const int percent = static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * 100));
    if (last->exchange(percent) == percent) return;  // whole percents only: no flood of events
    QMetaObject::invokeMethod(
        self.data(),
        [self, percent, text = QString::fromUtf8(stage.data(), static_cast<qsizetype>(stage.size()))] {
          if (self) emit self->progress(percent, text);
        },
        Qt::QueuedConnection);
  };
  return feedback;
}

}  // namespace fab::ui

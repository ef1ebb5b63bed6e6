#include "ui/workspace/workspace_change_watcher.h"

#include <QSocketNotifier>
#include <QTimer>
#include <algorithm>

#include "core/store/change_listener.h"

namespace fab::ui {

WorkspaceChangeWatcher::WorkspaceChangeWatcher(const QString& url, QObject* parent)
    : QObject(parent),
      listener_(std::make_unique<store::ChangeListener>(url.toStdString())),
      notifier_(new QSocketNotifier(listener_->socket(), QSocketNotifier::Read, this)),
      gather_(new QTimer(this)) {
  gather_->setSingleShot(true);
  connect(notifier_, &QSocketNotifier::activated, this, &WorkspaceChangeWatcher::readNotices);
  connect(gather_, &QTimer::timeout, this, [this] {
    auto changes = std::move(pending_);
    pending_.clear();
    sinceSignal_.start();
    if (!changes.empty()) emit changed(changes);
  });
}

WorkspaceChangeWatcher::~WorkspaceChangeWatcher() = default;

void WorkspaceChangeWatcher::readNotices() {
  try {
    auto changes = listener_->drain();
    if (changes.empty()) return;
    pending_.insert(pending_.end(), changes.begin(), changes.end());
    if (gather_->isActive()) return;
    const qint64 sinceLast = sinceSignal_.isValid() ? sinceSignal_.elapsed() : kLeastIntervalMs;
    gather_->start(static_cast<int>(std::max<qint64>(kGatherMs, kLeastIntervalMs - sinceLast)));
  } catch (const std::exception& e) {
    notifier_->setEnabled(false);  // a closed socket stays readable: stop watching it
    emit lost(QString::fromStdString(e.what()));
  }
}

QString WorkspaceChangeWatcher::describe(const store::WorkspaceChange& c) {
  const QString who = QString::fromStdString(c.user), parameter = QString::fromStdString(c.parameter);
  if (c.what == "import" || c.what == "specs")
    return tr("%1 imported batch %2 (%3)").arg(who).arg(c.id).arg(QString::fromStdString(c.detail));
  if (c.what == "limits") return tr("%1 approved limits of %2 (version %3)").arg(who, parameter).arg(c.id);
  if (c.what == "notes") return tr("%1 noted a point of %2").arg(who, parameter);
  if (c.what == "kaizen") return tr("%1 changed a kaizen or its card").arg(who);
  return tr("%1 changed the workspace").arg(who);
}

}  // namespace fab::ui

#pragma once
// Hears, without polling, the changes other engineers make to the shared
// workspace on a PostgreSQL server (core/store/change_listener.h): a
// QSocketNotifier on the listener's connection wakes the event loop when the
// server sends a notice. Notices arriving close together (one commit, or a
// burst of imports) are gathered into one `changed` signal, so views reload
// once; while a team imports without pause, views reload at most once a second.
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <memory>
#include <vector>

#include "core/store/change_notice.h"

class QSocketNotifier;
class QTimer;

namespace fab::store {
class ChangeListener;
}

namespace fab::ui {

class WorkspaceChangeWatcher : public QObject {
  Q_OBJECT
 public:
  /// Starts listening to the workspace at `url` (a postgresql:// URL). Throws
  /// fab::Error when the server cannot be reached.
  explicit WorkspaceChangeWatcher(const QString& url, QObject* parent = nullptr);
  ~WorkspaceChangeWatcher() override;

  /// How long notices are gathered before `changed` is emitted, and the least time between two signals.
  static constexpr int kGatherMs = 150, kLeastIntervalMs = 1000;

  /// One line for the status bar: who changed what ("ana imported batch 12").
  static QString describe(const store::WorkspaceChange& change);

 signals:
  /// The workspace changed; `changes` are the notices gathered, oldest first.
  void changed(const std::vector<fab::store::WorkspaceChange>& changes);
  /// The connection to the server was lost: changes by others are no longer heard.
  void lost(const QString& message);

 private:
  void readNotices();
  std::unique_ptr<store::ChangeListener> listener_;
  QSocketNotifier* notifier_;
  QTimer* gather_;
  QElapsedTimer sinceSignal_;  ///< invalid until the first signal
  std::vector<store::WorkspaceChange> pending_;
};

}  // namespace fab::ui

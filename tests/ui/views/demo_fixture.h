#pragma once
// The demo workspace for the view tests: built once per test run into a
// temporary folder; each test that writes gets its own copy. Views are also
// rendered to PNG files when FAB_VIEW_SCREENSHOTS names a folder.
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QString>
#include <QThread>
#include <QWidget>

#include <filesystem>
#include <functional>
#include <string>

#include "core/demo/demo_workspace.h"
#include "tests/support/temp_dir.h"

namespace fab::test {

/// The path of the shared demo workspace (read-only use).
inline const std::string& demoWorkspace() {
  static TempDir dir;
  static const std::string path = [] {
    const std::string p = dir.path("demo.fabdb");
    fab::demo::buildDemoWorkspace(p);
    return p;
  }();
  return path;
}

/// A private copy of the demo workspace in `dir`.
inline std::string demoWorkspaceCopy(const TempDir& dir) {
  const std::string p = dir.path("demo-copy.fabdb");
  std::filesystem::copy_file(demoWorkspace(), p);
  return p;
}

/// Runs the event loop until `done()` (work on the thread pool reports back
/// through it) or `milliseconds` pass. Returns done().
inline bool waitUntil(const std::function<bool()>& done, int milliseconds = 120000) {
  QElapsedTimer timer;
  timer.start();
  while (!done() && timer.elapsed() < milliseconds) {
    QApplication::processEvents(QEventLoop::AllEvents, 50);
    QThread::msleep(5);
  }
  return done();
}

/// Shows `widget` at `size` and saves what it draws as `name`.png in the
/// folder named by FAB_VIEW_SCREENSHOTS (nothing when unset).
inline void screenshot(QWidget& widget, const QString& name) {
  const QString folder = qEnvironmentVariable("FAB_VIEW_SCREENSHOTS");
  if (folder.isEmpty()) return;
  QDir().mkpath(folder);
  widget.grab().save(folder + "/" + name + ".png");
}

}  // namespace fab::test

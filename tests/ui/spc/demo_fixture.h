#pragma once
// The demo workspace, built once per test program, and helpers shared by the
// SPC view tests.
#include <QImage>
#include <QString>

#include <cstdlib>
#include <filesystem>
#include <memory>

#include "core/demo/demo_workspace.h"
#include "tests/support/temp_dir.h"

namespace fab::test {

/// A fresh copy of the demo workspace (built once, copied per call so tests
/// that approve limits or add notes do not see each other's writes).
inline std::string demoWorkspaceCopy(const TempDir& dir, const std::string& name = "demo.fabdb") {
  static std::unique_ptr<TempDir> shared;
  static std::string master;
  if (master.empty()) {
    shared = std::make_unique<TempDir>();
    master = shared->path("master.fabdb");
    demo::buildDemoWorkspace(master);
  }
  const std::string path = dir.path(name);
  std::filesystem::copy_file(master, path);
  return path;
}

/// Where to save pictures for a person to look at: $FAB_SPC_SHOTS, or nowhere.
inline void saveShot(const QImage& image, const QString& name) {
  if (const char* dir = std::getenv("FAB_SPC_SHOTS")) image.save(QString(dir) + "/" + name, "PNG");
}

}  // namespace fab::test

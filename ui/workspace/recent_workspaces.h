#pragma once
// Workspaces the user opened, most recent first, kept in QSettings, and the
// choice of which workspace the GUI opens when it starts.
#include <QString>
#include <QStringList>

namespace fab::ui {

class RecentWorkspaces {
 public:
  static constexpr int kMax = 8;

  /// Existing files and shared workspaces' URLs, most recent first.
  QStringList list() const;
  /// Puts `path` first (a file as an absolute path, a postgresql:// URL without
  /// its password: libpq finds it in ~/.pgpass) and remembers it as the last workspace.
  void add(const QString& path);
  void remove(const QString& path);
  /// The workspace open when the GUI last closed; empty when never set.
  QString last() const;
};

/// What the GUI opens at start.
struct StartupWorkspace {
  enum class Action { Open, BuildDemo };
  Action action = Action::Open;
  QString path;
};

/// `argument` (the PATH or URL given on the command line) wins; else the last
/// workspace if it still exists (a server's is tried); else the demo workspace at `demoPath`, built
/// first when it does not exist (the very first start).
StartupWorkspace chooseStartupWorkspace(const QString& argument, const QString& lastWorkspace, const QString& demoPath);

/// Where the demo workspace lives: the platform's application data folder.
QString defaultDemoPath();

}  // namespace fab::ui

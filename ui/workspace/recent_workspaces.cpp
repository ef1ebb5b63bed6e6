#include "ui/workspace/recent_workspaces.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

#include "core/store/postgres_connection.h"

namespace fab::ui {
namespace {

constexpr const char* kRecentKey = "workspace/recent";
constexpr const char* kLastKey = "workspace/last";

bool isServer(const QString& path) { return store::isPostgresUrl(path.toStdString()); }

/// How a workspace is kept in the list: a file by its absolute path, a server's URL without its password.
QString kept(const QString& path) {
  return isServer(path) ? QString::fromStdString(store::withoutPassword(path.toStdString()))
                        : QFileInfo(path).absoluteFilePath();
}

}  // namespace

QStringList RecentWorkspaces::list() const {
  QStringList out;
  for (const QString& p : QSettings().value(kRecentKey).toStringList())
    if (isServer(p) || QFileInfo::exists(p)) out << p;
  return out;
}

void RecentWorkspaces::add(const QString& path) {
  const QString entry = kept(path);
  QSettings settings;
  QStringList recent = settings.value(kRecentKey).toStringList();
  recent.removeAll(entry);
  recent.prepend(entry);
  while (recent.size() > kMax) recent.removeLast();
  settings.setValue(kRecentKey, recent);
  settings.setValue(kLastKey, entry);
}

void RecentWorkspaces::remove(const QString& path) {
  QSettings settings;
  QStringList recent = settings.value(kRecentKey).toStringList();
  recent.removeAll(kept(path));
  settings.setValue(kRecentKey, recent);
}

QString RecentWorkspaces::last() const { return QSettings().value(kLastKey).toString(); }

StartupWorkspace chooseStartupWorkspace(const QString& argument, const QString& lastWorkspace,
                                        const QString& demoPath) {
  using Action = StartupWorkspace::Action;
  if (!argument.isEmpty()) return {Action::Open, argument};
  if (!lastWorkspace.isEmpty() && (isServer(lastWorkspace) || QFileInfo::exists(lastWorkspace)))
    return {Action::Open, lastWorkspace};
  return {QFileInfo::exists(demoPath) ? Action::Open : Action::BuildDemo, demoPath};
}

QString defaultDemoPath() {
  const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
  return QDir(folder).filePath("demo.fabdb");
}

}  // namespace fab::ui

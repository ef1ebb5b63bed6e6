#pragma once
// main() for a GoogleTest executable of Qt widget tests: the offscreen
// platform unless another is set (gtest_discover_tests runs the binary at build
// time without the test environment), and settings and data folders in a
// temporary folder so tests never touch the user's.
#include <gtest/gtest.h>

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

namespace fab::test {

inline int runQtTests(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QTemporaryDir home;
  for (const char* name : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"}) {
    const QString folder = home.path() + "/" + name;
    QDir().mkpath(folder);
    QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    qputenv(name, folder.toLocal8Bit());
  }
  ::testing::InitGoogleTest(&argc, argv);
  QApplication app(argc, argv);
  QApplication::setOrganizationName("fabkit-tests");
  QApplication::setApplicationName("fabkit-tests");
  return RUN_ALL_TESTS();
}

}  // namespace fab::test

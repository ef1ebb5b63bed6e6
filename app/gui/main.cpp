// fabkit: the desktop GUI. `fabkit` opens the last workspace (building the
// demo workspace on the very first start), `fabkit PATH` opens PATH.
#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

#include <cstdio>
#include <cstring>

#include "core/common/version.h"
#include "screenshot.h"
#include "ui/main_window.h"
#include "ui/workspace/recent_workspaces.h"

int main(int argc, char** argv) {
  // Answered before Qt starts, so they work without a display.
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--version") || !std::strcmp(argv[i], "-v")) {
      std::printf("fabkit %s\n", fab::kVersion);
      return 0;
    }
  }
  QApplication app(argc, argv);
  QApplication::setOrganizationName("fabkit");
  QApplication::setApplicationName("fabkit");
  QApplication::setApplicationVersion(fab::kVersion);

  QCommandLineParser parser;
  parser.setApplicationDescription("fabkit: SPC and yield analytics for fab engineers");
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument("workspace",
                               "The workspace (.fabdb) to open; a new one is created when the name "
                               "ends in .fabdb and no such file exists.",
                               "[PATH]");
  QCommandLineOption screenshot("screenshot", "Open a view, save the window as a PNG to FILE and quit.", "FILE");
  QCommandLineOption show("show",
                          "The view for --screenshot: parameter:NAME, product:NAME[#attributes], lot:NAME, batch:ID, "
                          "board:NAME[#CARD] or classifier.",
                          "ITEM");
  parser.addOption(screenshot);
  parser.addOption(show);
  parser.process(app);

  fab::ui::MainWindow window;
  if (parser.isSet(screenshot))
    fab::gui::takeScreenshotWhenReady(&window, parser.value(screenshot), parser.value(show));
  window.show();

  const QString argument = parser.positionalArguments().value(0);
  const auto start =
      fab::ui::chooseStartupWorkspace(argument, fab::ui::RecentWorkspaces().last(), fab::ui::defaultDemoPath());
  if (start.action == fab::ui::StartupWorkspace::Action::BuildDemo) {
    window.buildDemoAndOpen(start.path);
  } else {
    QString error;
    const bool create = !argument.isEmpty() && argument.endsWith(".fabdb");
    if (!window.openWorkspace(start.path, create, &error)) {
      if (parser.isSet(screenshot)) {
        std::fprintf(stderr, "fabkit: %s\n", qPrintable(error));
        return 1;
      }
      QMessageBox::warning(&window, QObject::tr("Cannot open workspace"), error);
    }
  }
  return app.exec();
}

// fabkit: the desktop GUI. `fabkit` opens the last workspace (building the
// demo workspace on the very first start), `fabkit PATH` opens PATH, and
// `fabkit --workspace postgresql://user@host:port/db` a team's shared workspace.
#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>

#include <cstdio>
#include <cstring>
#include <initializer_list>

#include "core/common/version.h"
#include "screenshot.h"
#include "ui/main_window.h"
#include "ui/workspace/recent_workspaces.h"

namespace {

const QCommandLineOption kWorkspace("workspace",
                                    "The workspace to open: a .fabdb file, or a shared one on a PostgreSQL server "
                                    "as postgresql://user@host:port/database (the password from ~/.pgpass).",
                                    "PATH|URL");
const QCommandLineOption kScreenshot("screenshot", "Open a view, save the window as a PNG to FILE and quit.", "FILE");
const QCommandLineOption kWindowSize("window-size", "With --screenshot: the window's size (default 1280x800).", "WxH",
                                     "1280x800");
const QCommandLineOption kShow("show",
                               "The view to open (and for --screenshot): overview, parameter:NAME[#capability|#run|#variance|#commonality], product:NAME[#attributes], lot:NAME, wafers:LOT, kalman:PARAMETER, yield, batch:ID, "
                               "board:NAME[#CARD], overlay:LOT, multivariate:P1,P2,…, history or classifier.",
                               "ITEM");

void describe(QCommandLineParser& parser) {
  parser.setApplicationDescription("fabkit: SPC and yield analytics for fab engineers");
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument("workspace",
                               "The workspace (.fabdb) to open; a new one is created when the name "
                               "ends in .fabdb and no such file exists.",
                               "[PATH]");
  parser.addOption(kWorkspace);
  parser.addOption(kScreenshot);
  parser.addOption(kShow);
  parser.addOption(kWindowSize);
}

bool asksFor(int argc, char** argv, std::initializer_list<const char*> flags) {
  for (int i = 1; i < argc; ++i)
    for (const char* flag : flags)
      if (!std::strcmp(argv[i], flag)) return true;
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  // Answered before the GUI starts, so they work without a display.
  if (asksFor(argc, argv, {"--version", "-v"})) {
    std::printf("fabkit %s\n", fab::kVersion);
    return 0;
  }
  if (asksFor(argc, argv, {"--help", "-h", "--help-all"})) {
    QCoreApplication core(argc, argv);
    QCommandLineParser parser;
    describe(parser);
    parser.process(core);  // prints the help and exits
  }
  QApplication app(argc, argv);
  // The icons are compiled into the static fab_ui library, whose resource
  // initialiser the linker drops unless it is named.
  Q_INIT_RESOURCE(fabkit);
  QApplication::setOrganizationName("fabkit");
  QApplication::setApplicationName("fabkit");
  QApplication::setApplicationVersion(fab::kVersion);
  QApplication::setWindowIcon(QIcon(":/icons/fabkit.svg"));

  QCommandLineParser parser;
  describe(parser);
  parser.process(app);

  fab::ui::MainWindow window;
  if (parser.isSet(kScreenshot)) {
    // A screenshot has a known size, whatever the saved window state.
    const QStringList size = parser.value(kWindowSize).split('x');
    const int w = size.value(0).toInt(), h = size.value(1).toInt();
    if (size.size() != 2 || w < 320 || h < 240) {
      std::fprintf(stderr, "fabkit: --window-size expects WIDTHxHEIGHT (at least 320x240), got %s\n",
                   qPrintable(parser.value(kWindowSize)));
      return 2;
    }
    window.setWindowState(Qt::WindowNoState);
    window.resize(w, h);
  }
  if (parser.isSet(kScreenshot))
    fab::gui::takeScreenshotWhenReady(&window, parser.value(kScreenshot), parser.value(kShow));
  else if (parser.isSet(kShow))
    fab::gui::showWhenReady(&window, parser.value(kShow));
  window.show();

  const QString argument = parser.isSet(kWorkspace) ? parser.value(kWorkspace) : parser.positionalArguments().value(0);
  const auto start =
      fab::ui::chooseStartupWorkspace(argument, fab::ui::RecentWorkspaces().last(), fab::ui::defaultDemoPath());
  if (start.action == fab::ui::StartupWorkspace::Action::BuildDemo) {
    window.buildDemoAndOpen(start.path);
  } else {
    QString error;
    const bool create = !argument.isEmpty() && argument.endsWith(".fabdb");
    if (!window.openWorkspace(start.path, create, &error)) {
      if (parser.isSet(kScreenshot)) {
        std::fprintf(stderr, "fabkit: %s\n", qPrintable(error));
        return 1;
      }
      QMessageBox::warning(&window, QObject::tr("Cannot open workspace"), error);
    }
  }
  return app.exec();
}

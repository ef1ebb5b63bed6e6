#include "ui/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

#include "core/common/version.h"
#include "core/demo/demo_workspace.h"
#include "core/lean/kanban_store.h"
#include "core/stdf/stdf_import.h"
#include "core/store/measurements.h"
#include "core/store/postgres_connection.h"
#include "core/store/workspace.h"
#include "core/store/workspace_roles.h"
#include "ui/import/import_controller.h"
#include "ui/jobs/job_runner.h"
#include "ui/jobs/job_status_widget.h"
#include "ui/navigator/workspace_navigator.h"
#include "ui/report/report_dialog.h"
#include "ui/views/gauge/gauge_study_view.h"
#include "ui/views/gauge/new_gauge_study.h"
#include "ui/views/lean/kanban_board_view.h"
#include "ui/views/overview/overview_view.h"
#include "ui/views/spc/spc_parameter_view.h"
#include "ui/views/view_factory.h"
#include "ui/workspace/shared_workspace_dialog.h"
#include "ui/workspace/workspace_change_watcher.h"

namespace fab::ui {
namespace {

/// CSV files by their suffix; STDF tester files (.stdf, .std, optionally .gz / .bz2) by name or FAR record.
bool importable(const QUrl& url) {
  if (!url.isLocalFile()) return false;
  const QString suffix = QFileInfo(url.toLocalFile()).suffix().toLower();
  return suffix == "csv" || suffix == "tsv" || suffix == "txt" || stdf::looksLikeStdf(url.toLocalFile().toStdString());
}

}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      jobs_(new JobRunner(this)),
      tabs_(new QTabWidget(this)),
      navigator_(new WorkspaceNavigator(this)),
      views_(new ViewFactory(tabs_, this)),
      imports_(new ImportController(jobs_, this, this)) {
  setWindowTitle("fabkit");
  setAcceptDrops(true);
  tabs_->setTabsClosable(true);
  tabs_->setMovable(true);
  tabs_->setDocumentMode(true);
  setCentralWidget(tabs_);

  auto* dock = new QDockWidget(tr("Workspace"), this);
  dock->setObjectName("navigatorDock");
  dock->setWidget(navigator_);
  addDockWidget(Qt::LeftDockWidgetArea, dock);
  statusBar()->addPermanentWidget(new JobStatusWidget(jobs_, this));

  connect(navigator_, &WorkspaceNavigator::itemActivated, views_, &ViewFactory::open);
  connect(views_, &ViewFactory::viewOpened, this, [this](const QString& title, qint64 ms) {
    statusBar()->showMessage(tr("Opened %1 in %2 ms").arg(title).arg(ms), 5000);
  });
  connect(views_, &ViewFactory::failed, this,
          [this](const QString& message) { QMessageBox::warning(this, tr("fabkit"), message); });
  connect(imports_, &ImportController::imported, navigator_, &WorkspaceNavigator::refresh);
  connect(imports_, &ImportController::imported, views_, &ViewFactory::refreshAll);
  connect(imports_, &ImportController::finished, this,
          [this](const QString& file, const std::optional<io::ImportReport>& report, const QString& error) {
            statusBar()->showMessage(report
                                         ? tr("Imported %1: %2, %3 rows")
                                               .arg(QFileInfo(file).fileName(), QString::fromStdString(report->status))
                                               .arg(report->rowsOk)
                                         : tr("Import of %1 stopped: %2").arg(QFileInfo(file).fileName(), error),
                                     8000);
          });
  views_->setCreator(NavigatorItem::Kind::GaugeStudy, [this](const QString& path, const NavigatorItem& item) {
    QWidget* view = gauge::makeGaugeStudyView(path, item);
    connect(static_cast<gauge::GaugeStudyView*>(view), &gauge::GaugeStudyView::studySaved, navigator_,
            &WorkspaceNavigator::refresh);
    return view;
  });
  views_->setCreator(NavigatorItem::Kind::Overview, [this](const QString& path, const NavigatorItem&) {
    auto* view = new OverviewView(path);
    connect(view, &OverviewView::openRequested, this, &MainWindow::openOverviewTarget);
    return view;
  });
  createMenus();
  restoreWindow();
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("&New workspace…"), QKeySequence::New, this, &MainWindow::newWorkspaceDialog);
  file->addAction(tr("&Open workspace…"), QKeySequence::Open, this, &MainWindow::openWorkspaceDialog);
  file->addAction(tr("Open &shared workspace…"), this, &MainWindow::openSharedWorkspaceDialog);
  recentMenu_ = file->addMenu(tr("Open &recent"));
  connect(recentMenu_, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
  file->addSeparator();
  file->addAction(tr("&Import CSV or STDF…"), QKeySequence(Qt::CTRL | Qt::Key_I), this, &MainWindow::importDialog);
  file->addAction(tr("&Report…"), QKeySequence::Print, this, [this] {
    if (path_.isEmpty())
      QMessageBox::information(this, tr("Report"), tr("Open a workspace first (File menu)."));
    else
      report::ReportDialog(path_, this).exec();
  });
  auto newGaugeStudy = [this] {
    if (const auto item = gauge::askNewGaugeStudy(this, path_)) views_->open(*item);
  };
  file->addAction(tr("New &gauge study…"), this, newGaugeStudy);
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  view->addAction(findChild<QDockWidget*>("navigatorDock")->toggleViewAction());
  view->addSeparator();
  view->addAction(tr("&Refresh"), QKeySequence::Refresh, this, [this] {
    navigator_->refresh();
    views_->refreshAll();
  });
  view->addAction(tr("&Close tab"), QKeySequence::Close, this, [this] {
    if (tabs_->currentIndex() >= 0) emit tabs_->tabCloseRequested(tabs_->currentIndex());
  });
  view->addAction(tr("Close &all tabs"), this, [this] { views_->closeAll(); });
  view->addSeparator();
  view->addAction(tr("&Overview"), QKeySequence(Qt::CTRL | Qt::Key_0), this,
                  [this] { openAnalysis(NavigatorItem::Kind::Overview); });
  view->addAction(tr("&Kalman level of a parameter…"), this, [this] { openAnalysis(NavigatorItem::Kind::KalmanLevel); });
  view->addAction(tr("&Yield calculator"), this, [this] { openAnalysis(NavigatorItem::Kind::YieldCalculator); });
  view->addAction(tr("Kanban &board…"), this, [this] { openAnalysis(NavigatorItem::Kind::KanbanBoard); });
  view->addAction(tr("&Multivariate T² chart"), this, [this] { openAnalysis(NavigatorItem::Kind::Multivariate); });
  view->addAction(tr("&History of changes"), this, [this] { openAnalysis(NavigatorItem::Kind::History); });
#ifdef FAB_WITH_TORCH
  view->addAction(tr("Wafer-&pattern classifier"), this, [this] { openAnalysis(NavigatorItem::Kind::Classifier); });
#endif

  QMenu* tools = menuBar()->addMenu(tr("&Tools"));
  tools->addAction(tr("New &gauge study…"), this, newGaugeStudy);

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About fabkit"), this, &MainWindow::about);
  help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::openAnalysis(NavigatorItem::Kind kind) {
  if (path_.isEmpty()) {
    QMessageBox::information(this, tr("fabkit"), tr("Open or create a workspace first (File menu)."));
    return;
  }
  NavigatorItem item{kind, {}, 0};
  if (kind == NavigatorItem::Kind::KalmanLevel || kind == NavigatorItem::Kind::KanbanBoard) {
    // The parameter or board to open: the workspace's own names to choose from.
    QStringList names;
    try {
      store::Database db(path_.toStdString(), store::Database::Mode::ReadOnly);
      if (kind == NavigatorItem::Kind::KalmanLevel)
        for (const auto& p : store::listParameters(db)) names << QString::fromStdString(p.name);
      else
        for (const auto& b : fab::lean::KanbanStore(db).boardNames()) names << QString::fromStdString(b);
    } catch (const std::exception& e) {
      QMessageBox::warning(this, tr("fabkit"), QString::fromStdString(e.what()));
      return;
    }
    const bool board = kind == NavigatorItem::Kind::KanbanBoard;
    if (names.isEmpty()) {
      QMessageBox::information(this, tr("fabkit"),
                               board ? tr("The workspace has no kanban board.") : tr("The workspace has no parameter."));
      return;
    }
    bool ok = false;
    item.name = names.size() == 1 ? names.front()
                                  : QInputDialog::getItem(this, board ? tr("Kanban board") : tr("Kalman level"),
                                                          board ? tr("Board:") : tr("Parameter:"), names, 0, false, &ok);
    if (names.size() > 1 && !ok) return;
  }
  views_->open(item);
}

void MainWindow::openOverviewTarget(const OverviewTarget& target) {
  if (target.item.name.isEmpty() && target.item.kind != NavigatorItem::Kind::Batch) return;
  QWidget* view = views_->open(target.item);
  if (auto* parameter = qobject_cast<SpcParameterView*>(view); parameter && target.page > 0)
    parameter->showPage(target.page);
  if (auto* board = qobject_cast<lean::KanbanBoardView*>(view); board && target.card > 0) board->selectCard(target.card);
}

bool MainWindow::openWorkspace(const QString& path, bool create, QString* error) {
  if (jobs_->busy()) {
    const QString why = tr("Wait for “%1” to finish, or cancel it, before switching workspaces.").arg(jobs_->title());
    if (error)
      *error = why;
    else
      QMessageBox::information(this, tr("fabkit"), why);
    return false;
  }
  QString label, role;  // a shared workspace's URL without its password, and the user's role there
  try {
    // Checks the file is a workspace this version can read, brings its schema
    // up to date and recovers interrupted imports; the views read through their own connections.
    const std::string p = path.toStdString();
    auto ws = create ? store::Workspace::openOrCreate(p) : store::Workspace::open(p);
    if (store::isPostgresUrl(p)) {
      label = QString::fromStdString(ws.path());
      auto user = ws.db().prepare("SELECT current_user");
      if (user.step()) role = QString::fromStdString(store::workspaceRoleOf(ws.db(), user.text(0)));
    }
  } catch (const std::exception& e) {
    if (error)
      *error = QString::fromStdString(e.what());
    else
      QMessageBox::warning(this, tr("Cannot open workspace"), QString::fromStdString(e.what()));
    return false;
  }
  const bool shared = !label.isEmpty();
  path_ = shared ? path : QFileInfo(path).absoluteFilePath();  // a URL keeps its password for this session only
  recent_.add(path_);
  views_->setWorkspace(path_);
  navigator_->setWorkspace(path_);
  setWindowTitle(tr("%1 – fabkit").arg(shared ? label : QFileInfo(path_).fileName()));
  views_->open({NavigatorItem::Kind::Overview, {}, 0});  // the start page: what is wrong today
  statusBar()->showMessage(shared ? tr("Opened the shared workspace %1 (%2)")
                                        .arg(label, role.isEmpty() ? tr("as its owner") : tr("as %1").arg(role))
                                  : tr("Opened %1").arg(QDir::toNativeSeparators(path_)),
                           5000);
  watchChanges();
  emit workspaceOpened(path_);
  return true;
}

void MainWindow::buildDemoAndOpen(const QString& path) {
  QDir().mkpath(QFileInfo(path).absolutePath());
  const std::string p = path.toStdString();
  statusBar()->showMessage(tr("Building the demo workspace (first start)…"));
  jobs_->start<bool>(
      tr("Building the demo workspace"),
      [p](const Feedback& feedback) {
        demo::buildDemoWorkspace(p, feedback);
        return true;
      },
      [this, path](JobOutcome<bool> outcome) {
        const QString error = outcome.cancelled ? tr("cancelled") : outcome.error;
        if (error.isEmpty()) {
          openWorkspace(path);
        } else {
          statusBar()->showMessage(tr("The demo workspace was not built: %1").arg(error));
        }
        emit demoBuilt(error);
      });
}

void MainWindow::newWorkspaceDialog() {
  QString path =
      QFileDialog::getSaveFileName(this, tr("New workspace"), QDir::homePath(), tr("fabkit workspace (*.fabdb)"),
                                   nullptr, QFileDialog::DontConfirmOverwrite);
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty()) path += ".fabdb";
  if (QFileInfo::exists(path)) {
    QMessageBox::information(this, tr("New workspace"),
                             tr("%1 exists already; it is opened instead of being replaced.").arg(path));
  }
  openWorkspace(path, true);
}

void MainWindow::openWorkspaceDialog() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Open workspace"), QFileInfo(path_).absolutePath(),
                                                    tr("fabkit workspace (*.fabdb);;All files (*)"));
  if (!path.isEmpty()) openWorkspace(path);
}

void MainWindow::openSharedWorkspaceDialog() {
  const QString last = store::isPostgresUrl(path_.toStdString()) ? recent_.list().value(0) : QString();
  const QString url = askSharedWorkspaceUrl(this, last);
  if (!url.isEmpty()) openWorkspace(url);
}

void MainWindow::watchChanges() {
  delete watcher_;
  watcher_ = nullptr;
  if (!store::isPostgresUrl(path_.toStdString())) return;  // a file has one user: nobody else changes it
  try {
    watcher_ = new WorkspaceChangeWatcher(path_, this);
  } catch (const std::exception& e) {
    statusBar()->showMessage(tr("Changes by others show on View › Refresh only: %1").arg(e.what()));
    return;
  }
  constexpr int kListenAgainMs = 30000;
  connect(watcher_, &WorkspaceChangeWatcher::changed, navigator_, &WorkspaceNavigator::refresh);
  connect(watcher_, &WorkspaceChangeWatcher::changed, views_, &ViewFactory::refreshAll);
  connect(watcher_, &WorkspaceChangeWatcher::changed, this, [this](const std::vector<store::WorkspaceChange>& c) {
    const QString more = c.size() > 1 ? tr(" (and %n more change(s))", "", int(c.size() - 1)) : QString();
    statusBar()->showMessage(WorkspaceChangeWatcher::describe(c.back()) + more, 8000);
  });
  connect(watcher_, &WorkspaceChangeWatcher::lost, this, [this, watched = path_](const QString& message) {
    statusBar()->showMessage(tr("%1. Listening again in %2 s.").arg(message).arg(kListenAgainMs / 1000));
    // Later, outside this signal of the watcher it replaces; what changed meanwhile is read again.
    QTimer::singleShot(kListenAgainMs, this, [this, watched] {
      if (path_ != watched) return;
      watchChanges();
      navigator_->refresh();
      views_->refreshAll();
    });
  });
}

void MainWindow::fillRecentMenu() {
  recentMenu_->clear();
  const QStringList recent = recent_.list();
  for (const QString& p : recent)
    recentMenu_->addAction(QDir::toNativeSeparators(p), this, [this, p] { openWorkspace(p); });
  if (recent.isEmpty()) recentMenu_->addAction(tr("(none)"))->setEnabled(false);
}

void MainWindow::importDialog() {
  if (path_.isEmpty()) {
    QMessageBox::information(this, tr("Import"), tr("Open or create a workspace first (File menu)."));
    return;
  }
  const QString file =
      QFileDialog::getOpenFileName(this, tr("Import"), QSettings().value("import/folder").toString(),
                                   tr("CSV and STDF files (*.csv *.tsv *.txt *.stdf *.std *.stdf.gz *.stdf.bz2 "
                                      "*.std.gz *.std.bz2);;CSV files (*.csv *.tsv *.txt);;STDF tester files "
                                      "(*.stdf *.std *.stdf.gz *.stdf.bz2 *.std.gz *.std.bz2);;All files (*)"));
  if (file.isEmpty()) return;
  QSettings().setValue("import/folder", QFileInfo(file).absolutePath());
  importFile(file);
}

void MainWindow::importFile(const QString& file) {
  if (path_.isEmpty()) {
    QMessageBox::information(this, tr("Import"), tr("Open or create a workspace first (File menu)."));
    return;
  }
  imports_->importFile(path_, file);
}

void MainWindow::about() {
  QMessageBox::about(this, tr("About fabkit"),
                     tr("<h3>fabkit %1</h3><p>SPC and yield analytics for semiconductor fab engineers: control "
                        "charts, capability, wafer maps, defects, yield models and gauge studies, on one "
                        "workspace file.</p><p>Built with Qt %2.</p>")
                         .arg(kVersion, QT_VERSION_STR));
}

void MainWindow::restoreWindow() {
  QSettings settings;
  // The first start fills the screen; later starts come back as the user left the window.
  if (!restoreGeometry(settings.value("mainWindow/geometry").toByteArray())) {
    resize(1280, 800);
    setWindowState(windowState() | Qt::WindowMaximized);
  }
  if (!restoreState(settings.value("mainWindow/state").toByteArray()))
    resizeDocks({findChild<QDockWidget*>("navigatorDock")}, {280}, Qt::Horizontal);
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (jobs_->busy()) {
    const auto answer =
        QMessageBox::question(this, tr("Quit fabkit"), tr("“%1” is running. Cancel it and quit?").arg(jobs_->title()));
    if (answer != QMessageBox::Yes) {
      event->ignore();
      return;
    }
    jobs_->cancel();  // the runner waits for the job to stop when it is destroyed
  }
  QSettings settings;
  settings.setValue("mainWindow/geometry", saveGeometry());
  settings.setValue("mainWindow/state", saveState());
  event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  const auto urls = event->mimeData()->urls();
  if (std::any_of(urls.begin(), urls.end(), importable))
    event->acceptProposedAction();
  else
    event->ignore();
}

void MainWindow::dropEvent(QDropEvent* event) {
  const auto urls = event->mimeData()->urls();
  const auto it = std::find_if(urls.begin(), urls.end(), importable);
  if (it == urls.end()) return;
  event->acceptProposedAction();
  if (urls.size() > 1) statusBar()->showMessage(tr("One file at a time: importing %1").arg(it->fileName()), 5000);
  importFile(it->toLocalFile());
}

}  // namespace fab::ui

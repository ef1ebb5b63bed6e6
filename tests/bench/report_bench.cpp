// Time to render a 20-page SPC report of the demo workspace to PDF (docs/ARCHITECTURE.md §7:
// under 3 s): the analysis (load, chart, rules, capability) and the painting
// (layout, charts as vectors, PDF), each the best of a few runs.
//   report_bench [WORKSPACE]   (default: a fresh demo workspace in a temp folder)
#include <QFileInfo>
#include <QGuiApplication>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "core/demo/demo_workspace.h"
#include "core/store/database.h"
#include "core/store/measurements.h"
#include "ui/report/report_renderer.h"
#include "ui/report/spc_report.h"

namespace {

double secondsSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QGuiApplication app(argc, argv);
  QTemporaryDir tmp;
  std::string workspace = argc > 1 ? argv[1] : tmp.filePath("demo.fabdb").toStdString();
  if (argc <= 1) fab::demo::buildDemoWorkspace(workspace);

  // 19 parameter pages + the summary page = 20 pages (the demo's parameters, repeated as needed).
  fab::store::Database db(workspace, fab::store::Database::Mode::ReadOnly);
  const auto all = fab::store::listParameters(db);
  fab::ui::report::SpcScope scope;
  for (std::size_t i = 0; scope.parameters.size() < 19; ++i) scope.parameters.push_back(all[i % all.size()].name);
  std::size_t rows = 0;
  for (const auto& p : scope.parameters) rows += fab::store::loadMeasurements(db, p).size();

  double bestAnalysis = 1e9, bestPaint = 1e9, bestTotal = 1e9;
  int pages = 0;
  const QString pdf = tmp.filePath("report.pdf");
  for (int run = 0; run < 3; ++run) {
    const auto t0 = std::chrono::steady_clock::now();
    const auto analyses = fab::ui::report::analyseParameters(db, scope);
    const auto doc =
        fab::ui::report::makeSpcReport(analyses, scope, QFileInfo(QString::fromStdString(workspace)).fileName());
    const double analysis = secondsSince(t0);
    const auto t1 = std::chrono::steady_clock::now();
    pages = fab::ui::report::ReportRenderer(doc).writePdf(pdf, fab::ui::report::PaperSize::A4);
    const double paint = secondsSince(t1);
    bestAnalysis = std::min(bestAnalysis, analysis);
    bestPaint = std::min(bestPaint, paint);
    bestTotal = std::min(bestTotal, analysis + paint);
  }
  std::printf("SPC report: %d pages, %zu measurement rows, PDF %lld KiB\n", pages, rows,
              static_cast<long long>(QFileInfo(pdf).size() / 1024));
  std::printf("analysis %.3f s + layout and PDF %.3f s = %.3f s (best of 3; target < 3 s)\n", bestAnalysis, bestPaint,
              bestTotal);
  return 0;
}

#pragma once
// The gauge study view: the ratings grid on the left (edit, paste a block from
// a spreadsheet, import a CSV, undo), the analysis on the right, recomputed on
// a worker thread after each change. Attribute studies show the agreement
// tables (within appraiser, vs standard, between appraisers, all vs standard),
// the kappa per category and the per-appraiser agreement chart; variables
// studies the components tables of both R&R methods with ndc, the
// components-of-variation chart, the R and X̄ charts by appraiser and the
// part × appraiser interaction plot. Charts export to PNG and SVG.
#include <QString>
#include <QStringList>
#include <QWidget>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "core/msa/gauge_csv.h"
#include "core/msa/gauge_study.h"
#include "core/msa/grr_summary.h"
#include "ui/chart/bar_chart_painter.h"
#include "ui/views/gauge/gauge_analysis.h"
#include "ui/views/workspace_view.h"

class QAbstractItemModel;
class QComboBox;
class QLabel;
class QLineEdit;
class QTabWidget;
class QTableView;
class QTimer;

namespace fab::ui {
class JobRunner;
namespace chart {
class ChartPainter;
}
}  // namespace fab::ui

namespace fab::ui::gauge {

class GaugeRatingsModel;

class GaugeStudyView : public QWidget, public WorkspaceView {
  Q_OBJECT
 public:
  /// Shows the stored study `name`, or a new empty study of `kindForNew` when
  /// the workspace has none by that name. Throws fab::Error when the
  /// workspace cannot be read.
  GaugeStudyView(const QString& workspacePath, const QString& name, msa::GaugeStudyKind kindForNew,
                 QWidget* parent = nullptr);
  ~GaugeStudyView() override;

  void refreshView() override;

  GaugeRatingsModel* ratingsModel() const { return model_; }
  QTableView* grid() const { return grid_; }
  /// The study as the grid and fields hold it now.
  msa::GaugeStudy study() const;
  /// True while an analysis is running or waiting to run.
  bool analyzing() const;
  /// The latest finished analysis (null before the first).
  const GaugeAnalysis* analysis() const { return analysis_ ? &*analysis_ : nullptr; }
  /// The components table of a method in the latest analysis (null when it failed).
  QAbstractItemModel* componentsModel(msa::GrrMethod method) const;
  /// The agreement chart's data in the latest analysis (null for a variables study).
  std::shared_ptr<const chart::BarChartModel> agreementChartModel() const { return agreementChart_; }
  /// The charts now shown, by file-friendly name.
  const std::vector<std::pair<QString, std::shared_ptr<chart::ChartPainter>>>& charts() const { return charts_; }

  /// Saves the study to the workspace (replacing the stored one of the same
  /// name). Returns false with `error` set when it cannot.
  bool save(QString* error = nullptr);
  /// Replaces the ratings by a CSV file's (one undo-clearing step).
  void importCsv(const QString& path, const msa::GaugeCsvColumns& columns);
  /// Pastes the clipboard's text at the grid's current cell (top-left of the selection).
  void pasteFromClipboard();
  /// Writes every chart as PNG and SVG into `folder`; returns the files
  /// written, and the problems in `errors`.
  QStringList exportCharts(const QString& folder, QStringList* errors = nullptr) const;

 signals:
  /// A new analysis is shown.
  void analyzed();
  /// The study was saved under `name`.
  void studySaved(const QString& name);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void buildToolbar(QWidget* bar);
  void load(const QString& name, msa::GaugeStudyKind kindForNew);
  void scheduleAnalysis();
  void analyze();
  void showAnalysis(const GaugeAnalysis& a);
  QWidget* attributePage(const GaugeAnalysis& a);
  QWidget* kappaPage(const GaugeAnalysis& a);
  QWidget* componentsPage(const GaugeAnalysis& a);
  QWidget* chartsPage(const GaugeAnalysis& a);
  QWidget* chartWidget(const QString& name, std::shared_ptr<chart::ChartPainter> painter);
  void importDialog();
  void exportDialog();
  void updateStatus();

  QString path_;
  QString storedName_;  ///< the name the study has in the workspace (empty: not saved yet)
  msa::GaugeStudy loaded_;
  GaugeRatingsModel* model_;
  QTableView* grid_;
  QLineEdit* name_;
  QComboBox* kind_;
  QLineEdit* tolerance_;
  QLabel* status_;
  QTabWidget* results_;
  QTimer* debounce_;
  JobRunner* runner_;
  std::optional<GaugeAnalysis> analysis_;
  QAbstractItemModel* componentsAverageRange_ = nullptr;
  QAbstractItemModel* componentsAnova_ = nullptr;
  std::shared_ptr<const chart::BarChartModel> agreementChart_;
  std::vector<std::pair<QString, std::shared_ptr<chart::ChartPainter>>> charts_;
};

}  // namespace fab::ui::gauge

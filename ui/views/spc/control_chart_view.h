#pragma once
// The control chart view: pick a parameter, chart type, subgroups, phase I
// baseline, rules and chart constants; the chart is computed on a worker
// thread and drawn through the chart layer (main panel above its R/S/MR
// panel), with the exception list of open violations beside it. Limits can be
// approved (a new stored version) and violations acknowledged (point notes).
#include <QWidget>

#include <memory>

#include "ui/views/spc/control_chart_data.h"
#include "ui/views/workspace_view.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;
class QTableWidget;

namespace fab::ui {

class JobRunner;
namespace chart {
class ChartWidget;
}

class ControlChartView : public QWidget, public WorkspaceView {
  Q_OBJECT
 public:
  ControlChartView(const QString& workspacePath, const QString& parameter, QWidget* parent = nullptr);

  void refreshView() override;
  /// Replaces the request (the controls follow) and recomputes. A new view
  /// starts automatic (the data choose the chart, see defaultChart).
  void setRequest(const ControlChartRequest& request);
  /// The controls' request (automatic is never set here).
  ControlChartRequest request() const;
  /// The last computed chart; nullptr before the first one arrived or after an error.
  const ControlChartData* data() const { return data_.get(); }
  bool loaded() const { return loaded_; }
  QString errorText() const { return error_; }
  chart::ChartWidget* mainChart() const { return main_; }
  chart::ChartWidget* lowerChart() const { return lower_; }
  /// The third panel (the three-way chart's within-wafer R or S); hidden for two-panel charts.
  chart::ChartWidget* thirdChart() const { return third_; }
  QString statusText() const;
  QTableWidget* exceptionTable() const { return exceptions_; }

  /// Stores the chart's limits as the next approved version; returns the
  /// version, or throws fab::Error. The view then recomputes with them.
  int approveLimits(const QString& who, const QString& why);
  /// Acknowledges open violation `index` of the exception list with a point note.
  void acknowledge(int index, const QString& cause, const QString& comment, const QString& who);
  /// Writes the main panel (and, with a lower panel, "<name>-2.<ext>" beside it).
  /// Empty string or an error message.
  QString exportCharts(const QString& path) const;

 signals:
  void chartReady();

 private:
  void buildControls(QWidget* bar);
  void recompute();
  void showData();
  void fillExceptions();
  void showChosenChart(const ControlChartRequest& chosen);
  void approveWithDialog();
  void acknowledgeWithDialog();
  void exportWithDialog();

  QString path_;
  JobRunner* runner_;
  bool loaded_ = false, updating_ = false;
  bool automatic_ = true;  ///< the next computation lets the data choose the chart (until the user picks one)
  QString error_;
  std::shared_ptr<const ControlChartData> data_;
  QComboBox *parameter_, *type_, *subgroup_, *rules_, *groupBy_, *step_, *xLabels_;
  QSpinBox *baseFirst_, *baseLast_;
  QDoubleSpinBox *L_, *lambda_, *k_, *h_;
  QCheckBox *approved_, *spec_, *phasePerGroup_;
  QLabel* status_;
  chart::ChartWidget *main_, *lower_, *third_;
  QTableWidget* exceptions_;
};

}  // namespace fab::ui

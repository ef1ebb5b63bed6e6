#pragma once
// A parameter's tab: its run chart (read on a worker thread) above its rows
// in the paged data table. Clicking a point filters the table to its lot.
#include <QWidget>

#include "ui/views/run_chart_data.h"
#include "ui/views/workspace_view.h"

class QLabel;
class QStackedLayout;

namespace fab::ui {

class DataTableView;
class JobRunner;
namespace chart {
class ChartWidget;
}

class ParameterView : public QWidget, public WorkspaceView {
  Q_OBJECT
 public:
  ParameterView(const QString& workspacePath, const QString& parameter, QWidget* parent = nullptr);

  void refreshView() override;
  chart::ChartWidget* chartWidget() const { return chart_; }
  DataTableView* tableView() const { return table_; }
  /// True once the chart's data arrived (or failed to).
  bool chartLoaded() const { return loaded_; }

 signals:
  void chartReady();

 private:
  void loadChart();

  QString path_, parameter_;
  chart::ChartWidget* chart_;
  QLabel* chartStatus_;
  QStackedLayout* chartStack_;
  DataTableView* table_;
  JobRunner* runner_;
  RunChartData data_;
  bool loaded_ = false;
};

}  // namespace fab::ui

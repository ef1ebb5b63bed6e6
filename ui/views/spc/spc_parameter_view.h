#pragma once
// A parameter's tab: the control chart first (what the engineer opens every
// morning), then its capability, then the run chart with the data table.
#include <QWidget>

#include "ui/views/workspace_view.h"

class QTabWidget;

namespace fab::ui {

class CapabilityView;
class ControlChartView;
class ParameterView;

class SpcParameterView : public QWidget, public WorkspaceView {
  Q_OBJECT
 public:
  SpcParameterView(const QString& workspacePath, const QString& parameter, QWidget* parent = nullptr);

  void refreshView() override;
  QTabWidget* pages() const { return pages_; }
  ControlChartView* controlChart() const { return control_; }
  /// Created when its page is first shown.
  CapabilityView* capability() const { return capability_; }
  ParameterView* runChart() const { return runChart_; }
  /// Shows (and creates) a page: 0 control chart, 1 capability, 2 run chart and table.
  void showPage(int index);

 private:
  QString path_, parameter_;
  QTabWidget* pages_;
  ControlChartView* control_;
  CapabilityView* capability_ = nullptr;
  ParameterView* runChart_ = nullptr;
};

}  // namespace fab::ui

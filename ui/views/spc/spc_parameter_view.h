#pragma once
// A parameter's tab: the control chart first (what the engineer opens every
// morning), then its capability, the run chart with the data table, where
// its variation lives (variance components) and which tool caused it (commonality).
#include <QWidget>

#include "ui/views/workspace_view.h"

class QTabWidget;

namespace fab::ui {

class CapabilityView;
class CommonalityView;
class ControlChartView;
class ParameterView;
class VarianceComponentsView;

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
  VarianceComponentsView* varianceComponents() const { return variance_; }
  CommonalityView* commonality() const { return commonality_; }
  /// Shows (and creates) a page: 0 control chart, 1 capability, 2 run chart and table,
  /// 3 variance components, 4 tool commonality.
  void showPage(int index);

 private:
  QString path_, parameter_;
  QTabWidget* pages_;
  ControlChartView* control_;
  CapabilityView* capability_ = nullptr;
  ParameterView* runChart_ = nullptr;
  VarianceComponentsView* variance_ = nullptr;
  CommonalityView* commonality_ = nullptr;
};

}  // namespace fab::ui

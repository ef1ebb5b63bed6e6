#pragma once
// Which tool did it (docs/ARCHITECTURE.md §4 "Tool commonality",
// core/variation/workspace_commonality.h): the parameter's wafer (or lot)
// means grouped by tool, chamber or both at every route step, the steps
// ranked by their Benjamini–Hochberg-adjusted Kruskal–Wallis p, box plots by
// tool at the chosen step, and Dunn's pairs at the top step.
#include <QString>
#include <QWidget>

#include <optional>

#include "core/variation/workspace_commonality.h"
#include "ui/views/workspace_view.h"

class QComboBox;
class QLabel;
class QTableWidget;

namespace fab::ui {
class JobRunner;
namespace chart {
class ChartWidget;
}

class CommonalityView : public QWidget, public WorkspaceView {
  Q_OBJECT
 public:
  CommonalityView(const QString& workspacePath, const QString& parameter, QWidget* parent = nullptr);
  void refreshView() override { load(); }
  const variation::WorkspaceCommonality* analysis() const { return analysis_ ? &*analysis_ : nullptr; }

 signals:
  void ready();

 private:
  void load();
  void show(const variation::WorkspaceCommonality& a);
  void showStep(int index);

  QString path_, parameter_;
  QComboBox* grouping_;
  QComboBox* unit_;
  QLabel* status_;
  QTableWidget* steps_;
  chart::ChartWidget* boxes_;
  QLabel* pairs_;
  JobRunner* runner_;
  std::optional<variation::WorkspaceCommonality> analysis_;
};

}  // namespace fab::ui

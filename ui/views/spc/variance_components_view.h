#pragma once
// Where a parameter's variation lives (docs/ARCHITECTURE.md §4 "Where variation
// lives", core/variation/workspace_variance_components.h): the variability
// (multi-vari) chart of its sites by wafer and lot with the wafer and lot means
// joined, the components lot / wafer within lot / site within wafer with their
// intervals, and the nested ANOVA table.
#include <QString>
#include <QWidget>

#include <optional>

#include "core/variation/workspace_variance_components.h"
#include "ui/views/workspace_view.h"

class QLabel;
class QTableWidget;

namespace fab::ui {
class JobRunner;
namespace chart {
class ChartWidget;
}

class VarianceComponentsView : public QWidget, public WorkspaceView {
  Q_OBJECT
 public:
  VarianceComponentsView(const QString& workspacePath, const QString& parameter, QWidget* parent = nullptr);
  void refreshView() override { load(); }
  const variation::WorkspaceVarianceComponents* analysis() const { return analysis_ ? &*analysis_ : nullptr; }

 signals:
  void ready();

 private:
  void load();
  void show(const variation::WorkspaceVarianceComponents& a);

  QString path_, parameter_;
  QLabel* status_;
  chart::ChartWidget* variability_;
  chart::ChartWidget* components_;
  QTableWidget* table_;
  JobRunner* runner_;
  std::optional<variation::WorkspaceVarianceComponents> analysis_;
};

}  // namespace fab::ui

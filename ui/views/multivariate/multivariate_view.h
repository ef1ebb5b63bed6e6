#pragma once
// Several parameters charted together (docs/ARCHITECTURE.md §4 "Multivariate
// SPC", core/analysis/multivariate.h): pick the parameters, see the Hotelling
// T² chart of their wafer means (or lots), the MEWMA chart under it, and each
// signal taken apart into per-parameter contributions.
#include <QString>
#include <QStringList>
#include <QWidget>

#include <optional>

#include "core/analysis/multivariate.h"
#include "ui/views/workspace_view.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QTableWidget;

namespace fab::ui {
class JobRunner;
namespace chart {
class ChartWidget;
}

namespace multivariate {

class MultivariateView : public QWidget, public WorkspaceView {
  Q_OBJECT
 public:
  explicit MultivariateView(const QString& workspacePath, QWidget* parent = nullptr);
  void refreshView() override;

  /// Ticks exactly these parameters and charts them.
  void chartParameters(const QStringList& parameters);
  const analysis::MultivariateAnalysis* analysis() const { return analysis_ ? &*analysis_ : nullptr; }

 signals:
  void charted();  ///< a chart (or the reason there is none) is shown

 private:
  void listParameters();
  void chart();
  void show(const analysis::MultivariateAnalysis& a);
  QStringList ticked() const;

  QString path_;
  QListWidget* parameters_;
  QComboBox* points_;
  QCheckBox* mewma_;
  QLabel* status_;
  chart::ChartWidget* t2Chart_;
  chart::ChartWidget* mewmaChart_;
  QTableWidget* signals_;
  JobRunner* runner_;
  std::optional<analysis::MultivariateAnalysis> analysis_;
};

}  // namespace multivariate
}  // namespace fab::ui

#pragma once
// The yield calculator: inputs on the left (die area, D0, α, layers, Y0, die
// quality, assembly yield); on the right each model's yield, yield vs D0 for
// every model, the dies-per-wafer drawing (wafer, die size and scribe: exact
// count, both estimates, good dies and cost per good die), the window-method
// fit over the workspace's block yields, the known-good-die panel (chart and
// live table) and the yield-loss Pareto by bin and by wafer zone.
#include <QWidget>

#include <optional>

#include "ui/views/workspace_view.h"
#include "ui/views/yield/dies_per_wafer_panel.h"
#include "ui/views/yield/yield_charts.h"
#include "ui/views/yield/yield_data.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;
class QTabWidget;
class QTableWidget;

namespace fab::ui {
class JobRunner;
namespace chart {
class ChartWidget;
}
}  // namespace fab::ui

namespace fab::ui::yield {

class YieldCalculatorView : public QWidget, public WorkspaceView {
  Q_OBJECT
 public:
  explicit YieldCalculatorView(const QString& workspacePath, QWidget* parent = nullptr);
  ~YieldCalculatorView() override;

  void refreshView() override;
  /// What the view last said about its data (loading, fitted, or why it failed).
  QString statusText() const;

  YieldInputs inputs() const;
  void setInputs(const YieldInputs& in);
  /// The product whose die data are fitted.
  void setProduct(const QString& product);

  bool dataLoaded() const { return data_.has_value(); }
  const std::optional<ProductYieldData>& data() const { return data_; }
  QTableWidget* modelTable() const { return models_; }
  QTableWidget* kgdTableWidget() const { return kgd_; }
  QTableWidget* fitTable() const { return fitTable_; }
  chart::ChartWidget* yieldChart() const { return yieldChart_; }
  chart::ChartWidget* fitChart() const { return fitChart_; }
  chart::ChartWidget* kgdChartWidget() const { return kgdChart_; }
  chart::ChartWidget* paretoChartWidget() const { return pareto_; }
  chart::ChartWidget* zoneParetoChartWidget() const { return zonePareto_; }
  DiesPerWaferPanel* diesPerWaferPanel() const { return dpw_; }
  QTabWidget* tabs() const { return tabs_; }

 signals:
  /// The product's data were loaded and fitted (or failed to).
  void dataReady();

 private:
  void recompute();
  void loadData();
  void showData();

  QString path_;
  std::optional<ProductYieldData> data_;
  QComboBox* product_;
  QDoubleSpinBox *area_, *d0_, *alpha_, *y0_, *quality_, *assembly_;
  QSpinBox* layers_;
  QLabel *dataStatus_, *fitMessage_;
  QTableWidget *models_, *kgd_, *fitTable_;
  chart::ChartWidget *yieldChart_, *fitChart_, *kgdChart_, *pareto_, *zonePareto_;
  DiesPerWaferPanel* dpw_;
  QTabWidget* tabs_;
  JobRunner* runner_;
};

}  // namespace fab::ui::yield

#pragma once
// The yield calculator's dies-per-wafer tab: wafer diameter, edge exclusion,
// die size, scribe, the yield model for good dies and a wafer cost above the
// chart layer's drawing of the die grid with the exact count and both named
// estimates. Large grids (small dies) are counted off the GUI thread.
#include <QWidget>

#include <optional>

#include "core/wafer/wafer_layout.h"
#include "ui/views/yield/dies_per_wafer_chart.h"
#include "ui/views/yield/yield_charts.h"

class QComboBox;
class QDoubleSpinBox;
class QPushButton;

namespace fab::ui {
class JobRunner;
namespace chart {
class ChartWidget;
}
}  // namespace fab::ui

namespace fab::ui::yield {

class DiesPerWaferPanel : public QWidget {
  Q_OBJECT
 public:
  explicit DiesPerWaferPanel(QWidget* parent = nullptr);
  ~DiesPerWaferPanel() override;

  /// The wafer and die entered, with the die yield of the chosen model at the
  /// die's area (width × height) and the calculator's D0, α, n and Y0.
  WaferInputs waferInputs() const;
  void setWaferInputs(const WaferInputs& in);
  /// The calculator's inputs the die yield is computed from.
  void setYieldInputs(const YieldInputs& in);
  /// The workspace product's layout offered by the "use the layout" button (nullopt: none).
  void setProductLayout(const std::optional<fab::wafer::WaferLayout>& layout, const QString& product);
  /// Takes the wafer, edge exclusion, die size and scribe of the product's layout.
  void useProductLayout();

  /// What was last counted and drawn.
  const DiesPerWaferChart& result() const { return result_; }
  /// True while a large grid is counted on a worker.
  bool pending() const;
  chart::ChartWidget* chartWidget() const { return chart_; }

 private:
  void recompute();
  void showResult(DiesPerWaferChart chart);

  QDoubleSpinBox *diameter_, *edgeExclusion_, *dieWidth_, *dieHeight_, *scribe_, *waferCost_;
  QComboBox* yieldModel_;
  QPushButton* useProduct_;
  chart::ChartWidget* chart_;
  JobRunner* runner_;
  YieldInputs yieldInputs_;
  std::optional<fab::wafer::WaferLayout> productLayout_;
  DiesPerWaferChart result_;
  int generation_ = 0;  ///< numbers the requests: a count made here supersedes one still running
};

}  // namespace fab::ui::yield

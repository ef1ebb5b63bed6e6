#pragma once
// A parameter's Kalman tab: its wafer or lot means in time order with the
// filtered and smoothed level (±2σ), flagged outliers and level shifts, the
// standardised-innovation chart, the fitted variances and the equivalent EWMA
// λ; and an R2R sandbox replaying the series through an EWMA or double-EWMA
// controller with sliders for λ and the gain mismatch.
#include <QWidget>

#include <optional>

#include "core/analysis/parameter_level.h"
#include "core/kalman/r2r_controller.h"
#include "ui/views/kalman/kalman_charts.h"
#include "ui/views/workspace_view.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QSlider;
class QTabWidget;

namespace fab::ui {
class JobRunner;
namespace chart {
class ChartWidget;
}
}  // namespace fab::ui

namespace fab::ui::kalman {

class KalmanView : public QWidget, public WorkspaceView {
  Q_OBJECT
 public:
  KalmanView(const QString& workspacePath, const QString& parameter, QWidget* parent = nullptr);
  ~KalmanView() override;

  void refreshView() override;
  /// What the view last said about its data (loading, fitted, or why it failed).
  QString statusText() const;
  void setMeanLevel(MeanLevel level);

  bool loaded() const { return analysis_.has_value(); }
  const std::optional<KalmanAnalysis>& analysis() const { return analysis_; }
  chart::ChartWidget* levelChartWidget() const { return level_; }
  chart::ChartWidget* innovationChartWidget() const { return innovation_; }
  chart::ChartWidget* r2rChartWidget() const { return r2r_; }
  QListWidget* flagList() const { return flags_; }
  QLabel* summaryLabel() const { return summary_; }
  QLabel* stabilityLabel() const { return stability_; }
  QTabWidget* tabs() const { return tabs_; }
  /// Sandbox settings: λ, ξ = β/b, and λ₂ (double EWMA) when set.
  void setController(double lambda, double gainRatio, std::optional<double> lambda2 = std::nullopt);
  const std::optional<fab::kalman::R2rResult>& r2rResult() const { return r2rResult_; }
  /// A tooltip's text for point i: the lot (and wafer), value and level.
  QString describePoint(std::size_t i) const;

 signals:
  void analysisReady();

 private:
  void load();
  void showAnalysis();
  void replay();

  QString path_, parameter_;
  std::optional<KalmanAnalysis> analysis_;
  std::optional<fab::kalman::R2rResult> r2rResult_;
  QComboBox* meanLevel_;
  QLabel *status_, *summary_, *stability_, *lambdaText_, *ratioText_, *lambda2Text_;
  QListWidget* flags_;
  QSlider *lambda_, *ratio_, *lambda2_;
  QCheckBox* doubleEwma_;
  chart::ChartWidget *level_, *innovation_, *r2r_;
  QTabWidget* tabs_;
  JobRunner* runner_;
};

}  // namespace fab::ui::kalman

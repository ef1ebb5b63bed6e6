#pragma once
// A kanban card's evidence panel: the verdict, which mean-shift estimate to
// trust, the phase-split chart (the SPC chart painter over the evidence's
// chart data) and the before/after table — mean, sd, n, Cpk with intervals,
// out-of-control rate, Welch, Brown–Forsythe and the Kalman intervention row —
// with a unit column: the mean-shift rows of a mean kaizen with several wafers
// per lot are on lot means (and a "lot means" row shows them), the rest on
// wafer means.
#include <QWidget>

#include <memory>
#include <optional>

#include "core/lean/kaizen_evidence.h"
#include "ui/chart/chart_model.h"
#include "ui/views/spc/control_chart_data.h"

class QLabel;
class QTableWidget;

namespace fab::ui {
namespace chart {
class ChartWidget;
}
}  // namespace fab::ui

namespace fab::ui::lean {

class EvidencePanel : public QWidget {
  Q_OBJECT
 public:
  explicit EvidencePanel(QWidget* parent = nullptr);

  /// Shows computed evidence.
  void showEvidence(const fab::lean::LinkedEvidence& evidence);
  /// Clears the panel and shows a message instead (no link, computing, an error).
  void showMessage(const QString& message);

  QTableWidget* table() const { return table_; }
  chart::ChartWidget* chart() const { return chart_; }
  /// The model the chart painter draws; null when no evidence is shown.
  std::shared_ptr<const chart::ChartModel> chartModel() const { return model_; }
  QLabel* verdict() const { return verdict_; }
  QLabel* recommendation() const { return recommendation_; }
  /// Row of the table holding the estimate the evidence recommends (-1 when none is shown).
  int recommendedRow() const { return recommendedRow_; }

 private:
  QLabel *verdict_, *recommendation_;
  chart::ChartWidget* chart_;
  QTableWidget* table_;
  std::shared_ptr<const chart::ChartModel> model_;
  std::optional<ControlChartData> data_;
  int recommendedRow_ = -1;
};

}  // namespace fab::ui::lean

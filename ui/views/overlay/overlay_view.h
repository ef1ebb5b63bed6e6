#pragma once
// The lithography overlay model of a lot (docs/ARCHITECTURE.md §4, core/overlay):
// the measured overlay, the fitted wafer + intrafield model and what is left,
// as three wafer vector maps side by side, with the model's terms, their
// standard errors, the derived terms and the residual mean + 3σ per axis.
#include <QString>
#include <QWidget>

#include "core/overlay/overlay_model.h"
#include "ui/views/workspace_view.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QTableWidget;

namespace fab::ui {
class JobRunner;
namespace chart {
class ChartWidget;
}

namespace overlay {

/// What the view fits and draws: the lot's sites with the fit, and the wafer they sit on.
struct OverlayViewData {
  fab::overlay::OverlayFit fit;
  double diameterMm = 300, edgeExclusionMm = 3;
  QString notch = "down";
  std::vector<int> wafers;  ///< the lot's measured wafers, for the wafer choice
  QString description;      ///< "lot N2601A, wafer 3: 9 sites, product AX100, fields 20.16 × 30.24 mm"
};

class OverlayView : public QWidget, public WorkspaceView {
  Q_OBJECT
 public:
  OverlayView(const QString& workspacePath, const QString& lot, QWidget* parent = nullptr);
  void refreshView() override { fit(); }

  const OverlayViewData* data() const { return data_ ? &*data_ : nullptr; }

 signals:
  void fitted();  ///< a fit (or its error) is shown

 private:
  void fit();
  void show(const OverlayViewData& data);

  QString path_, lot_;
  QComboBox* wafer_;
  QComboBox* order_;
  QCheckBox* intrafield_;
  QLabel* status_;
  chart::ChartWidget* measured_;
  chart::ChartWidget* model_;
  chart::ChartWidget* residual_;
  QTableWidget* terms_;
  JobRunner* runner_;
  std::optional<OverlayViewData> data_;
};

}  // namespace overlay
}  // namespace fab::ui

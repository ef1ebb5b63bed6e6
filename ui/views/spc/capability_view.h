#pragma once
// The capability view: histogram with the fitted normal curves and the
// LSL / target / USL lines (chart layer), the indices with their confidence
// intervals, expected and observed ppm, Anderson–Darling normality and an
// optional Box-Cox transformation. Computed on a worker thread.
#include <QWidget>

#include <memory>

#include "ui/views/spc/capability_data.h"
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

class CapabilityView : public QWidget, public WorkspaceView {
  Q_OBJECT
 public:
  CapabilityView(const QString& workspacePath, const QString& parameter, QWidget* parent = nullptr);

  void refreshView() override;
  void setRequest(const CapabilityRequest& request);
  CapabilityRequest request() const;
  const CapabilityData* data() const { return data_.get(); }
  bool loaded() const { return loaded_; }
  QString errorText() const { return error_; }
  chart::ChartWidget* histogram() const { return chart_; }
  QTableWidget* indexTable() const { return indices_; }
  /// PNG or SVG by the file's suffix; empty string or an error message.
  QString exportChart(const QString& path) const;

 signals:
  void capabilityReady();

 private:
  void recompute();
  void showData();

  QString path_;
  JobRunner* runner_;
  bool loaded_ = false, updating_ = false;
  QString error_;
  std::shared_ptr<const CapabilityData> data_;
  QComboBox *parameter_, *subgroup_;
  QCheckBox* boxCox_;
  QLabel *status_, *summary_;
  chart::ChartWidget* chart_;
  QTableWidget* indices_;
};

}  // namespace fab::ui

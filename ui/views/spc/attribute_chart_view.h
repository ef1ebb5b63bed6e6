#pragma once
// Attribute control charts of a product's wafers (die fail fraction, defect
// density): pick the chart, computed on a worker thread, drawn by the chart
// layer with per-wafer limits; the status line says which chart and why, and
// when the wafers are overdispersed (Laney p′ / u′ offered).
#include <QWidget>

#include <memory>

#include "ui/views/spc/attribute_chart_data.h"

class QComboBox;
class QLabel;

namespace fab::ui {

class JobRunner;
namespace chart {
class ChartWidget;
}

class AttributeChartView : public QWidget {
  Q_OBJECT
 public:
  AttributeChartView(const QString& workspacePath, const QString& product, QWidget* parent = nullptr);

  /// Choice index: 0 die yield (np or p, from the data), 1 p, 2 np, 3 Laney p′,
  /// 4 u (defects per cm²), 5 c (defects per wafer), 6 Laney u′.
  void setChoice(int index);
  /// Only this lot's wafers ("" = every lot of the product).
  void setLot(const QString& lot);
  AttributeChartRequest request() const;
  const AttributeChartData* data() const { return data_.get(); }
  bool loaded() const { return loaded_; }
  QString errorText() const { return error_; }
  QString statusText() const;
  chart::ChartWidget* chartWidget() const { return chart_; }
  void recompute();

 signals:
  void chartReady();

 private:
  QString path_, product_;
  JobRunner* runner_;
  bool loaded_ = false;
  QString error_;
  std::shared_ptr<const AttributeChartData> data_;
  QComboBox *choice_, *lot_;
  QLabel* status_;
  chart::ChartWidget* chart_;
};

}  // namespace fab::ui

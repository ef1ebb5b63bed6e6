#pragma once
// A product's layout (wafer size, die size, notch, pass bins) and the bin map
// of one of its wafers with the wafer's defects, picked by lot and wafer.
#include <QWidget>

#include <span>

#include <memory>
#include <vector>

#include "core/store/dies.h"
#include "ui/views/workspace_view.h"

class QComboBox;
class QLabel;
class QTabWidget;

namespace fab::ui {

class AttributeChartView;
class JobRunner;
namespace chart {
class ChartWidget;
struct WaferMapModel;
}  // namespace chart

class ProductView : public QWidget, public WorkspaceView {
  Q_OBJECT
 public:
  ProductView(const QString& workspacePath, const QString& product, QWidget* parent = nullptr);
  void refreshView() override;
  chart::ChartWidget* mapWidget() const { return map_; }
  bool mapLoaded() const { return loaded_; }
  /// The attribute charts tab (p / np / Laney p′ of die fail fraction, u / c of
  /// defects), built on first use and brought to the front.
  AttributeChartView* attributeCharts();

  /// The wafer map model of one wafer of `product` (dies on the die grid in
  /// force for its lot, core/analysis/die_grid_in_force.h, given every wafer
  /// of the lot in `lotWafers`; defects in wafer millimetres).
  static std::shared_ptr<chart::WaferMapModel> makeWaferMap(const store::Product& product,
                                                            std::span<const store::WaferDies> lotWafers,
                                                            const store::WaferDies& dies,
                                                            const std::vector<store::Defect>& defects);

 signals:
  void mapReady();

 private:
  struct LotData {
    std::vector<store::WaferDies> wafers;
    std::vector<store::WaferDefects> defects;
  };
  void loadLot();
  void showWafer();

  QString path_, product_;
  std::optional<store::Product> layout_;
  QLabel* summary_;
  QComboBox* lot_;
  QComboBox* wafer_;
  chart::ChartWidget* map_;
  JobRunner* runner_;
  std::shared_ptr<LotData> data_;
  bool loaded_ = false;
  QTabWidget* tabs_ = nullptr;
  AttributeChartView* attributes_ = nullptr;
};

}  // namespace fab::ui

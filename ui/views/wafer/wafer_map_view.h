#pragma once
// The wafer map of a lot: one wafer's die grid coloured by bin with its
// defects (coloured by class or by cluster), or a stack of the lot's (or the
// selected) wafers as a die fail-frequency heat map; a clustering panel and a
// killer-defect panel beside it. Drawn only through the chart layer.
#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

#include "core/analysis/killer_defects.h"
#include "core/defect/wafer_map.h"
#include "core/store/dies.h"
#include "ui/views/wafer/wafer_map_adapter.h"
#include "ui/views/workspace_view.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;

namespace fab::ui {
class JobRunner;
namespace chart {
class ChartWidget;
struct ChartHit;
}  // namespace chart
}  // namespace fab::ui

namespace fab::ui::wafer {

class ClusteringPanel;
class SimilarWafersPanel;

class WaferMapView : public QWidget, public WorkspaceView {
  Q_OBJECT
 public:
  WaferMapView(const QString& workspacePath, const QString& lot, QWidget* parent = nullptr);
  void refreshView() override;

  bool loaded() const { return loaded_; }
  /// Shows one wafer (by slot number); false when the lot has no such wafer.
  bool showWafer(int wafer);
  /// Stacks the selected wafers (all of the lot when fewer than two are selected).
  void setStacked(bool stacked);
  void setColourByCluster(bool byCluster);

  /// The wafer on show (null while stacked or loading).
  const defect::WaferMap* currentMap() const { return current_ ? &*current_ : nullptr; }
  const WaferStack* stack() const { return stack_ ? &*stack_ : nullptr; }
  const std::vector<defect::WaferMap>& maps() const { return maps_; }
  chart::ChartWidget* mapWidget() const { return map_; }
  chart::ChartWidget* killerWidget() const { return killer_; }
  /// The lot's killer-defect analysis once loaded (nullptr when the lot has none).
  const analysis::KillerAnalysis* killer() const { return killerAnalysis_ ? &*killerAnalysis_ : nullptr; }
  ClusteringPanel* clustering() const { return clustering_; }
#ifdef FAB_WITH_TORCH
  /// "Find similar wafers" for the wafer on show (built with libtorch only).
  SimilarWafersPanel* similar() const { return similar_; }
#endif
  QString hoverText(const chart::ChartHit& hit) const;
  /// Why the die grid was placed as it is, when the sort maps' indices did not fit the product's origin die.
  const QString& layoutNote() const { return layoutNote_; }

 signals:
  /// The lot was read and a map is on show.
  void mapReady();

 private:
  struct LotData;
  void load();
  void display(std::shared_ptr<LotData> data);
  void redraw();
  void applyClusters();
  void exportMap();
  void updateKiller();

  QString path_, lot_;
  QLabel* summary_;
  QListWidget* wafers_;
  QCheckBox* stacked_;
  QComboBox* colourBy_;
  chart::ChartWidget* map_;
  chart::ChartWidget* killer_;
  QLabel* killerText_;
  std::optional<analysis::KillerAnalysis> killerAnalysis_;
  QString killerError_;
  ClusteringPanel* clustering_;
#ifdef FAB_WITH_TORCH
  SimilarWafersPanel* similar_;
#endif
  JobRunner* runner_;
  std::vector<defect::WaferMap> maps_;  ///< one per wafer of the lot, in slot order
  std::vector<store::WaferDies> dies_;
  std::optional<defect::WaferMap> current_;
  std::optional<WaferStack> stack_;
  std::optional<fab::wafer::WaferLayout> layout_;
  QString layoutNote_;
  bool loaded_ = false;
};

}  // namespace fab::ui::wafer

#pragma once
// Clustering panel of the wafer-map view: k-means, KDE, mean shift or DBSCAN
// on the shown wafer's defects, run off the GUI thread; lists each cluster's
// signature label with the feature values behind it.
#include <QWidget>

#include <memory>
#include <vector>

#include "core/defect/point.h"
#include "ui/views/wafer/cluster_job.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTreeWidget;

namespace fab::ui {
class JobRunner;
}

namespace fab::ui::wafer {

class ClusteringPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ClusteringPanel(QWidget* parent = nullptr);

  /// The defects to cluster next (µm, wafer frame: centre origin, notch down, so
  /// that bandwidths and eps mean the same on every product); clears the result.
  void setPoints(std::vector<defect::Point2> points, double waferRadiusUm);
  const std::vector<defect::Point2>& points() const { return points_; }
  /// Starts a run with the panel's settings; false when one is running or there is nothing to cluster.
  bool run();
  void setMethod(defect::ClusterMethod method);
  void setK(int k);
  bool busy() const;
  const std::shared_ptr<const ClusterOutcome>& outcome() const { return outcome_; }
  QTreeWidget* table() const { return table_; }

 signals:
  /// A run ended: outcome() holds its result, or null with the error shown.
  void finished();

 private:
  defect::ClusterRequest request() const;
  void show(const ClusterOutcome& outcome);

  QComboBox* method_;
  QSpinBox* k_;
  QDoubleSpinBox* bandwidth_;
  QDoubleSpinBox* eps_;
  QSpinBox* minPoints_;
  QSpinBox* seed_;
  QPushButton* run_;
  QLabel* status_;
  QTreeWidget* table_;
  JobRunner* runner_;
  std::vector<defect::Point2> points_;
  double radius_ = 150000;
  std::shared_ptr<const ClusterOutcome> outcome_;
};

}  // namespace fab::ui::wafer

#pragma once
// The wafer-map pattern classifier (docs/ARCHITECTURE.md §4, §6): train a teacher and a
// student by knowledge distillation (and the student alone, the baseline) as
// a background job with live loss and accuracy curves, compare their size,
// accuracy and CPU latency, see a confusion matrix, save the trained models,
// load a model folder (the shipped student by default), and classify the
// workspace's wafers with the loaded or trained model.
#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

#include "models/classifier/distillation_run.h"
#include "ui/views/classifier/wafer_classification.h"
#include "ui/views/workspace_view.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QStandardItemModel;
class QTableView;
class QTableWidget;
class QTabWidget;

namespace fab::ui {
class JobRunner;
namespace chart {
class ChartWidget;
}
}  // namespace fab::ui

namespace fab::ui::classifier {

class ClassifierView : public QWidget, public WorkspaceView {
  Q_OBJECT
 public:
  /// Loads the shipped model in the background when one is found.
  explicit ClassifierView(const QString& workspacePath, QWidget* parent = nullptr);
  ~ClassifierView() override;
  /// Re-reads the list of lots with die maps.
  void refreshView() override;

  // Training
  /// The plan the form describes (full-size networks).
  models::DistillationPlan planFromFields() const;
  /// Trains `plan` off the GUI thread; false when another job is running.
  bool startTraining(const models::DistillationPlan& plan);
  /// Asks the running job (training, loading or classifying) to stop.
  void cancel();
  bool busy() const;
  /// The last completed training run (null before one finished).
  const models::DistillationOutcome* outcome() const { return outcome_.get(); }
  /// Epoch reports of the current or last run, in the order they arrived.
  const std::vector<models::EpochReport>& epochs() const { return epochs_; }
  /// Writes the trained models (teacher/, student/, student-baseline/, training.json)
  /// into `dir`; returns an error message or an empty string.
  QString saveTrained(const QString& dir);

  // Model
  /// Loads a model folder (or a training output folder: its student) in the background.
  bool loadModel(const QString& dir);
  /// The model classification uses: the loaded one, or the student just trained.
  const models::WaferClassifier* model() const { return model_.get(); }
  QString modelSource() const { return modelSource_; }

  // Classification
  /// Classifies the wafers of `lot` (empty: every lot) off the GUI thread.
  bool classifyLot(const QString& lot);
  const std::optional<WaferClassification>& classification() const { return classification_; }
  /// The sortable table: lot, wafer, dies, pattern, confidence, nine probabilities.
  QSortFilterProxyModel* predictionTable() const { return proxy_; }
  QTableView* predictionView() const { return table_; }
  /// Selects a row of the (sorted) table and shows that wafer's map.
  void selectPrediction(int row);

  QTabWidget* tabs() const { return tabs_; }
  QComboBox* deviceBox() const { return device_; }
  QComboBox* confusionChoice() const { return confusionChoice_; }
  QTableWidget* comparisonTable() const { return comparison_; }
  QLabel* statusLabel() const { return status_; }
  chart::ChartWidget* lossWidget() const { return loss_; }
  chart::ChartWidget* accuracyWidget() const { return accuracy_; }
  chart::ChartWidget* confusionWidget() const { return confusion_; }
  chart::ChartWidget* waferWidget() const { return waferMap_; }
  QTableWidget* probabilityTable() const { return probabilities_; }

 signals:
  /// `error` is empty on success, "cancelled" when cancelled.
  void trainingFinished(const QString& error);
  void modelLoaded(const QString& error);
  void classificationFinished(const QString& error);
  void epochReported(const fab::models::EpochReport& report);

 private:
  QWidget* buildTrainingTab();
  QWidget* buildClassifyTab();
  /// True (and says so in the status line) while a job runs.
  bool refuseWhileBusy();
  void jobStarted(const QString& what);
  void jobEnded(const QString& message);
  void addEpoch(const models::EpochReport& report);
  void redrawCurves();
  void showComparison();
  void showConfusion();
  void showModelSummary();
  void showPredictions();
  void showSelectedWafer();
  void chooseModelFolder();
  void chooseSaveFolder();

  QString path_;
  JobRunner* runner_;
  std::shared_ptr<models::DistillationOutcome> outcome_;
  models::DistillationPlan plan_;  ///< of the current or last run
  std::vector<models::EpochReport> epochs_;
  std::shared_ptr<const models::WaferClassifier> model_;
  QString modelSource_;
  std::optional<WaferClassification> classification_;
  /// What the confusion-matrix chooser offers: a title and the metrics behind it.
  std::vector<std::pair<QString, ml::ClassificationMetrics>> confusions_;

  QTabWidget* tabs_;
  QLabel* modelLabel_;
  QLabel* status_;
  QProgressBar* progress_;
  QPushButton* cancel_;
  // training tab
  QSpinBox *maps_, *evalMaps_, *teacherEpochs_, *studentEpochs_, *seed_, *threads_;
  QDoubleSpinBox *temperature_, *alpha_;
  QComboBox* device_;
  QPushButton *train_, *save_;
  chart::ChartWidget *loss_, *accuracy_, *confusion_;
  QComboBox* confusionChoice_;
  QTableWidget* comparison_;
  QLabel* comparisonNote_;
  // classify tab
  QComboBox* lot_;
  QPushButton* classify_;
  QStandardItemModel* rows_;
  QSortFilterProxyModel* proxy_;
  QTableView* table_;
  chart::ChartWidget* waferMap_;
  QLabel* waferTitle_;
  QTableWidget* probabilities_;
};

}  // namespace fab::ui::classifier

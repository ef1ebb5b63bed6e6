#pragma once
// "Find similar wafers" in the wafer-map view: the workspace wafers whose maps
// the shipped classifier sees most alike the shown one (nearest neighbours of
// its penultimate-layer embedding, models/classifier/wafer_similarity.h), found
// off the GUI thread. Built only with libtorch.
#include <QWidget>

#include <memory>
#include <vector>

#include "models/classifier/wafer_similarity.h"

class QLabel;
class QPushButton;
class QSpinBox;
class QTreeWidget;

namespace fab::ui {
class JobRunner;
}

namespace fab::ui::wafer {

class SimilarWafersPanel : public QWidget {
  Q_OBJECT
 public:
  /// The model and the embedded workspace, kept between searches.
  struct Engine;

  SimilarWafersPanel(const QString& workspacePath, QWidget* parent = nullptr);

  /// The wafer to match next; clears the list.
  void setWafer(const QString& lot, int wafer);
  /// Starts a search for the set wafer; false when one runs or no wafer is set.
  /// The first search embeds the workspace's maps; later ones reuse them.
  bool find();
  /// Forgets the embedded maps (the workspace changed): the next search embeds them again.
  void forgetEmbeddings();
  void setTop(int k);
  bool busy() const;
  /// The last search's wafers, nearest first (empty before one or after an error).
  const std::vector<models::SimilarWafer>& neighbours() const { return neighbours_; }
  QTreeWidget* table() const { return table_; }
  QString status() const;

 signals:
  /// A search ended: neighbours() holds its result, or is empty with the error shown.
  void finished();
  /// A listed wafer was double-clicked.
  void waferChosen(const QString& lot, int wafer);

 private:
  void show(const std::vector<models::SimilarWafer>& found, double seconds);

  QString path_, lot_;
  int wafer_ = -1;
  QSpinBox* top_;
  QPushButton* find_;
  QLabel* status_;
  QTreeWidget* table_;
  JobRunner* runner_;
  std::vector<models::SimilarWafer> neighbours_;
  std::shared_ptr<Engine> engine_;  ///< the model and the embedded workspace, once built
  int generation_ = 0;              ///< counts forgetEmbeddings(): a search begun before it keeps nothing
};

}  // namespace fab::ui::wafer

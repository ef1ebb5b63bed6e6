#pragma once
// The data table: the paged measurement model in a QTableView with a filter
// bar (parameter, lot, free text) and the matching row count. Filters and
// sorting are passed to the SQL query; nothing is filtered in memory.
#include <QWidget>

#include "core/store/table_page.h"
#include "ui/views/workspace_view.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace fab::ui {

class MeasurementTableModel;

class DataTableView : public QWidget, public WorkspaceView {
  Q_OBJECT
 public:
  /// Opens its own read-only connection; throws fab::Error when it cannot.
  DataTableView(const QString& workspacePath, const store::MeasurementQuery& initial, QWidget* parent = nullptr);

  MeasurementTableModel* model() const { return model_; }
  QTableView* table() const { return table_; }
  /// Re-reads the table (after an import).
  void refresh();
  void refreshView() override { refresh(); }
  /// Filters to one lot (empty: every lot).
  void showLot(const QString& lot);

 private:
  void applyFilters();
  void fillCombo(QComboBox* combo, const std::vector<std::string>& names, const std::string& current,
                 const QString& allText);

  MeasurementTableModel* model_;
  QTableView* table_;
  QComboBox* parameter_;
  QComboBox* lot_;
  QLineEdit* text_;
  QLabel* count_;
  QTimer* textDelay_;
};

}  // namespace fab::ui

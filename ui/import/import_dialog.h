#pragma once
// The import preview: the file's first rows, the kind of data (guessed), a
// role per column (guessed, changeable), how its numbers and dates are written
// (detected, changeable), and the batch options. The mapping is
// checked as it changes; Import is enabled once every required role has a column.
#include <QDialog>

#include <map>
#include <optional>
#include <string>

#include "core/io/importer.h"

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace fab::ui {

class ImportDialog : public QDialog {
  Q_OBJECT
 public:
  /// Role combo data for a column no role uses, and for a wide-layout parameter column.
  static constexpr int kNoRole = -1;
  static constexpr int kWideParameter = -2;

  /// Reads the preview; throws fab::Error when the file cannot be read at all.
  explicit ImportDialog(const QString& path, QWidget* parent = nullptr);

  /// The options the import runs with: kind, role overrides, batch options.
  io::ImportOptions options() const;
  const io::ImportPreview& preview() const { return preview_; }

  QComboBox* kindCombo() const { return kind_; }
  /// The role combo of a file column.
  QComboBox* roleCombo(int column) const;
  QTableWidget* previewTable() const { return table_; }
  QCheckBox* skipBadRows() const { return skipBadRows_; }
  QCheckBox* force() const { return force_; }
  QLabel* mappingStatus() const { return status_; }
  /// How numbers and dates are read: "" = as detected, else a declared format.
  QComboBox* numbersCombo() const { return numbers_; }
  QComboBox* datesCombo() const { return dates_; }
  /// The formats the import will use (as the summary states them), or why they cannot be decided.
  QLabel* formatStatus() const { return formatStatus_; }
  /// Dies files: how the sort map numbers dies (shown only for the dies kind).
  QGroupBox* numberingBox() const { return numbering_; }
  QComboBox* mapNotch() const { return mapNotch_; }
  QComboBox* mapRows() const { return mapRows_; }
  QLineEdit* referenceDie() const { return referenceDie_; }
  QPushButton* importButton() const { return import_; }

 private:
  void fillTable();
  void kindChosen();
  void roleChosen(int column);
  void remap();
  void showMapping();
  QGroupBox* makeNumberingBox();
  void fillFormatCombos();
  io::FieldFormatOptions formatOptions() const;
  /// Decides the formats for the current mapping and choices; false when they cannot be.
  bool showFormat();

  QString path_;
  io::ImportPreview preview_;
  io::ImportKind kindValue_;
  std::map<std::string, std::string> overrides_;  ///< role name → column name ("" = unmapped)
  std::optional<io::ColumnMapping> mapping_;
  QComboBox* kind_;
  QTableWidget* table_;
  QLabel* status_;
  QComboBox* numbers_;
  QComboBox* dates_;
  QLabel* formatStatus_;
  QCheckBox* skipBadRows_;
  QCheckBox* force_;
  QGroupBox* numbering_;
  QComboBox* mapNotch_;
  QComboBox* mapRows_;
  QLineEdit* referenceDie_;
  QPushButton* import_;
};

}  // namespace fab::ui

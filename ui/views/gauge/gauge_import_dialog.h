#pragma once
// Asks which columns of a CSV file hold the part, appraiser, trial, rating or
// measurement and standard (long layout), guessing them from the header, and
// reads the study through core/msa/gauge_csv.
#include <QDialog>

#include "core/io/csv_table.h"
#include "core/msa/gauge_csv.h"

class QComboBox;

namespace fab::ui::gauge {

class GaugeImportDialog : public QDialog {
  Q_OBJECT
 public:
  /// Reads the file's header; throws fab::Error when it cannot be read.
  GaugeImportDialog(const QString& path, msa::GaugeStudyKind kind, QWidget* parent = nullptr);
  /// The columns chosen (guessed from the header until the user changes them).
  msa::GaugeCsvColumns columns() const;
  const io::CsvTable& table() const { return table_; }

  /// Guesses columns from header names: part/item/sample, appraiser/operator/
  /// rater/op, trial/replicate/run, value/rating/measurement/y, standard/reference.
  static msa::GaugeCsvColumns guessColumns(const std::vector<std::string>& header);

 private:
  io::CsvTable table_;
  QComboBox *part_, *appraiser_, *trial_, *value_, *reference_;
};

}  // namespace fab::ui::gauge

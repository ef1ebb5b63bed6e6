#pragma once
// The ratings grid of a gauge study: one row per rating in the long layout
// (part, appraiser, trial, rating or measurement, standard), editable cell by
// cell or by pasting a tab-separated block copied from a spreadsheet. Every
// change goes through an undo stack. A blank last row takes new ratings.
#include <QAbstractTableModel>
#include <QStringList>

#include <vector>

#include "core/msa/gauge_study.h"

class QUndoStack;

namespace fab::ui::gauge {

class GaugeRatingsModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { kPart = 0, kAppraiser, kTrial, kValue, kReference, kColumns };

  explicit GaugeRatingsModel(QObject* parent = nullptr);

  msa::GaugeStudyKind kind() const { return kind_; }
  /// Changes how the value column is read (numbers for a variables study).
  /// Refused (false) when some value is not a number and `kind` is Variables.
  bool setKind(msa::GaugeStudyKind kind);
  /// Replaces every rating (a load or an import) and clears the undo history.
  void setRatings(std::vector<msa::GaugeRating> ratings);
  const std::vector<msa::GaugeRating>& ratings() const { return ratings_; }
  /// The ratings without wholly blank rows, as the analyses take them.
  std::vector<msa::GaugeRating> filledRatings() const;
  QUndoStack* undoStack() const { return undo_; }

  /// Pastes a tab-separated block (rows by newline) with its top-left cell at
  /// (row, column), adding rows as needed; a first line repeating the column
  /// titles is skipped. One undo step. Returns how many cells were refused
  /// (a trial that is not a whole number ≥ 1, a measurement that is not a
  /// number); `error` names the first.
  int pasteText(const QString& text, int row, int column, QString* error = nullptr);
  /// Clears the cells (one undo step).
  void clearCells(const QModelIndexList& cells);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;
  bool setData(const QModelIndex& index, const QVariant& value, int role) override;

 signals:
  /// The ratings changed (an edit, paste, undo or redo, or a new set).
  void ratingsChanged();

 private:
  friend class RatingsSnapshotCommand;
  /// Installs `ratings` as the current state (used by undo and redo).
  void restore(const std::vector<msa::GaugeRating>& ratings);
  /// Writes `text` into one cell of `ratings`; false (and `error`) when refused.
  bool writeCell(std::vector<msa::GaugeRating>& ratings, int row, int column, const QString& text,
                 QString* error) const;
  QString cellText(const msa::GaugeRating& r, int column) const;
  void pushChange(std::vector<msa::GaugeRating> after, const QString& text);

  msa::GaugeStudyKind kind_ = msa::GaugeStudyKind::Attribute;
  std::vector<msa::GaugeRating> ratings_;
  QUndoStack* undo_;
};

}  // namespace fab::ui::gauge

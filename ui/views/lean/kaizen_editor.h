#pragma once
// The card editor: a kaizen's fields in a form. It edits a copy; the board
// stores it (with the edit history) when the user saves.
#include <QWidget>

#include "core/lean/kaizen.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace fab::ui::lean {

class KaizenEditor : public QWidget {
  Q_OBJECT
 public:
  explicit KaizenEditor(QWidget* parent = nullptr);

  void setKaizen(const fab::lean::Kaizen& kaizen);
  /// Disables the form (a free task card, or nothing selected).
  void clear(const QString& why);
  /// The shown kaizen with the form's values.
  fab::lean::Kaizen edited() const;
  bool hasKaizen() const { return loaded_; }

 signals:
  void saveRequested();

 private:
  fab::lean::Kaizen kaizen_;
  bool loaded_ = false;
  QLabel* header_;
  QComboBox* type_;
  QLineEdit *title_, *owner_, *area_, *team_, *submitter_;
  QPlainTextEdit *problem_, *current_, *target_, *rootCause_, *lessons_;
  QDoubleSpinBox *hard_, *soft_;
  QPushButton* save_;
};

}  // namespace fab::ui::lean

#pragma once
// The status-bar corner that shows the running job: its title and stage, a
// progress bar and a Cancel button. Hidden while no job runs.
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace fab::ui {

class JobRunner;

class JobStatusWidget : public QWidget {
  Q_OBJECT
 public:
  explicit JobStatusWidget(JobRunner* runner, QWidget* parent = nullptr);

  QProgressBar* progressBar() const { return bar_; }
  QPushButton* cancelButton() const { return cancel_; }

 private:
  QLabel* label_;
  QProgressBar* bar_;
  QPushButton* cancel_;
};

}  // namespace fab::ui

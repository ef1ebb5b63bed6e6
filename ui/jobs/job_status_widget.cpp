#include "ui/jobs/job_status_widget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

#include "ui/jobs/job_runner.h"

namespace fab::ui {

JobStatusWidget::JobStatusWidget(JobRunner* runner, QWidget* parent)
    : QWidget(parent),
      label_(new QLabel(this)),
      bar_(new QProgressBar(this)),
      cancel_(new QPushButton(tr("Cancel"), this)) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(label_);
  layout->addWidget(bar_);
  layout->addWidget(cancel_);
  bar_->setRange(0, 100);
  bar_->setFixedWidth(160);
  cancel_->setToolTip(tr("Stop the running job; nothing it did so far is kept"));
  setVisible(false);

  connect(cancel_, &QPushButton::clicked, runner, &JobRunner::cancel);
  connect(runner, &JobRunner::started, this, [this](const QString& title) {
    label_->setText(title);
    bar_->setValue(0);
    cancel_->setEnabled(true);
    setVisible(true);
  });
  connect(runner, &JobRunner::progress, this, [this, runner](int percent, const QString& stage) {
    bar_->setValue(percent);
    label_->setText(stage.isEmpty() ? runner->title() : runner->title() + " – " + stage);
  });
  connect(runner, &JobRunner::cancelRequested, this, [this] {
    cancel_->setEnabled(false);
    label_->setText(tr("Cancelling…"));
  });
  connect(runner, &JobRunner::finished, this, [this] { setVisible(false); });
}

}  // namespace fab::ui

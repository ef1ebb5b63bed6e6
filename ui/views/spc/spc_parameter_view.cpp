#include "ui/views/spc/spc_parameter_view.h"

#include <QTabWidget>
#include <QVBoxLayout>

#include "ui/views/parameter_view.h"
#include "ui/views/spc/capability_view.h"
#include "ui/views/spc/commonality_view.h"
#include "ui/views/spc/control_chart_view.h"
#include "ui/views/spc/variance_components_view.h"

namespace fab::ui {

SpcParameterView::SpcParameterView(const QString& workspacePath, const QString& parameter, QWidget* parent)
    : QWidget(parent),
      path_(workspacePath),
      parameter_(parameter),
      pages_(new QTabWidget),
      control_(new ControlChartView(workspacePath, parameter)) {
  pages_->setTabPosition(QTabWidget::South);
  pages_->addTab(control_, tr("Control chart"));
  pages_->addTab(new QWidget, tr("Capability"));
  pages_->addTab(new QWidget, tr("Run chart and table"));
  pages_->addTab(new QWidget, tr("Variance components"));
  pages_->addTab(new QWidget, tr("Tool commonality"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(pages_);
  connect(pages_, &QTabWidget::currentChanged, this, &SpcParameterView::showPage);
}

void SpcParameterView::showPage(int index) {
  // The later pages read the workspace only when first asked for.
  auto replace = [this](int i, QWidget* page, const QString& title) {
    const QSignalBlocker block(pages_);
    QWidget* placeholder = pages_->widget(i);
    pages_->removeTab(i);
    pages_->insertTab(i, page, title);
    delete placeholder;
  };
  if (index == 1 && !capability_) replace(1, capability_ = new CapabilityView(path_, parameter_), tr("Capability"));
  if (index == 2 && !runChart_) replace(2, runChart_ = new ParameterView(path_, parameter_), tr("Run chart and table"));
  if (index == 3 && !variance_)
    replace(3, variance_ = new VarianceComponentsView(path_, parameter_), tr("Variance components"));
  if (index == 4 && !commonality_)
    replace(4, commonality_ = new CommonalityView(path_, parameter_), tr("Tool commonality"));
  const QSignalBlocker block(pages_);
  pages_->setCurrentIndex(index);
}

void SpcParameterView::refreshView() {
  control_->refreshView();
  if (capability_) capability_->refreshView();
  if (runChart_) runChart_->refreshView();
  if (variance_) variance_->refreshView();
  if (commonality_) commonality_->refreshView();
}

}  // namespace fab::ui

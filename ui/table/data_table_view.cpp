#include "ui/table/data_table_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "ui/table/measurement_table_model.h"

namespace fab::ui {

DataTableView::DataTableView(const QString& workspacePath, const store::MeasurementQuery& initial, QWidget* parent)
    : QWidget(parent),
      model_(new MeasurementTableModel(workspacePath, initial, this)),
      table_(new QTableView(this)),
      parameter_(new QComboBox(this)),
      lot_(new QComboBox(this)),
      text_(new QLineEdit(this)),
      count_(new QLabel(this)),
      textDelay_(new QTimer(this)) {
  auto* filters = new QHBoxLayout;
  filters->addWidget(new QLabel(tr("Parameter:"), this));
  filters->addWidget(parameter_);
  filters->addWidget(new QLabel(tr("Lot:"), this));
  filters->addWidget(lot_);
  filters->addWidget(new QLabel(tr("Search:"), this));
  filters->addWidget(text_, 1);
  filters->addWidget(count_);
  text_->setPlaceholderText(tr("parameter, lot, site or tool contains…"));
  text_->setClearButtonEnabled(true);
  text_->setText(QString::fromStdString(initial.text));

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addLayout(filters);
  layout->addWidget(table_, 1);

  fillCombo(parameter_, store::parameterNames(model_->database()), initial.parameter, tr("(all parameters)"));
  fillCombo(lot_, store::lotNames(model_->database()), initial.lot, tr("(all lots)"));

  table_->setModel(model_);
  table_->setAlternatingRowColors(true);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
  table_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
  table_->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
  table_->horizontalHeader()->setSortIndicatorClearable(true);
  table_->setSortingEnabled(true);
  table_->horizontalHeader()->setStretchLastSection(true);
  // Column widths from the first page only: measuring more rows would read more pages.
  table_->horizontalHeader()->setResizeContentsPrecision(MeasurementTableModel::kPageSize / 2);
  table_->resizeColumnsToContents();

  auto showCount = [this](qint64 rows) { count_->setText(tr("%1 rows").arg(QLocale().toString(rows))); };
  showCount(model_->rowCount());
  connect(model_, &MeasurementTableModel::rowCountChanged, this, showCount);
  textDelay_->setSingleShot(true);
  textDelay_->setInterval(300);
  connect(textDelay_, &QTimer::timeout, this, &DataTableView::applyFilters);
  connect(text_, &QLineEdit::textChanged, textDelay_, qOverload<>(&QTimer::start));
  connect(parameter_, &QComboBox::currentIndexChanged, this, &DataTableView::applyFilters);
  connect(lot_, &QComboBox::currentIndexChanged, this, &DataTableView::applyFilters);
}

void DataTableView::fillCombo(QComboBox* combo, const std::vector<std::string>& names, const std::string& current,
                              const QString& allText) {
  const QSignalBlocker block(combo);
  combo->clear();
  combo->addItem(allText, QString());
  for (const auto& n : names) combo->addItem(QString::fromStdString(n), QString::fromStdString(n));
  combo->setCurrentIndex(std::max(0, combo->findData(QString::fromStdString(current))));
}

void DataTableView::applyFilters() {
  store::MeasurementQuery q = model_->query();
  q.parameter = parameter_->currentData().toString().toStdString();
  q.lot = lot_->currentData().toString().toStdString();
  q.text = text_->text().trimmed().toStdString();
  model_->setQuery(q);
}

void DataTableView::refresh() {
  const auto q = model_->query();
  fillCombo(parameter_, store::parameterNames(model_->database()), q.parameter, tr("(all parameters)"));
  fillCombo(lot_, store::lotNames(model_->database()), q.lot, tr("(all lots)"));
  model_->refresh();
}

void DataTableView::showLot(const QString& lot) { lot_->setCurrentIndex(std::max(0, lot_->findData(lot))); }

}  // namespace fab::ui

#include "ui/import/import_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardItemModel>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

#include "core/common/error.h"
#include "core/io/field_format_sniff.h"

namespace fab::ui {
namespace {

constexpr int kKindCount = 6;

QString delimiterName(char d) {
  switch (d) {
    case ',':
      return QObject::tr("comma");
    case ';':
      return QObject::tr("semicolon");
    case '\t':
      return QObject::tr("tab");
    default:
      return QString("'%1'").arg(QChar(d));
  }
}

}  // namespace

ImportDialog::ImportDialog(const QString& path, QWidget* parent)
    : QDialog(parent),
      path_(path),
      preview_(io::previewFile(path.toStdString())),
      kindValue_(preview_.kind),
      mapping_(preview_.mapping),
      kind_(new QComboBox(this)),
      table_(new QTableWidget(this)),
      status_(new QLabel(this)),
      numbers_(new QComboBox(this)),
      dates_(new QComboBox(this)),
      formatStatus_(new QLabel(this)),
      skipBadRows_(new QCheckBox(tr("Skip bad rows: keep the good rows and list each rejected one"), this)),
      force_(new QCheckBox(tr("Force: import the file even if it was imported before"), this)),
      numbering_(nullptr),
      mapNotch_(new QComboBox(this)),
      mapRows_(new QComboBox(this)),
      referenceDie_(new QLineEdit(this)),
      import_(nullptr) {
  setWindowTitle(tr("Import %1").arg(QFileInfo(path).fileName()));
  for (int k = 0; k < kKindCount; ++k)
    kind_->addItem(QString::fromUtf8(io::kindName(static_cast<io::ImportKind>(k)).data()), k);
  kind_->setCurrentIndex(static_cast<int>(kindValue_));

  auto* form = new QFormLayout;
  form->addRow(tr("File:"), new QLabel(QString("<tt>%1</tt>").arg(path.toHtmlEscaped()), this));
  form->addRow(tr("Separator:"), new QLabel(delimiterName(preview_.delimiter), this));
  form->addRow(tr("Data:"), kind_);
  fillFormatCombos();
  form->addRow(tr("Numbers:"), numbers_);
  form->addRow(tr("Dates:"), dates_);
  form->addRow(QString(), formatStatus_);
  formatStatus_->setWordWrap(true);
  formatStatus_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
  import_ = buttons->addButton(tr("Import"), QDialogButtonBox::AcceptRole);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(new QLabel(tr("Role of each column (first rows of the file below):"), this));
  layout->addWidget(table_, 1);
  layout->addWidget(status_);
  layout->addWidget(makeNumberingBox());
  layout->addWidget(skipBadRows_);
  layout->addWidget(force_);
  layout->addWidget(buttons);
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(kind_, &QComboBox::currentIndexChanged, this, &ImportDialog::kindChosen);
  connect(referenceDie_, &QLineEdit::textChanged, this, &ImportDialog::showMapping);
  connect(numbers_, &QComboBox::currentIndexChanged, this, &ImportDialog::showMapping);
  connect(dates_, &QComboBox::currentIndexChanged, this, &ImportDialog::showMapping);
  fillTable();
  showMapping();
  resize(900, 520);
}

QGroupBox* ImportDialog::makeNumberingBox() {
  numbering_ = new QGroupBox(tr("Sort map numbering (converted into the product's die frame)"), this);
  mapNotch_->addItem(tr("as the product"), QString());
  for (const char* side : {"down", "up", "left", "right"}) mapNotch_->addItem(tr(side), QString(side));
  mapRows_->addItem(tr("as the product"), QString());
  mapRows_->addItem(tr("count up"), QString("up"));
  mapRows_->addItem(tr("count down"), QString("down"));
  referenceDie_->setPlaceholderText(tr("X,Y — empty: the same index as the product's"));
  referenceDie_->setToolTip(
      tr("The sort map's index of the product's origin die. The lots' product layouts must be imported first."));
  auto* form = new QFormLayout(numbering_);
  form->addRow(tr("Notch drawn:"), mapNotch_);
  form->addRow(tr("Rows:"), mapRows_);
  form->addRow(tr("Product's origin die is map die:"), referenceDie_);
  numbering_->setVisible(kindValue_ == io::ImportKind::Dies);
  return numbering_;
}

void ImportDialog::fillFormatCombos() {
  // Data: the decimal mark then the thousands separator ("" = as detected).
  numbers_->addItem(tr("as detected"), QString());
  numbers_->addItem(tr("1000.5 — decimal point"), QString("."));
  numbers_->addItem(tr("1000,5 — decimal comma"), QString(","));
  numbers_->addItem(tr("1.000,5 — decimal comma, thousands ."), QString(",."));
  numbers_->addItem(tr("1,000.5 — decimal point, thousands ,"), QString(".,"));
  numbers_->addItem(tr("1 000,5 — decimal comma, thousands space"), QString(", "));
  numbers_->addItem(tr("1'000.5 — decimal point, thousands '"), QString(".'"));
  dates_->addItem(tr("as detected"), QString());
  dates_->addItem(tr("ISO 8601 — 2026-03-01 08:15"), QString("iso"));
  dates_->addItem(tr("day first — 01.03.2026 08:15, 01/03/2026"), QString("dmy"));
  dates_->addItem(tr("month first — 03/01/2026 08:15"), QString("mdy"));
}

io::FieldFormatOptions ImportDialog::formatOptions() const {
  io::FieldFormatOptions f;
  const QString numbers = numbers_->currentData().toString();
  if (!numbers.isEmpty()) f.decimalMark = numbers[0].toLatin1();
  if (numbers.size() > 1) f.thousands = numbers[1].toLatin1();
  if (const QString dates = dates_->currentData().toString(); !dates.isEmpty())
    f.dates = io::dateOrderFromName(dates.toStdString());
  return f;
}

bool ImportDialog::showFormat() {
  if (!mapping_) {
    formatStatus_->clear();
    return false;
  }
  try {
    const auto format = io::sniffFieldFormat(path_.toStdString(), preview_.delimiter, *mapping_, formatOptions());
    formatStatus_->setText(
        tr("Numbers read with %1; dates %2.")
            .arg(QString::fromStdString(format.numberDescription()), QString::fromStdString(format.dateDescription())));
    return true;
  } catch (const Error& e) {
    formatStatus_->setText(
        QString("<span style='color:#b00000'>%1</span>").arg(QString::fromStdString(e.what()).toHtmlEscaped()));
    return false;
  }
}

void ImportDialog::fillTable() {
  const int columns = static_cast<int>(preview_.header.size());
  table_->clear();
  table_->setColumnCount(columns);
  table_->setRowCount(static_cast<int>(preview_.rows.size()) + 1);
  QStringList header;
  for (const auto& h : preview_.header) header << QString::fromStdString(h);
  table_->setHorizontalHeaderLabels(header);
  table_->setVerticalHeaderItem(0, new QTableWidgetItem(tr("role")));
  for (int r = 0; r < static_cast<int>(preview_.rows.size()); ++r) {
    table_->setVerticalHeaderItem(r + 1, new QTableWidgetItem(QString::number(r + 2)));  // file line
    const auto& row = preview_.rows[static_cast<std::size_t>(r)];
    for (int c = 0; c < columns && c < static_cast<int>(row.size()); ++c)
      table_->setItem(r + 1, c, new QTableWidgetItem(QString::fromStdString(row[static_cast<std::size_t>(c)])));
  }
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);

  const auto& roles = io::rolesOf(kindValue_);
  for (int c = 0; c < columns; ++c) {
    auto* combo = new QComboBox(table_);
    combo->addItem(tr("— not used"), kNoRole);
    for (auto role : roles.required)
      combo->addItem(QString::fromUtf8(io::roleName(role).data()) + " *", static_cast<int>(role));
    for (auto role : roles.optional)
      combo->addItem(QString::fromUtf8(io::roleName(role).data()), static_cast<int>(role));
    if (kindValue_ == io::ImportKind::Measurements) {
      combo->addItem(tr("parameter column (wide)"), kWideParameter);
      // Shown for the columns the wide layout takes; not a choice.
      auto* model = qobject_cast<QStandardItemModel*>(combo->model());
      model->item(combo->count() - 1)->setEnabled(false);
    }
    table_->setCellWidget(0, c, combo);
    connect(combo, &QComboBox::currentIndexChanged, this, [this, c] { roleChosen(c); });
  }
  table_->resizeColumnsToContents();
}

QComboBox* ImportDialog::roleCombo(int column) const { return qobject_cast<QComboBox*>(table_->cellWidget(0, column)); }

void ImportDialog::kindChosen() {
  kindValue_ = static_cast<io::ImportKind>(kind_->currentData().toInt());
  numbering_->setVisible(kindValue_ == io::ImportKind::Dies);
  overrides_.clear();
  fillTable();
  remap();
}

void ImportDialog::roleChosen(int column) {
  // The role the column showed before the change is unmapped, the new one mapped to it.
  const std::string columnName = preview_.header[static_cast<std::size_t>(column)];
  if (mapping_) {
    for (const auto& [role, c] : mapping_->columns)
      if (static_cast<int>(c) == column) overrides_[std::string(io::roleName(role))] = "";
  }
  const int role = roleCombo(column)->currentData().toInt();
  if (role >= 0) overrides_[std::string(io::roleName(static_cast<io::Role>(role)))] = columnName;
  remap();
}

void ImportDialog::remap() {
  try {
    mapping_ = io::mapColumns(preview_.header, kindValue_, overrides_);
    preview_.mappingError.clear();
  } catch (const Error& e) {
    mapping_.reset();
    preview_.mappingError = e.what();
  }
  showMapping();
}

namespace {

/// "5,5" or "-2, 3" → the index; nullopt otherwise.
std::optional<fab::wafer::DieIndex> parseDieIndex(const QString& text) {
  static const QRegularExpression pattern(R"(^\s*(-?\d+)\s*,\s*(-?\d+)\s*$)");
  const auto m = pattern.match(text);
  if (!m.hasMatch()) return std::nullopt;
  return fab::wafer::DieIndex{m.captured(1).toInt(), m.captured(2).toInt()};
}

}  // namespace

void ImportDialog::showMapping() {
  const bool badReference = kindValue_ == io::ImportKind::Dies && !referenceDie_->text().trimmed().isEmpty() &&
                            !parseDieIndex(referenceDie_->text());
  const bool formatDecided = showFormat();
  import_->setEnabled(mapping_.has_value() && !badReference && formatDecided);
  if (badReference) {
    status_->setText(QString("<span style='color:#b00000'>%1</span>")
                         .arg(tr("The origin die's map index must be two whole numbers, X,Y (e.g. 5,5).")));
    return;
  }
  if (!mapping_) {
    status_->setText(QString("<span style='color:#b00000'>%1</span>")
                         .arg(QString::fromStdString(preview_.mappingError).toHtmlEscaped()));
    return;  // the combos keep what the user chose, so the message can be acted on
  }
  for (int c = 0; c < static_cast<int>(preview_.header.size()); ++c) {
    int role = kNoRole;
    for (const auto& [r, column] : mapping_->columns)
      if (static_cast<int>(column) == c) role = static_cast<int>(r);
    const auto& wide = mapping_->parameterColumns;
    if (std::find(wide.begin(), wide.end(), static_cast<std::size_t>(c)) != wide.end()) role = kWideParameter;
    QComboBox* combo = roleCombo(c);
    const QSignalBlocker block(combo);
    combo->setCurrentIndex(std::max(0, combo->findData(role)));
  }
  QString text = tr("%1 columns mapped").arg(mapping_->columns.size());
  if (mapping_->wide()) text += tr(", %1 parameter columns (wide layout)").arg(mapping_->parameterColumns.size());
  if (!mapping_->ignored.empty()) text += tr(", %1 not used").arg(mapping_->ignored.size());
  status_->setText(text + ".");
}

io::ImportOptions ImportDialog::options() const {
  io::ImportOptions o;
  o.kind = kindValue_;
  o.mapping = overrides_;
  o.delimiter = preview_.delimiter;
  o.format = formatOptions();
  o.batch.skipBadRows = skipBadRows_->isChecked();
  o.batch.force = force_->isChecked();
  if (kindValue_ == io::ImportKind::Dies) {
    if (const QString notch = mapNotch_->currentData().toString(); !notch.isEmpty())
      o.dieNumbering.notch = fab::wafer::notchFromName(notch.toStdString());
    if (const QString rows = mapRows_->currentData().toString(); !rows.isEmpty()) o.dieNumbering.yUp = rows == "up";
    o.dieNumbering.originDieAt = parseDieIndex(referenceDie_->text());
  }
  return o;
}

}  // namespace fab::ui

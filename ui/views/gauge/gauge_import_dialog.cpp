#include "ui/views/gauge/gauge_import_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>

#include <algorithm>
#include <cctype>

namespace fab::ui::gauge {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

/// The first header name among `candidates` (case-insensitive), or empty.
std::string pick(const std::vector<std::string>& header, std::initializer_list<const char*> candidates) {
  for (const char* c : candidates)
    for (const auto& h : header)
      if (lower(h) == c) return h;
  return {};
}

QComboBox* columnBox(const std::vector<std::string>& header, const std::string& chosen, bool optional) {
  auto* box = new QComboBox;
  if (optional) box->addItem(QObject::tr("(none)"), QString());
  for (const auto& h : header) box->addItem(QString::fromStdString(h), QString::fromStdString(h));
  const int i = box->findData(QString::fromStdString(chosen));
  if (i >= 0) box->setCurrentIndex(i);
  return box;
}

std::string chosen(const QComboBox* box) { return box->currentData().toString().toStdString(); }

}  // namespace

msa::GaugeCsvColumns GaugeImportDialog::guessColumns(const std::vector<std::string>& header) {
  msa::GaugeCsvColumns c;
  c.part = pick(header, {"part", "item", "sample", "subject", "unit"});
  c.appraiser = pick(header, {"appraiser", "operator", "op", "rater", "inspector", "appraisers", "operators"});
  c.trial = pick(header, {"trial", "replicate", "rep", "run", "repeat"});
  c.value = pick(header, {"value", "rating", "measurement", "response", "result", "y"});
  c.reference = pick(header, {"standard", "reference", "attribute", "true", "expert"});
  return c;
}

GaugeImportDialog::GaugeImportDialog(const QString& path, msa::GaugeStudyKind kind, QWidget* parent)
    : QDialog(parent), table_(io::CsvTable::read(path.toStdString())) {
  setWindowTitle(tr("Import gauge study"));
  const auto guess = guessColumns(table_.header());
  auto* form = new QFormLayout(this);
  form->addRow(new QLabel(tr("%1: one row per rating (%2 rows).")
                              .arg(QFileInfo(path).fileName())
                              .arg(static_cast<qlonglong>(table_.rowCount()))));
  part_ = columnBox(table_.header(), guess.part, false);
  appraiser_ = columnBox(table_.header(), guess.appraiser, false);
  trial_ = columnBox(table_.header(), guess.trial, true);
  value_ = columnBox(table_.header(), guess.value, false);
  reference_ = columnBox(table_.header(), guess.reference, true);
  form->addRow(tr("Part"), part_);
  form->addRow(tr("Appraiser"), appraiser_);
  form->addRow(tr("Trial"), trial_);
  form->addRow(kind == msa::GaugeStudyKind::Variables ? tr("Measurement") : tr("Rating"), value_);
  form->addRow(kind == msa::GaugeStudyKind::Variables ? tr("Reference") : tr("Standard"), reference_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  form->addRow(buttons);
}

msa::GaugeCsvColumns GaugeImportDialog::columns() const {
  msa::GaugeCsvColumns c;
  c.part = chosen(part_);
  c.appraiser = chosen(appraiser_);
  c.trial = chosen(trial_);
  c.value = chosen(value_);
  c.reference = chosen(reference_);
  return c;
}

}  // namespace fab::ui::gauge

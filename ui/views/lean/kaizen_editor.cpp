#include "ui/views/lean/kaizen_editor.h"

#include <QComboBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace fab::ui::lean {
namespace {

QPlainTextEdit* textBox() {
  auto* t = new QPlainTextEdit;
  t->setTabChangesFocus(true);
  t->setFixedHeight(46);
  return t;
}

QDoubleSpinBox* money() {
  auto* s = new QDoubleSpinBox;
  s->setRange(0, 1e9);
  s->setDecimals(0);
  s->setPrefix("$ ");
  return s;
}

QString text(const std::string& s) { return QString::fromStdString(s); }

}  // namespace

KaizenEditor::KaizenEditor(QWidget* parent)
    : QWidget(parent),
      header_(new QLabel),
      type_(new QComboBox),
      title_(new QLineEdit),
      owner_(new QLineEdit),
      area_(new QLineEdit),
      team_(new QLineEdit),
      submitter_(new QLineEdit),
      problem_(textBox()),
      current_(textBox()),
      target_(textBox()),
      rootCause_(textBox()),
      lessons_(textBox()),
      hard_(money()),
      soft_(money()),
      save_(new QPushButton(tr("Save kaizen"))) {
  using fab::lean::KaizenType;
  for (auto t : {KaizenType::Event, KaizenType::Suggestion, KaizenType::A3})
    type_->addItem(text(std::string(fab::lean::typeName(t))), static_cast<int>(t));
  header_->setWordWrap(true);
  auto* outer = new QVBoxLayout(this);
  auto* form = new QFormLayout;
  outer->addLayout(form);
  outer->addStretch(1);
  form->setContentsMargins(4, 4, 4, 4);
  form->addRow(header_);
  form->addRow(tr("Title"), title_);
  form->addRow(tr("Type"), type_);
  form->addRow(tr("Owner"), owner_);
  form->addRow(tr("Area"), area_);
  form->addRow(tr("Team"), team_);
  form->addRow(tr("Submitter"), submitter_);
  form->addRow(tr("Problem"), problem_);
  form->addRow(tr("Current condition"), current_);
  form->addRow(tr("Target"), target_);
  form->addRow(tr("Root cause"), rootCause_);
  form->addRow(tr("Lessons"), lessons_);
  form->addRow(tr("Hard savings"), hard_);
  form->addRow(tr("Soft savings"), soft_);
  form->addRow(save_);
  connect(save_, &QPushButton::clicked, this, &KaizenEditor::saveRequested);
  clear(tr("Select a card."));
}

void KaizenEditor::clear(const QString& why) {
  loaded_ = false;
  header_->setText(why);
  for (auto* w : findChildren<QWidget*>())
    if (w != header_) w->setEnabled(false);
}

void KaizenEditor::setKaizen(const fab::lean::Kaizen& k) {
  kaizen_ = k;
  loaded_ = true;
  for (auto* w : findChildren<QWidget*>()) w->setEnabled(true);
  QString head = tr("<b>Kaizen %1</b> · stage %2").arg(k.id).arg(text(std::string(fab::lean::stageName(k.stage))));
  if (k.due) head += tr(" · due %1").arg(QDateTime::fromMSecsSinceEpoch(*k.due, Qt::UTC).toString("yyyy-MM-dd"));
  if (k.overdue(QDateTime::currentMSecsSinceEpoch()))
    head += " · <span style='color:#c62828'>" + tr("overdue") + "</span>";
  if (k.link) head += tr("<br>SPC link: %1").arg(text(k.link->parameter));
  if (!k.evidenceOverride.empty())
    head += tr("<br>Closed by override: %1").arg(text(k.evidenceOverride).toHtmlEscaped());
  header_->setText(head);
  type_->setCurrentIndex(type_->findData(static_cast<int>(k.type)));
  title_->setText(text(k.title));
  owner_->setText(text(k.owner));
  area_->setText(text(k.area));
  team_->setText(text(k.team));
  submitter_->setText(text(k.submitter));
  problem_->setPlainText(text(k.problem));
  current_->setPlainText(text(k.currentCondition));
  target_->setPlainText(text(k.target));
  rootCause_->setPlainText(text(k.rootCause));
  lessons_->setPlainText(text(k.lessons));
  hard_->setValue(k.hardSavings);
  soft_->setValue(k.softSavings);
}

fab::lean::Kaizen KaizenEditor::edited() const {
  fab::lean::Kaizen k = kaizen_;
  k.type = static_cast<fab::lean::KaizenType>(type_->currentData().toInt());
  k.title = title_->text().toStdString();
  k.owner = owner_->text().toStdString();
  k.area = area_->text().toStdString();
  k.team = team_->text().toStdString();
  k.submitter = submitter_->text().toStdString();
  k.problem = problem_->toPlainText().toStdString();
  k.currentCondition = current_->toPlainText().toStdString();
  k.target = target_->toPlainText().toStdString();
  k.rootCause = rootCause_->toPlainText().toStdString();
  k.lessons = lessons_->toPlainText().toStdString();
  k.hardSavings = hard_->value();
  k.softSavings = soft_->value();
  return k;
}

}  // namespace fab::ui::lean

#include "ui/views/gauge/new_gauge_study.h"

#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>

#include "core/msa/gauge_store.h"
#include "core/store/database.h"
#include "ui/views/gauge/gauge_study_view.h"

namespace fab::ui::gauge {

std::optional<NavigatorItem> askNewGaugeStudy(QWidget* parent, const QString& workspacePath) {
  if (workspacePath.isEmpty()) {
    QMessageBox::information(parent, QObject::tr("New gauge study"),
                             QObject::tr("Open or create a workspace first (File menu)."));
    return std::nullopt;
  }
  const QStringList kinds{QObject::tr("Attribute study (kappa, agreement)"),
                          QObject::tr("Variables study (gauge R&R)")};
  bool ok = false;
  const QString kind = QInputDialog::getItem(parent, QObject::tr("New gauge study"), QObject::tr("Kind of study:"),
                                             kinds, 0, false, &ok);
  if (!ok) return std::nullopt;
  QString name = QObject::tr("Gauge study");
  for (;;) {
    name = QInputDialog::getText(parent, QObject::tr("New gauge study"), QObject::tr("Name:"), QLineEdit::Normal, name,
                                 &ok)
               .trimmed();
    if (!ok) return std::nullopt;
    if (name.isEmpty()) continue;
    store::Database db(workspacePath.toStdString(), store::Database::Mode::ReadOnly);
    bool taken = false;
    for (const auto& info : msa::listGaugeStudies(db)) taken = taken || info.name == name.toStdString();
    if (!taken) break;
    QMessageBox::information(
        parent, QObject::tr("New gauge study"),
        QObject::tr("The workspace has a study named “%1” already: choose another name.").arg(name));
  }
  return NavigatorItem{NavigatorItem::Kind::GaugeStudy, name, kinds.indexOf(kind) == 1 ? 1 : 0};
}

QWidget* makeGaugeStudyView(const QString& workspacePath, const NavigatorItem& item) {
  return new GaugeStudyView(workspacePath, item.name,
                            item.id == 1 ? msa::GaugeStudyKind::Variables : msa::GaugeStudyKind::Attribute);
}

}  // namespace fab::ui::gauge

#include "ui/workspace/shared_workspace_dialog.h"

#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QObject>

#include "core/store/postgres_connection.h"

namespace fab::ui {

QString sharedWorkspaceUrlProblem(const QString& url) {
  if (url.trimmed().isEmpty()) return QObject::tr("Give the workspace's URL.");
  if (!store::isPostgresUrl(url.trimmed().toStdString()))
    return QObject::tr(
        "A shared workspace is named by a URL starting with postgresql:// "
        "(postgresql://user@host:port/database).");
  return {};
}

QString askSharedWorkspaceUrl(QWidget* parent, const QString& suggestion) {
  QString url = suggestion.isEmpty() ? QStringLiteral("postgresql://") : suggestion;
  for (;;) {
    bool ok = false;
    url = QInputDialog::getText(parent, QObject::tr("Open shared workspace"),
                                QObject::tr("The team workspace on a PostgreSQL server, as a URL:\n"
                                            "postgresql://user@host:port/database\n\n"
                                            "Keep the password in ~/.pgpass; one written in the URL is used "
                                            "until fabkit closes and never saved."),
                                QLineEdit::Normal, url, &ok)
              .trimmed();
    if (!ok) return {};
    const QString problem = sharedWorkspaceUrlProblem(url);
    if (problem.isEmpty()) return url;
    QMessageBox::information(parent, QObject::tr("Open shared workspace"), problem);
  }
}

}  // namespace fab::ui

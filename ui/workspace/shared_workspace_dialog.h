#pragma once
// File › Open shared workspace…: asks for the PostgreSQL URL of a team's
// workspace (postgresql://user@host:port/database). The password is best kept
// in ~/.pgpass, where libpq finds it; one typed into the URL is used for this
// session only and never kept in the recent list (ui/workspace/recent_workspaces.h).
#include <QString>

class QWidget;

namespace fab::ui {

/// The URL the user gave, or an empty string when cancelled. `suggestion`
/// fills the field (the last shared workspace, without its password).
QString askSharedWorkspaceUrl(QWidget* parent, const QString& suggestion);

/// Why `url` cannot name a shared workspace, or an empty string when it can.
QString sharedWorkspaceUrlProblem(const QString& url);

}  // namespace fab::ui

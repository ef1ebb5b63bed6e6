#pragma once
// Roles of a shared workspace on PostgreSQL, enforced by the server, not the
// client (docs/ARCHITECTURE.md §2): four group roles, each holding the one
// before it.
// - viewer:   reads everything, the audit trail too (which no role writes);
// - engineer: imports, point notes that acknowledge a signal, kaizen cards;
// - approver: approves control limits, excludes points from them, closes kaizens;
// - admin:    everything, roles and migrations (the workspace's owner).
// A refused statement names the role it needs (refusalHint).
#include <optional>
#include <string>
#include <string_view>

#include "core/store/database.h"

namespace fab::store {

enum class WorkspaceRole { Viewer, Engineer, Approver, Admin };

std::string_view roleName(WorkspaceRole role);                ///< "viewer", …
std::string_view serverRoleName(WorkspaceRole role);          ///< "fabkit_viewer", …
std::optional<WorkspaceRole> roleFromName(std::string_view name);

/// Creates the group roles and their grants on this workspace (idempotent), then
/// makes the database user `user` a member of `role`. PostgreSQL only; throws
/// fab::Error on SQLite, for a user the server does not know, or when the
/// connected user may not grant (it must own the workspace or be an admin).
void grantWorkspaceRole(Database& db, const std::string& user, WorkspaceRole role);

/// The roles the server knows for `user` on this workspace, highest first ("" when none).
std::string workspaceRoleOf(Database& db, const std::string& user);

/// For a server's "permission denied" message: which role the refused action needs.
std::string refusalHint(std::string_view serverMessage);

}  // namespace fab::store

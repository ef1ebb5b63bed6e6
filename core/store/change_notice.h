#pragma once
// What another engineer changed in a shared workspace, announced by the server
// to every fabkit looking at it (PostgreSQL LISTEN/NOTIFY on the channel
// `fabkit_changes`), so that views refresh without polling. The notice is sent
// inside the transaction that makes the change: the server delivers it when,
// and only if, that transaction commits. A workspace file has one user and
// announces nothing. Listening: core/store/change_listener.h.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/store/database.h"

namespace fab::store {

/// The channel every workspace on a server announces its changes on; a notice
/// names the workspace's schema, so a listener keeps only its own workspace's.
inline constexpr std::string_view kChangeChannel = "fabkit_changes";

struct WorkspaceChange {
  std::string what;       ///< import | specs | limits | notes | kaizen
  std::string parameter;  ///< the parameter changed, when known
  std::string lot;        ///< the lot changed, when known
  std::int64_t id = 0;    ///< the import batch, kaizen or card changed; 0 when none
  std::string detail;     ///< an import's status, a card's board…
  std::string user;       ///< the database user who made the change
  std::string schema;     ///< the workspace's schema on the server
};

/// Announces a change (WorkspaceChange's fields of the same names; the server
/// adds the user and the schema) in the transaction open on `db`, or in a
/// transaction of its own. Does nothing on a workspace file.
void announceChange(Database& db, std::string_view what, std::int64_t id, std::string_view detail,
                    std::string_view parameter = {}, std::string_view lot = {});

/// Reads a notice's payload (JSON, as announceChange has the server write
/// it); nullopt for a payload that is not a fabkit notice.
std::optional<WorkspaceChange> parseChangeNotice(std::string_view payload);

}  // namespace fab::store

#include "core/store/change_listener.h"

#include <libpq-fe.h>
#include <poll.h>

#include <cerrno>
#include <chrono>

#include "core/common/error.h"
#include "core/store/postgres_connection.h"

namespace fab::store {

ChangeListener::ChangeListener(const std::string& url) {
  if (!isPostgresUrl(url))
    throw Error("'" + url + "' is a workspace file: only a shared workspace on a server announces changes");
  connection_ = std::make_unique<PostgresConnection>(url, /*readOnly=*/true);
  connection_->exec("LISTEN " + std::string(kChangeChannel));
  PGresult* r = PQexec(connection_->handle(), "SELECT current_schema()");
  if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) connection_->fail("reading the workspace's schema", r);
  schema_ = PQgetvalue(r, 0, 0);
  PQclear(r);
}

ChangeListener::~ChangeListener() = default;

int ChangeListener::socket() const { return PQsocket(connection_->handle()); }

int ChangeListener::serverProcessId() const { return PQbackendPID(connection_->handle()); }

std::vector<WorkspaceChange> ChangeListener::drain() {
  pg_conn* conn = connection_->handle();
  if (!PQconsumeInput(conn) || PQstatus(conn) != CONNECTION_OK)
    throw Error("lost the connection to '" + connection_->label() +
                "'; changes by others are no longer seen: " + PQerrorMessage(conn));
  std::vector<WorkspaceChange> out;
  while (PGnotify* notice = PQnotifies(conn)) {
    if (auto change = parseChangeNotice(notice->extra ? notice->extra : ""); change && change->schema == schema_)
      out.push_back(std::move(*change));
    PQfreemem(notice);
  }
  return out;
}

std::vector<WorkspaceChange> ChangeListener::wait(int timeoutMs) {
  // The socket also wakes for notices of other workspaces, which drain drops: wait on until the time is up.
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
  for (;;) {
    auto changes = drain();
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now()).count();
    if (!changes.empty() || left <= 0) return changes;
    pollfd fd{socket(), POLLIN, 0};
    if (::poll(&fd, 1, static_cast<int>(left)) < 0 && errno != EINTR) return {};
  }
}

}  // namespace fab::store

#pragma once
// Listens for the changes other engineers make to a shared workspace
// (core/store/change_notice.h), without polling: a connection of its own that
// LISTENs on the server, whose socket a caller watches (poll, select, a Qt
// QSocketNotifier) and drains when it becomes readable.
#include <memory>
#include <string>
#include <vector>

#include "core/store/change_notice.h"

namespace fab::store {

class PostgresConnection;

class ChangeListener {
 public:
  /// Connects to the workspace's server and starts listening. Throws fab::Error
  /// when the server cannot be reached, or for a workspace file (whose one
  /// user has nobody to hear from: check isPostgresUrl first).
  explicit ChangeListener(const std::string& workspaceUrl);
  ~ChangeListener();
  ChangeListener(const ChangeListener&) = delete;
  ChangeListener& operator=(const ChangeListener&) = delete;

  /// The connection's socket: readable when notices (or anything else from the server) arrive.
  int socket() const;
  /// The server process serving the listening connection (pg_stat_activity.pid).
  int serverProcessId() const;
  /// The changes announced for this workspace since the last call, oldest
  /// first, without waiting; notices for other workspaces on the same server
  /// are dropped. Throws fab::Error when the connection to the server was lost.
  std::vector<WorkspaceChange> drain();
  /// Waits up to `timeoutMs` for changes to this workspace and returns them
  /// (none when the time ran out), for callers without an event loop.
  std::vector<WorkspaceChange> wait(int timeoutMs);

 private:
  std::unique_ptr<PostgresConnection> connection_;
  std::string schema_;
};

}  // namespace fab::store

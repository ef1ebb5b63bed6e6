#pragma once
// What the main window asks of every view in its tabs.

namespace fab::ui {

class WorkspaceView {
 public:
  virtual ~WorkspaceView() = default;
  /// Re-reads the workspace (after an import changed it).
  virtual void refreshView() = 0;
};

}  // namespace fab::ui

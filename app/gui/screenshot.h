#pragma once
// `fabkit --screenshot FILE`: once the workspace is open, opens one item's
// view, waits until it has drawn, saves the window as a PNG and quits. Used to
// smoke-test the GUI under the offscreen platform and Xvfb.
#include <QString>

namespace fab::ui {
class MainWindow;
}

namespace fab::gui {

/// `item` is "overview", "wafers:LOT", "parameter:NAME", "product:NAME", "lot:NAME", "batch:ID", "board:NAME" (a kanban
/// board; "board:NAME#CARD" selects the card and opens its evidence panel), "classifier" or empty
/// (the first parameter).
void takeScreenshotWhenReady(ui::MainWindow* window, const QString& file, const QString& item);

/// `fabkit --show ITEM` without a screenshot: opens that item's view once the workspace is open
/// ("overview", or any item takeScreenshotWhenReady takes).
void showWhenReady(ui::MainWindow* window, const QString& item);

}  // namespace fab::gui

#pragma once
// Makes the view of a navigator item and shows it in the central tabs: one
// tab per item (opening it again focuses the tab). Other views register a
// creator for their kind of item instead of editing the main window.
#include <QObject>
#include <QString>

#include <functional>
#include <map>

#include "ui/navigator/navigator_item.h"

class QTabWidget;
class QWidget;

namespace fab::ui {

class ViewFactory : public QObject {
  Q_OBJECT
 public:
  /// Makes the widget of an item; may throw fab::Error (shown to the user).
  using Creator = std::function<QWidget*(const QString& workspacePath, const NavigatorItem& item)>;

  explicit ViewFactory(QTabWidget* tabs, QObject* parent = nullptr);

  /// Closes every view; later views read `path`.
  void setWorkspace(const QString& path);
  /// Replaces how views of `kind` are made.
  void setCreator(NavigatorItem::Kind kind, Creator creator);
  /// Opens or focuses the item's view. Returns it, or nullptr after telling
  /// the user why it could not be made.
  QWidget* open(const NavigatorItem& item);
  /// Asks every open view to re-read the workspace.
  void refreshAll();
  void closeAll();

 signals:
  /// A view was made in `milliseconds` (its first page read; slow parts load after).
  void viewOpened(const QString& title, qint64 milliseconds);
  void failed(const QString& message);

 private:
  static QString titleOf(const NavigatorItem& item);

  QTabWidget* tabs_;
  QString path_;
  std::map<NavigatorItem::Kind, Creator> creators_;
};

}  // namespace fab::ui

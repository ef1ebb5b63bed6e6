#pragma once
// "New gauge study…": asks for the study's name and kind, and names the
// navigator item whose view (GaugeStudyView) starts it empty.
#include <QWidget>

#include <optional>

#include "ui/navigator/navigator_item.h"

namespace fab::ui::gauge {

/// The item of a new study, or nullopt when the user cancelled. The name must
/// not be one the workspace already holds (the user is asked again).
std::optional<NavigatorItem> askNewGaugeStudy(QWidget* parent, const QString& workspacePath);

/// Makes the view of a gauge study item (stored, or new of the item's kind).
QWidget* makeGaugeStudyView(const QString& workspacePath, const NavigatorItem& item);

}  // namespace fab::ui::gauge

#pragma once
// The one conversion from core wafer maps (core/defect/wafer_map.h) to what
// the chart layer's wafer-map painter draws, and the stack of many wafers as
// a die fail-frequency heat map. Every wafer-map view builds its chart model here.
#include <QString>

#include <map>
#include <memory>
#include <span>
#include <vector>

#include "core/defect/kde.h"
#include "core/defect/wafer_map.h"
#include "ui/chart/wafer_map_model.h"

namespace fab::ui::wafer {

enum class DefectColouring { Class, Cluster };

/// Chart model of a core wafer map: dies in the product's die frame and view
/// (Die::row = index into map.dies), defects at their product-view position
/// (Defect::row = index into map.defects), coloured by class or by cluster
/// (noise = class -1, named "noise").
std::shared_ptr<chart::WaferMapModel> toChartModel(const defect::WaferMap& map, const QString& title,
                                                   DefectColouring colouring = DefectColouring::Class);

/// The KDE grid, computed in the wafer frame (µm, notch down), turned into the
/// view of a product drawn with its notch at `notch`, as the painter's density
/// overlay. Quarter turns carry grid nodes onto grid nodes, so values are moved, not resampled.
chart::WaferMapModel::Density toDensity(const defect::KdeGrid& grid, fab::wafer::Notch notch = fab::wafer::Notch::Down);

/// Die fail frequency over several wafers of one layout.
struct StackedDie {
  fab::wafer::DieIndex index;
  int tested = 0, failed = 0;
  double frequency() const { return tested > 0 ? double(failed) / tested : 0.0; }
};
struct WaferStack {
  fab::wafer::WaferLayout layout;
  std::vector<StackedDie> dies;  ///< grid dies (complete, partial) then sort results off the grid
  int wafers = 0;
};
/// Counts, per die index, the wafers where it was tested and where it failed.
/// Throws fab::Error for an invalid layout.
WaferStack stackWafers(const fab::wafer::WaferLayout& layout, std::span<const store::WaferDies> wafers);
/// Heat-map chart model of a stack (Die::row = index into stack.dies).
std::shared_ptr<chart::WaferMapModel> toChartModel(const WaferStack& stack, const QString& title);

/// Hover text of a die or defect of a wafer map (row = the chart row of the hit).
QString dieHoverText(const defect::WaferMap& map, std::size_t row);
QString defectHoverText(const defect::WaferMap& map, std::size_t row);
QString stackHoverText(const WaferStack& stack, std::size_t row);

}  // namespace fab::ui::wafer

#pragma once
// A clustering run of the wafer-map view, as plain data: the request, the
// labels per defect, the KDE grid (KDE only) and the signatures. Runs on a
// worker thread (ui/jobs); nothing here touches widgets.
#include <optional>
#include <span>

#include "core/common/feedback.h"
#include "core/defect/clustering.h"
#include "core/defect/kde.h"
#include "core/defect/signature.h"

namespace fab::ui::wafer {

struct ClusterOutcome {
  defect::Clustering clustering;
  defect::WaferSignature signature;
  std::optional<defect::KdeGrid> density;  ///< KDE: the grid the level sets were cut from (wafer frame)
};

/// Clusters defect positions (µm, wafer frame: centre origin, notch down) on a wafer of
/// `waferRadiusUm`; the KDE grid (same frame) is computed for KDE runs. Throws fab::Error for bad options or too few
/// points.
ClusterOutcome runClusterJob(std::span<const defect::Point2> points, defect::ClusterRequest request,
                             double waferRadiusUm, const Feedback& feedback = {});

}  // namespace fab::ui::wafer

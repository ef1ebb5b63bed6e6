#include "ui/views/wafer/cluster_job.h"

#include <string>

#include "core/common/error.h"

namespace fab::ui::wafer {

ClusterOutcome runClusterJob(std::span<const defect::Point2> points, defect::ClusterRequest request,
                             double waferRadiusUm, const Feedback& feedback) {
  const std::size_t needed = static_cast<std::size_t>(std::max(request.minPoints, 2));
  if (points.size() < needed)
    throw Error("too few defects to cluster: " + std::to_string(points.size()) + ", at least " +
                std::to_string(needed) + " needed");
  request.waferRadius = waferRadiusUm;
  ClusterOutcome out;
  out.clustering = defect::runClustering(points, request, feedback);
  out.signature = defect::waferSignature(points, out.clustering.labels, waferRadiusUm);
  if (request.method == defect::ClusterMethod::Kde) {
    defect::KdeOptions options;
    options.waferRadius = waferRadiusUm;
    if (request.bandwidth > 0) {
      options.rule = defect::BandwidthRule::Given;
      options.bandwidth = request.bandwidth;
    }
    out.density = defect::kdeOnGrid(points, options);
  }
  return out;
}

}  // namespace fab::ui::wafer

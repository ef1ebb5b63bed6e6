// fabkit-cli cluster: clusters of defect positions from a CSV file, with the
// spatial signature of each cluster and of the whole set.
#include <algorithm>
#include <cmath>
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/commands/defect_json.h"
#include "app/cli/output.h"
#include "core/common/error.h"
#include "core/defect/clustering.h"
#include "core/defect/signature.h"
#include "core/io/csv_columns.h"

namespace fab::cli {
namespace {

int run(const Args& args) {
  // Two typed columns straight from the file: nothing of the other columns is kept.
  auto table = io::CsvColumns::read(args.value("csv"), {{args.value("x")}, {args.value("y")}});
  const auto xs = table.take(0), ys = table.take(1);
  std::vector<defect::Point2> points;
  std::vector<std::size_t> rows;  // input row of each point
  for (std::size_t i = 0; i < xs.size(); ++i)
    if (std::isfinite(xs[i]) && std::isfinite(ys[i])) {
      points.push_back({xs[i], ys[i]});
      rows.push_back(i);
    }
  if (points.empty()) throw Error(table.path() + ": no row has both an x and a y");

  defect::ClusterRequest request;
  request.method = defect::clusterMethodFromName(args.value("method"));
  request.k = static_cast<int>(args.integerOr("clusters", 0));
  if (args.has("clusters") && request.k < 1) throw UsageError{"--clusters must be at least 1 (leave it out to choose k)"};
  request.kMax = static_cast<int>(args.integerOr("k-max", 8));
  request.bandwidth = args.numberOr("bandwidth", 0);
  request.eps = args.numberOr("eps", 0);
  request.minPoints = static_cast<int>(args.integerOr("min-pts", 5));
  request.seed = static_cast<std::uint64_t>(args.integerOr("seed", 1));
  request.gaussianMeanShift = args.valueOr("kernel", "flat") == "gaussian";
  if (args.has("kernel") && args.value("kernel") != "flat" && args.value("kernel") != "gaussian")
    throw UsageError{"--kernel is flat or gaussian"};
  double radius = args.numberOr("radius", 0);
  if (radius <= 0)
    for (const auto& p : points) radius = std::max(radius, std::hypot(p.x, p.y));
  if (!(radius > 0)) throw Error("every point is at the origin: give the wafer --radius");
  request.waferRadius = radius;

  const auto c = defect::runClustering(points, request);
  const auto signature = defect::waferSignature(points, c.labels, radius);

  if (args.json()) {
    Json labels = Json::array();
    std::vector<Json> perRow(table.rowCount(), nullptr);
    for (std::size_t k = 0; k < points.size(); ++k) perRow[rows[k]] = c.labels[k];
    for (auto& l : perRow) labels.push_back(l);
    Json j = {{"method", std::string(defect::clusterMethodName(c.method))},
              {"rows", table.rowCount()},
              {"points", points.size()},
              {"rows_without_position", table.rowCount() - points.size()},
              {"radius", radius},
              {"clusters", clustersJson(c, signature)},
              {"noise", c.noise},
              {"labels", labels},
              {"signature", waferSignatureJson(signature)}};
    if (c.method == defect::ClusterMethod::KMeans) {
      j["k"] = c.k;
      j["seed"] = request.seed;
      j["inertia"] = number(c.inertia);
    }
    if (c.kSelection) j["k_selection"] = kSelectionJson(*c.kSelection);
    if (c.method == defect::ClusterMethod::Kde || c.method == defect::ClusterMethod::MeanShift)
      j["bandwidth"] = c.bandwidth;
    if (c.method == defect::ClusterMethod::Kde) {
      Json density = Json::array();
      std::vector<Json> perRowDensity(table.rowCount(), nullptr);
      for (std::size_t k = 0; k < points.size(); ++k) perRowDensity[rows[k]] = number(c.density[k]);
      for (auto& d : perRowDensity) density.push_back(d);
      j["density"] = density;
      j["density_level"] = c.densityLevel;
    }
    if (c.method == defect::ClusterMethod::Dbscan) {
      j["eps"] = c.eps;
      j["min_pts"] = request.minPoints;
    }
    j["warnings"] = c.warnings;
    printJson(j);
    return 0;
  }
  std::cout << defect::clusterMethodName(c.method) << " on " << points.size() << " points (" << c.sizes.size()
            << " clusters, " << c.noise << " noise)";
  if (c.method == defect::ClusterMethod::KMeans) std::cout << ", k = " << c.k << ", inertia " << fmt(c.inertia, 1);
  if (c.method == defect::ClusterMethod::Dbscan) std::cout << ", eps " << fmt(c.eps, 1);
  if (c.bandwidth > 0) std::cout << ", bandwidth " << fmt(c.bandwidth, 1);
  std::cout << "\n";
  if (c.kSelection) std::cout << c.kSelection->message << "\n";
  std::cout << "\n";
  printClusterTable(c, signature);
  std::cout << "\nwhole set: " << defect::signatureName(signature.overall.label) << " — " << signature.overall.reason
            << "\n";
  for (const auto& w : c.warnings) std::cout << "warning: " << w << "\n";
  return 0;
}

const Registration registration{Command{
    "cluster",
    "cluster defect positions (k-means, KDE, mean shift, DBSCAN) and label their spatial signatures",
    "",
    "Reads x and y (wafer frame: centre origin, y up, same unit for all options) from a CSV file. Rows without\n"
    "a position get no label. k-means without -k chooses k by the gap statistic (k = 1: no cluster structure).\n"
    "Labels are per input row; -1 is noise. Signatures: center, donut, edge-ring, edge-local, local, scratch,\n"
    "random, near-full, none, with the features that led to them.",
    {{"csv", "FILE", "the CSV file"},
     {"x", "COL", "column of x"},
     {"y", "COL", "column of y"},
     {"method", "M", "kmeans | kde | meanshift | dbscan"},
     {"clusters", "K", "k-means: the number of clusters k (default: chosen)"},
     {"k-max", "N", "k-means: largest k considered when choosing (default 8)"},
     {"bandwidth", "B", "KDE / mean shift: kernel bandwidth (default: Scott's rule)"},
     {"kernel", "K", "mean shift: flat (default) or gaussian"},
     {"eps", "E", "DBSCAN: neighbourhood radius (default: from the density)"},
     {"min-pts", "M", "DBSCAN: points within eps of a core point; KDE / mean shift: smallest cluster (default 5)"},
     {"seed", "S", "k-means: random seed (default 1)"},
     {"radius", "R", "wafer radius (default: the farthest point from the origin)"},
     jsonOption()},
    run}};

}  // namespace
}  // namespace fab::cli

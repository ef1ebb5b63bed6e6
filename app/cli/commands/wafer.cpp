// fabkit-cli wafer: one wafer's map — die grid with bins, defects with their
// dies and clusters, and the spatial signature — in the product's die frame.
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/commands/defect_json.h"
#include "app/cli/output.h"
#include "core/analysis/die_grid_in_force.h"
#include "core/common/error.h"
#include "core/defect/clustering.h"
#include "core/defect/inspected_dies.h"
#include "core/defect/signature.h"
#include "core/defect/wafer_map.h"
#include "core/store/dies.h"
#include "core/store/inspections.h"
#include "core/store/workspace.h"

namespace fab::cli {
namespace {

std::string productOfLot(store::Database& db, const std::string& lot) {
  for (const auto& l : store::listLots(db))
    if (l.name == lot) return l.product;
  throw Error("lot '" + lot + "' is not in the workspace");
}

int run(const Args& args) {
  auto ws = store::Workspace::open(args.value("workspace"));
  auto& db = ws.db();
  const std::string lot = args.value("lot");
  const int waferNo = static_cast<int>(args.integer("wafer"));
  const std::string productName = productOfLot(db, lot);
  if (productName.empty()) throw Error("lot '" + lot + "' has no product: import the lot's product and layout first");
  const auto product = store::loadProduct(db, productName);
  if (!product)
    throw Error("product '" + productName + "' has no layout in the workspace: import it (--kind products)");
  store::DieFilter filter;
  filter.lots = {lot};
  // The lot's die grid in force, as the GUI's wafer maps use it (decided over every wafer of the lot).
  const auto grid = analysis::dieGridInForce(wafer::layoutFromProduct(*product), store::loadDies(db, filter));
  const auto& layout = grid.layout;
  filter.wafer = waferNo;
  const auto dieMaps = store::loadDies(db, filter);
  const auto defectMaps = store::loadDefects(db, filter, args.valueOr("layer", ""));
  const auto inspectionMaps = store::loadInspections(db, filter, args.valueOr("layer", ""));
  const std::vector<store::Die> noDies;
  const std::vector<store::Defect> noDefects;
  const auto& dies = dieMaps.empty() ? noDies : dieMaps.front().dies;
  const auto& defects = defectMaps.empty() ? noDefects : defectMaps.front().defects;
  if (dies.empty() && defects.empty())
    throw Error("wafer " + std::to_string(waferNo) + " of lot '" + lot + "' has neither sort results nor defects");
  const std::vector<store::Inspection> noInspections;
  const auto& inspections = inspectionMaps.empty() ? noInspections : inspectionMaps.front().inspections;
  auto map = defect::buildWaferMap(layout, dies, defects,
                                   defect::inspectedDies(inspections, wafer::productDieFrame(layout), defects));

  defect::ClusterRequest request;
  request.method = defect::clusterMethodFromName(args.valueOr("method", "dbscan"));
  request.k = static_cast<int>(args.integerOr("clusters", 0));
  request.bandwidth = args.numberOr("bandwidth", 0);
  request.eps = args.numberOr("eps", 0);
  request.minPoints = static_cast<int>(args.integerOr("min-pts", 5));
  request.seed = static_cast<std::uint64_t>(args.integerOr("seed", 1));
  request.waferRadius = layout.radiusUm();
  std::vector<defect::Point2> points;
  for (const auto& d : map.defects) points.push_back({d.position.x, d.position.y});
  defect::Clustering clusters;
  std::vector<std::string> notes;
  if (!grid.note.empty()) notes.push_back(grid.note);
  if (points.size() >= static_cast<std::size_t>(std::max(request.minPoints, 2))) {
    clusters = defect::runClustering(points, request);
  } else {
    clusters.labels.assign(points.size(), -1);
    clusters.noise = points.size();
    if (!points.empty()) notes.push_back("too few defects to cluster");
  }
  for (std::size_t i = 0; i < map.defects.size(); ++i) map.defects[i].cluster = clusters.labels[i];
  const auto signature = defect::waferSignature(points, clusters.labels, layout.radiusUm());

  if (args.json()) {
    Json diesJson = Json::array();
    for (const auto& d : map.dies) {
      Json e = {{"x", d.index.x},
                {"y", d.index.y},
                {"state", std::string(wafer::dieStateName(d.state))},
                {"centre_x_um", d.centre.x},
                {"centre_y_um", d.centre.y}};
      e["bin"] = d.bin ? Json(*d.bin) : Json(nullptr);
      e["pass"] = d.pass ? Json(*d.pass) : Json(nullptr);
      e["inspected"] = d.inspected;
      diesJson.push_back(e);
    }
    Json defectsJson = Json::array();
    for (const auto& d : map.defects)
      defectsJson.push_back({{"id", d.defectId},
                             {"x_um", d.view.x},
                             {"y_um", d.view.y},
                             {"wafer_x_um", d.position.x},
                             {"wafer_y_um", d.position.y},
                             {"die_x", d.die.x},
                             {"die_y", d.die.y},
                             {"size_um", number(d.sizeUm)},
                             {"class", d.defectClass},
                             {"cluster", d.cluster}});
    printJson({{"lot", lot},
               {"wafer", waferNo},
               {"product", productName},
               {"layout",
                {{"diameter_mm", layout.diameterMm},
                 {"edge_exclusion_mm", layout.edgeExclusionMm},
                 {"die_width_um", layout.dieWidthUm},
                 {"die_height_um", layout.dieHeightUm},
                 {"pitch_x_um", layout.pitchXUm()},
                 {"pitch_y_um", layout.pitchYUm()},
                 {"notch", std::string(wafer::notchName(layout.notch))},
                 {"y_up", layout.yUp},
                 {"origin_die", {layout.originDieX, layout.originDieY}},
                 {"grid_offset_um", {layout.gridOffsetXUm, layout.gridOffsetYUm}},
                 {"frame",
                  "die indices in the product's die frame; x_um, y_um and die centres in the product view "
                  "(wafer centre origin, y up, notch as the product draws it); wafer_x_um, wafer_y_um in the "
                  "wafer frame (notch down)"}}},
               {"inspection", map.inspected.wholeWafer() ? "whole wafer" : "sample test plan"},
               {"tested", map.tested},
               {"passed", map.passed},
               {"yield", map.tested ? Json(double(map.passed) / double(map.tested)) : Json(nullptr)},
               {"dies", diesJson},
               {"defects", defectsJson},
               {"defects_off_wafer", map.defectsOffWafer},
               {"clustering",
                {{"method", std::string(defect::clusterMethodName(request.method))},
                 {"eps", clusters.eps},
                 {"bandwidth", clusters.bandwidth},
                 {"noise", clusters.noise}}},
               {"clusters", clustersJson(clusters, signature)},
               {"signature", waferSignatureJson(signature)},
               {"notes", notes}});
    return 0;
  }
  std::cout << "lot " << lot << " wafer " << waferNo << " (product " << productName << ", " << layout.diameterMm
            << " mm, notch " << wafer::notchName(layout.notch) << ")\n"
            << "dies on the grid: " << map.dies.size() << "; tested " << map.tested << ", pass " << map.passed;
  if (map.tested) std::cout << " (yield " << fmt(100.0 * map.passed / map.tested, 1) << " %)";
  if (!map.inspected.wholeWafer())
    std::cout << "\ninspected: the " << map.inspected.dies.size() << " dies of the KLARF SampleTestPlan";
  std::cout << "\ndefects: " << map.defects.size() << " in " << clusters.sizes.size() << " clusters, " << clusters.noise
            << " noise\n\n";
  printClusterTable(clusters, signature);
  std::cout << "\nwafer signature: " << defect::signatureName(signature.overall.label) << " — "
            << signature.overall.reason << "\n";
  for (const auto& n : notes) std::cout << "note: " << n << "\n";
  return 0;
}

const Registration registration{Command{
    "wafer",
    "one wafer's map: die grid with bins, defects with dies and clusters, spatial signature",
    "",
    "Uses the lot's product layout (die size, scribe, notch, origin die, row direction) to place the sort results\n"
    "and the defects on one die grid. Defects are clustered (DBSCAN by default) and the wafer's pattern labelled.",
    {workspaceOption(),
     {"lot", "L", "lot name"},
     {"wafer", "N", "wafer slot"},
     {"layer", "L", "only defects of this layer (inspection step)"},
     {"method", "M", "clustering: dbscan (default) | kmeans | kde | meanshift"},
     {"clusters", "K", "k-means: the number of clusters k (default: chosen)"},
     {"bandwidth", "UM", "KDE / mean shift bandwidth (default: Scott's rule)"},
     {"eps", "UM", "DBSCAN radius (default: from the defect density)"},
     {"min-pts", "M", "DBSCAN core count / smallest cluster (default 5)"},
     {"seed", "S", "k-means seed (default 1)"},
     jsonOption()},
    run}};

}  // namespace
}  // namespace fab::cli

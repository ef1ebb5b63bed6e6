// fabkit-cli overlay: the lithography overlay model (wafer and intrafield
// translation, magnification, rotation; higher-order wafer terms on request)
// fitted to measured overlay, with standard errors and per-site residuals.
#include <iostream>
#include <map>

#include "app/cli/command.h"
#include "app/cli/output.h"
#include "core/common/error.h"
#include "core/io/csv_table.h"
#include "core/overlay/overlay_model.h"
#include "core/overlay/overlay_sites.h"
#include "core/store/workspace.h"

namespace fab::cli {
namespace {

using namespace fab::overlay;

struct SiteGroup {
  std::string name;  ///< "" when the sites are fitted together
  std::vector<OverlaySite> sites;
};

std::vector<SiteGroup> fromCsv(const Args& args, bool& withField) {
  const auto table = io::CsvTable::read(args.value("csv"));
  const auto x = table.numbers(args.value("x")), y = table.numbers(args.value("y"));
  const auto dx = table.numbers(args.value("dx")), dy = table.numbers(args.value("dy"));
  if (args.has("field-x") != args.has("field-y")) throw UsageError{"give both --field-x and --field-y, or neither"};
  withField = args.has("field-x");
  std::vector<double> fx, fy;
  if (withField) fx = table.numbers(args.value("field-x")), fy = table.numbers(args.value("field-y"));
  std::vector<std::string> keys(table.rowCount());
  if (args.has("group")) keys = table.strings(args.value("group"));
  std::vector<SiteGroup> groups;
  std::map<std::string, std::size_t> index;
  for (std::size_t r = 0; r < table.rowCount(); ++r) {
    auto [it, added] = index.emplace(keys[r], groups.size());
    if (added) groups.push_back({keys[r], {}});
    OverlaySite s;
    s.x = x[r], s.y = y[r], s.dx = dx[r], s.dy = dy[r];
    if (withField) s.fieldX = fx[r], s.fieldY = fy[r];
    groups[it->second].sites.push_back(s);
  }
  return groups;
}

Json termsJson(const std::vector<ModelTerm>& terms) {
  Json a = Json::array();
  for (const auto& t : terms)
    a.push_back({{"name", t.name}, {"unit", t.unit}, {"value", number(t.value)}, {"se", number(t.standardError)}});
  return a;
}

Json residualJson(const AxisResiduals& r) {
  return {{"mean", r.mean},
          {"sd", r.sd},
          {"mean_plus_3sigma", r.mean3Sigma},
          {"sigma_model", r.sigmaModel},
          {"dof", r.dof}};
}

Json fitJson(const OverlayFit& f) {
  Json sites = Json::array();
  for (const auto& s : f.residuals)
    sites.push_back({{"x", s.x},
                     {"y", s.y},
                     {"field_x", number(s.fieldX)},
                     {"field_y", number(s.fieldY)},
                     {"dx", s.dx},
                     {"dy", s.dy},
                     {"model_dx", s.modelDx},
                     {"model_dy", s.modelDy},
                     {"residual_dx", s.residualDx},
                     {"residual_dy", s.residualDy}});
  return {{"sites", f.sites},
          {"order", f.waferOrder},
          {"intrafield", f.intrafield},
          {"dx_terms", termsJson(f.dxTerms)},
          {"dy_terms", termsJson(f.dyTerms)},
          {"derived", termsJson(f.derived)},
          {"residual_x", residualJson(f.residualX)},
          {"residual_y", residualJson(f.residualY)},
          {"residuals", sites},
          {"notes", f.notes}};
}

void printFit(const std::string& title, const OverlayFit& f) {
  std::cout << title << " (" << f.sites << " sites, wafer order " << f.waferOrder
            << (f.intrafield ? ", intrafield terms" : ", no intrafield terms") << ")\n";
  TextTable t({"term", "value", "SE", "unit"});
  for (const auto* list : {&f.dxTerms, &f.dyTerms, &f.derived})
    for (const auto& m : *list) t.add({m.name, fmt(m.value, 5), fmt(m.standardError, 5), m.unit});
  t.print();
  std::cout << "residual x: mean " << fmt(f.residualX.mean, 3) << " nm, |mean|+3σ " << fmt(f.residualX.mean3Sigma, 3)
            << " nm; residual y: mean " << fmt(f.residualY.mean, 3) << " nm, |mean|+3σ "
            << fmt(f.residualY.mean3Sigma, 3) << " nm\n";
  for (const auto& n : f.notes) std::cout << "note: " << n << "\n";
}

int run(const Args& args) {
  if (args.has("csv") == args.has("workspace"))
    throw UsageError{"give either --csv FILE --x COL --y COL --dx COL --dy COL or --workspace W --lot L"};
  OverlayOptions options;
  options.waferOrder = static_cast<int>(args.integerOr("order", 1));
  if (options.waferOrder < 1 || options.waferOrder > 3) throw UsageError{"--order takes 1, 2 or 3"};
  std::vector<SiteGroup> groups;
  std::string source;
  std::vector<std::string> notes;
  if (args.has("csv")) {
    bool withField = false;
    groups = fromCsv(args, withField);
    options.intrafield = withField && !args.has("no-field");
    source = args.value("csv");
    if (!withField) notes.push_back("no field positions given: wafer terms only");
  } else {
    auto ws = store::Workspace::open(args.value("workspace"));
    OverlaySiteRequest request;
    request.xParameter = args.valueOr("x-parameter", "OVL_X");
    request.yParameter = args.valueOr("y-parameter", "OVL_Y");
    request.lot = args.value("lot");
    if (args.has("wafer")) request.wafer = static_cast<int>(args.integer("wafer"));
    request.fieldPositions = !args.has("no-field");
    options.intrafield = request.fieldPositions;
    auto loaded = loadOverlaySites(ws.db(), request);
    source = ws.path() + ", lot " + request.lot + (request.wafer ? ", wafer " + std::to_string(*request.wafer) : "") +
             ", " + request.xParameter + "/" + request.yParameter;
    notes = loaded.notes;
    groups.push_back({"", std::move(loaded.sites)});
  }
  std::vector<OverlayFit> fits;
  for (const auto& g : groups) {
    try {
      fits.push_back(fitOverlay(g.sites, options));
    } catch (const Error& e) {
      if (g.name.empty()) throw;
      throw Error("group " + g.name + ": " + e.what());
    }
  }

  if (args.json()) {
    Json j;
    j["source"] = source;
    j["model"] =
        "dx = Tx + Mx·x − Rx·y + mfx·fx − rfx·fy; dy = Ty + My·y + Ry·x + mfy·fy + rfy·fx (x, y, fx, fy mm; "
        "dx, dy nm; M ppm, R µrad)";
    Json list = Json::array();
    for (std::size_t i = 0; i < fits.size(); ++i) {
      auto f = fitJson(fits[i]);
      f["group"] = groups[i].name.empty() ? Json(nullptr) : Json(groups[i].name);
      list.push_back(std::move(f));
    }
    j["fits"] = list;
    j["notes"] = notes;
    printJson(j);
    return 0;
  }
  std::cout << "overlay model of " << source << "\n";
  for (const auto& n : notes) std::cout << "note: " << n << "\n";
  for (std::size_t i = 0; i < fits.size(); ++i) {
    std::cout << "\n";
    printFit(groups[i].name.empty() ? "fit" : "group " + groups[i].name, fits[i]);
  }
  return 0;
}

const Registration registration{Command{
    "overlay",
    "lithography overlay model: translation, magnification, rotation of wafer and field, with residuals",
    "",
    "Fits dx = Tx + Mx·x − Rx·y + mfx·fx − rfx·fy and dy = Ty + My·y + Ry·x + mfy·fy + rfy·fx by least squares\n"
    "(x, y on the wafer and fx, fy in the field in mm; dx, dy in nm: magnifications in ppm, rotations in µrad),\n"
    "with standard errors, the symmetric/asymmetric split, the non-orthogonality Rx − Ry and the residual\n"
    "|mean| + 3σ per axis. --order 2|3 adds every wafer monomial xⁱyʲ up to that order to dx and dy.\n"
    "From a CSV (--csv FILE --x --y --dx --dy [--field-x --field-y] [--group COL: one fit per group]) or a\n"
    "workspace (--workspace W --lot L [--wafer N]: the OVL_X/OVL_Y sites, placed in the fields of the\n"
    "lot's product: whole dies up to 26 × 33 mm, aligned with the die grid).",
    {workspaceOption(),
     {"lot", "L", "the lot to fit (with --workspace)"},
     {"wafer", "N", "only this wafer of the lot (default: the lot's wafers together)"},
     {"x-parameter", "P", "the parameter of the x overlay (default OVL_X)"},
     {"y-parameter", "P", "the parameter of the y overlay (default OVL_Y)"},
     {"csv", "FILE", "a CSV of measured sites instead of a workspace"},
     {"x", "COL", "site x on the wafer, mm"},
     {"y", "COL", "site y on the wafer, mm"},
     {"dx", "COL", "overlay error in x, nm"},
     {"dy", "COL", "overlay error in y, nm"},
     {"field-x", "COL", "site x in its exposure field, mm from the field centre"},
     {"field-y", "COL", "site y in its exposure field, mm from the field centre"},
     {"group", "COL", "fit each value of this column (a wafer) on its own"},
     {"order", "N", "wafer polynomial order 1 (linear, default), 2 or 3"},
     {"no-field", "", "fit the wafer terms only"},
     jsonOption()},
    run}};

}  // namespace
}  // namespace fab::cli

// fabkit-cli kgd: known-good-die quality from yield and test coverage
// (Williams–Brown), the coverage for a target defect level, and the yield and
// cost of multi-die packages (K-out-of-N with spares, mixed die types,
// known-good-stack build-up).
#include <cmath>
#include <sstream>

#include "app/cli/command.h"
#include "app/cli/output.h"
#include "core/common/error.h"
#include "core/io/field_parse.h"
#include "core/yield/defect_level.h"
#include "core/yield/package_yield.h"

namespace fab::cli {
namespace {

using namespace fab::yield;

std::string pct(double v, int decimals = 2) { return fmt(100.0 * v, decimals) + "%"; }

/// NAME:YIELD:COVERAGE:COUNT[:COST] → a die group of quality Y^(1−T).
DieGroup parseDieType(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream ss(text);
  for (std::string item; std::getline(ss, item, ':');) parts.push_back(item);
  const std::string usage = "--die-type expects NAME:YIELD:COVERAGE:COUNT[:COST], got '" + text + "'";
  if (parts.size() < 4 || parts.size() > 5) throw UsageError{usage};
  const auto y = io::parseNumber(parts[1]);
  const auto t = io::parseNumber(parts[2]);
  const auto n = io::parseInteger(parts[3]);
  const auto c = parts.size() == 5 ? io::parseNumber(parts[4]) : std::optional<double>(0.0);
  if (!y || !t || !n || !c) throw UsageError{usage};
  DieGroup g;
  g.name = parts[0];
  g.quality = dieQuality(*y, *t);
  g.count = static_cast<int>(*n);
  g.cost = *c;
  return g;
}

Json groupJson(const DieGroup& g, const GroupOutcome& o) {
  return {{"name", g.name},
          {"quality", g.quality},
          {"dies", g.count},
          {"required", g.needed()},
          {"cost", g.cost},
          {"group_yield", o.groupYield},
          {"good_dies_per_package", o.goodDiesPerPackage},
          {"good_dies_scrapped", o.goodDiesScrapped}};
}

int run(const Args& args) {
  if (!args.positional().empty()) throw UsageError{"kgd takes no positional argument"};
  const bool hasDie = args.has("yield");
  if (!hasDie && !args.has("die-type")) throw UsageError{"give --yield (with --coverage or --target-dl) or --die-type"};
  if (hasDie && !args.has("coverage") && !args.has("target-dl"))
    throw UsageError{"--yield needs --coverage (for the defect level) or --target-dl (for the coverage needed)"};
  for (const char* needsDie : {"dies", "good-dies", "bond-yield", "table"})
    if (args.has(needsDie) && !(hasDie && args.has("coverage")))
      throw UsageError{std::string("--") + needsDie + " needs the die's --yield and --coverage"};
  if (args.has("good-dies") && !args.has("dies")) throw UsageError{"--good-dies needs --dies (K good dies out of N)"};
  if (args.has("bond-yield") && !args.has("dies")) throw UsageError{"--bond-yield needs --dies (the stack height)"};

  Json out = Json::object();
  std::ostringstream text;
  double q = std::nan("");
  if (hasDie) {
    const double y = args.number("yield");
    out["die"] = {{"yield", y}};
    if (args.has("coverage")) {
      const double t = args.number("coverage");
      const double dl = defectLevel(y, t);
      q = dieQuality(y, t);
      out["die"]["coverage"] = t;
      out["die"]["defect_level"] = dl;
      out["die"]["defect_level_ppm"] = toPpm(dl);
      out["die"]["quality"] = q;
      text << "die yield " << pct(y) << ", test coverage " << pct(t, 3) << " → defect level " << fmt(toPpm(dl), 1)
           << " ppm (Williams–Brown 1 − Y^(1−T)), die quality " << pct(q, 4) << "\n";
    }
    if (args.has("target-dl")) {
      const double ppm = args.number("target-dl");
      const double t = coverageForDefectLevel(y, fromPpm(ppm));
      out["target"] = {{"defect_level_ppm", ppm}, {"coverage_needed", t}};
      text << "coverage needed for " << fmt(ppm, 1) << " ppm at yield " << pct(y) << ": " << pct(t, 4) << "\n";
    }
  }

  const double assemblyYield = args.numberOr("assembly-yield", 1.0);
  PackageSpec spec;
  spec.assemblyYield = assemblyYield;
  spec.assemblyCost = args.numberOr("assembly-cost", 0.0);
  if (args.has("dies")) {
    DieGroup g;
    g.name = "die";
    g.quality = q;
    g.count = static_cast<int>(args.integer("dies"));
    g.required = args.has("good-dies") ? static_cast<int>(args.integer("good-dies")) : -1;
    g.cost = args.numberOr("die-cost", 0.0);
    spec.groups.push_back(g);
  }
  for (const auto& d : args.values("die-type")) spec.groups.push_back(parseDieType(d));

  if (!spec.groups.empty()) {
    const auto pkg = evaluatePackage(spec);
    Json groups = Json::array();
    TextTable t({"die group", "quality", "dies", "good needed", "group yield", "good dies scrapped/pkg"});
    for (std::size_t i = 0; i < spec.groups.size(); ++i) {
      const auto& g = spec.groups[i];
      groups.push_back(groupJson(g, pkg.groups[i]));
      t.add({g.name, pct(g.quality, 4), std::to_string(g.count), std::to_string(g.needed()),
             pct(pkg.groups[i].groupYield, 3), fmt(pkg.groups[i].goodDiesScrapped, 4)});
    }
    out["package"] = {{"groups", groups},
                      {"assembly_yield", assemblyYield},
                      {"yield", pkg.yield},
                      {"cost_per_package_built", pkg.costPerPackageBuilt},
                      {"cost_per_good_package", pkg.costPerGoodPackage},
                      {"die_cost_per_good_package", pkg.dieCostPerGoodPackage},
                      {"scrapped_good_die_cost_per_good_package", pkg.scrappedGoodDieCostPerGoodPackage},
                      {"assembly_cost_per_good_package", pkg.assemblyCostPerGoodPackage}};
    text << "\npackage (Π group yields × assembly yield " << pct(assemblyYield) << "): yield " << pct(pkg.yield, 3)
         << "\n";
    t.print(text);
    if (pkg.costPerPackageBuilt > 0.0)
      text << "cost per good package " << fmt(pkg.costPerGoodPackage, 2) << " (dies "
           << fmt(pkg.dieCostPerGoodPackage, 2) << ", of which good dies scrapped in failed packages "
           << fmt(pkg.scrappedGoodDieCostPerGoodPackage, 2) << "; assembly " << fmt(pkg.assemblyCostPerGoodPackage, 2)
           << ")\n";
  }

  if (args.has("good-dies")) {
    const int n = static_cast<int>(args.integer("dies"));
    const int k = static_cast<int>(args.integer("good-dies"));
    Json spares = Json::array();
    TextTable t({"spares", "dies", "group yield × assembly"});
    for (const auto& s : sparesEffect(q, k, n - k, assemblyYield)) {
      spares.push_back({{"spares", s.spares}, {"dies", s.dies}, {"yield", s.yield}});
      t.add({std::to_string(s.spares), std::to_string(s.dies), pct(s.yield, 3)});
    }
    out["spares"] = spares;
    text << "\neffect of spares (at least " << k << " good dies needed)\n";
    t.print(text);
  }

  if (args.has("table")) {
    const auto table = packageYieldByDieCount(q, static_cast<int>(args.integer("table")), assemblyYield);
    Json rows = Json::array();
    TextTable t({"dies", "package yield"});
    for (std::size_t i = 0; i < table.size(); ++i) {
      rows.push_back({{"dies", i + 1}, {"yield", table[i]}});
      t.add({std::to_string(i + 1), pct(table[i], 2)});
    }
    out["table"] = rows;
    text << "\npackage yield q^N × assembly yield\n";
    t.print(text);
  }

  if (args.has("bond-yield")) {
    const double b = args.number("bond-yield");
    const std::vector<StackLayer> layers(static_cast<std::size_t>(std::max<long long>(0, args.integer("dies"))),
                                         StackLayer{"die", q, b});
    Json steps = Json::array();
    TextTable t({"dies stacked", "step yield", "stack yield"});
    for (const auto& s : knownGoodStack(layers)) {
      steps.push_back({{"dies", s.dies}, {"step_yield", s.stepYield}, {"stack_yield", s.stackYield}});
      t.add({std::to_string(s.dies), pct(s.stepYield, 3), pct(s.stackYield, 3)});
    }
    out["stack"] = steps;
    text << "\nknown-good-stack build-up (die quality × bond yield " << pct(b) << " per die)\n";
    t.print(text);
  }

  if (args.json())
    printJson(out);
  else
    std::cout << text.str();
  return 0;
}

const Registration registration{
    Command{"kgd",
            "known-good-die defect level, coverage for a target, package and stack yield",
            "",
            "Williams–Brown defect level DL = 1 − Y^(1−T) of dies of yield Y tested with coverage T; die quality\n"
            "q = 1 − DL; the coverage needed for a target DL; package yield Π qᵢ × assembly yield (K-out-of-N\n"
            "with spares, mixed die types) and cost per good package including good dies scrapped with failed\n"
            "packages; known-good-stack build-up.",
            {{"yield", "Y", "die yield before test (0–1)"},
             {"coverage", "T", "test fault coverage (0–1)"},
             {"target-dl", "PPM", "target defect level in ppm: prints the coverage needed"},
             {"dies", "N", "dies of this type in the package (or the stack height)"},
             {"good-dies", "K", "at least K of the N dies must be good (spares: N − K)"},
             {"assembly-yield", "YA", "assembly yield (default 1)"},
             {"die-cost", "C", "cost of one die as placed"},
             {"assembly-cost", "C", "assembly cost per package built"},
             {"die-type", "NAME:Y:T:N[:COST]", "another die type in the package", true},
             {"table", "N", "package yield for 1..N dies of this quality"},
             {"bond-yield", "B", "known-good-stack build-up of --dies dies with this bond yield per die"},
             jsonOption()},
            run}};

}  // namespace
}  // namespace fab::cli

#include "core/analysis/attribute_chart.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

#include "core/common/error.h"
#include "core/common/number_text.h"
#include "core/spc/control_chart.h"
#include "core/store/dies.h"
#include "core/store/inspections.h"

namespace fab::analysis {
namespace {

using spc::ChartType;

constexpr double kPi = 3.14159265358979323846;

std::vector<std::string> productLots(store::Database& db, const AttributeChartRequest& r) {
  if (!r.lots.empty()) return r.lots;
  std::vector<std::string> lots;
  for (const auto& l : store::listLots(db))
    if (l.product == r.product) lots.push_back(l.name);
  return lots;
}

struct WaferCounts {
  std::vector<std::string> lot;
  std::vector<int> wafer;
  std::vector<double> count, size;
};

WaferCounts dieYield(store::Database& db, const std::vector<std::string>& lots, const std::string& product) {
  WaferCounts w;
  store::DieFilter f;
  f.lots = lots;
  for (const auto& wafer : store::loadDies(db, f)) {
    if (wafer.dies.empty() || (!product.empty() && !wafer.product.empty() && wafer.product != product)) continue;
    double failed = 0;
    for (const auto& d : wafer.dies) failed += !d.pass;
    w.lot.push_back(wafer.lot);
    w.wafer.push_back(wafer.wafer);
    w.count.push_back(failed);
    w.size.push_back(static_cast<double>(wafer.dies.size()));
  }
  return w;
}

/// Inspected area in cm²: the wafer inside its edge exclusion, or the sampled dies' cells.
double inspectedAreaCm2(const store::Inspection& i, const store::Product& p) {
  if (i.wholeWafer) {
    const double r = p.waferDiameterMm / 2 - p.edgeExclusionMm;
    return kPi * r * r / 100.0;
  }
  return static_cast<double>(i.dies.size()) * p.dieWidthUm * p.dieHeightUm * 1e-8;
}

/// Defects per inspected wafer. Without inspection records (defects imported
/// from a CSV export) the wafers with defect records count as inspected whole.
WaferCounts defectDensity(store::Database& db, const std::vector<std::string>& lots, const store::Product& product,
                          bool& assumedWhole) {
  WaferCounts w;
  store::DieFilter f;
  f.lots = lots;
  std::map<std::pair<std::string, int>, double> defects;
  const auto recorded = store::loadDefects(db, f);
  for (const auto& wd : recorded) defects[{wd.lot, wd.wafer}] += static_cast<double>(wd.defects.size());
  const auto inspections = store::loadInspections(db, f);
  assumedWhole = inspections.empty();
  if (assumedWhole) {
    store::Inspection whole;
    for (const auto& wd : recorded) {
      w.lot.push_back(wd.lot);
      w.wafer.push_back(wd.wafer);
      w.count.push_back(static_cast<double>(wd.defects.size()));
      w.size.push_back(inspectedAreaCm2(whole, product));
    }
    return w;
  }
  for (const auto& wi : inspections) {
    double area = 0;
    for (const auto& i : wi.inspections) area = std::max(area, inspectedAreaCm2(i, product));
    if (area <= 0) continue;
    w.lot.push_back(wi.lot);
    w.wafer.push_back(wi.wafer);
    w.count.push_back(defects[{wi.lot, wi.wafer}]);
    w.size.push_back(area);
  }
  return w;
}

}  // namespace

AttributeChartAnalysis attributeChart(store::Database& db, const AttributeChartRequest& request) {
  const auto product = store::loadProduct(db, request.product);
  if (!product) throw Error("product " + request.product + " has no layout in this workspace");
  const auto lots = productLots(db, request);
  const bool yield = request.source == AttributeSource::DieYield;
  bool assumedWhole = false;
  const WaferCounts w = yield ? dieYield(db, lots, request.product) : defectDensity(db, lots, *product, assumedWhole);
  if (w.count.empty())
    throw Error(yield ? "product " + request.product + " has no die maps to chart"
                      : "product " + request.product + " has no inspected wafers to chart");

  AttributeChartAnalysis out;
  out.counts = w.count;
  out.sizes = w.size;
  const bool constantSize = std::all_of(w.size.begin(), w.size.end(), [&](double n) { return n == w.size.front(); });

  // Overdispersion: Laney's σz of the wafers against the plain binomial or Poisson spread.
  spc::ChartOptions laney;
  laney.type = yield ? ChartType::LaneyP : ChartType::LaneyU;
  laney.rules = spc::RuleSelection::none();
  try {
    out.sigmaZ = spc::computeAttributeChart(w.count, w.size, nullptr, laney).phases[0].estimate.sigmaZ;
  } catch (const Error&) {
    out.sigmaZ = 1.0;  // too few wafers or no spread: nothing to say about overdispersion
  }
  out.overdispersed = std::isfinite(out.sigmaZ) && out.sigmaZ > kOverdispersionSigmaZ;
  const ChartType plain = yield ? (constantSize ? ChartType::Np : ChartType::P) : ChartType::U;
  const ChartType type = request.type        ? *request.type
                         : out.overdispersed ? (yield ? ChartType::LaneyP : ChartType::LaneyU)
                                             : plain;
  out.chosenForOverdispersion = !request.type && out.overdispersed;
  const bool binomial = type == ChartType::P || type == ChartType::Np || type == ChartType::LaneyP;
  if (binomial != yield)
    throw Error(yield ? "die yield is charted with p, np or Laney p′" : "defects are charted with u, c or Laney u′");

  auto& a = out.chart;
  a.request.parameter = yield ? request.product + " die fail fraction" : request.product + " defect density";
  a.request.product = request.product;
  a.request.chart = type;
  a.request.subgroup = "wafer";
  a.request.useApproved = false;
  a.request.settings.rules = request.rules;
  a.product = request.product;
  a.type = type;
  a.subgroup = "wafer";
  a.rules = request.rules;
  a.limitsSource = "estimated from every wafer in scope";
  auto series = std::make_shared<store::MeasurementSeries>();
  series->parameter = a.request.parameter;
  series->unit = type == ChartType::U || type == ChartType::LaneyU ? "defects/cm²"
                 : type == ChartType::C                            ? "defects"
                 : type == ChartType::Np                           ? "failing dies"
                                                                   : "fraction";
  for (std::size_t i = 0; i < w.count.size(); ++i) {
    series->lot.push_back(w.lot[i]);
    series->wafer.push_back(w.wafer[i]);
    series->site.push_back("");
    series->time.push_back(0);
    series->x.push_back(NAN);
    series->y.push_back(NAN);
    series->value.push_back(w.size[i] > 0 ? w.count[i] / w.size[i] : NAN);
    series->tool.push_back("");
    series->product.push_back(request.product);
    a.pointKeys.push_back(w.lot[i] + "/" + std::to_string(w.wafer[i]));
    a.rowOf.push_back(i);
  }
  a.series = series;
  a.options.type = type;
  a.options.rules = spc::parseRuleSelection(request.rules);
  a.options.phases = spc::phasesAtPoints({});
  const std::vector<double> none;
  a.chart = spc::computeAttributeChart(w.count, type == ChartType::C ? none : w.size, nullptr, a.options);
  a.open = spc::openViolations(a.chart, a.pointKeys, {});

  std::string note = std::to_string(w.count.size()) + " wafers; ";
  if (yield)
    note += constantSize ? std::to_string(static_cast<long long>(w.size.front())) + " tested dies on every wafer"
                         : "tested dies per wafer vary: limits per wafer";
  else
    note += assumedWhole ? "defects per cm² (no inspection records: wafers with defects taken as inspected whole)"
                         : "defects per cm² of inspected area";
  note += "; Laney σz = " + fixedText(out.sigmaZ, 2);
  if (out.overdispersed)
    note += std::string(": overdispersed, the wafers vary more than ") + (yield ? "binomial" : "Poisson") +
            " sampling explains, so the plain limits are too narrow; " +
            (out.chosenForOverdispersion ? std::string(yield ? "Laney p′" : "Laney u′") +
                                               " chosen by default (its limits include the wafer-to-wafer spread)"
             : type == ChartType::LaneyP || type == ChartType::LaneyU
                 ? std::string("Laney limits shown")
                 : std::string(yield ? "Laney p′ is offered" : "Laney u′ is offered"));
  out.note = note;
  a.chartReason = note;
  return out;
}

}  // namespace fab::analysis

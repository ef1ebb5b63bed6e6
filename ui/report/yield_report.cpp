#include "ui/report/yield_report.h"

#include <QDateTime>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/common/error.h"
#include "core/store/database.h"
#include "core/yield/defect_level.h"
#include "core/yield/package_yield.h"
#include "core/yield/window_fit.h"
#include "core/yield/workspace_sort.h"
#include "core/yield/yield_pareto.h"
#include "ui/chart/bar_chart_painter.h"
#include "ui/chart/wafer_map_painter.h"
#include "ui/report/report_format.h"
#include "ui/views/product_view.h"
#include "ui/views/yield/yield_charts.h"

namespace fab::ui::report {
namespace {

double yieldOf(const store::WaferDies& w) {
  if (w.dies.empty()) return std::nan("");
  std::size_t pass = 0;
  for (const auto& d : w.dies) pass += d.pass;
  return double(pass) / double(w.dies.size());
}

const std::vector<store::Defect>* defectsOf(const LotYieldData& lot, int wafer) {
  for (const auto& d : lot.defects)
    if (d.wafer == wafer) return &d.defects;
  return nullptr;
}

void waferMaps(const LotYieldData& lot, ReportDocument& doc) {
  if (!lot.product) {
    doc.paragraph("No layout for the lot's product in the workspace: wafer maps need the product's die size.");
    return;
  }
  static const std::vector<store::Defect> none;
  for (std::size_t i = 0; i < lot.wafers.size(); i += kMapsPerRow) {
    Figure f;
    f.height = 215;
    for (std::size_t k = i; k < std::min(lot.wafers.size(), i + kMapsPerRow); ++k) {
      const auto* defects = defectsOf(lot, lot.wafers[k].wafer);
      auto model = ProductView::makeWaferMap(*lot.product, lot.wafers, lot.wafers[k], defects ? *defects : none);
      model->title = QString("wafer %1 · %2").arg(lot.wafers[k].wafer).arg(percent(yieldOf(lot.wafers[k]), 1));
      f.charts.push_back(std::make_shared<chart::WaferMapPainter>(std::move(model)));
    }
    while (f.charts.size() < kMapsPerRow) f.charts.push_back(nullptr);  // keep the map size on a short last row
    if (i + kMapsPerRow >= lot.wafers.size())
      f.caption = "Wafer maps: dies coloured by bin" + QString(lot.defects.empty() ? "" : ", defects as dots") + ".";
    doc.figure(std::move(f));
  }
}

void waferTable(const LotYieldData& lot, ReportDocument& doc) {
  Table t;
  t.caption = "Yield per wafer";
  t.headers = {"wafer", "dies", "pass", "yield", "defects", "", "top fail bin"};
  t.columnWeights = {0.6, 0.7, 0.7, 0.9, 0.8, 0.3, 1.8};
  t.alignRight = {true, true, true, true, true, false, false};
  for (const auto& w : lot.wafers) {
    std::map<int, int> fails;
    std::size_t pass = 0;
    for (const auto& d : w.dies) d.pass ? ++pass : ++fails[d.bin];
    QString top = "—";
    if (!fails.empty()) {
      const auto it = std::max_element(fails.begin(), fails.end(),
                                       [](const auto& a, const auto& b) { return a.second < b.second; });
      top = QString("bin %1 (%2 dies)").arg(it->first).arg(it->second);
    }
    const auto* defects = defectsOf(lot, w.wafer);
    t.rows.push_back({QString::number(w.wafer),
                      QString::number(w.dies.size()),
                      QString::number(pass),
                      {percent(yieldOf(w)), std::nullopt, true},
                      defects ? QString::number(defects->size()) : "—",
                      "",
                      top});
  }
  doc.table(std::move(t));
}

void pareto(const LotYieldData& lot, ReportDocument& doc) {
  const auto p = fab::yield::yieldPareto(lot.sort);
  if (p.byBin.empty()) {
    doc.paragraph("Yield-loss Pareto: no failed die.");
    return;
  }
  // By bin, and below it by wafer zone (center / middle / edge of the die centre's
  // radius fraction, core/yield/yield_pareto.h) when the product has a wafer layout;
  // full width, so the zone labels with their radius ranges and yields fit.
  auto m = std::make_shared<chart::BarChartModel>(ui::yield::binParetoChart(p, "Yield loss by bin"));
  doc.figure({{std::make_shared<chart::BarChartPainter>(m)}, 230, {}});
  if (!p.byZone.empty()) {
    auto z = std::make_shared<chart::BarChartModel>(ui::yield::zoneParetoChart(p, "Yield loss by wafer zone"));
    doc.figure({{std::make_shared<chart::BarChartPainter>(z)}, 200, {}});
  }
  Table t;
  t.caption =
      QString("Yield-loss Pareto: %1 dies, %2 failed, yield %3").arg(p.dies).arg(p.failed).arg(percent(p.yield));
  t.headers = {"bin", "failed dies", "yield lost", "share of loss", "cumulative"};
  t.alignRight = {false, true, true, true, true};
  for (const auto& b : p.byBin)
    t.rows.push_back({QString("bin %1").arg(b.bin), QString::number(b.dies), percent(b.fractionOfDies),
                      percent(b.shareOfLoss, 1), percent(b.cumulativeShare, 1)});
  doc.table(std::move(t));
}

void yieldModels(const LotYieldData& lot, ReportDocument& doc) {
  if (!lot.product || !(lot.product->dieWidthUm > 0 && lot.product->dieHeightUm > 0)) {
    doc.paragraph("Yield model: the product's die size is unknown, so D0 cannot be fitted.");
    return;
  }
  fab::yield::WindowFitOptions o;
  o.dieArea = lot.product->dieWidthUm * lot.product->dieHeightUm * 1e-8;  // µm² → cm²
  fab::yield::WindowFitResult fit;
  try {
    fit = fab::yield::fitWindowMethod(lot.sort, o);
  } catch (const Error& e) {
    doc.paragraph(QString("Yield model: ") + e.what());
    return;
  }
  Table t;
  t.caption = QString("Yield models fitted by the window method (die area %1 cm²)").arg(o.dieArea, 0, 'g', 4);
  t.headers = {"model", "Y0", "D0 (cm⁻²)", "α", "AIC", "fit"};
  t.columnWeights = {2.0, 0.8, 1.0, 0.8, 0.9, 1.6};
  t.alignRight = {false, true, true, true, true, false};
  for (std::size_t i = 0; i < fit.models.size(); ++i) {
    const auto& m = fit.models[i];
    QString gof = "—";
    if (m.goodness) gof = QString("χ² %1, p %2").arg(fixed(m.goodness->chiSquare, 2), fixed(m.goodness->pValue, 3));
    t.rows.push_back({{qs(std::string(fab::yield::modelInfo(m.model).name)), std::nullopt, fit.ranked && i == 0},
                      fixed(m.y0, 3) + (m.y0Fitted ? "" : " (fixed)"),
                      {fixed(m.d0, 3), std::nullopt, true},
                      std::isnan(m.alpha)   ? QString("—")
                      : std::isinf(m.alpha) ? QString("∞")
                                            : fixed(m.alpha, 2),
                      fixed(m.aic, 1),
                      gof});
  }
  doc.table(std::move(t));
  QStringList text{qs(fit.message)};
  for (const auto& w : fit.warnings) text << qs(w);
  doc.paragraph(text.join(" "), true);
}

void kgdTable(const std::string& product, const std::vector<const LotYieldData*>& lots,
              const YieldReportOptions& options, ReportDocument& doc) {
  std::size_t dies = 0, pass = 0;
  for (const auto* l : lots)
    for (const auto& w : l->wafers)
      for (const auto& d : w.dies) dies += 1, pass += d.pass;
  if (dies == 0 || pass == 0) return;
  const double y = double(pass) / double(dies);
  std::vector<int> counts;
  for (int n = 1; n <= options.maxPackageDies; n *= 2) counts.push_back(n);
  Table t;
  t.caption = QString("Known-good die and package yield for %1 (die yield %2 over %3 dies)")
                  .arg(qs(product.empty() ? "unknown product" : product), percent(y), QString::number(dies));
  t.headers = {"test coverage", "defect level (ppm)", "die quality"};
  for (int n : counts) t.headers << QString("%1-die package").arg(n);
  t.alignRight.assign(static_cast<std::size_t>(t.headers.size()), true);
  for (double coverage : options.coverages) {
    const double q = fab::yield::dieQuality(y, coverage);
    const auto pkg = fab::yield::packageYieldByDieCount(q, options.maxPackageDies);
    std::vector<TableCell> row = {percent(coverage, 1),
                                  fixed(fab::yield::toPpm(fab::yield::defectLevel(y, coverage)), 0), percent(q, 3)};
    for (int n : counts) row.push_back(percent(pkg[static_cast<std::size_t>(n - 1)], 2));
    t.rows.push_back(std::move(row));
  }
  doc.table(std::move(t));
}

}  // namespace

ReportDocument buildYieldReport(const QString& workspacePath, const YieldReportOptions& options,
                                const Feedback& feedback) {
  store::Database db(workspacePath.toStdString(), store::Database::Mode::ReadOnly);
  std::vector<std::string> lotNames = options.lots;
  if (lotNames.empty())
    for (const auto& l : store::listLots(db))
      if (l.dies > 0) lotNames.push_back(l.name);
  if (lotNames.empty()) throw Error("the workspace has no die sort data: import a dies file first");

  std::vector<LotYieldData> lots;
  for (std::size_t i = 0; i < lotNames.size(); ++i) {
    feedback.checkCancelled();
    feedback.report(0.5 * double(i) / double(lotNames.size()), "loading lot " + lotNames[i]);
    LotYieldData lot;
    lot.lot = lotNames[i];
    store::DieFilter filter;
    filter.lots = {lot.lot};
    lot.wafers = store::loadDies(db, filter);
    if (lot.wafers.empty()) throw Error("the workspace has no die of lot '" + lot.lot + "'");
    lot.defects = store::loadDefects(db, filter);
    if (!lot.wafers.front().product.empty()) lot.product = store::loadProduct(db, lot.wafers.front().product);
    lot.sort = fab::yield::toSortWafers(lot.wafers, fab::yield::productLayouts(db, lot.wafers));
    lots.push_back(std::move(lot));
  }

  ReportDocument doc;
  doc.title = "Yield report";
  doc.workspace = QFileInfo(workspacePath).fileName();
  doc.generated = QDateTime::currentDateTimeUtc().toString("yyyy-MM-dd HH:mm 'UTC'");
  QStringList names;
  for (const auto& l : lots) names << qs(l.lot);
  doc.subtitle = QString("%1 %2: %3").arg(lots.size()).arg(lots.size() == 1 ? "lot" : "lots").arg(names.join(", "));
  std::map<std::string, std::vector<const LotYieldData*>> byProduct;
  for (std::size_t i = 0; i < lots.size(); ++i) {
    feedback.checkCancelled();
    feedback.report(0.5 + 0.5 * double(i) / double(lots.size()), "analysing lot " + lots[i].lot);
    const auto& lot = lots[i];
    byProduct[lot.wafers.front().product].push_back(&lot);
    if (i > 0) doc.pageBreak();
    std::size_t dies = 0, pass = 0;
    for (const auto& w : lot.wafers)
      for (const auto& d : w.dies) dies += 1, pass += d.pass;
    doc.heading("Lot " + qs(lot.lot) + (lot.product ? " · product " + qs(lot.product->name) : QString()));
    doc.paragraph(QString("%1 wafers, %2 dies, %3 pass: lot yield %4.")
                      .arg(lot.wafers.size())
                      .arg(dies)
                      .arg(pass)
                      .arg(percent(dies ? double(pass) / double(dies) : std::nan(""))));
    waferMaps(lot, doc);
    waferTable(lot, doc);
    pareto(lot, doc);
    yieldModels(lot, doc);
    for (const auto& section : options.lotSections) section(lot, doc);
  }
  doc.pageBreak();
  doc.heading("Known-good die and package yield");
  doc.paragraph(
      "Die quality q = Y^(1−T) and defect level DL = 1 − q (Williams & Brown 1981) for the die yield Y of "
      "the lots above and test coverage T; an N-die package yields q^N (assembly yield 1).",
      true);
  for (const auto& [product, productLots] : byProduct) kgdTable(product, productLots, options, doc);
  return doc;
}

}  // namespace fab::ui::report

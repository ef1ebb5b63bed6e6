#include "ui/views/yield/dies_per_wafer_chart.h"

#include <QObject>

#include <cmath>

#include "core/common/error.h"
#include "core/wafer/die_grid.h"
#include "ui/views/yield/yield_charts.h"
#include "ui/number_text.h"

namespace fab::ui::yield {
namespace {

QString mm(double v) { return QString::number(v, 'g', 4) + " mm"; }

void addCountFacts(chart::DiesPerWaferModel& m, const fab::wafer::DiesPerWafer& d) {
  using Fact = chart::DiesPerWaferModel::Fact;
  m.facts.push_back({QObject::tr("Dies per wafer"), {}, true});
  m.facts.push_back({QObject::tr("exact count"), QString::number(d.exact)});
  m.facts.push_back({QObject::tr("classic  πd²/(4S) − πd/√(2S)"), fixed(d.classicEstimate, 1)});
  m.facts.push_back({QObject::tr("Flynn  π(d − √S)²/(4S)"), fixed(d.flynnEstimate, 1)});
  m.facts.push_back({QObject::tr("d  usable diameter"), mm(d.usableDiameterMm)});
  m.facts.push_back({QObject::tr("S  die area with scribe"), fixed(d.dieAreaMm2, 3) + " mm²"});
  m.facts.push_back({QObject::tr("Grid placement: complete / partial"), {}, true});
  for (const auto& p : d.placements)
    m.facts.push_back(Fact{QString::fromStdString(p.name) + (p.name == d.bestPlacement ? QObject::tr(" (shown)") : ""),
                           QString("%1 / %2").arg(p.complete).arg(p.partial)});
}

void addCostFacts(chart::DiesPerWaferModel& m, const WaferInputs& in, const fab::yield::GoodDieCost& c) {
  m.facts.push_back({QObject::tr("Good dies (exact count × Y)"), {}, true});
  m.facts.push_back({QObject::tr("die yield Y"), percent(c.yield, 1)});
  if (!in.yieldSource.isEmpty()) m.facts.push_back({QStringLiteral("  ") + in.yieldSource, {}});
  m.facts.push_back({QObject::tr("good dies per wafer"), fixed(c.goodDiesPerWafer, 1)});
  if (std::isfinite(c.costPerGoodDie)) {
    m.facts.push_back({QObject::tr("wafer cost"), fixed(in.waferCost, 2)});
    m.facts.push_back({QObject::tr("cost per good die"), fixed(c.costPerGoodDie, 2)});
  }
}

}  // namespace

fab::wafer::WaferLayout WaferInputs::layout() const {
  fab::wafer::WaferLayout l;
  l.diameterMm = diameterMm;
  l.edgeExclusionMm = edgeExclusionMm;
  l.dieWidthUm = dieWidthMm * 1000.0;
  l.dieHeightUm = dieHeightMm * 1000.0;
  l.scribeUm = scribeUm;
  return l;
}

DiesPerWaferChart diesPerWaferChart(const WaferInputs& in) {
  DiesPerWaferChart out;
  auto m = std::make_shared<chart::DiesPerWaferModel>();
  m->title = QObject::tr("%1 mm wafer · die %2 × %3 mm · scribe %4 µm · edge exclusion %5")
                 .arg(in.diameterMm, 0, 'g', 4)
                 .arg(in.dieWidthMm, 0, 'g', 4)
                 .arg(in.dieHeightMm, 0, 'g', 4)
                 .arg(in.scribeUm, 0, 'g', 4)
                 .arg(mm(in.edgeExclusionMm));
  m->diameterMm = in.diameterMm;
  m->edgeExclusionMm = in.edgeExclusionMm;
  m->dieWidthMm = in.dieWidthMm;
  m->dieHeightMm = in.dieHeightMm;
  out.model = m;
  try {
    fab::wafer::WaferLayout layout = in.layout();
    const auto counts = fab::wafer::diesPerWafer(layout);
    // Draw the placement the exact count was taken from.
    for (const auto& p : counts.placements)
      if (p.name == counts.bestPlacement) {
        layout.gridOffsetXUm = p.gridOffsetXUm;
        layout.gridOffsetYUm = p.gridOffsetYUm;
      }
    const auto grid = fab::wafer::buildDieGrid(layout);
    m->dies.reserve(grid.dies.size());
    for (const auto& d : grid.dies)
      m->dies.push_back({d.centre.x / 1000.0, d.centre.y / 1000.0, d.state == fab::wafer::DieState::Complete});
    addCountFacts(*m, counts);
    out.counts = counts;
  } catch (const Error& e) {
    out.error = QString::fromStdString(e.what());
    m->title = QObject::tr("No dies per wafer: %1").arg(out.error);
    return out;
  }
  if (!std::isfinite(in.yield)) return out;
  try {
    out.cost = fab::yield::goodDieCost(out.counts->exact, in.yield, in.waferCost);
  } catch (const Error&) {
    // A wafer cost with no good die expected: good dies without the unbounded cost.
    out.cost = fab::yield::goodDieCost(out.counts->exact, in.yield);
  }
  addCostFacts(*m, in, *out.cost);
  return out;
}

}  // namespace fab::ui::yield

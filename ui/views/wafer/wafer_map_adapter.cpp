#include "ui/views/wafer/wafer_map_adapter.h"

#include <QObject>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/wafer/die_grid.h"

namespace fab::ui::wafer {
namespace {

chart::WaferMapModel::Notch notchOf(fab::wafer::Notch notch) {
  switch (notch) {
    case fab::wafer::Notch::Up:
      return chart::WaferMapModel::Notch::Up;
    case fab::wafer::Notch::Left:
      return chart::WaferMapModel::Notch::Left;
    case fab::wafer::Notch::Right:
      return chart::WaferMapModel::Notch::Right;
    case fab::wafer::Notch::Down:
      break;
  }
  return chart::WaferMapModel::Notch::Down;
}

/// The painter places die (i, j) at ((i − cx)·pitch, (j − cy)·pitch) with j counting up; the
/// product's die frame may count rows down, so rows are mirrored (j = −y) there and the centre
/// index is taken from a die centre the core computed, so both agree exactly.
std::shared_ptr<chart::WaferMapModel> layoutModel(const fab::wafer::WaferLayout& layout, const QString& title) {
  auto m = std::make_shared<chart::WaferMapModel>();
  m->title = title;
  m->diameterMm = layout.diameterMm;
  m->edgeExclusionMm = layout.edgeExclusionMm;
  m->notch = notchOf(layout.notch);
  m->dieWidthMm = layout.pitchXUm() / 1000.0;
  m->dieHeightMm = layout.pitchYUm() / 1000.0;
  const auto centre = fab::wafer::cellCentreInView(fab::wafer::productDieFrame(layout), {0, 0});
  m->centreDieX = -centre.x / layout.pitchXUm();
  m->centreDieY = -centre.y / layout.pitchYUm();
  return m;
}

int chartRow(const fab::wafer::WaferLayout& layout, int y) { return layout.yUp ? y : -y; }

}  // namespace

std::shared_ptr<chart::WaferMapModel> toChartModel(const defect::WaferMap& map, const QString& title,
                                                   DefectColouring colouring) {
  auto m = layoutModel(map.layout, title);
  m->dies.reserve(map.dies.size());
  for (std::size_t i = 0; i < map.dies.size(); ++i) {
    const auto& d = map.dies[i];
    chart::WaferMapModel::Die die;
    die.x = d.index.x;
    die.y = chartRow(map.layout, d.index.y);
    die.bin = d.bin.value_or(0);
    die.pass = d.pass.value_or(false);
    die.tested = d.bin.has_value();
    die.inspected = d.inspected || !die.tested;  // hatching marks tested dies the inspection skipped
    die.row = static_cast<std::int64_t>(i);
    m->dies.push_back(die);
  }
  m->defects.reserve(map.defects.size());
  for (std::size_t i = 0; i < map.defects.size(); ++i) {
    const auto& d = map.defects[i];
    const int cls = colouring == DefectColouring::Cluster ? d.cluster : d.defectClass;
    m->defects.push_back({d.view.x / 1000.0, d.view.y / 1000.0, d.sizeUm, cls, static_cast<std::int64_t>(i)});
    if (colouring == DefectColouring::Cluster && !m->classNames.count(cls)) {
      m->classNames[cls] = cls < 0 ? QObject::tr("noise") : QObject::tr("cluster %1").arg(cls + 1);
      if (cls < 0) m->classColours[cls] = QColor(150, 150, 150);
    }
  }
  return m;
}

chart::WaferMapModel::Density toDensity(const defect::KdeGrid& grid, fab::wafer::Notch notch) {
  chart::WaferMapModel::Density d;
  const bool sideways = fab::wafer::quarterTurns(notch) % 2 != 0;
  d.nx = sideways ? grid.ny : grid.nx;
  d.ny = sideways ? grid.nx : grid.ny;
  const double dx = sideways ? grid.dy : grid.dx, dy = sideways ? grid.dx : grid.dy;
  if (grid.nx <= 0 || grid.ny <= 0) return d;
  // The view's lower-left node: the smallest view coordinates of the turned corners.
  const double x1 = grid.x0 + (grid.nx - 1) * grid.dx, y1 = grid.y0 + (grid.ny - 1) * grid.dy;
  double vx0 = INFINITY, vy0 = INFINITY;
  for (const auto& c : {fab::wafer::WaferPoint{grid.x0, grid.y0}, fab::wafer::WaferPoint{x1, grid.y0},
                        fab::wafer::WaferPoint{grid.x0, y1}, fab::wafer::WaferPoint{x1, y1}}) {
    const auto v = fab::wafer::toView(notch, c);
    vx0 = std::min(vx0, v.x);
    vy0 = std::min(vy0, v.y);
  }
  d.x0Mm = vx0 / 1000.0;
  d.y0Mm = vy0 / 1000.0;
  d.dxMm = dx / 1000.0;
  d.dyMm = dy / 1000.0;
  d.values.assign(grid.density.size(), 0.0);
  for (int j = 0; j < d.ny; ++j)
    for (int i = 0; i < d.nx; ++i) {
      const auto p = fab::wafer::fromView(notch, {vx0 + i * dx, vy0 + j * dy});
      const long si = std::lround((p.x - grid.x0) / grid.dx), sj = std::lround((p.y - grid.y0) / grid.dy);
      if (si < 0 || sj < 0 || si >= grid.nx || sj >= grid.ny) continue;
      d.values[static_cast<std::size_t>(j) * d.nx + i] = grid.density[static_cast<std::size_t>(sj) * grid.nx + si];
    }
  return d;
}

WaferStack stackWafers(const fab::wafer::WaferLayout& layout, std::span<const store::WaferDies> wafers) {
  WaferStack stack;
  stack.layout = layout;
  const auto grid = fab::wafer::buildDieGrid(layout);
  std::map<fab::wafer::DieIndex, std::size_t> at;
  for (const auto& g : grid.dies) {
    at[g.index] = stack.dies.size();
    stack.dies.push_back({g.index, 0, 0});
  }
  for (const auto& w : wafers) {
    ++stack.wafers;
    for (const auto& d : w.dies) {
      const fab::wafer::DieIndex index{d.x, d.y};
      auto [it, added] = at.emplace(index, stack.dies.size());
      if (added) stack.dies.push_back({index, 0, 0});
      auto& s = stack.dies[it->second];
      ++s.tested;
      s.failed += d.pass ? 0 : 1;
    }
  }
  return stack;
}

std::shared_ptr<chart::WaferMapModel> toChartModel(const WaferStack& stack, const QString& title) {
  auto m = layoutModel(stack.layout, title);
  m->colouring = chart::WaferMapModel::Colouring::Heat;
  m->heatLabel = QObject::tr("fail frequency");
  for (std::size_t i = 0; i < stack.dies.size(); ++i) {
    const auto& s = stack.dies[i];
    chart::WaferMapModel::Die die;
    die.x = s.index.x;
    die.y = chartRow(stack.layout, s.index.y);
    die.tested = s.tested > 0;
    die.pass = s.failed == 0;
    die.value = s.tested > 0 ? s.frequency() : std::nan("");
    die.row = static_cast<std::int64_t>(i);
    m->dies.push_back(die);
  }
  return m;
}

QString dieHoverText(const defect::WaferMap& map, std::size_t row) {
  const auto& d = map.dies.at(row);
  QString text = QObject::tr("die (%1, %2)").arg(d.index.x).arg(d.index.y);
  if (d.bin)
    text +=
        "\n" +
        QObject::tr("bin %1 – %2").arg(*d.bin).arg(d.pass.value_or(false) ? QObject::tr("pass") : QObject::tr("fail"));
  else
    text += "\n" + QObject::tr("not tested");
  if (!d.inspected) text += "\n" + QObject::tr("not inspected (outside the KLARF SampleTestPlan)");
  int count = 0;
  for (const auto& f : map.defects) count += f.die == d.index ? 1 : 0;
  if (count > 0) text += "\n" + QObject::tr("%n defect(s)", nullptr, count);
  return text;
}

QString defectHoverText(const defect::WaferMap& map, std::size_t row) {
  const auto& d = map.defects.at(row);
  QString text = QObject::tr("defect %1 in die (%2, %3)\nsize %4 µm, class %5")
                     .arg(d.defectId)
                     .arg(d.die.x)
                     .arg(d.die.y)
                     .arg(d.sizeUm, 0, 'g', 4)
                     .arg(d.defectClass);
  if (d.cluster >= 0) text += "\n" + QObject::tr("cluster %1").arg(d.cluster + 1);
  return text + "\n" + QObject::tr("at (%1, %2) mm").arg(d.view.x / 1000, 0, 'f', 2).arg(d.view.y / 1000, 0, 'f', 2);
}

QString stackHoverText(const WaferStack& stack, std::size_t row) {
  const auto& s = stack.dies.at(row);
  QString text = QObject::tr("die (%1, %2)").arg(s.index.x).arg(s.index.y);
  if (s.tested == 0) return text + "\n" + QObject::tr("not tested");
  return text + "\n" +
         QObject::tr("failed on %1 of %2 wafers (%3 %)")
             .arg(s.failed)
             .arg(s.tested)
             .arg(100 * s.frequency(), 0, 'f', 1);
}

}  // namespace fab::ui::wafer

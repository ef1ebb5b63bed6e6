#include "ui/views/overlay/overlay_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "core/overlay/overlay_sites.h"
#include "core/store/database.h"
#include "core/store/dies.h"
#include "ui/chart/chart_widget.h"
#include "ui/chart/vector_map_painter.h"
#include "ui/jobs/job_runner.h"
#include "ui/number_text.h"

namespace fab::ui::overlay {
namespace {

chart::WaferMapModel::Notch notchOf(const QString& notch) {
  if (notch == "up") return chart::WaferMapModel::Notch::Up;
  if (notch == "left") return chart::WaferMapModel::Notch::Left;
  if (notch == "right") return chart::WaferMapModel::Notch::Right;
  return chart::WaferMapModel::Notch::Down;
}

enum class Which { Measured, Model, Residual };

std::shared_ptr<chart::VectorMapModel> vectorMap(const OverlayViewData& d, Which which, double mmPerUnit) {
  auto m = std::make_shared<chart::VectorMapModel>();
  m->title = which == Which::Measured ? QObject::tr("Measured") : which == Which::Model ? QObject::tr("Model")
                                                                                        : QObject::tr("Residual");
  m->diameterMm = d.diameterMm;
  m->edgeExclusionMm = d.edgeExclusionMm;
  m->notch = notchOf(d.notch);
  m->color = which == Which::Residual ? QColor(214, 39, 40) : which == Which::Model ? QColor(44, 160, 44)
                                                                                    : QColor(31, 119, 180);
  m->mmPerUnit = mmPerUnit;
  std::int64_t row = 0;
  for (const auto& s : d.fit.residuals) {
    const double dx = which == Which::Measured ? s.dx : which == Which::Model ? s.modelDx : s.residualDx;
    const double dy = which == Which::Measured ? s.dy : which == Which::Model ? s.modelDy : s.residualDy;
    m->arrows.push_back({s.x, s.y, dx, dy, row++});
  }
  return m;
}


}  // namespace

OverlayView::OverlayView(const QString& workspacePath, const QString& lot, QWidget* parent)
    : QWidget(parent),
      path_(workspacePath),
      lot_(lot),
      wafer_(new QComboBox),
      order_(new QComboBox),
      intrafield_(new QCheckBox(tr("intrafield terms"))),
      status_(new QLabel),
      measured_(new chart::ChartWidget),
      model_(new chart::ChartWidget),
      residual_(new chart::ChartWidget),
      terms_(new QTableWidget(0, 4)),
      runner_(new JobRunner(this, WhenBusy::LatestWins)) {
  wafer_->addItem(tr("all wafers of the lot"), -1);
  order_->addItem(tr("linear (10 terms)"), 1);
  order_->addItem(tr("wafer order 2"), 2);
  order_->addItem(tr("wafer order 3"), 3);
  intrafield_->setChecked(true);
  status_->setWordWrap(true);
  auto* controls = new QHBoxLayout;
  controls->addWidget(new QLabel(tr("Fit")));
  controls->addWidget(wafer_);
  controls->addWidget(order_);
  controls->addWidget(intrafield_);
  controls->addStretch(1);

  auto* maps = new QHBoxLayout;
  for (auto* w : {measured_, model_, residual_}) {
    w->setMinimumSize(220, 220);
    maps->addWidget(w, 1);
  }
  auto* mapArea = new QWidget;
  mapArea->setLayout(maps);
  terms_->setHorizontalHeaderLabels({tr("term"), tr("value"), tr("standard error"), tr("unit")});
  terms_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  terms_->horizontalHeader()->setStretchLastSection(true);
  terms_->verticalHeader()->hide();
  terms_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  auto* splitter = new QSplitter(Qt::Vertical);
  splitter->addWidget(mapArea);
  splitter->addWidget(terms_);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 2);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(controls);
  layout->addWidget(status_);
  layout->addWidget(splitter, 1);
  for (auto* combo : {wafer_, order_})
    connect(combo, &QComboBox::currentIndexChanged, this, [this] { fit(); });
  connect(intrafield_, &QCheckBox::toggled, this, [this] { fit(); });
  fit();
}

void OverlayView::fit() {
  status_->setText(tr("Fitting the overlay model of lot %1…").arg(lot_));
  const std::string path = path_.toStdString(), lot = lot_.toStdString();
  const int wafer = wafer_->currentData().toInt();
  fab::overlay::OverlayOptions options;
  options.waferOrder = order_->currentData().toInt();
  options.intrafield = intrafield_->isChecked();
  runner_->start<OverlayViewData>(
      tr("Fitting the overlay model"),
      [path, lot, wafer, options](const Feedback&) {
        store::Database db(path, store::Database::Mode::ReadOnly);
        fab::overlay::OverlaySiteRequest request;
        request.lot = lot;
        request.fieldPositions = options.intrafield;
        const auto all = fab::overlay::loadOverlaySites(db, request);
        OverlayViewData d;
        for (int w : all.wafer)
          if (std::find(d.wafers.begin(), d.wafers.end(), w) == d.wafers.end()) d.wafers.push_back(w);
        std::vector<fab::overlay::OverlaySite> sites;
        for (std::size_t i = 0; i < all.sites.size(); ++i)
          if (wafer < 0 || all.wafer[i] == wafer) sites.push_back(all.sites[i]);
        d.fit = fab::overlay::fitOverlay(sites, options);
        d.fit.notes.insert(d.fit.notes.begin(), all.notes.begin(), all.notes.end());
        if (const auto product = store::loadProduct(db, all.product)) {
          d.diameterMm = product->waferDiameterMm;
          d.edgeExclusionMm = product->edgeExclusionMm;
          d.notch = QString::fromStdString(product->notch);
        }
        d.description = QObject::tr("lot %1, %2: %3 sites, product %4")
                            .arg(QString::fromStdString(lot),
                                 wafer < 0 ? QObject::tr("all wafers") : QObject::tr("wafer %1").arg(wafer))
                            .arg(d.fit.sites)
                            .arg(QString::fromStdString(all.product));
        if (all.field)
          d.description += QObject::tr(", fields %1 × %2 mm")
                               .arg(all.field->widthMm, 0, 'f', 2)
                               .arg(all.field->heightMm, 0, 'f', 2);
        return d;
      },
      [this](JobOutcome<OverlayViewData> outcome) {
        if (outcome.value) {
          show(*outcome.value);
          data_ = std::move(outcome.value);
        } else if (!outcome.cancelled) {
          status_->setText(tr("Cannot fit the overlay model of lot %1: %2").arg(lot_, outcome.error));
        }
        emit fitted();
      });
}

void OverlayView::show(const OverlayViewData& d) {
  if (wafer_->count() == 1) {
    const QSignalBlocker block(wafer_);
    for (int w : d.wafers) wafer_->addItem(tr("wafer %1").arg(w), w);
  }
  const auto& f = d.fit;
  QString text = d.description + "<br>" +
                 tr("Residual |mean| + 3σ: x %1 nm, y %2 nm (σ̂ %3 and %4 nm, %5 degrees of freedom)")
                     .arg(significant(f.residualX.mean3Sigma, 3), significant(f.residualY.mean3Sigma, 3),
                          significant(f.residualX.sigmaModel, 3), significant(f.residualY.sigmaModel, 3))
                     .arg(f.residualX.dof);
  for (const auto& n : f.notes) text += "<br><i>" + QString::fromStdString(n).toHtmlEscaped() + "</i>";
  status_->setText(text);
  // One arrow scale for the three maps, so that their lengths compare.
  double longest = 0;
  for (const auto& s : f.residuals) longest = std::max(longest, std::hypot(s.dx, s.dy));
  const double mmPerUnit = longest > 0 ? 0.06 * d.diameterMm / longest : 1.0;
  measured_->setChart(std::make_shared<chart::VectorMapPainter>(vectorMap(d, Which::Measured, mmPerUnit)));
  model_->setChart(std::make_shared<chart::VectorMapPainter>(vectorMap(d, Which::Model, mmPerUnit)));
  residual_->setChart(std::make_shared<chart::VectorMapPainter>(vectorMap(d, Which::Residual, mmPerUnit)));

  std::vector<const fab::overlay::ModelTerm*> rows;
  for (const auto* list : {&f.dxTerms, &f.dyTerms, &f.derived})
    for (const auto& t : *list) rows.push_back(&t);
  terms_->setRowCount(static_cast<int>(rows.size()));
  for (int r = 0; r < terms_->rowCount(); ++r) {
    const auto& t = *rows[static_cast<std::size_t>(r)];
    const QStringList cells = {QString::fromStdString(t.name), significant(t.value), significant(t.standardError, 2),
                               QString::fromStdString(t.unit)};
    for (int c = 0; c < 4; ++c) {
      auto* item = new QTableWidgetItem(cells[c]);
      if (c == 1 || c == 2) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      terms_->setItem(r, c, item);
    }
  }
}

}  // namespace fab::ui::overlay

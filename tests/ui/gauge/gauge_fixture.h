#pragma once
// Shared helpers of the gauge view tests: a workspace holding the AIAG
// reference study, a constructed attribute study, and waiting for the view's
// worker-thread analysis.
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QThread>

#include <set>
#include <string>
#include <vector>

#include "core/msa/gauge_csv.h"
#include "core/msa/gauge_store.h"
#include "core/store/workspace.h"
#include "tests/support/temp_dir.h"
#include "ui/views/gauge/gauge_study_view.h"

namespace fab::test {

inline msa::GaugeStudy aiagStudy() {
  msa::GaugeCsvColumns c;
  c.part = "part";
  c.appraiser = "op";
  c.value = "y";
  c.trial = "trial";
  auto study = msa::readGaugeCsv(referenceFile("aiag_grr_long.csv"), c, msa::GaugeStudyKind::Variables);
  study.name = "AIAG MSA 4th ed.";
  return study;
}

/// 3 appraisers × 2 trials × 12 parts rated pass/fail against a standard.
/// Appraiser A agrees with the standard always; B misses part 3 in trial 2;
/// C rates parts 1, 5 and 9 opposite to the standard in both trials and
/// part 7 differently in each trial.
inline msa::GaugeStudy attributeStudy() {
  msa::GaugeStudy s;
  s.name = "Visual inspection";
  s.kind = msa::GaugeStudyKind::Attribute;
  auto standard = [](int part) { return part % 3 == 0 ? std::string("fail") : std::string("pass"); };
  auto flip = [](const std::string& v) { return v == "pass" ? std::string("fail") : std::string("pass"); };
  for (const std::string a : {"A", "B", "C"})
    for (int t = 1; t <= 2; ++t)
      for (int p = 1; p <= 12; ++p) {
        std::string rating = standard(p);
        if (a == "B" && p == 3 && t == 2) rating = flip(rating);
        if (a == "C" && (p == 1 || p == 5 || p == 9)) rating = flip(rating);
        if (a == "C" && p == 7 && t == 2) rating = flip(rating);
        s.ratings.push_back({"P" + std::to_string(p), a, t, std::nullopt, rating, standard(p), 0});
      }
  return s;
}

/// A workspace in `dir` holding `studies`; returns its path.
inline QString workspaceWith(const TempDir& dir, const std::vector<msa::GaugeStudy>& studies) {
  const std::string path = dir.path("gauge.fabdb");
  auto ws = store::Workspace::openOrCreate(path);
  for (const auto& s : studies) msa::saveGaugeStudy(ws.db(), s);
  return QString::fromStdString(path);
}

/// Processes events until the view has shown an analysis of its current ratings.
inline bool waitForAnalysis(const ui::gauge::GaugeStudyView& view, int timeoutMs = 30000) {
  QElapsedTimer timer;
  timer.start();
  while ((view.analyzing() || !view.analysis()) && timer.elapsed() < timeoutMs) {
    QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    QThread::msleep(5);
  }
  return !view.analyzing() && view.analysis();
}

/// Where the rendered views are written for a person to look at.
inline QString screenshotFolder() {
  const QString folder = QDir::temp().filePath("fabkit-gauge-view");
  QDir().mkpath(folder);
  return folder;
}

/// Distinct colours in an image (a blank or one-colour render has very few).
inline std::size_t colourCount(const QImage& image) {
  std::set<QRgb> colours;
  for (int y = 0; y < image.height(); y += 3)
    for (int x = 0; x < image.width(); x += 3) colours.insert(image.pixel(x, y));
  return colours.size();
}

}  // namespace fab::test

#include "app/cli/kaizen_evidence.h"

#include <iostream>

#include "app/cli/output.h"
#include "core/common/error.h"
#include "core/lean/kaizen_store.h"
#include "core/store/workspace.h"

namespace fab::cli {
namespace {

Json capabilityJson(const std::optional<spc::CapabilityResult>& c) {
  if (!c) return nullptr;
  const auto& i = c->cpk.available ? c->cpk : (c->cpl.available ? c->cpl : c->cpu);
  return {{"index", c->cpk.available ? "Cpk" : (c->cpl.available ? "Cpl" : "Cpu")},
          {"value", number(i.value)},
          {"lower", number(i.lower)},
          {"upper", number(i.upper)},
          {"n", c->n},
          {"unit", "wafer means"},
          {"sigma_within", number(c->sigmaWithin)}};
}

/// Centre and limits of each phase of the phase-split individuals chart, and its points beyond them.
Json phaseJson(const lean::KaizenEvidence& e, std::size_t phase) {
  const auto& chart = e.phaseChart;
  if (phase >= chart.phases.size() || chart.panels.empty()) return nullptr;
  const auto& p = chart.phases[phase];
  Json j = {{"label", p.label},
            {"first_point", p.first + 1},
            {"points", p.last - p.first},
            {"center", number(p.estimate.center)},
            {"sigma", number(p.estimate.sigma)}};
  for (const auto& s : chart.panels[0].limits)
    if (s.first >= p.first && s.first < p.last) {
      j["lcl"] = number(s.lcl);
      j["ucl"] = number(s.ucl);
      break;
    }
  const auto& ooc = phase == 0 ? e.outOfControlBefore : e.outOfControlAfter;
  j["beyond_limits"] = ooc.beyond;
  j["out_of_control_rate"] = number(ooc.rate);
  return j;
}

Json fitJson(const kalman::InterventionFit& f) {
  return {{"model", kalman::levelModelName(f.model)},
          {"effect", number(f.effect)},
          {"se", number(f.standardError)},
          {"z", number(f.z)},
          {"p", number(f.pValue)},
          {"ci_low", number(f.lower)},
          {"ci_high", number(f.upper)},
          {"var_eps", number(f.observationVariance)},
          {"var_eta", number(f.levelVariance)},
          {"phi", number(f.phi)},
          {"log_likelihood", number(f.logLikelihood)},
          {"aic", number(f.aic)},
          {"converged", f.converged},
          {"warnings", f.warnings}};
}

/// The chosen (lower-AIC) intervention fit at the top level, every fit under "fits".
Json kalmanJson(const lean::KaizenEvidence& e) {
  if (!e.kalman) return {{"error", e.kalmanNote}};
  const auto& k = *e.kalman;
  Json j = fitJson(k.best);
  j["about"] =
      "level-shift intervention in the state vector, exact diffuse start, parameters by maximum likelihood; "
      "the model (local level or AR(1) level) with the lower AIC is chosen";
  j["step_point"] = k.step + 1;
  j["confidence"] = k.confidence;
  Json fits = Json::array();
  for (const auto& f : k.fits) fits.push_back(fitJson(f));
  j["fits"] = fits;
  j["notes"] = k.notes;
  return j;
}

}  // namespace

int printEvidence(const Args& args, std::int64_t kaizenId) {
  auto ws = store::Workspace::open(args.value("workspace"));
  const auto k = lean::KaizenStore(ws.db()).get(kaizenId);
  const auto e = kaizenEvidence(ws.db(), k);
  if (!e) throw Error("kaizen " + std::to_string(kaizenId) + " has no SPC link: nothing to compute");
  const auto shift = e->recommendedShift();
  const std::string unit(lean::meanUnitName(e->units.kind));
  const std::string waferUnit(lean::meanUnitName(lean::MeanUnitKind::Wafer));
  if (args.json()) {
    Json kalmanJ = kalmanJson(*e);
    kalmanJ["unit"] = unit;
    printJson(
        {{"kaizen", kaizenId},
         {"parameter", k.link->parameter},
         {"intended", lean::directionName(k.link->intended)},
         {"split", e->splitBasis},
         {"before",
          {{"unit", waferUnit}, {"n", e->waferBefore.n}, {"mean", e->waferBefore.mean}, {"sd", e->waferBefore.sd}}},
         {"after",
          {{"unit", waferUnit}, {"n", e->waferAfter.n}, {"mean", e->waferAfter.mean}, {"sd", e->waferAfter.sd}}},
         {"mean_unit",
          {{"unit", unit},
           {"n_before", e->units.before.size()},
           {"n_after", e->units.after.size()},
           {"wafers_per_lot_min", e->units.minPerLot},
           {"wafers_per_lot_max", e->units.maxPerLot},
           {"split_lots", e->units.splitLots},
           {"note", e->units.note}}},
         {"welch",
          {{"unit", unit},
           {"n_before", e->mean.before.n},
           {"n_after", e->mean.after.n},
           {"mean_before", e->mean.before.mean},
           {"mean_after", e->mean.after.mean},
           {"sd_before", e->mean.before.sd},
           {"sd_after", e->mean.after.sd},
           {"difference", e->mean.difference},
           {"t", e->mean.t},
           {"df", e->mean.df},
           {"p", e->mean.pValue},
           {"ci_low", e->mean.ciLow},
           {"ci_high", e->mean.ciHigh},
           {"confidence", e->mean.confidence}}},
         {"brown_forsythe",
          {{"unit", waferUnit},
           {"f", e->spread.f},
           {"df1", e->spread.df1},
           {"df2", e->spread.df2},
           {"p", e->spread.pValue},
           {"sd_ratio", e->spread.ratio}}},
         {"kalman_intervention", kalmanJ},
         {"serial_correlation",
          {{"of", unit + " before the change, residuals from their mean"},
           {"unit", unit},
           {"n", e->serial.n},
           {"r1", number(e->serial.r1)},
           {"ljung_box_q", number(e->serial.q)},
           {"lags", e->serial.lags},
           {"p", number(e->serial.pValue)},
           {"autocorrelated", e->serial.autocorrelated}}},
         {"recommended", lean::meanEstimateName(e->recommended)},
         {"recommendation", e->recommendation},
         {"mean_shift",
          {{"method", lean::meanEstimateName(shift.method)},
           {"unit", unit},
           {"difference", number(shift.difference)},
           {"ci_low", number(shift.lower)},
           {"ci_high", number(shift.upper)},
           {"p", number(shift.pValue)}}},
         {"phase_chart",
          {{"chart", "individuals, limits per phase from MR-bar/d2"},
           {"unit", waferUnit},
           {"before", phaseJson(*e, 0)},
           {"after", phaseJson(*e, 1)}}},
         {"cpk_before", capabilityJson(e->capabilityBefore)},
         {"cpk_after", capabilityJson(e->capabilityAfter)},
         {"improvement_shown", e->improvementShown},
         {"verdict", e->verdict}});
    return 0;
  }
  std::cout << "kaizen " << kaizenId << ": " << k.title << "\n" << e->splitBasis << "\n\n";
  TextTable t({"wafer means", "n", "mean", "sd", "CL", "LCL", "UCL", "beyond limits"});
  for (std::size_t phase = 0; phase < 2; ++phase) {
    const Json p = phaseJson(*e, phase);
    const auto& s = phase == 0 ? e->waferBefore : e->waferAfter;
    auto cell = [&](const char* key) {
      return p.is_null() || p[key].is_null() ? std::string() : fmt(p[key].get<double>());
    };
    const auto& ooc = phase == 0 ? e->outOfControlBefore : e->outOfControlAfter;
    t.add({phase == 0 ? "before" : "after", std::to_string(s.n), fmt(s.mean), fmt(s.sd), cell("center"), cell("lcl"),
           cell("ucl"), std::to_string(ooc.beyond) + " (" + fmt(100 * ooc.rate, 1) + " %)"});
  }
  t.print();
  if (!e->units.note.empty()) std::cout << "\n" << e->units.note;
  if (e->units.kind == lean::MeanUnitKind::Lot)
    std::cout << "\nlot means: before n = " << e->mean.before.n << ", mean " << fmt(e->mean.before.mean) << ", sd "
              << fmt(e->mean.before.sd) << "; after n = " << e->mean.after.n << ", mean " << fmt(e->mean.after.mean)
              << ", sd " << fmt(e->mean.after.sd);
  std::cout << "\nmean difference (" << unit << ") " << fmt(e->mean.difference) << " [" << fmt(e->mean.ciLow) << ", "
            << fmt(e->mean.ciHigh) << "] (95 %), Welch t = " << fmt(e->mean.t, 3) << ", df = " << fmt(e->mean.df, 1)
            << ", p = " << fmt(e->mean.pValue, 5);
  if (e->kalman)
    for (const auto& f : e->kalman->fits)
      std::cout << "\nKalman intervention step (" << unit << ", " << kalman::levelModelName(f.model) << ") "
                << fmt(f.effect) << " [" << fmt(f.lower) << ", " << fmt(f.upper) << "], SE " << fmt(f.standardError)
                << ", z = " << fmt(f.z, 3) << ", p = " << fmt(f.pValue, 5) << ", AIC " << fmt(f.aic, 5)
                << (f.model == e->kalman->best.model ? " (chosen: lower AIC)" : "");
  else
    std::cout << "\nKalman intervention: " << e->kalmanNote;
  std::cout << "\nBrown–Forsythe (wafer means) F = " << fmt(e->spread.f, 3) << ", p = " << fmt(e->spread.pValue, 5)
            << "\n"
            << e->recommendation << "\n\n"
            << "intended " << lean::directionName(k.link->intended) << ": " << e->verdict << "\n";
  if (e->capabilityBefore)
    std::cout << "capability (wafer means, σ within from MR̄/d2): Cpk before " << fmt(e->capabilityBefore->cpk.value, 3)
              << ", after " << fmt(e->capabilityAfter->cpk.value, 3) << "\n";
  return 0;
}

}  // namespace fab::cli

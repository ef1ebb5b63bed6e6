#include "core/lean/kaizen_evidence.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include "core/common/error.h"
#include "core/io/field_parse.h"
#include "core/store/measurements.h"

namespace fab::lean {

// Tool/chamber filters keep only lots processed there.
EvidenceInput loadEvidenceInput(store::Database& db, const SpcLink& link) {
  store::MeasurementFilter filter;
  filter.product = link.product;
  const auto series = store::loadMeasurements(db, link.parameter, filter);
  std::map<std::string, std::int64_t> trackIn;  // lot → when it ran the step on the named tool/chamber
  if (!link.step.empty()) {
    for (const auto& p : store::processAtStep(db, link.step)) {
      if (!link.tool.empty() && p.processTool != link.tool) continue;
      if (!link.chamber.empty() && p.chamber != link.chamber) continue;
      trackIn.emplace(p.lot, p.trackIn);
    }
    if (trackIn.empty())
      throw Error("no lot ran step " + link.step + (link.tool.empty() ? "" : " on " + link.tool) +
                  (link.chamber.empty() ? "" : " chamber " + link.chamber) + " in the workspace's lot history");
  }
  struct Acc {
    double sum = 0;
    int n = 0;
    bool after = false;
    std::int64_t firstTime = 0;
  };
  std::map<std::pair<std::string, int>, Acc> wafers;  // (lot, wafer) → its values
  for (std::size_t i = 0; i < series.size(); ++i) {
    if (std::isnan(series.value[i])) continue;
    bool after;
    if (link.step.empty()) {
      if (!series.time[i]) continue;
      after = series.time[i] >= link.changeTime;
    } else {
      auto it = trackIn.find(series.lot[i]);
      if (it == trackIn.end()) continue;
      after = it->second >= link.changeTime;
    }
    auto& a = wafers[{series.lot[i], series.wafer[i]}];
    if (!a.n) a.firstTime = series.time[i];
    a.sum += series.value[i];
    ++a.n;
    a.after = after;
  }
  // Wafer means in time order (the moving range behind σ within needs it).
  using Entry = decltype(wafers)::value_type;
  std::vector<const Entry*> ordered;
  for (const auto& entry : wafers) ordered.push_back(&entry);
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const Entry* x, const Entry* y) { return x->second.firstTime < y->second.firstTime; });
  EvidenceInput input;
  for (const Entry* entry : ordered) {
    const Acc& a = entry->second;
    input.values.push_back(a.sum / a.n);
    input.after.push_back(a.after);
    input.lot.push_back(entry->first.first);
    input.wafer.push_back(entry->first.second);
    input.time.push_back(a.firstTime);
  }
  input.parameter = link.parameter;
  input.unit = series.unit;
  {
    // "2026-10-01" for a change at midnight, else "2026-10-01 14:30" (UTC).
    const std::string iso = io::formatTimestamp(link.changeTime);
    const std::string date = iso.substr(0, 10), time = iso.size() >= 16 ? iso.substr(11, 5) : "";
    input.changeLabel = time.empty() || time == "00:00" ? date : date + " " + time;
  }
  input.splitBasis = link.step.empty()
                         ? "wafer means split by measurement time at " + io::formatTimestamp(link.changeTime)
                         : "wafer means split by when each lot ran " + link.step +
                               (link.tool.empty() ? "" : " on " + link.tool) +
                               (link.chamber.empty() ? "" : "/" + link.chamber) + " (lot history), at " +
                               io::formatTimestamp(link.changeTime);
  return input;
}

std::optional<LinkedEvidence> linkedEvidence(store::Database& db, const Kaizen& k) {
  if (!k.link) return std::nullopt;
  EvidenceOptions options;
  options.intended = k.link->intended;
  if (const auto spec = store::specInForce(db, k.link->parameter, k.link->product)) {
    options.spec.lsl = spec->lsl;
    options.spec.target = spec->target;
    options.spec.usl = spec->usl;
  }
  LinkedEvidence out;
  out.input = loadEvidenceInput(db, *k.link);
  out.evidence = computeEvidence(out.input, options);
  return out;
}

std::optional<KaizenEvidence> kaizenEvidence(store::Database& db, const Kaizen& k) {
  auto linked = linkedEvidence(db, k);
  if (!linked) return std::nullopt;
  return std::move(linked->evidence);
}

EvidenceGate evidenceGate(store::Database& db, const Kaizen& k) {
  EvidenceGate gate;
  try {
    if (auto e = kaizenEvidence(db, k)) {
      gate.computed = true;
      gate.improvementShown = e->improvementShown;
      gate.summary = e->verdict;
    }
  } catch (const Error& e) {
    gate.summary = std::string("evidence could not be computed: ") + e.what();
  }
  return gate;
}

}  // namespace fab::lean

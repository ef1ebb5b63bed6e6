#pragma once
// JSON and table pieces shared by the defect commands (cluster, wafer, killer).
#include <string>

#include "app/cli/output.h"
#include "core/defect/clustering.h"
#include "core/defect/kill_ratio.h"
#include "core/defect/signature.h"

namespace fab::cli {

inline Json featuresJson(const defect::SignatureFeatures& f) {
  return {{"count", f.count},
          {"fraction", number(f.fraction)},
          {"radial_mean", number(f.radialMean)},
          {"radial_sd", number(f.radialSd)},
          {"radial_min", number(f.radialMin)},
          {"radial_max", number(f.radialMax)},
          {"centroid_radius", number(f.centroidRadius)},
          {"angular_span_deg", number(f.angularSpanDeg)},
          {"circular_spread", number(f.circularSpread)},
          {"elongation", number(f.elongation)},
          {"major_axis_deg", number(f.majorAxisDeg)},
          {"length_over_radius", number(f.lengthOverRadius)},
          {"area_fraction", number(f.areaFraction)},
          {"density_ratio", number(f.densityRatio)}};
}

inline Json signatureJson(const defect::Signature& s) {
  return {{"label", std::string(defect::signatureName(s.label))},
          {"reason", s.reason},
          {"features", featuresJson(s.features)}};
}

inline Json waferSignatureJson(const defect::WaferSignature& w) {
  Json j = signatureJson(w.overall);
  j["randomness"] = {{"test", "quadrat index of dispersion"},
                     {"dispersion", number(w.randomness.dispersion)},
                     {"quadrats", w.randomness.quadrats},
                     {"p_value", number(w.randomness.pValue)}};
  return j;
}

inline Json kSelectionJson(const defect::KSelection& s) {
  Json rows = Json::array();
  for (std::size_t i = 0; i < s.k.size(); ++i)
    rows.push_back({{"k", s.k[i]},
                    {"gap", number(s.gap[i])},
                    {"gap_se", number(s.gapSe[i])},
                    {"log_inertia", number(s.logInertia[i])},
                    {"silhouette", number(s.silhouette[i])}});
  return {{"chosen_k", s.gapK},          {"silhouette_k", s.silhouetteK}, {"cluster_structure", s.clusterStructure},
          {"sample_size", s.sampleSize}, {"message", s.message},          {"table", rows}};
}

/// One entry per cluster: label, size, centre and its signature.
inline Json clustersJson(const defect::Clustering& c, const defect::WaferSignature& w) {
  Json out = Json::array();
  for (std::size_t k = 0; k < c.sizes.size(); ++k) {
    Json e = {{"label", k}, {"size", c.sizes[k]}};
    if (k < c.centres.size()) e["centre"] = {{"x", number(c.centres[k].x)}, {"y", number(c.centres[k].y)}};
    if (k < w.clusters.size()) e["signature"] = signatureJson(w.clusters[k]);
    out.push_back(e);
  }
  return out;
}

inline void printClusterTable(const defect::Clustering& c, const defect::WaferSignature& w) {
  TextTable t({"cluster", "size", "centre x", "centre y", "signature", "why"});
  for (std::size_t k = 0; k < c.sizes.size(); ++k)
    t.add({std::to_string(k), std::to_string(c.sizes[k]), k < c.centres.size() ? fmt(c.centres[k].x, 1) : "",
           k < c.centres.size() ? fmt(c.centres[k].y, 1) : "",
           k < w.clusters.size() ? std::string(defect::signatureName(w.clusters[k].label)) : "",
           k < w.clusters.size() ? w.clusters[k].reason : ""});
  t.print();
}

inline Json killRatioJson(const defect::KillRatio& k) {
  return {{"group", k.group},
          {"defective_dies", k.defectiveDies},
          {"defective_pass", k.defectivePass},
          {"clean_dies", k.cleanDies},
          {"clean_pass", k.cleanPass},
          {"yd", number(k.yd)},
          {"yc", number(k.yc)},
          {"kill_ratio", number(k.kr)},
          {"kill_ratio_low", number(k.krLow)},
          {"kill_ratio_high", number(k.krHigh)},
          {"yd_low", number(k.ydLow)},
          {"yd_high", number(k.ydHigh)},
          {"yc_low", number(k.ycLow)},
          {"yc_high", number(k.ycHigh)},
          {"note", k.note}};
}

}  // namespace fab::cli

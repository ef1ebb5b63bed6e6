#pragma once
// Gauge studies in the workspace (tables gauge_study and gauge_rating,
// data/schema/003_gauge.sql). The store loads and saves; analyses never read
// the database themselves.
#include <cstdint>
#include <string>
#include <vector>

#include "core/msa/gauge_study.h"
#include "core/store/database.h"

namespace fab::msa {

struct GaugeStudyInfo {
  std::int64_t id = 0;
  std::string name;
  GaugeStudyKind kind = GaugeStudyKind::Attribute;
  std::int64_t created = 0;  ///< ms since 1970 UTC
  std::int64_t ratings = 0;
  std::int64_t parts = 0;
  std::int64_t appraisers = 0;
  std::string source;
};

/// Saves the study in one transaction and returns its id. Throws fab::Error,
/// saving nothing, for an empty name, no ratings, the same part/appraiser/trial
/// twice, or a name already taken (unless `replace`, which swaps the old study
/// for the new one atomically).
std::int64_t saveGaugeStudy(store::Database& db, const GaugeStudy& study, bool replace = false);

/// Loads a study by name, ratings in their saved order; throws fab::Error
/// listing the studies present when there is none by that name.
GaugeStudy loadGaugeStudy(store::Database& db, const std::string& name);

std::vector<GaugeStudyInfo> listGaugeStudies(store::Database& db);

/// Deletes a study and its ratings; false when there was none by that name.
bool deleteGaugeStudy(store::Database& db, const std::string& name);

}  // namespace fab::msa

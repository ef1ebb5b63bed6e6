#include "core/msa/gauge_store.h"

#include <map>
#include <tuple>

#include "core/common/error.h"
#include "core/io/field_parse.h"
#include "core/store/workspace.h"

namespace fab::msa {
namespace {

void checkStudy(const GaugeStudy& study) {
  if (io::trim(study.name).empty()) throw Error("a gauge study needs a name");
  if (study.ratings.empty()) throw Error("gauge study '" + study.name + "' has no ratings to save");
  std::map<std::tuple<std::string, std::string, int>, std::size_t> seen;
  for (const auto& r : study.ratings) {
    if (r.part.empty() || r.appraiser.empty())
      throw Error("gauge study '" + study.name + "', line " + std::to_string(r.row) +
                  ": part and appraiser are required");
    if (r.trial < 1)
      throw Error("gauge study '" + study.name + "', line " + std::to_string(r.row) + ": trials start at 1");
    auto [it, inserted] = seen.emplace(std::tuple(r.part, r.appraiser, r.trial), r.row);
    if (!inserted)
      throw Error("gauge study '" + study.name + "': part '" + r.part + "', appraiser '" + r.appraiser + "', trial " +
                  std::to_string(r.trial) + " appears twice (lines " + std::to_string(it->second) + " and " +
                  std::to_string(r.row) + ")");
  }
}

template <typename T>
std::optional<T> nonEmpty(const std::string& text) {
  return text.empty() ? std::nullopt : std::optional<T>(text);
}

}  // namespace

std::int64_t saveGaugeStudy(store::Database& db, const GaugeStudy& study, bool replace) {
  checkStudy(study);
  store::Transaction tx(db);
  {
    auto existing = db.prepare("SELECT id FROM gauge_study WHERE name = ?");
    existing.bind(1, study.name);
    if (existing.step()) {
      if (!replace)
        throw Error("the workspace already has a gauge study named '" + study.name +
                    "': choose another name or replace it");
      db.prepare("DELETE FROM gauge_study WHERE id = ?").bind(1, existing.integer(0)).run();
    }
  }
  db.prepare(
        "INSERT INTO gauge_study(name, kind, tolerance, unit, description, source, created) VALUES (?, ?, ?, ?, ?, ?, "
        "?)")
      .bind(1, study.name)
      .bind(2, toString(study.kind))
      .bind(3, study.tolerance)
      .bind(4, nonEmpty<std::string>(study.unit))
      .bind(5, study.description)
      .bind(6, nonEmpty<std::string>(study.source))
      .bind(7, store::nowMs())
      .run();
  const std::int64_t id = db.lastInsertId();
  auto insert = db.prepare(
      "INSERT INTO gauge_rating(study_id, position, part, appraiser, trial, value, category, reference, source_line) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < study.ratings.size(); ++i) {
    const auto& r = study.ratings[i];
    insert.bind(1, id)
        .bind(2, static_cast<std::int64_t>(i))
        .bind(3, r.part)
        .bind(4, r.appraiser)
        .bind(5, r.trial)
        .bind(6, r.value)
        .bind(7, nonEmpty<std::string>(r.category))
        .bind(8, nonEmpty<std::string>(r.reference));
    if (r.row > 0)
      insert.bind(9, static_cast<std::int64_t>(r.row));
    else
      insert.bindNull(9);
    insert.run();
  }
  tx.commit();
  return id;
}

std::vector<GaugeStudyInfo> listGaugeStudies(store::Database& db) {
  auto q = db.prepare(
      "SELECT s.id, s.name, s.kind, s.created, coalesce(s.source, ''), count(r.position), "
      "count(DISTINCT r.part), count(DISTINCT r.appraiser) "
      "FROM gauge_study s LEFT JOIN gauge_rating r ON r.study_id = s.id GROUP BY s.id ORDER BY s.name");
  std::vector<GaugeStudyInfo> out;
  while (q.step())
    out.push_back({q.integer(0), q.text(1), parseGaugeStudyKind(q.textView(2)), q.integer(3), q.integer(5),
                   q.integer(6), q.integer(7), q.text(4)});
  return out;
}

GaugeStudy loadGaugeStudy(store::Database& db, const std::string& name) {
  auto head = db.prepare(
      "SELECT id, kind, tolerance, coalesce(unit, ''), description, coalesce(source, '') FROM gauge_study WHERE name = "
      "?");
  head.bind(1, name);
  if (!head.step()) {
    std::string present;
    for (const auto& s : listGaugeStudies(db)) present += (present.empty() ? "" : ", ") + s.name;
    throw Error("the workspace has no gauge study named '" + name + "'" +
                (present.empty() ? std::string(" (it has none)") : " (studies: " + present + ")"));
  }
  GaugeStudy study;
  study.name = name;
  const std::int64_t id = head.integer(0);
  study.kind = parseGaugeStudyKind(head.textView(1));
  study.tolerance = head.optionalReal(2);
  study.unit = head.text(3);
  study.description = head.text(4);
  study.source = head.text(5);
  auto q = db.prepare(
      "SELECT part, appraiser, trial, value, coalesce(category, ''), coalesce(reference, ''), coalesce(source_line, 0) "
      "FROM gauge_rating WHERE study_id = ? ORDER BY position");
  q.bind(1, id);
  while (q.step()) {
    GaugeRating r;
    r.part = q.text(0);
    r.appraiser = q.text(1);
    r.trial = static_cast<int>(q.integer(2));
    r.value = q.optionalReal(3);
    r.category = q.text(4);
    r.reference = q.text(5);
    r.row = static_cast<std::size_t>(q.integer(6));
    study.ratings.push_back(std::move(r));
  }
  return study;
}

bool deleteGaugeStudy(store::Database& db, const std::string& name) {
  store::Transaction tx(db);
  db.prepare("DELETE FROM gauge_study WHERE name = ?").bind(1, name).run();
  const bool deleted = db.changes() > 0;
  tx.commit();
  return deleted;
}

}  // namespace fab::msa

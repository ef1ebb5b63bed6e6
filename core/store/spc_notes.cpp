#include "core/store/spc_notes.h"

#include <map>

#include "core/common/error.h"
#include "core/store/change_notice.h"
#include "core/store/workspace.h"

namespace fab::store {

std::int64_t addPointNote(Database& db, const PointNote& n) {
  if (n.who.empty()) throw Error("a point note needs the name of who writes it");
  if (n.parameter.empty() || n.pointKey.empty()) throw Error("a point note needs the parameter and the point");
  if (n.cause.empty() && (n.excluded || n.rule))
    throw Error("excluding or acknowledging a point needs a cause (what happened to it)");
  std::optional<std::int64_t> rule;
  if (n.rule) rule = *n.rule;
  Transaction tx(db);
  db.prepare(
        "INSERT INTO point_note(parameter, point_key, rule, excluded, cause, comment, who, noted_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, n.parameter)
      .bind(2, n.pointKey)
      .bind(3, rule)
      .bind(4, n.excluded ? 1 : 0)
      .bind(5, n.cause)
      .bind(6, n.comment)
      .bind(7, n.who)
      .bind(8, n.at ? n.at : nowMs())
      .run();
  const auto id = db.lastInsertId();
  announceChange(db, "notes", id, n.pointKey, n.parameter);
  tx.commit();
  return id;
}

std::vector<PointNote> pointNotes(Database& db, const std::string& parameter) {
  auto q = db.prepare(
      "SELECT id, parameter, point_key, rule, excluded, cause, comment, who, noted_at FROM point_note "
      "WHERE parameter = ? ORDER BY noted_at, id");
  q.bind(1, parameter);
  std::vector<PointNote> out;
  while (q.step()) {
    PointNote n;
    n.id = q.integer(0);
    n.parameter = q.text(1);
    n.pointKey = q.text(2);
    if (auto r = q.optionalInteger(3)) n.rule = static_cast<int>(*r);
    n.excluded = q.integer(4) != 0;
    n.cause = q.text(5);
    n.comment = q.text(6);
    n.who = q.text(7);
    n.at = q.integer(8);
    out.push_back(std::move(n));
  }
  return out;
}

std::vector<std::string> excludedPointKeys(Database& db, const std::string& parameter) {
  std::map<std::string, bool> latest;
  for (const auto& n : pointNotes(db, parameter))
    if (!n.rule) latest[n.pointKey] = n.excluded;
  std::vector<std::string> out;
  for (const auto& [key, excluded] : latest)
    if (excluded) out.push_back(key);
  return out;
}

}  // namespace fab::store

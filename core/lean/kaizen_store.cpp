#include "core/lean/kaizen_store.h"

#include <cmath>
#include <cstdio>
#include <utility>

#include "core/common/error.h"
#include "core/io/field_parse.h"
#include "core/store/change_notice.h"

namespace fab::lean {
namespace {

constexpr const char* kColumns =
    "id, type, title, area, submitter, owner, team, submitted, start, due, closed, stage, problem, current_condition, "
    "target, root_cause, hard_savings, soft_savings, lessons, spc_parameter, spc_step, spc_tool, spc_chamber, "
    "spc_product, change_time, intended, coalesce(evidence_override, '')";

std::string optionalTime(const std::optional<std::int64_t>& t) { return t ? io::formatTimestamp(*t) : ""; }
std::string money(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.2f", v);
  return b;
}

/// Every field as text, for the edit history.
std::vector<std::pair<std::string, std::string>> fields(const Kaizen& k) {
  std::vector<std::pair<std::string, std::string>> f = {
      {"type", std::string(typeName(k.type))}, {"title", k.title}, {"area", k.area}, {"submitter", k.submitter},
      {"owner", k.owner}, {"team", k.team}, {"start", optionalTime(k.start)}, {"due", optionalTime(k.due)},
      {"closed", optionalTime(k.closed)}, {"stage", std::string(stageName(k.stage))}, {"problem", k.problem},
      {"current_condition", k.currentCondition}, {"target", k.target}, {"root_cause", k.rootCause},
      {"hard_savings", money(k.hardSavings)}, {"soft_savings", money(k.softSavings)}, {"lessons", k.lessons},
      {"evidence_override", k.evidenceOverride}};
  std::string link, actions;
  if (k.link)
    link = k.link->parameter + " step=" + k.link->step + " tool=" + k.link->tool + " chamber=" + k.link->chamber +
           " product=" + k.link->product + " change=" + io::formatTimestamp(k.link->changeTime) +
           " intended=" + std::string(directionName(k.link->intended));
  for (const auto& a : k.actions)
    actions += (actions.empty() ? "" : "; ") + a.what + " (" + a.owner + ", due " + optionalTime(a.due) + (a.done ? ", done)" : ")");
  f.emplace_back("spc_link", link);
  f.emplace_back("actions", actions);
  return f;
}

void bindKaizen(store::Statement& q, const Kaizen& k) {
  auto opt = [](const std::string& s) { return s.empty() ? std::nullopt : std::optional<std::string>(s); };
  q.bind(1, typeName(k.type)).bind(2, k.title).bind(3, k.area).bind(4, k.submitter).bind(5, k.owner).bind(6, k.team);
  q.bind(7, k.submitted).bind(8, k.start).bind(9, k.due).bind(10, k.closed).bind(11, stageName(k.stage));
  q.bind(12, k.problem).bind(13, k.currentCondition).bind(14, k.target).bind(15, k.rootCause);
  q.bind(16, k.hardSavings).bind(17, k.softSavings).bind(18, k.lessons);
  if (k.link) {
    q.bind(19, k.link->parameter).bind(20, opt(k.link->step)).bind(21, opt(k.link->tool)).bind(22, opt(k.link->chamber));
    q.bind(23, opt(k.link->product)).bind(24, k.link->changeTime).bind(25, directionName(k.link->intended));
  } else {
    for (int i = 19; i <= 25; ++i) q.bindNull(i);
  }
  q.bind(26, opt(k.evidenceOverride));
}

Kaizen readKaizen(store::Statement& q) {
  Kaizen k;
  k.id = q.integer(0);
  k.type = typeFromName(q.textView(1));
  k.title = q.text(2);
  k.area = q.text(3);
  k.submitter = q.text(4);
  k.owner = q.text(5);
  k.team = q.text(6);
  k.submitted = q.integer(7);
  k.start = q.optionalInteger(8);
  k.due = q.optionalInteger(9);
  k.closed = q.optionalInteger(10);
  k.stage = stageFromName(q.textView(11));
  k.problem = q.text(12);
  k.currentCondition = q.text(13);
  k.target = q.text(14);
  k.rootCause = q.text(15);
  k.hardSavings = q.real(16);
  k.softSavings = q.real(17);
  k.lessons = q.text(18);
  if (!q.isNull(19)) {
    SpcLink link;
    link.parameter = q.text(19);
    link.step = q.text(20);
    link.tool = q.text(21);
    link.chamber = q.text(22);
    link.product = q.text(23);
    link.changeTime = q.integer(24);
    link.intended = directionFromName(q.textView(25));
    k.link = link;
  }
  k.evidenceOverride = q.text(26);
  return k;
}

}  // namespace

std::int64_t KaizenStore::add(Kaizen& k, const std::string& who, std::int64_t time) {
  if (k.title.empty()) throw Error("a kaizen needs a title");
  if (k.link && k.link->parameter.empty()) throw Error("an SPC link needs a parameter");
  store::Transaction tx(db_);
  auto q = db_.prepare(
      "INSERT INTO kaizen(type, title, area, submitter, owner, team, submitted, start, due, closed, stage, problem, "
      "current_condition, target, root_cause, hard_savings, soft_savings, lessons, spc_parameter, spc_step, spc_tool, "
      "spc_chamber, spc_product, change_time, intended, evidence_override) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  bindKaizen(q, k);
  q.run();
  k.id = db_.lastInsertId();
  writeActions(k);
  db_.prepare("INSERT INTO kaizen_edit(kaizen_id, who, time, field, old_value, new_value) VALUES (?, ?, ?, 'created', NULL, ?)")
      .bind(1, k.id).bind(2, who).bind(3, time).bind(4, k.title).run();
  store::announceChange(db_, "kaizen", k.id, stageName(k.stage), k.link ? k.link->parameter : std::string());
  tx.commit();
  return k.id;
}

void KaizenStore::writeActions(const Kaizen& k) {
  db_.prepare("DELETE FROM kaizen_action WHERE kaizen_id = ?").bind(1, k.id).run();
  auto insert = db_.prepare("INSERT INTO kaizen_action(kaizen_id, what, owner, due, done) VALUES (?, ?, ?, ?, ?)");
  for (const auto& a : k.actions) insert.bind(1, k.id).bind(2, a.what).bind(3, a.owner).bind(4, a.due).bind(5, std::int64_t{a.done}).run();
}

Kaizen KaizenStore::get(std::int64_t id) {
  auto q = db_.prepare(std::string("SELECT ") + kColumns + " FROM kaizen WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) throw Error("no kaizen " + std::to_string(id) + " in the workspace");
  Kaizen k = readKaizen(q);
  auto a = db_.prepare("SELECT id, what, owner, due, done FROM kaizen_action WHERE kaizen_id = ? ORDER BY id");
  a.bind(1, id);
  while (a.step()) k.actions.push_back({a.integer(0), a.text(1), a.text(2), a.optionalInteger(3), a.integer(4) != 0});
  return k;
}

std::vector<Kaizen> KaizenStore::list() {
  std::vector<std::int64_t> ids;
  auto q = db_.prepare("SELECT id FROM kaizen ORDER BY id");
  while (q.step()) ids.push_back(q.integer(0));
  std::vector<Kaizen> out;
  for (auto id : ids) out.push_back(get(id));
  return out;
}

int KaizenStore::update(const Kaizen& k, const std::string& who, std::int64_t time) {
  const Kaizen before = get(k.id);
  const auto oldFields = fields(before), newFields = fields(k);
  store::Transaction tx(db_);
  auto edit = db_.prepare("INSERT INTO kaizen_edit(kaizen_id, who, time, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)");
  int changed = 0;
  for (std::size_t i = 0; i < newFields.size(); ++i) {
    if (oldFields[i].second == newFields[i].second) continue;
    ++changed;
    edit.bind(1, k.id).bind(2, who).bind(3, time).bind(4, newFields[i].first).bind(5, oldFields[i].second).bind(6, newFields[i].second).run();
  }
  if (changed) {
    auto q = db_.prepare(
        "UPDATE kaizen SET type = ?, title = ?, area = ?, submitter = ?, owner = ?, team = ?, submitted = ?, start = ?, "
        "due = ?, closed = ?, stage = ?, problem = ?, current_condition = ?, target = ?, root_cause = ?, hard_savings = ?, "
        "soft_savings = ?, lessons = ?, spc_parameter = ?, spc_step = ?, spc_tool = ?, spc_chamber = ?, spc_product = ?, "
        "change_time = ?, intended = ?, evidence_override = ? WHERE id = ?");
    bindKaizen(q, k);
    q.bind(27, k.id).run();
    writeActions(k);
    store::announceChange(db_, "kaizen", k.id, stageName(k.stage), k.link ? k.link->parameter : std::string());
  }
  tx.commit();
  return changed;
}

std::vector<KaizenEdit> KaizenStore::history(std::int64_t id) {
  std::vector<KaizenEdit> out;
  auto q = db_.prepare(
      "SELECT who, time, field, coalesce(old_value, ''), coalesce(new_value, '') FROM kaizen_edit WHERE kaizen_id = ? "
      "ORDER BY time, rowid");
  q.bind(1, id);
  while (q.step()) out.push_back({q.text(0), q.integer(1), q.text(2), q.text(3), q.text(4)});
  return out;
}

}  // namespace fab::lean

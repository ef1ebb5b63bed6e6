#include "core/store/change_notice.h"

#include <nlohmann/json.hpp>

namespace fab::store {

void announceChange(Database& db, std::string_view what, std::int64_t id, std::string_view detail,
                    std::string_view parameter, std::string_view lot) {
  if (db.backend() != Database::Backend::PostgreSQL) return;
  // The payload is written by the server (json_build_object), so text from
  // the user is only ever bound, and the schema and user are the server's own.
  auto notify = db.prepare(
      "SELECT pg_notify('fabkit_changes', json_build_object('schema', current_schema(), 'user', current_user, "
      "'what', ?1::text, 'parameter', ?2::text, 'lot', ?3::text, 'id', ?4::bigint, 'detail', ?5::text)::text)");
  notify.bind(1, what).bind(2, parameter).bind(3, lot).bind(4, id).bind(5, detail);
  notify.step();
  notify.reset();
}

std::optional<WorkspaceChange> parseChangeNotice(std::string_view payload) {
  const auto json = nlohmann::json::parse(payload, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object() || !json.contains("what") || !json["what"].is_string()) return std::nullopt;
  const auto text = [&](const char* key) {
    const auto it = json.find(key);
    return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  WorkspaceChange change;
  change.what = text("what");
  change.parameter = text("parameter");
  change.lot = text("lot");
  change.detail = text("detail");
  change.user = text("user");
  change.schema = text("schema");
  if (const auto id = json.find("id"); id != json.end() && id->is_number_integer()) change.id = id->get<std::int64_t>();
  return change;
}

}  // namespace fab::store

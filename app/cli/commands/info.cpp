// fabkit-cli info: what a workspace holds.
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/output.h"
#include "core/io/field_parse.h"
#include "core/store/dies.h"
#include "core/store/measurements.h"
#include "core/store/workspace.h"

namespace fab::cli {
namespace {

int run(const Args& args) {
  auto ws = store::Workspace::open(args.value("workspace"));
  auto& db = ws.db();
  const auto parameters = store::listParameters(db);
  const auto lots = store::listLots(db);
  const auto products = store::listProducts(db);

  struct Batch {
    std::int64_t id, rowsOk, rowsRejected, rowsDuplicate;
    std::string source, kind, status, message, started;
  };
  std::vector<Batch> batches;
  {
    auto q = db.prepare(
        "SELECT id, source, kind, status, rows_ok, rows_rejected, rows_duplicate, coalesce(message, ''), started "
        "FROM import_batch ORDER BY id");
    while (q.step())
      batches.push_back({q.integer(0), q.integer(4), q.integer(5), q.integer(6), q.text(1), q.text(2), q.text(3), q.text(7),
                         io::formatTimestamp(q.integer(8))});
  }
  std::int64_t errors = 0;
  {
    auto q = db.prepare("SELECT count(*) FROM import_error");
    if (q.step()) errors = q.integer(0);
  }

  if (args.json()) {
    Json j = {{"workspace", ws.path()}, {"schema_version", ws.schemaVersion()}, {"import_errors", errors}};
    j["parameters"] = Json::array();
    for (const auto& p : parameters)
      j["parameters"].push_back({{"name", p.name}, {"unit", p.unit}, {"rows", p.rows}, {"missing", p.missing}, {"lots", p.lots}});
    j["lots"] = Json::array();
    for (const auto& l : lots)
      j["lots"].push_back({{"name", l.name}, {"product", l.product}, {"wafers", l.wafers}, {"measurements", l.measurements},
                           {"dies", l.dies}, {"defects", l.defects}});
    j["products"] = Json::array();
    for (const auto& p : products) j["products"].push_back(p.name);
    j["batches"] = Json::array();
    for (const auto& b : batches)
      j["batches"].push_back({{"id", b.id}, {"source", b.source}, {"kind", b.kind}, {"status", b.status}, {"started", b.started},
                              {"rows_ok", b.rowsOk}, {"rows_rejected", b.rowsRejected}, {"rows_duplicate", b.rowsDuplicate},
                              {"message", b.message}});
    printJson(j);
    return 0;
  }
  std::cout << ws.path() << " (schema " << ws.schemaVersion() << ")\n\nparameters\n";
  TextTable pt({"parameter", "unit", "rows", "missing", "lots"});
  for (const auto& p : parameters)
    pt.add({p.name, p.unit, std::to_string(p.rows), std::to_string(p.missing), std::to_string(p.lots)});
  pt.print();
  std::cout << "\nlots: " << lots.size() << "   products: " << products.size() << "   import errors kept: " << errors << "\n\nbatches\n";
  TextTable bt({"batch", "kind", "status", "rows", "rejected", "duplicate", "source"});
  for (const auto& b : batches)
    bt.add({std::to_string(b.id), b.kind, b.status, std::to_string(b.rowsOk), std::to_string(b.rowsRejected),
            std::to_string(b.rowsDuplicate), b.source});
  bt.print();
  return 0;
}

const Registration registration{Command{"info",
                                        "what a workspace holds: parameters, lots, products, import batches",
                                        "",
                                        "",
                                        {workspaceOption(), jsonOption()},
                                        run}};

}  // namespace
}  // namespace fab::cli

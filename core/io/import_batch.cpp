#include "core/io/import_batch.h"

#include "core/common/error.h"
#include "core/io/sha256.h"
#include "core/store/change_notice.h"

namespace fab::io {

std::string ImportProblem::describe(const std::string& file) const {
  std::string out = file + ":" + std::to_string(line);
  if (column) out += ":" + std::to_string(column);
  out += ": ";
  if (!columnName.empty()) out += "column '" + columnName + "': ";
  return out + message;
}

ImportBatch::ImportBatch(store::Workspace& ws, const std::string& path, const std::string& kind,
                         const BatchOptions& options)
    : ws_(ws), path_(path), options_(options) {
  report_.kind = kind;
  const std::string sha = sha256OfFile(path);
  if (!options.force) {
    auto q = ws.db().prepare("SELECT id, source FROM import_batch WHERE sha256 = ? AND status = 'ok' LIMIT 1");
    q.bind(1, sha);
    if (q.step())
      throw Error("'" + path + "' was already imported as batch " + std::to_string(q.integer(0)) + " (from '" +
                  q.text(1) + "', same SHA-256); use --force to import it again");
  }
  ws.db()
      .prepare("INSERT INTO import_batch(source, sha256, kind, started, status) VALUES (?, ?, ?, ?, 'running')")
      .bind(1, options.sourceLabel.empty() ? path : options.sourceLabel).bind(2, sha).bind(3, kind).bind(4, store::nowMs())
      .run();
  id_ = ws.db().lastInsertId();
  report_.batchId = id_;
  transaction_ = std::make_unique<store::Transaction>(ws.db());
  // Holds the batch's row for the whole import: on a server, a workspace opened
  // meanwhile sees the batch alive (store/workspace.cpp).
  ws.db().prepare("UPDATE import_batch SET status = 'running' WHERE id = ?").bind(1, id_).run();
}

ImportBatch::~ImportBatch() {
  if (!finished_) {
    try {
      abort("failed", "stopped by an unexpected error");
    } catch (...) {
    }
  }
}

void ImportBatch::reject(ImportProblem problem) {
  ++report_.rowsRejected;
  if (options_.skipBadRows) {
    // Stored with the batch, inside its transaction.
    recordProblems({problem});
  }
  if (report_.problems.size() < options_.maxProblemsListed) {
    report_.problems.push_back(std::move(problem));
  } else {
    ++report_.problemsNotListed;
  }
}

void ImportBatch::recordProblems(const std::vector<ImportProblem>& problems) {
  auto insert = ws_.db().prepare(
      "INSERT INTO import_error(batch_id, line, column_no, column_name, message, raw_text) VALUES (?, ?, ?, ?, ?, ?)");
  for (const auto& p : problems) {
    insert.bind(1, id_).bind(2, p.line);
    if (p.column) insert.bind(3, static_cast<std::int64_t>(p.column)); else insert.bindNull(3);
    insert.bind(4, p.columnName).bind(5, p.message).bind(6, p.rawText).run();
  }
}

void ImportBatch::closeBatch(const std::string& status, const std::string& message) {
  report_.status = status;
  report_.message = message;
  ws_.db()
      .prepare("UPDATE import_batch SET status = ?, finished = ?, rows_ok = ?, rows_rejected = ?, rows_duplicate = ?, "
               "rows_missing = ?, message = ? WHERE id = ?")
      .bind(1, status).bind(2, store::nowMs()).bind(3, report_.rowsOk).bind(4, report_.rowsRejected)
      .bind(5, report_.rowsDuplicate).bind(6, report_.rowsMissing).bind(7, message).bind(8, id_)
      .run();
  // Others looking at a shared workspace see the batch (and its rows) when this transaction commits.
  store::announceChange(ws_.db(), report_.kind == "specs" ? "specs" : "import", id_, status);
}

ImportReport ImportBatch::finish() {
  finished_ = true;
  if (report_.rowsRejected > 0 && !options_.skipBadRows) {
    transaction_->rollback();
    const auto rejected = report_.rowsRejected;
    report_.rowsOk = report_.rowsDuplicate = report_.rowsMissing = 0;
    store::Transaction tx(ws_.db());
    recordProblems(report_.problems);
    closeBatch("failed", std::to_string(rejected) + " bad row" + (rejected == 1 ? "" : "s") +
                             "; nothing was imported (use --skip-bad-rows to keep the good rows)");
    tx.commit();
    return report_;
  }
  counts_.write(ws_.db(), id_);
  closeBatch("ok", std::to_string(report_.rowsOk) + " rows imported" +
                       (report_.rowsRejected ? ", " + std::to_string(report_.rowsRejected) + " bad rows kept in import_error" : "") +
                       (report_.rowsDuplicate ? ", " + std::to_string(report_.rowsDuplicate) + " already present" : ""));
  transaction_->commit();
  return report_;
}

ImportReport ImportBatch::abort(const std::string& status, const std::string& message) {
  finished_ = true;
  transaction_->rollback();
  report_.rowsOk = report_.rowsDuplicate = report_.rowsMissing = 0;
  store::Transaction tx(ws_.db());
  recordProblems(report_.problems);
  closeBatch(status, message);
  tx.commit();
  return report_;
}

}  // namespace fab::io

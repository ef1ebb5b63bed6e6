#include "core/store/spc_limits.h"

#include <cmath>

#include "core/common/error.h"
#include "core/store/change_notice.h"
#include "core/store/workspace.h"

namespace fab::store {
namespace {

constexpr const char* kColumns =
    "id, version, parameter, product, chart_type, subgroup_key, subgroup_size, rules, center, sigma, sigma_of_means, "
    "sigma_z, sigma_method, limit_width, lambda, k, h, head_start, target, lcl, ucl, baseline_subgroups, "
    "baseline_from, baseline_to, effective_from, approved_by, approved_at, reason";

ApprovedLimits readRow(const Statement& q) {
  ApprovedLimits a;
  a.id = q.integer(0);
  a.version = static_cast<int>(q.integer(1));
  a.parameter = q.text(2);
  a.product = q.text(3);
  a.chartType = q.text(4);
  a.subgroupKey = q.text(5);
  if (auto v = q.optionalInteger(6)) a.subgroupSize = static_cast<int>(*v);
  a.rules = q.text(7);
  a.center = q.real(8);
  a.sigma = q.real(9);
  a.sigmaOfMeans = q.real(10);
  a.sigmaZ = q.real(11);
  a.sigmaMethod = q.text(12);
  a.limitWidth = q.real(13);
  a.lambda = q.optionalReal(14);
  a.k = q.optionalReal(15);
  a.h = q.optionalReal(16);
  a.headStart = q.optionalReal(17);
  a.target = q.optionalReal(18);
  a.lcl = q.real(19);
  a.ucl = q.real(20);
  a.baselineSubgroups = q.optionalInteger(21);
  a.baselineFrom = q.optionalInteger(22);
  a.baselineTo = q.optionalInteger(23);
  a.effectiveFrom = q.integer(24);
  a.approvedBy = q.text(25);
  a.approvedAt = q.integer(26);
  a.reason = q.text(27);
  return a;
}

std::optional<double> finite(double v) { return std::isfinite(v) ? std::optional<double>(v) : std::nullopt; }

}  // namespace

int saveApprovedLimits(Database& db, const ApprovedLimits& a) {
  if (a.approvedBy.empty()) throw Error("approving limits needs the name of who approves them");
  if (a.reason.empty()) throw Error("approving limits needs a reason (why these limits, from which data)");
  if (a.parameter.empty() || a.chartType.empty()) throw Error("approved limits need a parameter and a chart type");
  if (!std::isfinite(a.center)) throw Error("approved limits need a finite centre");
  Transaction tx(db);
  // On a server, two approvals of one chart at once take their versions in turn
  // (the lock is the table's, so each workspace's approvals wait only for each other).
  if (db.backend() == Database::Backend::PostgreSQL)
    db.exec("SELECT pg_advisory_xact_lock('chart_config'::regclass::oid::bigint)");
  int version = 1;
  {
    auto q = db.prepare(
        "SELECT coalesce(max(version), 0) + 1 FROM chart_config WHERE parameter = ? AND product = ? AND chart_type = "
        "?");
    q.bind(1, a.parameter).bind(2, a.product).bind(3, a.chartType);
    if (q.step()) version = static_cast<int>(q.integer(0));
  }
  auto insert = db.prepare(
      "INSERT INTO chart_config(version, parameter, product, chart_type, subgroup_key, subgroup_size, rules, center, "
      "sigma, sigma_of_means, sigma_z, sigma_method, limit_width, lambda, k, h, head_start, target, lcl, ucl, "
      "baseline_subgroups, baseline_from, baseline_to, effective_from, approved_by, approved_at, reason) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  std::optional<std::int64_t> size;
  if (a.subgroupSize) size = *a.subgroupSize;
  insert.bind(1, version).bind(2, a.parameter).bind(3, a.product).bind(4, a.chartType).bind(5, a.subgroupKey);
  insert.bind(6, size).bind(7, a.rules).bind(8, a.center).bind(9, finite(a.sigma)).bind(10, finite(a.sigmaOfMeans));
  insert.bind(11, a.sigmaZ).bind(12, a.sigmaMethod).bind(13, a.limitWidth).bind(14, a.lambda).bind(15, a.k);
  insert.bind(16, a.h).bind(17, a.headStart).bind(18, a.target).bind(19, finite(a.lcl)).bind(20, finite(a.ucl));
  insert.bind(21, a.baselineSubgroups).bind(22, a.baselineFrom).bind(23, a.baselineTo).bind(24, a.effectiveFrom);
  insert.bind(25, a.approvedBy).bind(26, a.approvedAt ? a.approvedAt : nowMs()).bind(27, a.reason);
  insert.run();
  announceChange(db, "limits", version, a.chartType, a.parameter);
  tx.commit();
  return version;
}

std::optional<ApprovedLimits> limitsInForce(Database& db, const std::string& parameter, const std::string& chartType,
                                            const std::string& product, std::int64_t at) {
  auto q = db.prepare(std::string("SELECT ") + kColumns +
                      " FROM chart_config WHERE parameter = ? AND chart_type = ? AND product IN (?, '') "
                      "AND effective_from <= ? ORDER BY product = ? DESC, version DESC LIMIT 1");
  q.bind(1, parameter).bind(2, chartType).bind(3, product).bind(4, at).bind(5, product);
  if (!q.step()) return std::nullopt;
  return readRow(q);
}

std::vector<ApprovedLimits> limitHistory(Database& db, const std::string& parameter, const std::string& chartType,
                                         const std::string& product) {
  auto q = db.prepare(std::string("SELECT ") + kColumns +
                      " FROM chart_config WHERE parameter = ? AND chart_type = ? AND product = ? ORDER BY version");
  q.bind(1, parameter).bind(2, chartType).bind(3, product);
  std::vector<ApprovedLimits> out;
  while (q.step()) out.push_back(readRow(q));
  return out;
}

spc::ProcessEstimate approvedEstimate(const ApprovedLimits& a) {
  spc::ProcessEstimate e;
  e.center = a.center;
  e.sigma = a.sigma;
  e.sigmaOfMeans = a.sigmaOfMeans;
  e.sigmaZ = a.sigmaZ;
  e.sigmaMethod = "approved version " + std::to_string(a.version) + " (" + a.sigmaMethod + ")";
  e.centerKnown = e.sigmaKnown = true;
  e.subgroupsUsed = static_cast<std::size_t>(a.baselineSubgroups.value_or(0));
  return e;
}

}  // namespace fab::store

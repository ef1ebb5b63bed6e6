#include "core/defect/kill_ratio.h"

#include <algorithm>
#include <boost/math/distributions/binomial.hpp>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include "core/common/error.h"

namespace fab::defect {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Clopper–Pearson interval for k successes of n at two-sided level 1 − alpha.
std::pair<double, double> clopperPearson(std::size_t n, std::size_t k, double alpha) {
  using boost::math::binomial_distribution;
  const double lo = k == 0 ? 0.0 : binomial_distribution<>::find_lower_bound_on_p(double(n), double(k), alpha / 2);
  const double hi = k == n ? 1.0 : binomial_distribution<>::find_upper_bound_on_p(double(n), double(k), alpha / 2);
  return {lo, hi};
}

std::string edgeText(double v);

/// Name of size bin b of edges e: "< e0 µm", "e0–e1 µm", …, ">= eN µm".
std::string binName(const std::vector<double>& e, std::size_t b) {
  if (e.empty()) return "any size";
  if (b == 0) return "< " + edgeText(e[0]) + " µm";
  if (b == e.size()) return ">= " + edgeText(e.back()) + " µm";
  return edgeText(e[b - 1]) + "–" + edgeText(e[b]) + " µm";
}

std::string edgeText(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

struct DieKey {
  int wafer;
  wafer::DieIndex index;
  friend auto operator<=>(const DieKey&, const DieKey&) = default;
};

}  // namespace

void KillRatioOptions::validate() const {
  if (!(confidence > 0 && confidence < 1)) throw Error("the confidence level must lie between 0 and 1");
  for (std::size_t i = 0; i < sizeEdges.size(); ++i) {
    if (!std::isfinite(sizeEdges[i]) || sizeEdges[i] < 0) throw Error("size-bin edges must be finite sizes >= 0");
    if (i && !(sizeEdges[i] > sizeEdges[i - 1])) throw Error("size-bin edges must increase");
  }
}

KillRatio killRatio(std::string group, std::size_t nd, std::size_t pd, std::size_t nc, std::size_t pc,
                    double confidence) {
  KillRatio k;
  k.group = std::move(group);
  k.defectiveDies = nd;
  k.defectivePass = pd;
  k.cleanDies = nc;
  k.cleanPass = pc;
  const double alpha = 1 - confidence;
  // Each proportion at 1 − α/2 so that both hold together with probability >= 1 − α.
  if (nd) {
    k.yd = double(pd) / double(nd);
    std::tie(k.ydLow, k.ydHigh) = clopperPearson(nd, pd, alpha / 2);
  } else {
    k.yd = k.ydLow = k.ydHigh = kNaN;
  }
  if (nc) {
    k.yc = double(pc) / double(nc);
    std::tie(k.ycLow, k.ycHigh) = clopperPearson(nc, pc, alpha / 2);
  } else {
    k.yc = k.ycLow = k.ycHigh = kNaN;
  }
  if (!nd) {
    k.kr = k.krLow = k.krHigh = kNaN;
    k.note = "no inspected die with such a defect";
  } else if (!nc || pc == 0) {
    k.kr = k.krLow = k.krHigh = kNaN;
    k.note =
        nc ? "no defect-free die passed: the kill ratio is undefined" : "no defect-free inspected die to compare with";
  } else {
    k.kr = 1 - k.yd / k.yc;
    k.krLow = 1 - k.ydHigh / k.ycLow;
    k.krHigh = std::min(1.0, k.ycHigh > 0 ? 1 - k.ydLow / k.ycHigh : 1.0);
  }
  return k;
}

KillRatioTable killRatios(std::span<const KillDie> dies, std::span<const KillDefect> defects,
                          const KillRatioOptions& o) {
  o.validate();
  KillRatioTable t;
  std::map<DieKey, const KillDie*> dieAt;
  for (const auto& d : dies) dieAt[{d.wafer, d.index}] = &d;
  // Defects per tested, inspected die.
  std::map<DieKey, std::vector<const KillDefect*>> onDie;
  for (const auto& f : defects) {
    auto it = dieAt.find({f.wafer, f.die});
    if (it == dieAt.end()) {
      ++t.defectsOffMap;
    } else if (!it->second->inspected) {
      ++t.defectsUninspected;
    } else {
      onDie[it->first].push_back(&f);
    }
  }
  std::size_t cleanDies = 0, cleanPass = 0, defective = 0, defectivePass = 0;
  for (const auto& d : dies) {
    if (!d.inspected) continue;
    if (onDie.count({d.wafer, d.index})) {
      ++defective;
      defectivePass += d.pass;
    } else {
      ++cleanDies;
      cleanPass += d.pass;
    }
  }
  if (cleanDies + defective == 0)
    throw Error("no inspected die with a pass/fail result: nothing to compute kill ratios from");
  t.overall = killRatio("all", defective, defectivePass, cleanDies, cleanPass, o.confidence);
  // Size bins: bin b holds sizes in [edge[b−1], edge[b]); bin 0 below the first edge.
  const std::size_t bins = o.sizeEdges.size() + 1;
  auto binOf = [&](double size) -> int {
    if (!std::isfinite(size)) return -1;
    return static_cast<int>(std::upper_bound(o.sizeEdges.begin(), o.sizeEdges.end(), size) - o.sizeEdges.begin());
  };
  std::vector<std::size_t> binDies(bins, 0), binPass(bins, 0);
  std::map<int, std::pair<std::size_t, std::size_t>> classDies;  // class → (dies, pass)
  for (const auto& [key, list] : onDie) {
    const bool pass = dieAt[key]->pass;
    std::set<int> binSet, classSet;
    for (const KillDefect* f : list) {
      binSet.insert(binOf(f->sizeUm));
      classSet.insert(f->defectClass);
    }
    if (binSet.size() == 1 && *binSet.begin() >= 0) {
      const auto b = static_cast<std::size_t>(*binSet.begin());
      ++binDies[b];
      binPass[b] += pass;
    } else {
      ++t.mixedSizeDies;
    }
    if (classSet.size() == 1) {
      auto& c = classDies[*classSet.begin()];
      ++c.first;
      c.second += pass;
    } else {
      ++t.mixedClassDies;
    }
  }
  for (std::size_t b = 0; b < bins; ++b)
    t.bySize.push_back(killRatio(binName(o.sizeEdges, b), binDies[b], binPass[b], cleanDies, cleanPass, o.confidence));
  for (const auto& [cls, counts] : classDies)
    t.byClass.push_back(
        killRatio("class " + std::to_string(cls), counts.first, counts.second, cleanDies, cleanPass, o.confidence));
  if (t.mixedSizeDies)
    t.notes.push_back(
        std::to_string(t.mixedSizeDies) +
        " defective die(s) hold defects of several size bins (or of unknown size) and are left out of the size table");
  if (t.mixedClassDies)
    t.notes.push_back(std::to_string(t.mixedClassDies) +
                      " defective die(s) hold defects of several classes and are left out of the class table");
  if (t.defectsOffMap)
    t.notes.push_back(std::to_string(t.defectsOffMap) + " defect(s) lie on dies without a sort result");
  if (t.defectsUninspected)
    t.notes.push_back(std::to_string(t.defectsUninspected) + " defect(s) lie on dies outside the sample test plan");
  return t;
}

std::vector<KillFraction> killFractionsBySize(std::span<const double> size, std::span<const int> killed,
                                              const KillRatioOptions& o, double cleanYield) {
  o.validate();
  if (size.size() != killed.size()) throw Error("one kill flag per defect size is needed");
  if (!(cleanYield >= 0 && cleanYield <= 1)) throw Error("the clean-die yield must lie between 0 and 1");
  const std::size_t bins = o.sizeEdges.size() + 1;
  std::vector<KillFraction> out(bins);
  for (std::size_t b = 0; b < bins; ++b) out[b].group = binName(o.sizeEdges, b);
  for (std::size_t i = 0; i < size.size(); ++i) {
    if (!std::isfinite(size[i])) continue;
    const auto b = static_cast<std::size_t>(std::upper_bound(o.sizeEdges.begin(), o.sizeEdges.end(), size[i]) -
                                            o.sizeEdges.begin());
    ++out[b].defects;
    out[b].killed += killed[i] != 0;
  }
  for (auto& f : out) {
    if (!f.defects) {
      f.fraction = f.low = f.high = f.kr = f.krLow = f.krHigh = kNaN;
      continue;
    }
    f.fraction = double(f.killed) / double(f.defects);
    std::tie(f.low, f.high) = clopperPearson(f.defects, f.killed, 1 - o.confidence);
    if (cleanYield > 0) {
      f.kr = 1 - (1 - f.fraction) / cleanYield;
      f.krLow = 1 - (1 - f.low) / cleanYield;
      f.krHigh = std::min(1.0, 1 - (1 - f.high) / cleanYield);
    } else {
      f.kr = f.krLow = f.krHigh = kNaN;
    }
  }
  return out;
}

}  // namespace fab::defect

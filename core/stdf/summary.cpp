#include "core/stdf/summary.h"

#include <cmath>
#include <tuple>

#include "core/stdf/open_wafers.h"
#include "core/stdf/record_reader.h"
#include "core/stdf/record_types.h"
#include "core/stdf/test_catalog.h"

namespace fab::stdf {
namespace {

/// Running mean and sum of squared deviations (Welford 1962, "Note on a
/// method for calculating corrected sums of squares and products").
struct Moments {
  std::int64_t n = 0;
  double mean = 0, m2 = 0;
  void add(double x) {
    ++n;
    const double d = x - mean;
    mean += d / static_cast<double>(n);
    m2 += d * (x - mean);
  }
  double sigma() const { return n > 1 ? std::sqrt(m2 / static_cast<double>(n - 1)) : 0.0; }
};

class Summariser {
 public:
  explicit Summariser(StdfSummary& out) : out_(out) {}

  void add(const RawRecord& r, ByteOrder order) {
    const char* name = recordName(r.type, r.sub);
    if (!name) {
      ++out_.unknownRecords;
      return;
    }
    ++out_.records[name];
    switch (r.code()) {
      case kind::MIR:
        out_.mir = decodeMir(r, order);
        break;
      case kind::MRR:
        out_.mrr = decodeMrr(r, order);
        break;
      case kind::HBR:
        nameBin(hardNamed_, out_.hardBins, decodeBin(r, order));
        break;
      case kind::SBR:
        nameBin(softNamed_, out_.softBins, decodeBin(r, order));
        break;
      case kind::WIR: {
        const Wir w = decodeWir(r, order);
        ++out_.wafers;
        out_.waferYields.push_back({w.waferId, 0, 0});
        wafers_.begin(w.head, out_.waferYields.size() - 1);
        break;
      }
      case kind::PRR:
        part(decodePrr(r, order));
        break;
      case kind::PTR: {
        decodePtr(r, order, ptr_);
        const TestLimits& limits = catalog_.resolve(ptr_);
        addResult(ptr_.testNumber, limits, std::nullopt, ptr_.resultValid(), ptr_.result, ptr_.failed());
        break;
      }
      case kind::MPR: {
        decodeMpr(r, order, mpr_);
        const TestLimits limits = catalog_.resolve(mpr_);
        const auto& pins = catalog_.pinsOf(mpr_);
        for (std::size_t k = 0; k < mpr_.results.size(); ++k) {
          const int pin = k < pins.size() ? pins[k] : static_cast<int>(k);
          addResult(mpr_.testNumber, limits, pin, mpr_.resultValid(), mpr_.results[k], mpr_.failed());
        }
        break;
      }
      default:
        break;
    }
  }

  void finish() {
    for (std::size_t i = 0; i < moments_.size(); ++i) {
      const Moments& m = moments_[i];
      auto& t = out_.tests[i];
      t.count = m.n;
      t.mean = m.n ? m.mean : 0.0;
      t.sigma = m.sigma();
    }
  }

 private:
  /// HBR/SBR name a bin; the summary over all sites (HEAD_NUM 255) wins over a per-site record.
  static void nameBin(std::map<int, bool>& namedBySummary, std::map<int, BinSummary>& bins, const BinRecord& b) {
    const bool summary = b.head == 255;
    auto& seen = namedBySummary.try_emplace(b.number, false).first->second;
    auto& bin = bins[b.number];
    if (seen && !summary) return;
    if (summary) seen = true;
    if (!b.name.empty()) bin.name = b.name;
    if (b.passFail == 'P' || b.passFail == 'p') bin.pass = true;
    if (b.passFail == 'F' || b.passFail == 'f') bin.pass = false;
  }

  void part(const Prr& p) {
    ++out_.parts;
    const bool good = p.passed();
    out_.good += good;
    ++out_.hardBins[p.hardBin].count;
    if (p.softBin != kNoSoftBin) ++out_.softBins[p.softBin].count;
    if (const auto wafer = wafers_.of(p.head)) {
      auto& w = out_.waferYields[*wafer];
      ++w.parts;
      w.good += good;
    }
  }

  void addResult(std::uint32_t number, const TestLimits& limits, std::optional<int> pin, bool valid, float value,
                 bool failed) {
    auto key = std::make_tuple(number, limits.name, pin.value_or(-1));
    auto it = index_.find(key);
    if (it == index_.end()) {
      TestSummary t;
      t.number = number;
      t.name = limits.name;
      t.units = limits.units;
      t.low = limits.low;
      t.high = limits.high;
      t.pin = pin;
      out_.tests.push_back(std::move(t));
      moments_.emplace_back();
      it = index_.emplace(std::move(key), out_.tests.size() - 1).first;
    }
    auto& t = out_.tests[it->second];
    if (t.units.empty()) t.units = limits.units;
    if (valid && std::isfinite(value)) moments_[it->second].add(value);
    t.fails += failed;
  }

  StdfSummary& out_;
  TestCatalog catalog_;
  Ptr ptr_;
  Mpr mpr_;
  std::map<int, bool> hardNamed_, softNamed_;
  OpenWafers<std::size_t> wafers_;  ///< index into out_.waferYields
  std::map<std::tuple<std::uint32_t, std::string, int>, std::size_t> index_;
  std::vector<Moments> moments_;  ///< by index into out_.tests
};

}  // namespace

StdfSummary summarise(const std::string& path, const Feedback& feedback) {
  RecordReader reader(path);
  StdfSummary out;
  out.path = path;
  out.compression = compressionName(reader.compression());
  out.cpuType = reader.cpuType();
  out.bigEndian = reader.byteOrder() == ByteOrder::Big;
  Summariser summariser(out);
  RawRecord record;
  std::uint64_t count = 0;
  while (reader.next(record)) {
    summariser.add(record, reader.byteOrder());
    if ((++count & 0xffff) == 0) {
      feedback.checkCancelled();
      if (reader.fileSize())
        feedback.report(static_cast<double>(reader.fileBytesRead()) / static_cast<double>(reader.fileSize()),
                        "reading STDF records");
    }
  }
  summariser.finish();
  out.bytes = reader.offset();
  out.warnings = reader.warnings();
  feedback.report(1.0, "done");
  return out;
}

}  // namespace fab::stdf

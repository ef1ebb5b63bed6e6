#include "core/stdf/stdf_import.h"

#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>

#include "core/common/error.h"
#include "core/io/measurement_chunk.h"
#include "core/io/measurement_writer.h"
#include "core/io/name_dictionary.h"
#include "core/stdf/open_wafers.h"
#include "core/stdf/record_reader.h"
#include "core/stdf/record_types.h"
#include "core/stdf/test_catalog.h"
#include "core/stdf/wafer_product.h"
#include "core/stdf/wafer_slots.h"
#include "core/store/name_ids.h"

namespace fab::stdf {
namespace {

constexpr std::size_t kChunkRows = 16384;  ///< values stored per write, sorted by key
constexpr const char* kCancelled = "import cancelled; nothing was stored";

/// A parametric result waiting for its part's PRR.
struct PendingResult {
  std::uint32_t parameter;  ///< local id
  float value;              ///< NaN: no valid result
};

/// Where a part sits: the key of a die for retest detection.
struct DieKey {
  int wafer, x, y;
  auto operator<=>(const DieKey&) const = default;
};

class StdfImporter {
 public:
  StdfImporter(io::ImportBatch& batch, RecordReader& reader)
      : batch_(batch),
        db_(batch.db()),
        reader_(reader),
        order_(reader.byteOrder()),
        writer_(batch, io::ColumnMapping{}),
        insertRun_(db_.prepare(
            "INSERT INTO test_run(batch_id, lot_id, sublot, part_type, tester, tester_type, program, program_revision, "
            "operator, exec_type, exec_version, test_code, temperature, facility, station, mode_code, retest_code, "
            "setup, start, byte_order) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")),
        insertPart_(db_.prepare(
            "INSERT INTO part(run_id, seq, wafer, part_id, x, y, head, site, hard_bin, soft_bin, passed, retest_of, "
            "tests, test_time_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")),
        supersede_(db_.prepare("UPDATE part SET final = 0 WHERE run_id = ? AND seq = ?")),
        insertDie_(db_.prepare(
            "INSERT INTO die(lot_id, wafer, die_x, die_y, bin, pass, batch_id) VALUES (?,?,?,?,?,?,?) "
            "ON CONFLICT(lot_id, wafer, die_x, die_y) DO UPDATE SET bin = excluded.bin, pass = excluded.pass, "
            "batch_id = excluded.batch_id")) {
    chunk_.rows.reserve(kChunkRows);
  }

  /// One record of the stream.
  void add(const RawRecord& r) {
    switch (r.code()) {
      case kind::MIR:
        mir(decodeMir(r, order_));
        break;
      case kind::MRR:
        mrr_ = decodeMrr(r, order_);
        break;
      case kind::HBR:
        nameBin(hardBins_, decodeBin(r, order_));
        break;
      case kind::SBR:
        nameBin(softBins_, decodeBin(r, order_));
        break;
      case kind::WIR:
        wafer(decodeWir(r, order_));
        break;
      case kind::WCR:
        if (!wcr_) wcr_ = decodeWcr(r, order_);
        break;
      case kind::PIR: {
        const Pir p = decodePir(r, order_);
        pending_[siteKey(p.head, p.site)].clear();
        break;
      }
      case kind::PRR:
        part(decodePrr(r, order_));
        break;
      case kind::PTR: {
        decodePtr(r, order_, ptr_);
        const TestLimits& limits = catalog_.resolve(ptr_);
        const auto parameter = parameterOf(ptr_.testNumber, limits, std::nullopt);
        pending_[siteKey(ptr_.head, ptr_.site)].push_back({parameter, valueOf(ptr_.resultValid(), ptr_.result)});
        break;
      }
      case kind::MPR: {
        decodeMpr(r, order_, mpr_);
        const TestLimits limits = catalog_.resolve(mpr_);
        const auto& pins = catalog_.pinsOf(mpr_);
        auto& results = pending_[siteKey(mpr_.head, mpr_.site)];
        for (std::size_t k = 0; k < mpr_.results.size(); ++k) {
          const int pin = k < pins.size() ? pins[k] : static_cast<int>(k);
          results.push_back({parameterOf(mpr_.testNumber, limits, pin), valueOf(mpr_.resultValid(), mpr_.results[k])});
        }
        break;
      }
      default:
        if (!recordName(r.type, r.sub)) ++unknown_;
        break;
    }
  }

  /// Stores what is left and closes the run.
  void finish() {
    ensureRun();
    flushChunk();
    std::size_t orphans = 0;
    for (const auto& [key, results] : pending_) orphans += results.size();
    if (orphans) batch_.note(std::to_string(orphans) + " parametric result(s) of parts without a PRR were not stored");
    auto insertBin = db_.prepare("INSERT INTO bin_name(run_id, kind, number, name, pass) VALUES (?,?,?,?,?)");
    for (const auto* bins : {&hardBins_, &softBins_}) {
      for (const auto& [number, b] : *bins) {
        insertBin.bind(1, runId_).bind(2, bins == &hardBins_ ? "hard" : "soft").bind(3, number);
        insertBin.bind(4, b.name);
        if (b.pass)
          insertBin.bind(5, std::int64_t{*b.pass});
        else
          insertBin.bindNull(5);
        insertBin.run();
      }
    }
    auto update = db_.prepare("UPDATE test_run SET finish = ?, parts = ?, good = ? WHERE id = ?");
    if (mrr_ && mrr_->finishTime)
      update.bind(1, std::int64_t{mrr_->finishTime} * 1000);
    else
      update.bindNull(1);
    update.bind(2, seq_).bind(3, good_).bind(4, runId_).run();
    settleFileProduct(batch_, productOfLot(), wcr_, grid_, passBins());
    batch_.note(std::to_string(seq_) + " part(s), " + std::to_string(good_) + " good, " + std::to_string(dies_) +
                " on a wafer with coordinates (stored as dies), " + std::to_string(retests_) + " retest(s); " +
                std::to_string(results_) + " parametric result(s) of " + std::to_string(parameters_.size()) +
                " test(s) in lot '" + lotName_ + "'");
    if (unknown_) batch_.note(std::to_string(unknown_) + " record(s) of no STDF V4 type skipped");
    for (const auto& w : reader_.warnings()) batch_.note(w);
  }

 private:
  struct BinInfo {
    std::string name;
    std::optional<bool> pass;
    bool fromSummary = false;
  };

  /// The lot's product (the MIR part type, unless the lot already had one).
  std::string productOfLot() {
    auto q = db_.prepare("SELECT coalesce(product, '') FROM lot WHERE id = ?");
    q.bind(1, lotId_);
    return q.step() ? q.text(0) : "";
  }

  /// The passing hard bins: those the HBRs mark 'P', else those of the parts that passed.
  std::vector<int> passBins() const {
    std::vector<int> bins;
    for (const auto& [number, b] : hardBins_)
      if (b.pass.value_or(false)) bins.push_back(number);
    return bins.empty() ? std::vector<int>(passedBins_.begin(), passedBins_.end()) : bins;
  }

  static int siteKey(int head, int site) { return head << 8 | site; }
  static float valueOf(bool valid, float v) { return valid ? v : std::numeric_limits<float>::quiet_NaN(); }

  void mir(const Mir& m) {
    if (runId_) {
      batch_.note("a second MIR (or one after the first part) is ignored");
      return;
    }
    mir_ = m;
    ensureRun();
  }

  /// Creates the lot and the test_run, from the MIR or, without one, the file name.
  void ensureRun() {
    if (runId_) return;
    lotName_ = mir_ ? mir_->lot : "";
    if (lotName_.empty()) {
      lotName_ = std::filesystem::path(batch_.path()).filename().string();
      batch_.note(std::string(mir_ ? "the MIR has no LOT_ID" : "the file has no MIR") + ": stored as lot '" + lotName_ +
                  "'");
    }
    store::NameIds lots(db_, "lot");
    lotId_ = lots.idOf(lotName_);
    chunk_.newLots.push_back(lotName_);
    const Mir m = mir_.value_or(Mir{});
    product_ = m.partType;
    if (!product_.empty())
      db_.prepare("UPDATE lot SET product = ? WHERE id = ? AND product IS NULL")
          .bind(1, product_)
          .bind(2, lotId_)
          .run();
    startMs_ = std::int64_t{m.startTime} * 1000;
    insertRun_.bind(1, batch_.id()).bind(2, lotId_).bind(3, m.sublot).bind(4, m.partType).bind(5, m.node);
    insertRun_.bind(6, m.testerType).bind(7, m.job).bind(8, m.jobRevision).bind(9, m.operatorName);
    insertRun_.bind(10, m.execType).bind(11, m.execVersion).bind(12, m.testCode).bind(13, m.temperature);
    insertRun_.bind(14, m.facility).bind(15, m.station).bind(16, std::string(1, m.modeCode));
    insertRun_.bind(17, std::string(1, m.retestCode));
    if (m.setupTime)
      insertRun_.bind(18, std::int64_t{m.setupTime} * 1000);
    else
      insertRun_.bindNull(18);
    if (m.startTime)
      insertRun_.bind(19, startMs_);
    else
      insertRun_.bindNull(19);
    insertRun_.bind(20, order_ == ByteOrder::Big ? "big" : "little").run();
    runId_ = db_.lastInsertId();
    slots_ = std::make_unique<WaferSlots>(db_, lotId_);
  }

  void wafer(const Wir& w) {
    ensureRun();
    wafers_.begin(w.head, slots_->slotOf(w.waferId));
  }

  /// HBR/SBR name a bin; the summary over all sites (HEAD_NUM 255) wins over a per-site record.
  static void nameBin(std::map<int, BinInfo>& bins, const BinRecord& b) {
    auto& bin = bins[b.number];
    const bool summary = b.head == 255;
    if (bin.fromSummary && !summary) return;
    bin.fromSummary = bin.fromSummary || summary;
    if (!b.name.empty()) bin.name = b.name;
    if (b.passFail == 'P' || b.passFail == 'p') bin.pass = true;
    if (b.passFail == 'F' || b.passFail == 'f') bin.pass = false;
  }

  /// The local id of the parameter "<number> <name>" (MPR: "… pin <index>"),
  /// creating it with its unit and spec limits on first sight.
  std::uint32_t parameterOf(std::uint32_t number, const TestLimits& limits, std::optional<int> pin) {
    auto& last = lastParameter_[pin ? -1 - static_cast<std::int64_t>(number) : static_cast<std::int64_t>(number)];
    if (last.valid && last.name == limits.name && last.pin == pin.value_or(-1)) return last.id;
    std::string name = std::to_string(number);
    if (!limits.name.empty()) name += " " + limits.name;
    if (pin) name += " pin " + std::to_string(*pin);
    const std::size_t before = chunk_.newParameters.size();
    const std::uint32_t id = parameters_.idOf(name, chunk_.newParameters);
    if (chunk_.newParameters.size() > before) {
      if (!limits.units.empty()) chunk_.parameterUnits.push_back({id, limits.units});
      if (limits.low || limits.high) spec(name, limits);
    }
    last = {true, limits.name, pin.value_or(-1), id};
    return id;
  }

  /// The test's limits as a spec of the MIR part type, unless the latest spec
  /// of that parameter and product already says the same.
  void spec(const std::string& parameter, const TestLimits& limits) {
    ensureRun();
    auto latest = db_.prepare(
        "SELECT lsl, usl FROM spec WHERE parameter = ? AND product = ? ORDER BY effective_from DESC, id DESC LIMIT 1");
    latest.bind(1, parameter).bind(2, product_);
    if (latest.step() && latest.optionalReal(0) == limits.low && latest.optionalReal(1) == limits.high) return;
    db_.prepare("INSERT INTO spec(parameter, product, lsl, usl, unit, effective_from, batch_id) VALUES (?,?,?,?,?,?,?)")
        .bind(1, parameter)
        .bind(2, product_)
        .bind(3, limits.low)
        .bind(4, limits.high)
        .bind(5, limits.units.empty() ? std::optional<std::string>() : std::optional<std::string>(limits.units))
        .bind(6, startMs_)
        .bind(7, batch_.id())
        .run();
  }

  void part(const Prr& p) {
    ensureRun();
    const std::int64_t seq = ++seq_;
    const int wafer = wafers_.of(p.head).value_or(0);
    const bool placed = p.hasCoordinates();
    // A retest: PART_FLG bit 0 names an earlier part of the same PART_ID,
    // bit 1 (or the same coordinates on the same wafer) the same die.
    std::optional<std::int64_t> retestOf;
    if (p.supersedesPartId() && !p.partId.empty()) {
      if (auto it = seqOfPartId_.find(p.partId); it != seqOfPartId_.end()) retestOf = it->second;
    }
    if (!retestOf && placed) {
      if (auto it = seqOfDie_.find({wafer, p.x, p.y}); it != seqOfDie_.end()) retestOf = it->second;
    }
    if (!p.partId.empty()) seqOfPartId_[p.partId] = seq;
    if (placed) seqOfDie_[{wafer, p.x, p.y}] = seq;
    if (retestOf) {
      ++retests_;
      supersede_.bind(1, runId_).bind(2, *retestOf).run();
    }
    const bool passed = p.passed();
    good_ += passed;
    if (passed && p.passFailValid()) passedBins_.insert(p.hardBin);

    insertPart_.bind(1, runId_).bind(2, seq).bind(3, wafer);
    if (p.partId.empty())
      insertPart_.bindNull(4);
    else
      insertPart_.bind(4, p.partId);
    if (placed)
      insertPart_.bind(5, p.x).bind(6, p.y);
    else
      insertPart_.bindNull(5).bindNull(6);
    insertPart_.bind(7, p.head).bind(8, p.site).bind(9, p.hardBin);
    if (p.softBin == kNoSoftBin)
      insertPart_.bindNull(10);
    else
      insertPart_.bind(10, p.softBin);
    if (p.passFailValid())
      insertPart_.bind(11, std::int64_t{passed});
    else
      insertPart_.bindNull(11);
    insertPart_.bind(12, retestOf).bind(13, p.tests);
    if (p.testTimeMs)
      insertPart_.bind(14, std::int64_t{p.testTimeMs});
    else
      insertPart_.bindNull(14);
    insertPart_.run();
    batch_.rowStored();

    if (placed) {
      ++dies_;
      grid_.add(p.x, p.y);
      insertDie_.bind(1, lotId_).bind(2, wafer).bind(3, p.x).bind(4, p.y).bind(5, p.hardBin);
      if (p.passFailValid())
        insertDie_.bind(6, std::int64_t{passed});
      else
        insertDie_.bindNull(6);
      insertDie_.bind(7, batch_.id()).run();
      batch_.counts().diesWritten(lotId_, wafer);
    }

    auto it = pending_.find(siteKey(p.head, p.site));
    if (it == pending_.end() || it->second.empty()) return;
    std::string siteName = !p.partId.empty() ? p.partId
                           : placed          ? "X" + std::to_string(p.x) + "Y" + std::to_string(p.y)
                                             : "part " + std::to_string(seq);
    const std::uint32_t site = sites_.idOf(siteName, chunk_.newSites) + 1;
    const double x = placed ? p.x : io::MeasurementRow::kNone, y = placed ? p.y : io::MeasurementRow::kNone;
    for (const auto& r : it->second) {
      io::MeasurementRow row;
      row.time = startMs_;
      row.x = x;
      row.y = y;
      row.value = std::isfinite(r.value) ? static_cast<double>(r.value) : io::MeasurementRow::kNone;
      row.parameter = r.parameter;
      row.lot = 0;
      row.site = site;
      row.wafer = wafer;
      chunk_.rows.push_back(row);
    }
    results_ += static_cast<std::int64_t>(it->second.size());
    it->second.clear();
    if (chunk_.rows.size() >= kChunkRows) flushChunk();
  }

  void flushChunk() {
    io::sortRowsByKey(chunk_.rows);
    writer_.write(chunk_);
    chunk_ = io::MeasurementChunk();
    chunk_.rows.reserve(kChunkRows);
  }

  io::ImportBatch& batch_;
  store::Database& db_;
  RecordReader& reader_;
  ByteOrder order_;
  io::MeasurementWriter writer_;
  store::Statement insertRun_, insertPart_, supersede_, insertDie_;
  io::MeasurementChunk chunk_;
  io::NameDictionary parameters_, sites_;
  TestCatalog catalog_;
  Ptr ptr_;
  Mpr mpr_;
  std::optional<Mir> mir_;
  std::optional<Mrr> mrr_;
  std::optional<Wcr> wcr_;
  DieGrid grid_;
  std::set<int> passedBins_;
  std::string lotName_, product_;
  std::int64_t runId_ = 0, lotId_ = 0, startMs_ = 0;
  std::unique_ptr<WaferSlots> slots_;
  OpenWafers<int> wafers_;  ///< slots
  std::unordered_map<int, std::vector<PendingResult>> pending_;
  struct LastParameter {
    bool valid = false;
    std::string name;
    int pin = -1;
    std::uint32_t id = 0;
  };
  std::unordered_map<std::int64_t, LastParameter> lastParameter_;
  std::unordered_map<std::string, std::int64_t> seqOfPartId_;
  std::map<DieKey, std::int64_t> seqOfDie_;
  std::map<int, BinInfo> hardBins_, softBins_;
  std::int64_t seq_ = 0, good_ = 0, dies_ = 0, retests_ = 0, results_ = 0, unknown_ = 0;
};

bool endsWith(const std::string& s, const std::string& suffix) {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i]) return false;
  return true;
}

}  // namespace

bool looksLikeStdf(const std::string& path) {
  for (const char* base : {".stdf", ".std"})
    for (const char* compressed : {"", ".gz", ".bz2"})
      if (endsWith(path, std::string(base) + compressed)) return true;
  try {
    ByteSource source(path);
    unsigned char head[6];
    std::size_t got = 0;
    while (got < sizeof head) {
      const std::size_t n = source.read(head + got, sizeof head - got);
      if (n == 0) break;
      got += n;
    }
    const bool lengthTwo = (head[0] == 0 && head[1] == 2) || (head[0] == 2 && head[1] == 0);
    return got == sizeof head && lengthTwo && head[2] == 0 && head[3] == 10 && (head[4] == 1 || head[4] == 2) &&
           head[5] == 4;
  } catch (const Error&) {
    return false;
  }
}

io::ImportReport importStdf(store::Workspace& ws, const std::string& path, const io::BatchOptions& options,
                            const Feedback& feedback) {
  RecordReader reader(path);  // refuses a file that is not STDF V4 before any batch is recorded
  io::ImportBatch batch(ws, path, "stdf", options);
  try {
    StdfImporter importer(batch, reader);
    RawRecord record;
    std::uint64_t count = 0;
    while (reader.next(record)) {
      importer.add(record);
      if ((++count & 0xfff) == 0) {
        if (feedback.cancelled()) return batch.abort("cancelled", kCancelled);
        if (reader.fileSize())
          feedback.report(static_cast<double>(reader.fileBytesRead()) / static_cast<double>(reader.fileSize()),
                          "importing STDF records");
      }
    }
    if (feedback.cancelled()) return batch.abort("cancelled", kCancelled);
    importer.finish();
  } catch (const Error& e) {
    // A truncated or corrupt file stops whole: its problem is kept with the
    // failed batch, the byte offset of the record at fault as its line.
    io::ImportProblem problem;
    problem.line = static_cast<std::int64_t>(reader.offset());
    problem.message = e.what();
    batch.reject(std::move(problem));
    batch.abort("failed", e.what());
    throw;
  }
  feedback.report(1.0, "done");
  return batch.finish();
}

}  // namespace fab::stdf

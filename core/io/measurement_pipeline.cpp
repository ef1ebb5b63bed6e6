#include "core/io/measurement_pipeline.h"

#include <stdexcept>
#include <thread>

#include "core/common/error.h"
#include "core/io/bounded_queue.h"
#include "core/io/measurement_parser.h"
#include "core/io/measurement_writer.h"

namespace fab::io {
namespace {

/// Values (and rejected rows) per chunk, or this much of the file, whichever
/// comes first. On a server each chunk is one COPY, and the server idles
/// while the next one starts: larger chunks there (2 M rows into a local
/// server: 4.34 s with 16 k-row chunks, 4.05 s with 64 k, 4.00 s with 128 k;
/// 64 k keeps progress and cancelling close, tests/bench/README.md), smaller
/// on SQLite, where a chunk is sorted and inserted in the process and memory
/// stays near 80 MiB.
struct ChunkSize {
  std::size_t rows;
  std::uint64_t bytes;
};
constexpr ChunkSize kFileChunk{16384, 2 << 20}, kServerChunk{65536, 8 << 20};
constexpr std::size_t kChunksQueued = 3;  ///< chunks read ahead of the writer

/// Runs the parser over the rest of the file on its own thread, handing full
/// chunks to the queue; the last chunk says how the reading ended. Nothing it
/// throws leaves the thread. Destruction stops and joins it.
class ReaderThread {
 public:
  ReaderThread(CsvReader& reader, MeasurementParser& parser, BoundedQueue<MeasurementChunk>& queue, ChunkSize size)
      : reader_(reader), parser_(parser), queue_(queue), size_(size), thread_([this] { run(); }) {}
  ~ReaderThread() {
    queue_.close();
    thread_.join();
  }
  ReaderThread(const ReaderThread&) = delete;
  ReaderThread& operator=(const ReaderThread&) = delete;

 private:
  void run() noexcept {
    MeasurementChunk chunk;
    try {
      chunk.rows.reserve(size_.rows);
      CsvRecord record;
      std::uint64_t chunkStart = reader_.bytesRead();
      while (reader_.next(record)) {
        parser_.parse(record, chunk);
        if (chunk.size() < size_.rows && reader_.bytesRead() - chunkStart < size_.bytes) continue;
        chunkStart = chunk.bytesRead = reader_.bytesRead();
        sortRowsByKey(chunk.rows);
        if (!queue_.push(std::move(chunk))) return;  // the writer stopped
        chunk = MeasurementChunk();
        chunk.rows.reserve(size_.rows);
      }
      sortRowsByKey(chunk.rows);
    } catch (const Error& e) {
      chunk.error = e.what();
    } catch (const std::exception& e) {
      chunk.error = e.what();
      chunk.unexpected = true;
    } catch (...) {
      chunk.error = "unknown error while reading the file";
      chunk.unexpected = true;
    }
    chunk.bytesRead = reader_.bytesRead();
    chunk.last = true;
    queue_.push(std::move(chunk));
  }

  CsvReader& reader_;
  MeasurementParser& parser_;
  BoundedQueue<MeasurementChunk>& queue_;
  ChunkSize size_;
  std::thread thread_;  // last: starts once the members above are set
};

}  // namespace

MeasurementImportOutcome importMeasurementRecords(CsvReader& reader, ImportBatch& batch, const ColumnMapping& mapping,
                                                  const std::vector<std::string>& header, const FieldFormat& format,
                                                  ImportProgress& progress) {
  MeasurementWriter writer(batch, mapping);
  MeasurementParser parser(mapping, header, format, batch.skipsBadRows(), writer.knownUnits());
  BoundedQueue<MeasurementChunk> queue(kChunksQueued);
  MeasurementImportOutcome outcome;
  const bool server = batch.db().backend() == store::Database::Backend::PostgreSQL;
  ReaderThread thread(reader, parser, queue, server ? kServerChunk : kFileChunk);
  for (;;) {
    auto chunk = queue.pop();
    if (!chunk) break;  // not reached: only ~ReaderThread closes the queue, and the reader ends with a last chunk
    outcome.records += chunk->records;
    if (chunk->error) {
      chunk->rows.clear();  // the batch is rolled back; its problems are kept
      writer.write(*chunk);
      if (chunk->unexpected) throw std::runtime_error(*chunk->error);
      throw Error(*chunk->error);
    }
    writer.write(*chunk);
    if (chunk->records > 0 && progress.cancelled(chunk->bytesRead)) {
      outcome.cancelled = true;
      break;
    }
    if (chunk->last) break;
  }
  return outcome;
}

}  // namespace fab::io

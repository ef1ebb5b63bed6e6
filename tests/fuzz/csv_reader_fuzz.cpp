// Fuzz target: the streaming CSV reader must either read every record or throw
// fab::Error; never crash, hang or read out of bounds.
#include "core/common/error.h"
#include "core/io/csv_reader.h"
#include "tests/fuzz/fuzz_input_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& path = fab::fuzz::writeInput("csv", data, size);
  try {
    fab::io::CsvOptions options;
    options.maxFieldBytes = 4096;
    fab::io::CsvReader reader(path, options);
    fab::io::CsvRecord record;
    std::size_t fields = 0;
    while (reader.next(record)) {
      fields += record.fields.size();
      for (auto f : record.fields)
        if (f.size() > options.maxFieldBytes * 4 + 4) __builtin_trap();  // a field the reader should have refused
    }
    (void)fields;
  } catch (const fab::Error&) {
  }
  return 0;
}

// Fuzz target: opening any file as a workspace either works or throws
// fab::Error; a refused file is left byte for byte as it was.
#include <fstream>
#include <iterator>
#include <string>

#include "core/common/error.h"
#include "core/store/workspace.h"
#include "tests/fuzz/fuzz_input_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& path = fab::fuzz::writeInput("open.fabdb", data, size);
  for (const char* suffix : {"-wal", "-shm"}) std::remove((path + suffix).c_str());
  try {
    auto ws = fab::store::Workspace::open(path);
    auto q = ws.db().prepare("SELECT count(*) FROM import_batch");
    q.step();
  } catch (const fab::Error&) {
    std::ifstream in(path, std::ios::binary);
    const std::string after((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (after.size() != size || (size && after.compare(0, size, reinterpret_cast<const char*>(data), size) != 0))
      __builtin_trap();  // a refused file was changed
  }
  return 0;
}

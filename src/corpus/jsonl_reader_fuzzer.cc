// libFuzzer target: arbitrary bytes (plain, gzip or zstd) through the JSONL reader (RFC 8259,
// simdjson On-Demand in place); content bytes never exceed the line, reading must end, and the
// fast path must report exactly what the full parse reports.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "corpus/jsonl_transcript.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gpaikit::corpus;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto check = [](const Record& record) {
    if (record.content_bytes > record.raw.size()) __builtin_trap();  // escapes only shrink
  };
  std::string fast = testing::JsonlTranscript(bytes, true, 4 << 20, nullptr, check);
  if (fast != testing::JsonlTranscript(bytes, false, 4 << 20, nullptr, check)) __builtin_trap();
  return 0;
}

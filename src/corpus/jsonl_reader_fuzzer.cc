// libFuzzer target: arbitrary bytes (plain, gzip or zstd) through the JSONL reader (RFC 8259,
// simdjson On-Demand in place); content bytes never exceed the line, reading must end, and the
// fast path must report exactly what the full parse reports.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "corpus/jsonl_transcript.h"
#include "gpaikit/corpus/record.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gpaikit::corpus;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto input = InputStream::FromMemory(bytes, "fuzz");
  ReaderOptions options;
  options.max_record_bytes = 1 << 20;
  input->set_max_window(4 << 20);
  auto reader = MakeJsonlReader(input.get(), options);
  Record record;
  for (int steps = 0; steps < 100000; ++steps) {
    RecordReader::Step step = reader->Next(&record);
    if (step == RecordReader::Step::kEnd) break;
    if (step != RecordReader::Step::kRecord) continue;
    if (record.content_bytes > record.raw.size()) __builtin_trap();  // escapes only shrink
    volatile size_t sink = record.url.size() + record.date.size();
    (void)sink;
  }
  if (testing::JsonlTranscript(bytes, true) != testing::JsonlTranscript(bytes, false)) {
    __builtin_trap();
  }
  return 0;
}

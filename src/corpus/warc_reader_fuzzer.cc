// libFuzzer target: arbitrary bytes (plain, gzip or zstd) through format detection and the WARC
// reader (ISO 28500); every record's views must lie inside the window and reading must end.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "gpaikit/base/input_stream.h"
#include "gpaikit/corpus/record.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gpaikit::corpus;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto input = gpaikit::InputStream::FromMemory(bytes, "fuzz");
  ReaderOptions options;
  options.max_record_bytes = 1 << 20;
  input->set_max_window(4 << 20);
  auto reader = MakeWarcReader(input.get(), options);
  Record record;
  for (int steps = 0; steps < 100000; ++steps) {
    RecordReader::Step step = reader->Next(&record);
    if (step == RecordReader::Step::kEnd) break;
    if (step != RecordReader::Step::kRecord) continue;
    volatile size_t sink = record.url.size() + record.date.size() + record.payload.size();
    (void)sink;
    if (!record.raw.empty() && record.raw.data() != input->data()) __builtin_trap();
    if (record.raw.size() > input->size()) __builtin_trap();
  }
  return 0;
}

// libFuzzer target: arbitrary bytes as a `corpus filter` manifest (removed.jsonl, one JSON object
// a line); reading must end with a count or an error naming the line, and never count more
// signal records than removed records.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "gpaikit/corpus/stats.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gpaikit::corpus;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  CorpusStats stats;
  gpaikit::Status status = AddFilterManifestText(bytes, "removed.jsonl", &stats);
  if (!status.ok() && status.message().rfind("removed.jsonl:", 0) != 0) __builtin_trap();
  for (const auto& [kind, counts] : stats.removed_signals) {
    if (counts.records > stats.removed_by_filter.records) __builtin_trap();
  }
  return 0;
}

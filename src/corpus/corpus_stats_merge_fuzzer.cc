// libFuzzer target: `corpus merge` input, a gpaikit.corpus-stats/1 document, read, merged with
// itself (as a shard and as another corpus) and written again; errors must name the file, a
// merge must add the counts (or refuse a sum past 2^64 - 1), and what is written must read back.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "gpaikit/corpus/stats.h"

namespace {

using gpaikit::corpus::CorpusStats;
using gpaikit::corpus::MergeKind;

// Writes `stats` and reads it back; what is read must write the same text.
void RoundTrip(const CorpusStats& stats) {
  std::string text = stats.ToJsonText();
  gpaikit::Result<CorpusStats> again = gpaikit::corpus::ParseCorpusStats(text, "again.json");
  if (!again.ok()) __builtin_trap();
  if (again->ToJsonText() != text) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  gpaikit::Result<CorpusStats> stats = gpaikit::corpus::ParseCorpusStats(text, "fuzz.json");
  if (!stats.ok()) {
    if (stats.status().message().rfind("fuzz.json", 0) != 0) __builtin_trap();
    return 0;
  }
  RoundTrip(*stats);
  for (MergeKind kind : {MergeKind::kShards, MergeKind::kCorpora}) {
    CorpusStats merged = *stats;
    if (!merged.Merge(*stats, kind).ok()) continue;  // shards that share a file, or an overflow
    if (merged.records != 2 * stats->records || merged.content_bytes != 2 * stats->content_bytes) {
      __builtin_trap();
    }
    RoundTrip(merged);
  }
  return 0;
}

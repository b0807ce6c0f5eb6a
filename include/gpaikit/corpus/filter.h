// `corpus filter`: the compliant subset of a corpus in its input format, and a manifest line for
// each removed record naming the signal that removed it (Code of Practice, Copyright, 1.3).
#ifndef GPAIKIT_CORPUS_FILTER_H_
#define GPAIKIT_CORPUS_FILTER_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

#include "gpaikit/base/status.h"
#include "gpaikit/corpus/scanner.h"
#include "gpaikit/corpus/stats.h"

namespace gpaikit::corpus {

struct FilterResult {
  uint64_t kept = 0, kept_bytes = 0;        // documents written (content bytes)
  uint64_t removed = 0, removed_bytes = 0;  // documents reserved or blocked
  uint64_t blocked = 0;                     // of the removed: on a blocklist (Measure 1.2)
  uint64_t other_records = 0;               // non-document WARC records, written as they are
  uint64_t skipped_records = 0;             // bad records: reported, not written
  std::vector<CorpusError> errors;
  std::vector<std::filesystem::path> outputs;
  std::filesystem::path manifest;
  // The stop check said stop: nothing was written over the previous outputs, and the counts
  // above are those of the records read until then.
  bool cancelled = false;
};

// Asked between input files and every few hundred records; true stops the run.
using StopCheck = std::function<bool()>;

// Writes each input file to `out_dir` under its own name with its own compression (gzip WARC:
// one member per record) keeping every record except documents whose audit verdict is reserved
// or blocked; those get a line in `out_dir`/removed.jsonl (a blocklist signal names the list with
// its version, its file and the entry's line). Documents whose verdict is unknown
// (no evidence) are kept. `options.auditor` is required. Fails when two inputs share a file name
// or an output cannot be written (StatusCode::kIo, only for the outputs); inputs that cannot be
// opened and bad records are reported in the result and not written. The outputs and the
// manifest are written into `out_dir`/.gpaikit-partial/ and moved over the previous ones only
// once all are written and synced: a failed run, or one that `stop` cancels (result.cancelled),
// leaves the last complete output in place.
Result<FilterResult> FilterFiles(const std::vector<std::filesystem::path>& files,
                                 const std::filesystem::path& out_dir, const ScanOptions& options,
                                 const StopCheck& stop = {});

}  // namespace gpaikit::corpus

#endif  // GPAIKIT_CORPUS_FILTER_H_

// The scan settings a person gives by name (the CLI's flags, the Python keyword arguments),
// checked and turned into ScanOptions in one place.
#ifndef GPAIKIT_CORPUS_SCAN_SETTINGS_H_
#define GPAIKIT_CORPUS_SCAN_SETTINGS_H_

#include <string>
#include <vector>

#include "gpaikit/base/status.h"
#include "gpaikit/corpus/scanner.h"

namespace gpaikit::corpus {

struct ScanSettings {
  std::string gzip = "auto";  // auto, isal or zlib
  double bytes_per_token = 4.0;
  size_t max_domains = 4'000'000;
  size_t max_errors = 1000;
  size_t max_record_mib = 256;
  bool strict = false;
  // JSONL field paths (dotted, e.g. metadata.url); empty keeps the readers' defaults.
  std::vector<std::string> url_fields, text_fields, date_fields, token_fields;
};

// "" when `ratio` is a usable bytes-per-token estimate (0.1 to 1000; issue 14: 0, negative and
// nan were accepted), else what is expected.
std::string BytesPerTokenProblem(double ratio);

// The largest record limit in MiB: MiB << 20 cannot overflow and a record fits the readers'
// buffers (issue 14: an overflowing limit became 0, 2048 looped forever on a 1 GiB record).
inline constexpr size_t kMaxRecordMibLimit = 1024;

// Checks `settings` (the gzip engine's name, bytes_per_token, max_record_mib from 1 to
// kMaxRecordMibLimit) and sets them in `options`;
// an invalid setting is InvalidInput naming it, and leaves `options` unchanged.
Status ApplyScanSettings(const ScanSettings& settings, ScanOptions& options);

}  // namespace gpaikit::corpus

#endif  // GPAIKIT_CORPUS_SCAN_SETTINGS_H_

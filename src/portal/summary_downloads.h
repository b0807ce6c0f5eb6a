// The rendered files of each published training-content summary version as downloads,
// /summaries/SEQ/NAME (AI Act Art. 53(1)(d); Code of Practice, Transparency, Measure 1.3
// integrity).
#ifndef GPAIKIT_PORTAL_SUMMARY_DOWNLOADS_H_
#define GPAIKIT_PORTAL_SUMMARY_DOWNLOADS_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "gpaikit/portal/site.h"

namespace gpaikit::portal {

inline constexpr std::string_view kSummariesPrefix = "/summaries/";

struct SummaryFilePath {
  int64_t seq = 0;        // the ledger entry of the version
  std::string_view name;  // the file name as the URL gives it (not yet checked against anything)
};

// A ledger entry number as a URL gives it: 1 to 18 digits without a leading 0; 0 otherwise.
inline int64_t ParseLedgerSeq(std::string_view digits) {
  if (digits.empty() || digits.size() > 18 || digits[0] == '0') return 0;
  int64_t seq = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return 0;
    seq = seq * 10 + (c - '0');
  }
  return seq;
}

// "/summaries/SEQ/NAME" gives {SEQ, NAME}: SEQ 1 to 18 digits without a leading 0, NAME the
// non-empty rest of the path, whatever it holds (it is only ever compared with the names the
// ledger recorded, never used as a path). Anything else gives nullopt.
inline std::optional<SummaryFilePath> ParseSummaryFilePath(std::string_view path) {
  if (!path.starts_with(kSummariesPrefix)) return std::nullopt;
  path.remove_prefix(kSummariesPrefix.size());
  size_t slash = path.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  SummaryFilePath parsed;
  parsed.seq = ParseLedgerSeq(path.substr(0, slash));
  if (parsed.seq == 0) return std::nullopt;
  parsed.name = path.substr(slash + 1);
  if (parsed.name.empty()) return std::nullopt;
  return parsed;
}

// The content of ledger entry `seq` when it is a published summary version; nullopt when there
// is no such entry or it is of another kind; an error when the ledger cannot be read or the
// content is not a JSON object.
Result<std::optional<nlohmann::json>> SummaryVersionContent(const Site::State& state, int64_t seq);

// The URL of file `name` of the version in ledger entry `seq`.
std::string SummaryFileHref(int64_t seq, std::string_view name);

// The file `name` that ledger entry `seq` (a summary version) recorded in its "rendered" object,
// from the kept copy (store/published_files.h), checked against the recorded SHA-256: Markdown or
// HTML as an attachment, ETag the SHA-256. 404 page for an entry that is no summary version, a
// name it did not record (matched exactly) or a file that was not kept; 500 page, logged, when
// the kept bytes do not match (they are never sent).
Response SummaryFileDownload(const Site::State& state, int64_t seq, std::string_view name);

// "N bytes", "N.N KiB" or "N.N MiB", for the size shown beside a download link.
std::string FileSizeText(uint64_t bytes);

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_SUMMARY_DOWNLOADS_H_

// Scanning corpus files into CorpusStats: input expansion, deterministic shards, registrable
// domains of record URLs, per-record problems reported with file and offset.
#ifndef GPAIKIT_CORPUS_SCANNER_H_
#define GPAIKIT_CORPUS_SCANNER_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/input_stream.h"
#include "gpaikit/base/status.h"
#include "gpaikit/corpus/record.h"
#include "gpaikit/corpus/stats.h"
#include "gpaikit/optout/domain.h"

namespace gpaikit::corpus {

class Auditor;

// Host and registrable domain of record URLs (the opt-out engine's URL parser, libidn2 and
// libpsl); IP hosts are their own domain; a host that is a public suffix is its own domain.
// Hosts seen recently are remembered (a direct-mapped cache of kCacheSlots raw hosts), so
// normalisation and the public suffix lookup run only for a host not in the cache.
class DomainResolver {
 public:
  explicit DomainResolver(std::shared_ptr<const optout::PublicSuffixList> suffixes)
      : suffixes_(std::move(suffixes)), cache_(kCacheSlots) {}
  // Sets host() and domain(); fails with what is wrong with the URL. A URL with spaces is read
  // with them percent-encoded (and `*note` says so).
  Status Resolve(std::string_view url, std::string* note);
  // The last resolved URL's normalised host and registrable domain (valid until the next call).
  const std::string& host() const { return current_->host; }
  const std::string& domain() const { return current_->domain; }
  // Where the last resolved URL's domain was counted, remembered with its host.
  DomainHint* hint() { return &current_->hint; }

 private:
  static constexpr size_t kCacheSlots = 8192;
  struct Cached {
    std::string raw_host, host, domain;
    DomainHint hint;
  };
  std::shared_ptr<const optout::PublicSuffixList> suffixes_;
  std::vector<Cached> cache_;
  Cached none_;
  Cached* current_ = &none_;
};

// The gzip inflater a scan uses is the base input stream's choice.
using ::gpaikit::GzipEngine;

struct ScanOptions {
  ReaderOptions reader;
  GzipEngine gzip = GzipEngine::kAuto;
  double bytes_per_token = 4.0;
  size_t max_domains = 4'000'000;
  size_t max_errors = 1000;
  bool strict = false;                                       // stop at the first problem
  std::shared_ptr<const optout::PublicSuffixList> suffixes;  // required
  const Auditor* auditor = nullptr;                          // opt-out audit, when given
  // Called now and then with the source bytes read so far over all files.
  std::function<void(uint64_t bytes_done)> progress;
};

// Whether a file is a corpus file: WARC, ARC or JSON Lines, plain or gzip or zstd, by its name
// (.warc .arc .jsonl .ndjson, optionally .gz/.zst) or else by its first decoded bytes ("WARC/",
// "filedesc://", a first line that is a whole JSON object). A README never is, nor the manifest
// of removed records that `corpus filter` writes beside its output (filter_manifest).
struct CorpusFileCheck {
  bool corpus = false;
  std::string why_not;           // when not
  bool filter_manifest = false;  // the removed.jsonl that `corpus filter` writes
};
CorpusFileCheck CheckCorpusFile(const std::filesystem::path& path);

// A file left out of a scan on purpose, with why.
struct PassedOver {
  std::filesystem::path path;
  std::string why;
  bool filter_manifest = false;
};

// Files under `paths` (folders recursively, hidden files skipped), sorted by path, each once.
// Entries of a folder that are not read (a loop of symbolic links, a link to nothing or to a
// folder, a named pipe, a socket, a device) go to `skipped`, each with its path and why.
// Files in a folder that are not corpus files (CheckCorpusFile) and any path in `exclude` (the
// scan's own output) are left out, each listed in `not_corpus` when given.
Result<std::vector<std::filesystem::path>> ExpandInputs(
    const std::vector<std::filesystem::path>& paths, std::vector<CorpusError>* skipped = nullptr,
    const std::vector<std::filesystem::path>& exclude = {},
    std::vector<PassedOver>* not_corpus = nullptr);

// The files of shard `index` (0-based) of `count`: file k (in sorted order) goes to shard
// k mod count, so the shards partition the inputs whatever machine computes them.
std::vector<std::filesystem::path> SelectShard(const std::vector<std::filesystem::path>& files,
                                               size_t index, size_t count);

// Parses "I/N" (0 <= I < N).
Status ParseShard(std::string_view text, size_t* index, size_t* count);

// Scans `files` in order. Problems are collected in the result; with `strict` the scan stops at
// the first one (stats.errors_total > 0 then says so). Fails only on an unusable option.
Result<CorpusStats> ScanFiles(const std::vector<std::filesystem::path>& files,
                              const ScanOptions& options);

}  // namespace gpaikit::corpus

#endif  // GPAIKIT_CORPUS_SCANNER_H_

// Mergeable corpus statistics (schema gpaikit.corpus-stats/1): totals per modality, per
// registrable domain, dates, opt-out verdicts and signals, and every problem found.
#ifndef GPAIKIT_CORPUS_STATS_H_
#define GPAIKIT_CORPUS_STATS_H_

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/status.h"
#include "gpaikit/corpus/record.h"

namespace gpaikit::corpus {

struct DomainCounts {
  uint64_t records = 0;
  uint64_t content_bytes = 0;
};

// One domain's counts as a view into a DomainTable (valid until the table changes).
struct DomainView {
  std::string_view domain;
  DomainCounts counts;
};

// Where a domain's counts were last found in a DomainTable, so a caller that sees the domain again
// (the scanner remembers it with each cached host) adds to it without hashing and comparing the
// name. Valid while the table's generation() is `generation` (0: never valid).
struct DomainHint {
  size_t entry = 0;
  uint64_t generation = 0;
};

// Per-domain counts: exact up to `max_domains` distinct domains; beyond, a Misra-Gries summary
// (mergeable, Agarwal et al. 2012) weighted by content bytes keeps the heaviest domains. In that
// mode each kept domain's bytes are a lower bound, low by at most error_bound() bytes, and any
// domain with more than error_bound() bytes is kept.
// Storage: a flat open-addressing index of 8-byte slots over 32-byte entries held in fixed blocks,
// names in an arena; about 70 bytes per domain with a 20-byte name (docs/corpus.md, "Memory").
class DomainTable {
 public:
  explicit DomainTable(size_t max_domains = 4'000'000) : max_domains_(max_domains) {}
  DomainTable(const DomainTable& other);
  DomainTable& operator=(const DomainTable& other);
  DomainTable(DomainTable&& other) noexcept { *this = std::move(other); }
  DomainTable& operator=(DomainTable&& other) noexcept;
  ~DomainTable() = default;

  // Adds by name, or through `hint` when it is valid, leaving a given `hint` valid for next time.
  void Add(std::string_view domain, uint64_t records, uint64_t bytes, DomainHint* hint = nullptr);
  // Changes whenever entries move (a prune, an assignment); unique among all tables.
  uint64_t generation() const { return generation_; }
  // Adds `other`'s domains; fails when a domain's count would pass 2^64 - 1 (never wrapped).
  Status Merge(const DomainTable& other);
  // The `n` largest by content, largest first, ties by name; views into the table.
  std::vector<DomainView> Top(size_t n) const;
  // Every domain, largest content first, ties by name (copies the names; prefer Top).
  std::vector<std::pair<std::string, DomainCounts>> Sorted() const;
  size_t size() const { return count_; }
  bool exact() const { return error_bound_ == 0 && !pruned_; }
  uint64_t error_bound() const { return error_bound_; }
  size_t max_domains() const { return max_domains_; }
  void set_max_domains(size_t n) { max_domains_ = n; }
  void MarkPruned(uint64_t error_bound);
  // Bytes the table holds (index, entries, names), for the memory figures.
  size_t MemoryBytes() const;

 private:
  struct Entry {
    const char* name;
    uint32_t length;
    uint32_t hash;
    DomainCounts counts;
  };
  static constexpr size_t kEntriesPerBlock = 4096;
  static constexpr size_t kArenaBlock = size_t{256} << 10;

  Entry& At(size_t index) const {
    return entry_blocks_[index / kEntriesPerBlock][index % kEntriesPerBlock];
  }
  const char* StoreName(std::string_view name);
  // Adds by name; returns the domain's entry, or kNoEntry when a prune dropped it.
  size_t AddByName(std::string_view domain, uint64_t records, uint64_t bytes);
  static constexpr size_t kNoEntry = SIZE_MAX;
  static uint64_t NextGeneration();
  void Grow();
  void Prune();

  std::vector<uint64_t> slots_;  // 0 = empty, else hash << 32 | (entry index + 1)
  std::vector<std::unique_ptr<Entry[]>> entry_blocks_;
  std::vector<std::unique_ptr<char[]>> arena_;
  char* arena_block_ = nullptr;  // the block short names go to
  size_t arena_used_ = 0;        // bytes used in arena_block_
  size_t arena_bytes_ = 0;
  size_t count_ = 0;
  size_t max_domains_ = 4'000'000;
  uint64_t error_bound_ = 0;
  bool pruned_ = false;
  uint64_t generation_ = NextGeneration();
};

struct ModalityStats {
  uint64_t records = 0;
  uint64_t content_bytes = 0;
  uint64_t records_with_tokens = 0;   // records whose data gave a token count
  uint64_t tokens_from_data = 0;      // the sum of those counts
  uint64_t bytes_without_tokens = 0;  // content bytes of the other records (tokens estimated)
  // Estimated tokens not derived from bytes_without_tokens at the current ratio: from corpora
  // merged at another bytes-per-token ratio, or stated by a document without its bytes.
  uint64_t tokens_estimated_fixed = 0;
};

// The data sources of the training-content summary template (sections 2.1 to 2.6) a corpus can
// be tagged with, so that statistics are kept per source (template 2.3 lists the domains of
// crawled data only): crawled, public-dataset, licensed, private, user-data, synthetic, other.
bool IsDataSource(std::string_view name);
// "crawled, public-dataset, ..." for messages.
std::string DataSourceNames();

// What a merge joins: shards of one scan (same public suffix list and ratio, no file twice), or
// the statistics of different corpora (a model trained on several; ratios may differ, the
// estimates are then kept as they were and the ratio reads as mixed).
enum class MergeKind : uint8_t { kShards, kCorpora };

struct CorpusError {
  std::string file;
  uint64_t offset = 0;  // decoded byte offset (see docs/corpus.md)
  uint64_t line = 0;    // JSONL line, 0 for WARC
  std::string message;  // may start with its own place ("line 402: ..."), never with the file
};
// The one way a CorpusError is printed: "file: line N: message" (JSONL) or "file: offset N:
// message", the place named once even when the message starts with it.
std::string DescribeError(const CorpusError& error);
// A whole-file problem (the file cannot be opened, or is neither WARC nor JSONL) as the
// CorpusError at offset 0 of `file`: `status` names the file for callers that report it alone,
// so that prefix is dropped here.
CorpusError FileError(const std::string& file, const Status& status);

struct FileStats {
  std::string file;
  std::string format, compression;
  uint64_t bytes = 0;    // file size
  uint64_t decoded = 0;  // decoded bytes read
  uint64_t records = 0;  // documents counted
};

// Records and content bytes under one opt-out verdict or signal.
using OptoutCounts = DomainCounts;

class CorpusStats {
 public:
  static constexpr std::string_view kSchema = "gpaikit.corpus-stats/1";

  uint64_t records = 0, content_bytes = 0;
  std::array<ModalityStats, kModalityCount> modalities{};
  DomainTable domains;
  uint64_t records_without_url = 0;   // JSONL documents without a URL (no domain)
  uint64_t records_without_date = 0;  // documents without a usable date
  std::string first_date, last_date;  // as written in the data, ordered by their ISO 8601 prefix
  std::map<std::string, uint64_t> other_records;  // WARC records that are not documents, by type
  std::vector<CorpusError> errors;                // the first max_errors problems, in file order
  uint64_t errors_total = 0;
  uint64_t skipped_records = 0;  // records reported as errors and not counted
  std::vector<FileStats> files;
  std::string psl_version;
  double bytes_per_token = 4.0;  // the estimate for records without token counts
  size_t max_errors = 1000;
  bool audited = false;
  std::map<std::string, OptoutCounts> verdicts;  // "allowed", "reserved", "blocked", "unknown"
  std::map<std::string, OptoutCounts> signals;   // signal kind -> records it reserved or blocked
  std::vector<std::string> audit_agents;  // user agents checked besides the training crawlers
  // Documents `corpus filter` removed before this corpus was scanned (its removed.jsonl
  // manifests found among the inputs): in total and by the signal kinds that removed them.
  OptoutCounts removed_by_filter;
  std::map<std::string, OptoutCounts> removed_signals;
  // The data source the corpus comes from (IsDataSource), "" when not tagged, "mixed" after
  // merging corpora of different sources.
  std::string data_source;

  // Counts one document attributed to `domain` (empty: no domain), through `hint` if given.
  void AddDocument(const Record& record, std::string_view domain, DomainHint* hint = nullptr);
  void AddError(CorpusError error);
  // Estimated plus counted tokens of a modality.
  uint64_t Tokens(Modality modality) const;
  uint64_t EstimatedTokens(Modality modality) const;

  // Adds `other`. For kShards (a shard of the same corpus) fails when the shards used different
  // public suffix lists or token ratios, or share a file; fails too when a count would pass
  // 2^64 - 1 (never wrapped). After a failure the statistics are partly merged: discard them.
  Status Merge(const CorpusStats& other, MergeKind kind = MergeKind::kShards);

  nlohmann::json ToJson() const;
  // ToJson().dump(2) without building the per-domain objects (the domain list is written
  // straight out): the same text at a fraction of the time and memory on millions of domains.
  std::string ToJsonText() const;
  // Reads a gpaikit.corpus-stats/1 document (written by ToJson, or a smaller one holding the
  // required members: schema, records, content_bytes, modalities with records, content_bytes
  // and tokens, domains, domains_exact); errors name `source` and the JSON path.
  static Result<CorpusStats> FromJson(const nlohmann::json& json, const std::string& source);

 private:
  nlohmann::json WithoutDomains() const;  // the document but its "domains" list
};

// Adds the documents listed in a `corpus filter` manifest (removed.jsonl) to
// stats->removed_by_filter and removed_signals; errors name the file and line.
Status AddFilterManifest(const std::filesystem::path& manifest, CorpusStats* stats);
// The same over a manifest's text; `name` names it in errors.
Status AddFilterManifestText(std::string_view text, const std::string& name, CorpusStats* stats);

// One line of a `corpus filter` manifest (removed.jsonl): the removed document's URL ("" when it
// had none), its verdict, content bytes and the distinct kinds of the signals that removed it.
struct RemovedEntry {
  std::string url;
  std::string verdict;
  uint64_t content_bytes = 0;
  std::vector<std::string> signal_kinds;
};
// Calls `each` for every line of a manifest's text; errors name `name` and the line.
Status ReadFilterManifestText(std::string_view text, const std::string& name,
                              const std::function<void(const RemovedEntry&)>& each);

// Parses one gpaikit.corpus-stats/1 document; errors name `file` and the byte or JSON path.
Result<CorpusStats> ParseCorpusStats(std::string_view text, const std::string& file);
// Reads the statistics files and merges them in order (see MergeKind).
Result<CorpusStats> LoadCorpusStats(const std::vector<std::filesystem::path>& files,
                                    MergeKind kind);

// True when `date` starts like an ISO 8601 date ("YYYY-MM-DD"); the comparison key of a date is
// its first 19 characters with 'T' for a space ("2024-01-31T12:00:00").
bool IsIsoDate(std::string_view date);

}  // namespace gpaikit::corpus

#endif  // GPAIKIT_CORPUS_STATS_H_

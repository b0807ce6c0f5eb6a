// The opt-out audit of a corpus collected by others (Code of Practice, Copyright, Measure 1.3):
// robots.txt snapshots per host and the signals inside each record, decided by the opt-out
// engine's audit policy.
#ifndef GPAIKIT_CORPUS_AUDIT_H_
#define GPAIKIT_CORPUS_AUDIT_H_

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/status.h"
#include "gpaikit/corpus/record.h"
#include "gpaikit/corpus/stats.h"
#include "gpaikit/optout/crawlers.h"
#include "gpaikit/optout/decision.h"
#include "gpaikit/optout/domain.h"

namespace gpaikit::corpus {

// robots.txt captures by host. A folder holds plain files named by host ("example.com",
// "example.com.txt" or "example.com.robots.txt": fetched with status 200, date unknown) and/or
// WARC files (.warc, .warc.gz, .warc.zst) whose response records for "/robots.txt" give host,
// status and date. For a record, the capture of its host nearest before the record's date
// applies (a capture without a date applies to every record; with no capture before the date,
// there is no robots.txt evidence).
class RobotsSnapshots {
 public:
  static Result<RobotsSnapshots> Load(const std::filesystem::path& dir);
  // The evidence for `host` (normalised) at `date` (ISO 8601 or empty); the policy pointer stays
  // valid while this object lives.
  optout::RobotsEvidence For(std::string_view host, std::string_view date) const;
  size_t hosts() const { return by_host_.size(); }
  size_t captures() const { return captures_; }

 private:
  struct Capture {
    std::string date;  // comparison key, "" when unknown
    int status = 200;
    std::string location;
    std::shared_ptr<optout::RobotsPolicy> policy;
  };
  Status AddWarc(const std::filesystem::path& path);
  std::map<std::string, std::vector<Capture>, std::less<>> by_host_;  // sorted by date
  size_t captures_ = 0;
};

// Decides each document with optout::Decide (policy kAudit): the blocklists, the robots.txt
// snapshot for its host (none when `robots` is null),
// X-Robots-Tag / tdm-reservation / Content-Usage / Content-Signal response headers, and HTML
// <meta> tags in the first `max_html_bytes` of an HTML payload.
class Auditor {
 public:
  Auditor(const RobotsSnapshots* robots, const optout::CrawlerRegistry* registry,
          std::shared_ptr<const optout::PublicSuffixList> suffixes)
      : robots_(robots), registry_(registry), suffixes_(std::move(suffixes)) {}

  Result<optout::Decision> Decide(const Record& record, std::string_view host) const;
  // Decides and adds the record to stats.verdicts and, for every signal that reserved or blocked
  // it (not superseded), stats.signals.
  void Count(const Record& record, std::string_view host, CorpusStats* stats) const;

  size_t max_html_bytes = 256 * 1024;
  // User agents checked besides the registry's training crawlers: the provider's own crawlers
  // (reduced to product tokens, RFC 9309 section 2.2.1).
  std::vector<std::string> agents;
  // Blocklists (Copyright, Measure 1.2): a listed document is "blocked" whatever else it says.
  // Not owned; they must outlive the Auditor.
  std::vector<const optout::Blocklist*> blocklists;

 private:
  const RobotsSnapshots* robots_;
  const optout::CrawlerRegistry* registry_;
  std::shared_ptr<const optout::PublicSuffixList> suffixes_;
};

}  // namespace gpaikit::corpus

#endif  // GPAIKIT_CORPUS_AUDIT_H_

// What an opt-out audit of a corpus reads (robots.txt snapshots, the crawler registry, blocklists
// of Code of Practice, Copyright, Measure 1.2), loaded once and owned together with its Auditor;
// and `corpus filter` as one call for a job given by its paths.
#ifndef GPAIKIT_CORPUS_AUDIT_SETUP_H_
#define GPAIKIT_CORPUS_AUDIT_SETUP_H_

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gpaikit/base/status.h"
#include "gpaikit/corpus/audit.h"
#include "gpaikit/corpus/filter.h"
#include "gpaikit/optout/blocklist.h"
#include "gpaikit/optout/crawlers.h"
#include "gpaikit/optout/domain.h"

namespace gpaikit::corpus {

struct AuditSources {
  std::filesystem::path robots;                   // snapshots folder; empty: no robots.txt evidence
  std::vector<std::filesystem::path> blocklists;  // list files (optout::Blocklist format)
  std::filesystem::path crawlers;                 // registry; empty: CrawlerRegistry::DefaultPath()
  std::vector<std::string> agents;  // checked besides the registry's training crawlers
};

// The loaded sources and the Auditor that points into them (they live as long as this object).
class AuditSetup {
 public:
  // Loads every source; the first error names its file (and line, for a list or the registry).
  static Result<std::unique_ptr<AuditSetup>> Load(
      const AuditSources& sources, std::shared_ptr<const optout::PublicSuffixList> suffixes);

  Auditor& auditor() { return *auditor_; }
  const std::vector<optout::Blocklist>& blocklists() const { return blocklists_; }

 private:
  AuditSetup() = default;
  std::optional<RobotsSnapshots> robots_;
  std::optional<optout::CrawlerRegistry> registry_;
  std::vector<optout::Blocklist> blocklists_;
  std::unique_ptr<Auditor> auditor_;
};

// A `corpus filter` run described by paths: the inputs (files or folders), the output folder,
// the audit's sources, and the public suffix list (empty: Debian's).
struct FilterJob {
  std::vector<std::filesystem::path> inputs;
  std::filesystem::path out;
  AuditSources audit;
  std::string psl;
  StopCheck stop;  // empty: runs to the end (FilterFiles)
};

// Expands the inputs as `corpus filter` does, loads the sources and filters (FilterFiles with
// the default scan settings). Input problems (no robots and no blocklist, a bad list, a missing
// input) are InvalidInput or NotFound naming the file; an output that cannot be written is Io.
// A run that `job.stop` cancels is ok with result.cancelled.
Result<FilterResult> RunFilterJob(const FilterJob& job);

}  // namespace gpaikit::corpus

#endif  // GPAIKIT_CORPUS_AUDIT_SETUP_H_

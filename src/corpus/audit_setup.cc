// Loads what an opt-out audit reads (robots.txt snapshots, crawler registry, Measure 1.2
// blocklists) into one owner of its Auditor, and runs a `corpus filter` job described by paths.
#include "gpaikit/corpus/audit_setup.h"

#include "gpaikit/corpus/scan_settings.h"
#include "gpaikit/corpus/scanner.h"

namespace gpaikit::corpus {

Result<std::unique_ptr<AuditSetup>> AuditSetup::Load(
    const AuditSources& sources, std::shared_ptr<const optout::PublicSuffixList> suffixes) {
  std::unique_ptr<AuditSetup> setup(new AuditSetup);
  if (!sources.robots.empty()) {
    Result<RobotsSnapshots> robots = RobotsSnapshots::Load(sources.robots);
    if (!robots.ok()) return robots.status();
    setup->robots_ = std::move(*robots);
  }
  Result<optout::CrawlerRegistry> registry = optout::CrawlerRegistry::Load(
      sources.crawlers.empty() ? optout::CrawlerRegistry::DefaultPath() : sources.crawlers);
  if (!registry.ok()) return registry.status();
  setup->registry_ = std::move(*registry);
  setup->blocklists_.reserve(sources.blocklists.size());
  for (const std::filesystem::path& file : sources.blocklists) {
    Result<optout::Blocklist> list = optout::Blocklist::Load(file);
    if (!list.ok()) return list.status();
    setup->blocklists_.push_back(std::move(*list));
  }
  setup->auditor_ = std::make_unique<Auditor>(setup->robots_ ? &*setup->robots_ : nullptr,
                                              &*setup->registry_, std::move(suffixes));
  setup->auditor_->agents = sources.agents;
  for (const optout::Blocklist& list : setup->blocklists_) {
    setup->auditor_->blocklists.push_back(&list);
  }
  return setup;
}

Result<FilterResult> RunFilterJob(const FilterJob& job) {
  if (job.audit.robots.empty() && job.audit.blocklists.empty()) {
    return Status::InvalidInput("a filter needs robots.txt snapshots or a blocklist");
  }
  std::vector<CorpusError> skipped;
  std::vector<PassedOver> not_corpus;
  Result<std::vector<std::filesystem::path>> files =
      ExpandInputs(job.inputs, &skipped, {job.out}, &not_corpus);
  if (!files.ok()) return files.status();
  Result<std::shared_ptr<const optout::PublicSuffixList>> suffixes =
      optout::PublicSuffixList::Load(job.psl);
  if (!suffixes.ok()) return suffixes.status();
  Result<std::unique_ptr<AuditSetup>> setup = AuditSetup::Load(job.audit, *suffixes);
  if (!setup.ok()) return setup.status();
  ScanOptions options;
  options.suffixes = *suffixes;
  if (Status applied = ApplyScanSettings(ScanSettings{}, options); !applied.ok()) return applied;
  options.auditor = &(*setup)->auditor();
  Result<FilterResult> result = FilterFiles(*files, job.out, options, job.stop);
  if (!result.ok()) return result;
  for (CorpusError& error : skipped) result->errors.push_back(std::move(error));
  return result;
}

}  // namespace gpaikit::corpus

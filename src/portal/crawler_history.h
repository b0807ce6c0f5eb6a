// The history of the crawler information (Code of Practice, Copyright, Measure 1.3): each version
// the provider published, recorded as a "portal.crawlers" ledger entry with its own time.
#ifndef GPAIKIT_PORTAL_CRAWLER_HISTORY_H_
#define GPAIKIT_PORTAL_CRAWLER_HISTORY_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "gpaikit/base/status.h"
#include "gpaikit/store/ledger.h"
#include "portal/crawler_info.h"

namespace gpaikit::portal {

// The ledger entry kind of one version of the crawler information; its content is
// {"document": the crawlers.json body without creationTime, "sha256": of document.dump()}.
inline constexpr const char* kCrawlersKind = "portal.crawlers";

// One recorded version.
struct CrawlerVersion {
  int64_t seq = 0;
  std::string time;  // the entry's time, UTC, RFC 3339
  std::string sha256;
  nlohmann::json document;
};

// Every recorded version, oldest first.
Result<std::vector<CrawlerVersion>> CrawlerVersions(const store::Ledger& ledger);
// The version with ledger entry `seq`; NotFound when that entry is not a crawler version.
Result<CrawlerVersion> CrawlerVersionAt(const store::Ledger& ledger, int64_t seq);
// Appends `info` as a new version unless the newest recorded version has the same SHA-256
// (decided inside the write transaction); the new version, or nullopt when nothing changed.
Result<std::optional<CrawlerVersion>> RecordCrawlerVersion(store::Ledger& ledger,
                                                           const CrawlerInfo& info,
                                                           const std::string& author);

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_CRAWLER_HISTORY_H_

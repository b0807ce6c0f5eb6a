// Records each change of the crawler information as a ledger entry and reads the versions back
// (Code of Practice, Copyright, Measure 1.3: rightsholders notified of changes by a feed).
#include "portal/crawler_history.h"

namespace gpaikit::portal {
namespace {

Result<CrawlerVersion> FromEntry(const store::Entry& entry, const std::string& where) {
  nlohmann::json content = nlohmann::json::parse(entry.content, nullptr, false);
  if (content.is_discarded() || !content.is_object() || !content.contains("document") ||
      !content["document"].is_object() || !content.value("sha256", nlohmann::json()).is_string()) {
    return Status::InvalidInput(where + ": ledger entry " + std::to_string(entry.seq) + " (" +
                                kCrawlersKind +
                                "): expected content {\"document\": {...}, \"sha256\": \"...\"}");
  }
  return CrawlerVersion{entry.seq, entry.time, content["sha256"].get<std::string>(),
                        content["document"]};
}

}  // namespace

Result<std::vector<CrawlerVersion>> CrawlerVersions(const store::Ledger& ledger) {
  Result<std::vector<store::Entry>> entries = ledger.Entries(kCrawlersKind);
  if (!entries.ok()) return entries.status();
  std::vector<CrawlerVersion> versions;
  for (const store::Entry& entry : *entries) {
    if (entry.kind != kCrawlersKind) continue;  // a longer kind with the same prefix
    Result<CrawlerVersion> version = FromEntry(entry, ledger.path().string());
    if (!version.ok()) return version.status();
    versions.push_back(std::move(*version));
  }
  return versions;
}

Result<CrawlerVersion> CrawlerVersionAt(const store::Ledger& ledger, int64_t seq) {
  Result<store::Entry> entry = ledger.Get(seq);
  if (!entry.ok()) return entry.status();
  if (entry->kind != kCrawlersKind) {
    return Status::NotFound(ledger.path().string() + ": entry " + std::to_string(seq) +
                            " is not a crawler version");
  }
  return FromEntry(*entry, ledger.path().string());
}

Result<std::optional<CrawlerVersion>> RecordCrawlerVersion(store::Ledger& ledger,
                                                           const CrawlerInfo& info,
                                                           const std::string& author) {
  bool unchanged = false;
  Result<store::Entry> appended = ledger.Append(
      kCrawlersKind, author, [&](const store::Ledger& current) -> Result<store::Draft> {
        Result<std::vector<CrawlerVersion>> versions = CrawlerVersions(current);
        if (!versions.ok()) return versions.status();
        if (!versions->empty() && versions->back().sha256 == info.sha256) {
          unchanged = true;
          return Status::NotFound("crawler information unchanged");  // rolls back, nothing appended
        }
        nlohmann::json content = {{"document", info.document}, {"sha256", info.sha256}};
        return store::Draft{"crawlers", content.dump()};
      });
  if (unchanged) return std::optional<CrawlerVersion>();
  if (!appended.ok()) return appended.status();
  return std::optional<CrawlerVersion>(
      CrawlerVersion{appended->seq, appended->time, info.sha256, info.document});
}

}  // namespace gpaikit::portal

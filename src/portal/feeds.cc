// The portal's machine-readable documents: crawlers.json (the shape large crawler operators use
// for their IP ranges), the Atom feed (RFC 4287) of crawler information and ledger heads (Code of
// Practice, Copyright, Measure 1.3: notify "such as by syndicating a web feed"), security.txt
// (RFC 9116).
#include <memory>

#include "gpaikit/base/civil_date.h"
#include "gpaikit/store/ledger.h"
#include "portal/crawler_history.h"
#include "portal/site_state.h"

namespace gpaikit::portal {
namespace {

using kainjow::mustache::list;

// How many of the newest ledger entries the feed announces as heads: each was the head when it
// was appended, so a reader who keeps the feed holds every head it saw.
constexpr size_t kFeedHeads = 20;

// One line about a crawlers.json document (gpaikit.crawlers/1): its crawlers and what they honour.
std::string CrawlerSummary(const nlohmann::json& document, const std::string& sha256) {
  std::string text = "Crawlers: ";
  const nlohmann::json& crawlers = document.value("crawlers", nlohmann::json::array());
  if (crawlers.empty()) text += "none";
  for (size_t i = 0; i < crawlers.size(); ++i) {
    const nlohmann::json& crawler = crawlers[i];
    text += (i ? "; " : "") + crawler.value("productToken", std::string()) + " (" +
            std::to_string(crawler.value("prefixes", nlohmann::json::array()).size()) +
            " IP ranges)";
  }
  text += ". Honoured: ";
  const nlohmann::json& honours = document.value("honours", nlohmann::json::array());
  for (size_t i = 0; i < honours.size(); ++i) {
    text += (i ? ", " : "") + honours[i].value("name", std::string()) + " (" +
            honours[i].value("standard", std::string()) + ")";
  }
  return text + ". Content SHA-256 " + sha256 + ".";
}

}  // namespace

Response CrawlersJson(const Site::State& state) {
  nlohmann::json document = state.crawlers.document;
  document["creationTime"] = state.crawlers_time;
  return {200, "application/json", document.dump(2) + "\n", {}};
}

Response CrawlersVersionJson(const Site::State& state, int64_t seq) {
  Result<std::unique_ptr<store::Ledger>> ledger = store::Ledger::OpenIfPresent(state.project.root);
  if (!ledger.ok()) return InternalError(ledger.status());
  Result<CrawlerVersion> version =
      *ledger ? CrawlerVersionAt(**ledger, seq) : Status::NotFound("no ledger");
  if (!version.ok()) {
    if (version.status().code() != StatusCode::kNotFound) return InternalError(version.status());
    return ErrorPage(state, 404, "Not found",
                     "There is no crawler information version " + std::to_string(seq) + ".");
  }
  nlohmann::json document = version->document;
  document["creationTime"] = version->time;
  return {200, "application/json", document.dump(2) + "\n", {}};
}

Response AtomFeed(const Site::State& state, const std::string& base_url) {
  Data data;
  data.set("provider", state.project.provider.legal_name);
  data.set("feed_id", base_url + "feed.atom");
  data.set("self_url", base_url + "feed.atom");
  data.set("site_url", base_url);
  list entries;
  std::string updated = state.crawlers_time;
  Result<std::unique_ptr<store::Ledger>> ledger = store::Ledger::OpenIfPresent(state.project.root);
  if (!ledger.ok()) return InternalError(ledger.status());
  // One entry per recorded version of the crawler information, newest first, at the time it was
  // recorded; the information as it is now too when no version records it yet.
  std::vector<CrawlerVersion> versions;
  if (*ledger) {
    Result<std::vector<CrawlerVersion>> read = CrawlerVersions(**ledger);
    if (!read.ok()) return InternalError(read.status());
    versions = std::move(*read);
  }
  if (versions.empty() || versions.back().sha256 != state.crawlers.sha256) {
    Data current;
    current.set("title", "Crawler information " + state.crawlers.sha256.substr(0, 12) +
                             " (not yet recorded in the ledger)");
    current.set("id", "urn:sha256:" + state.crawlers.sha256);
    current.set("updated", state.crawlers_time);
    current.set("link", base_url + "crawlers.json");
    current.set("summary", CrawlerSummary(state.crawlers.document, state.crawlers.sha256));
    entries.push_back(current);
  }
  for (size_t i = versions.size(); i-- > 0;) {
    const CrawlerVersion& version = versions[i];
    std::string seq = std::to_string(version.seq);
    Data entry;
    entry.set("title", "Crawler information, version " + std::to_string(i + 1) + " (" +
                           version.sha256.substr(0, 12) + ")");
    entry.set("id", "urn:gpaikit:crawlers:" + seq + ":" + version.sha256);
    entry.set("updated", version.time);
    entry.set("link", base_url + "crawlers/" + seq + ".json");
    entry.set("summary", "Recorded in ledger entry " + seq + ". " +
                             CrawlerSummary(version.document, version.sha256));
    entries.push_back(entry);
    if (version.time > updated) updated = version.time;
  }
  if (*ledger) {
    // Only the newest kFeedHeads entries are read: a feed request costs the same however long
    // the ledger grows.
    Result<store::Head> newest = (*ledger)->CurrentHead();
    if (!newest.ok() && newest.status().code() != StatusCode::kNotFound) {
      return InternalError(newest.status());
    }
    int64_t last = newest.ok() ? newest->seq : 0;
    for (int64_t seq = last; seq > 0 && seq > last - static_cast<int64_t>(kFeedHeads); --seq) {
      Result<store::Entry> read = (*ledger)->Get(seq);
      if (!read.ok()) return InternalError(read.status());
      const store::Entry& entry = *read;
      Data head;
      head.set("title", "Ledger head " + std::to_string(entry.seq) + " " + entry.hash);
      head.set("id", "urn:gpaikit:ledger-head:" + std::to_string(entry.seq) + ":" + entry.hash);
      head.set("updated", entry.time);
      head.set("link", base_url + "summaries");
      head.set("summary", "Ledger entry " + std::to_string(entry.seq) + " (" + entry.kind + " " +
                              entry.subject + ") became the head; hash " + entry.hash +
                              ". Keep this hash: `gpaikit ledger verify --expect-head " +
                              entry.hash + "` detects a later rollback or rewrite.");
      entries.push_back(head);
      if (entry.time > updated) updated = entry.time;
    }
  }
  data.set("updated", updated);
  data.set("entries", entries);
  Result<std::string> body = state.templates.Render("feed.atom", std::move(data));
  if (!body.ok()) return InternalError(body.status());
  return {200, "application/atom+xml; charset=utf-8", std::move(*body), {}};
}

Response SecurityTxt(const Site::State& state, const std::string& base_url, std::time_t now) {
  std::string contact = ContactHref(state.project.provider.contact);
  if (contact.empty()) contact = base_url;  // the home page names the contact point
  // RFC 9116 section 2.5.5: Expires is required; less than a year ahead is recommended.
  std::time_t expires = now + 364 * 24 * 3600;
  std::string body = "Contact: " + contact + "\nExpires: " + UtcTimestamp(expires) +
                     "\nCanonical: " + base_url + ".well-known/security.txt" +
                     "\nPreferred-Languages: en\n";
  return {200, "text/plain; charset=utf-8", std::move(body), {}};
}

}  // namespace gpaikit::portal

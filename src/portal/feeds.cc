// The portal's machine-readable documents: crawlers.json (the shape large crawler operators use
// for their IP ranges), the Atom feed (RFC 4287) of crawler information and ledger heads (Code of
// Practice, Copyright, Measure 1.3: notify "such as by syndicating a web feed"), security.txt
// (RFC 9116).
#include <memory>

#include "gpaikit/store/ledger.h"
#include "portal/site_state.h"

namespace gpaikit::portal {
namespace {

using kainjow::mustache::list;

// How many of the newest ledger entries the feed announces as heads: each was the head when it
// was appended, so a reader who keeps the feed holds every head it saw.
constexpr size_t kFeedHeads = 20;

std::string CrawlerSummary(const CrawlerInfo& info) {
  std::string text = "Crawlers: ";
  if (info.crawlers.empty()) text += "none";
  for (size_t i = 0; i < info.crawlers.size(); ++i) {
    const Crawler& crawler = info.crawlers[i];
    text += (i ? "; " : "") + crawler.token + " (" + std::to_string(crawler.ip_ranges.size()) +
            " IP ranges)";
  }
  text += ". Honoured: ";
  const std::vector<Honoured>& honours = HonouredReservations();
  for (size_t i = 0; i < honours.size(); ++i) {
    text += (i ? ", " : "") + honours[i].name + " (" + honours[i].standard + ")";
  }
  return text + ". Content SHA-256 " + info.sha256 + ".";
}

}  // namespace

Response CrawlersJson(const Site::State& state) {
  nlohmann::json document = state.crawlers.document;
  document["creationTime"] = state.crawlers_time;
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
  Data crawlers;
  crawlers.set("title", "Crawler information " + state.crawlers.sha256.substr(0, 12));
  crawlers.set("id", "urn:sha256:" + state.crawlers.sha256);
  crawlers.set("updated", state.crawlers_time);
  crawlers.set("link", base_url + "crawlers");
  crawlers.set("summary", CrawlerSummary(state.crawlers));
  entries.push_back(crawlers);
  Result<std::unique_ptr<store::Ledger>> ledger = store::Ledger::OpenIfPresent(state.project.root);
  if (!ledger.ok()) return InternalError(ledger.status());
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
  std::string body = "Contact: " + contact + "\nExpires: " + Rfc3339(expires) +
                     "\nCanonical: " + base_url + ".well-known/security.txt" +
                     "\nPreferred-Languages: en\n";
  return {200, "text/plain; charset=utf-8", std::move(body), {}};
}

}  // namespace gpaikit::portal

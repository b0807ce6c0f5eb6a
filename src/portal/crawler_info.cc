// Collects the provider's crawlers and what they honour (Code of Practice, Copyright, Measure 1.3;
// RFC 9309) into the document behind /crawlers, /crawlers.json and the feed.
#include "portal/crawler_info.h"

#include <algorithm>

#include "gpaikit/base/sha256.h"

namespace gpaikit::portal {
namespace {

void AddDistinct(std::vector<std::string>& list, const std::string& value) {
  if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end()) {
    list.push_back(value);
  }
}

}  // namespace

const std::vector<Honoured>& HonouredReservations() {
  static const std::vector<Honoured> kHonoured = {
      {"robots.txt", "RFC 9309",
       "allow and disallow rules for the crawler's product token, else for *; an unreachable "
       "robots.txt (5xx) means nothing is collected"},
      {"TDMRep", "W3C TDM Reservation Protocol",
       "/.well-known/tdmrep.json, the tdm-reservation and tdm-policy HTTP headers and HTML meta "
       "tags"},
      {"noai, noimageai", "X-Robots-Tag header and robots meta tag",
       "content marked noai (noimageai for images) is not collected for training"},
      {"Content-Usage", "IETF AI Preferences (aipref) draft",
       "a train-ai=n (or train-genai=n) preference in an HTTP header or a robots.txt line"},
      {"Content-Signal", "Content Signals Policy",
       "ai-train=no in an HTTP header or a robots.txt line"},
      {"Blocklist", "Code of Practice, Copyright, Measure 1.2",
       "sites recognised as persistently infringing copyright are not crawled"},
  };
  return kHonoured;
}

CrawlerInfo CollectCrawlers(const project::Project& project) {
  CrawlerInfo info;
  for (const project::Model& model : project.models) {
    if (!model.training_data) continue;
    const project::CrawlingFacts& crawling = model.training_data->crawling;
    for (const project::CrawlerFacts& facts : crawling.crawlers) {
      auto found = std::find_if(info.crawlers.begin(), info.crawlers.end(),
                                [&](const Crawler& c) { return c.token == facts.name; });
      if (found == info.crawlers.end()) {
        info.crawlers.push_back({facts.name, facts.url, facts.description, {}, {}, {}});
        found = info.crawlers.end() - 1;
      }
      if (found->url.empty()) found->url = facts.url;
      if (found->purpose.empty()) found->purpose = facts.description;
      AddDistinct(found->models, model.id);
      AddDistinct(found->behaviour, crawling.behaviour.text);
      for (const std::string& range : facts.ip_ranges) AddDistinct(found->ip_ranges, range);
    }
  }
  nlohmann::json prefixes = nlohmann::json::array();
  nlohmann::json agents = nlohmann::json::array();
  for (const Crawler& crawler : info.crawlers) {
    nlohmann::json own = nlohmann::json::array();
    for (const std::string& range : crawler.ip_ranges) {
      nlohmann::json prefix = {
          {range.find(':') == std::string::npos ? "ipv4Prefix" : "ipv6Prefix", range}};
      own.push_back(prefix);
      if (std::find(prefixes.begin(), prefixes.end(), prefix) == prefixes.end()) {
        prefixes.push_back(prefix);
      }
    }
    agents.push_back({{"productToken", crawler.token},
                      {"userAgent", crawler.url},
                      {"purpose", crawler.purpose},
                      {"models", crawler.models},
                      {"prefixes", own}});
  }
  nlohmann::json honours = nlohmann::json::array();
  for (const Honoured& h : HonouredReservations()) {
    honours.push_back({{"name", h.name}, {"standard", h.standard}, {"what", h.what}});
  }
  info.document = {{"schema", "gpaikit.crawlers/1"},
                   {"provider", project.provider.legal_name},
                   {"prefixes", prefixes},
                   {"crawlers", agents},
                   {"honours", honours}};
  info.sha256 = Sha256Hex(info.document.dump());
  return info;
}

}  // namespace gpaikit::portal

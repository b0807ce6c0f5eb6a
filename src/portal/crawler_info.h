// The crawler information a provider makes public (Code of Practice, Copyright, Measure 1.3):
// each crawler of the project's models with what it honours, as one document whose SHA-256
// identifies the state the Atom feed announces.
#ifndef GPAIKIT_PORTAL_CRAWLER_INFO_H_
#define GPAIKIT_PORTAL_CRAWLER_INFO_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "gpaikit/project/project.h"

namespace gpaikit::portal {

// One reservation protocol the crawlers honour, as gpaikit's opt-out engine checks it
// (docs/optout.md; gpaikit/optout/signals.h).
struct Honoured {
  std::string name;
  std::string standard;
  std::string what;
};

// The reservations gpaikit checks before collecting a URL: robots.txt (RFC 9309) first.
const std::vector<Honoured>& HonouredReservations();

struct Crawler {
  std::string token;  // product token, the robots.txt User-agent
  std::string url;
  std::string purpose;
  std::vector<std::string> models;     // model ids that name it
  std::vector<std::string> behaviour;  // the models' crawling.behaviour texts, distinct
  std::vector<std::string> ip_ranges;  // CIDR, distinct, in the order first given
};

struct CrawlerInfo {
  std::vector<Crawler> crawlers;  // in the order the models name them, merged by token
  nlohmann::json document;        // the crawlers.json body without "creationTime"
  std::string sha256;             // of document.dump()
};

// Collects the crawlers of every model's training_data.crawling (inline behaviour texts only).
CrawlerInfo CollectCrawlers(const project::Project& project);

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_CRAWLER_INFO_H_

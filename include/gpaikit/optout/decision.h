// Decide(url, evidence, policy): may this URL's content be collected for training, and why.
// Code of Practice, Copyright, Measures 1.2 (infringing sites) and 1.3 (rights reservations).
#ifndef GPAIKIT_OPTOUT_DECISION_H_
#define GPAIKIT_OPTOUT_DECISION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/status.h"
#include "gpaikit/optout/blocklist.h"
#include "gpaikit/optout/crawlers.h"
#include "gpaikit/optout/domain.h"
#include "gpaikit/optout/robots.h"
#include "gpaikit/optout/signals.h"
#include "gpaikit/optout/tdmrep.h"

namespace gpaikit::optout {

// How the robots.txt fetch ended (RFC 9309 section 2.3.1), as the crawler reports it.
enum class RobotsFetch : uint8_t {
  kNotFetched,   // no robots.txt evidence
  kSuccess,      // 2xx (after redirects): the body is parsed
  kUnavailable,  // 4xx, or more than five redirects: crawling allowed (2.3.1.3, 2.3.1.2)
  kUnreachable,  // 5xx or network error: complete disallow (2.3.1.4)
};

// The robots.txt evidence for the URL's host.
struct RobotsEvidence {
  RobotsFetch fetch = RobotsFetch::kNotFetched;
  int http_status = 0;                   // when known
  int redirects = 0;                     // redirect hops followed
  const RobotsPolicy* policy = nullptr;  // parsed body, for kSuccess
  std::string location;                  // robots.txt URL or file
  std::string fetched_at;                // ISO 8601, when known
  std::optional<double> age_hours;       // time since fetch; over 24 h it must be refetched (2.4)
};

// The classification of a fetch from its HTTP status and redirect count (RFC 9309 2.3.1).
RobotsFetch ClassifyRobotsFetch(int http_status, int redirects);

// Everything known about one URL.
struct Evidence {
  RobotsEvidence robots;
  std::vector<HttpHeader> headers;  // response headers of the URL itself
  std::string_view html;            // the page, when it is HTML
  std::string html_location;
  bool is_image = false;               // noimageai applies to images
  const TdmRepFile* tdmrep = nullptr;  // the host's /.well-known/tdmrep.json
  std::vector<const Blocklist*> blocklists;
};

enum class DecisionPolicy : uint8_t {
  // The provider's own crawler: robots.txt for its product tokens (their group, else '*'), plus
  // every other signal.
  kCrawl,
  // A corpus crawled by others: reserved if robots.txt disallows the URL for any registered
  // training crawler (registry purpose "training", exact product tokens; a crawler no group
  // names falls to '*'), or any other signal reserves TDM rights.
  kAudit,
};

struct DecisionOptions {
  DecisionPolicy policy = DecisionPolicy::kCrawl;
  // crawl: the crawler's user agents; audit: extra ones. Each is reduced to its product token
  // (RFC 9309 section 2.2.1: "KestrelBot/1.0" matches the group "KestrelBot").
  std::vector<std::string> agents;
  const CrawlerRegistry* registry = nullptr;   // audit: the training crawlers
  const PublicSuffixList* suffixes = nullptr;  // for registrable domains (blocklists)
};

enum class Verdict : uint8_t { kAllowed, kReserved, kBlocked, kUnknown };
std::string_view VerdictName(Verdict verdict);

struct Decision {
  Verdict verdict = Verdict::kUnknown;
  std::string url, host, registrable_domain;
  std::vector<Signal> signals;        // every signal considered, in order of precedence
  std::string summary;                // one sentence: the verdict and its deciding reason
  std::string suffix_list;            // the public suffix list used, when one was needed
  std::vector<std::string> warnings;  // about the inputs (a browser-style user agent)
};

// Decides for `url`. Fails only when the URL cannot be parsed or its host is invalid.
Result<Decision> Decide(std::string_view url, const Evidence& evidence,
                        const DecisionOptions& options);

}  // namespace gpaikit::optout

#endif  // GPAIKIT_OPTOUT_DECISION_H_

// What the portal's pages share inside the module: the project, templates and crawler
// information loaded once, and the page builders of pages.cc and feeds.cc.
#ifndef GPAIKIT_PORTAL_SITE_STATE_H_
#define GPAIKIT_PORTAL_SITE_STATE_H_

#include <ctime>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gpaikit/law/law.h"
#include "gpaikit/portal/site.h"
#include "gpaikit/project/project.h"
#include "portal/case_store.h"
#include "portal/crawler_info.h"
#include "portal/csrf.h"
#include "portal/page_cache.h"
#include "portal/portal_db.h"
#include "portal/templates.h"
#include "portal/transparency.h"

namespace gpaikit::portal {

struct LookupService;  // lookup_pages.h
class FilterWorker;    // filter_jobs.h

// A copyright policy the models' AIA-53-1-c fulfilments name (AI Act Art. 53(1)(c)).
struct Policy {
  std::string label;    // the file or link as the project gives it
  std::string href;     // /copyright-policy/N.txt for a file in the project, else the http(s) link
  std::string summary;  // the file's first paragraph, shortened
  std::string text;     // the file's text ("" for a link)
};

struct Site::State {
  project::Project project;
  Templates templates;
  CrawlerInfo crawlers;
  // When the information as it is now was recorded in the ledger ("portal.crawlers"), else
  // gpaikit.yaml's modification time; UTC, RFC 3339.
  std::string crawlers_time;
  std::vector<Policy> policies;
  std::unique_ptr<PortalDb> db;  // .gpaikit/portal.sqlite
  std::optional<CsrfGuard> csrf;
  std::unique_ptr<LookupService> lookup;  // the domain lookup (lookup_pages.h)
  // Intake (intake_pages.cc): the cases, the downstream providers' answer period from the Code's
  // rulepack (Transparency, Measure 1.2(4)), the upload limits and the mail hook of SiteOptions.
  std::optional<CaseStore> cases;
  law::Sourced<int> request_days;
  size_t max_upload_bytes = 0;
  unsigned max_upload_files = 0;
  std::string mail_from;
  std::function<void()> mail_queued;
  std::vector<SafetySummary> safety_summaries;    // Safety and Security, Measure 10.2
  std::unique_ptr<LedgerPageCache> ledger_pages;  // /crawlers and /feed.atom (page_cache.h)
  // The desk's corpus filter re-runs (filter_jobs.h), started by Site::StartBackgroundJobs;
  // declared last so that it stops before what it uses is destroyed.
  std::unique_ptr<FilterWorker> filter_worker;
};

// A link for the contact point: mailto: for an e-mail address, the URL for an http(s) URL, else "".
std::string ContactHref(const std::string& contact);
// The data every HTML page's header and footer use (title, provider, contact).
Data PageData(const Site::State& state, const std::string& title);

// Pages (pages.cc): HTML rendered from the templates. TemplatePage renders template `name` as an
// HTML response with `status` (500 when the template fails); every page goes through it.
Response TemplatePage(const Site::State& state, int status, const std::string& name, Data data);
Response HomePage(const Site::State& state);
Response CrawlersPage(const Site::State& state);
Response SummariesPage(const Site::State& state);
// /transparency (transparency.cc): the published Safety and Security summaries.
Response TransparencyPage(const Site::State& state);
// /summaries/SEQ.json: the summary document (gpaikit.training-summary/1) of ledger entry `seq`.
Response SummaryVersionJson(const Site::State& state, int64_t seq);
Response ErrorPage(const Site::State& state, int status, const std::string& title,
                   const std::string& message);
// Documents (feeds.cc): crawlers.json, the Atom feed (RFC 4287), security.txt (RFC 9116).
Response CrawlersJson(const Site::State& state);
// /crawlers/SEQ.json: the version recorded in ledger entry `seq`, creationTime its entry's time.
Response CrawlersVersionJson(const Site::State& state, int64_t seq);
Response AtomFeed(const Site::State& state, const std::string& base_url);
Response SecurityTxt(const Site::State& state, const std::string& base_url, std::time_t now);
// 500 with a plain-text body, for a status that should not happen (a broken template).
Response InternalError(const Status& status);

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_SITE_STATE_H_

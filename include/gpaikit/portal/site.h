// The provider's public compliance site (`gpaikit serve`, docs/portal.md): every page as a
// response to a method and a path, independent of the HTTP server that carries it (Code of
// Practice, Copyright, Measures 1.3 and 1.5; Transparency, Measure 1.2; AI Act Art. 53(1)(d)).
#ifndef GPAIKIT_PORTAL_SITE_H_
#define GPAIKIT_PORTAL_SITE_H_

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gpaikit/base/status.h"
#include "gpaikit/portal/request.h"

namespace gpaikit::portal {

// The headers of every response: a strict Content-Security-Policy (no script at all), nosniff,
// no referrer, no framing.
const std::vector<std::pair<std::string, std::string>>& SecurityHeaders();

struct SiteOptions {
  // The folder of the mustache templates and style.css; empty: <data>/portal/templates.
  std::filesystem::path templates;
  // The evidence limits the complaint form states (the server enforces them, ServerOptions).
  size_t max_upload_bytes = 10 << 20;
  unsigned max_upload_files = 5;
  // When set (SMTP configured), each filed complaint or request queues an acknowledgement from
  // this address in the portal's mail queue, and then mail_queued is called (MailWorker::Notify).
  std::string mail_from{};
  std::function<void()> mail_queued{};
  // Tests only (docs/portal.md "Domain lookup"): the lookup's proof fetch may reach loopback, and
  // libcurl CONNECT_TO entries ("HOST:PORT:CONNECT-HOST:CONNECT-PORT") send domains elsewhere.
  bool lookup_allow_loopback = false;
  std::vector<std::string> lookup_connect_to{};
};

class Site : public Endpoint {
 public:
  // Loads the project (gpaikit.yaml of `project_dir`) and the templates once; the error names
  // the file and place. The ledger (.gpaikit/ledger.sqlite) is read on each request for the feed
  // and the summaries, so that a new head is served without a restart.
  static Result<std::unique_ptr<Site>> Load(const std::filesystem::path& project_dir,
                                            const SiteOptions& options);
  ~Site() override;

  // The response to `method` (GET and HEAD are served, POST where PostBody allows, anything else
  // is 405) for `path` (the URL's path, without query). `base_url` is the site's absolute URL
  // ending in "/", used where a document must name itself (the feed, security.txt's Canonical).
  Response Handle(std::string_view method, std::string_view path,
                  const std::string& base_url) const;
  Response Handle(const Request& request, const std::string& base_url) const override;
  BodyKind PostBody(std::string_view path) const override;
  Response Refuse(int status, const std::string& message) const override;

  // Records the crawler information as a new "portal.crawlers" ledger entry when it differs from
  // the newest recorded version (creating the project's ledger when it has none), so that the
  // feed announces each change with its own time (Copyright, Measure 1.3). True when an entry
  // was appended. Call before serving: the pages then give the recorded time.
  Result<bool> RecordCrawlerChange(const std::string& author);

  // Starts the background work of a serving site: the staff desk's corpus filter jobs
  // (docs/portal-desk.md "Accept with actions"), re-queuing those a stopped server left running.
  // Without it, accepted complaints queue their jobs and the next serving site runs them.
  Status StartBackgroundJobs();

  // What the site loaded (defined inside the module, src/portal/site_state.h).
  struct State;

 private:
  explicit Site(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_SITE_H_

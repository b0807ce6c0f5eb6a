// The portal's site: loads the project and templates once and routes each request to its page
// (docs/portal.md "What is served").
#include "gpaikit/portal/site.h"

#include <sys/stat.h>

#include <iostream>

#include "gpaikit/base/civil_date.h"
#include "gpaikit/base/files.h"
#include "gpaikit/law/form.h"
#include "gpaikit/store/ledger.h"
#include "portal/crawler_history.h"
#include "portal/desk_pages.h"
#include "portal/evidence_store.h"
#include "portal/filter_jobs.h"
#include "portal/intake_pages.h"
#include "portal/lookup_pages.h"
#include "portal/mail_queue.h"
#include "portal/site_state.h"
#include "portal/staff_accounts.h"
#include "portal/summary_downloads.h"
#include "portal/text_blocks.h"

namespace gpaikit::portal {
namespace {

// The first paragraph of a Markdown text that is not a heading, at most about 400 characters.
std::string FirstParagraph(const std::string& text) {
  std::string paragraph;
  for (TextBlock& block : SplitTextBlocks(text)) {
    if (block.heading) continue;
    paragraph = std::move(block.text);
    break;
  }
  if (paragraph.size() > 400) {
    size_t cut = paragraph.rfind(' ', 400);
    paragraph = paragraph.substr(0, cut == std::string::npos ? 400 : cut) + " ...";
  }
  return paragraph;
}

Result<std::vector<Policy>> LoadPolicies(const project::Project& project) {
  std::vector<Policy> policies;
  for (const project::Model& model : project.models) {
    for (const project::Fulfilment& fulfilment : model.fulfilled) {
      if (fulfilment.obligation != "AIA-53-1-c" || fulfilment.evidence.empty()) continue;
      bool seen = false;
      for (const Policy& p : policies) seen = seen || p.label == fulfilment.evidence;
      if (seen) continue;
      Policy policy{fulfilment.evidence, "", "", ""};
      if (fulfilment.evidence.starts_with("https://") ||
          fulfilment.evidence.starts_with("http://")) {
        policy.href = fulfilment.evidence;
      } else if (fulfilment.evidence.find("://") == std::string::npos) {
        Result<std::filesystem::path> file =
            PathInside(project.root, fulfilment.evidence, "copyright policy");
        if (!file.ok()) continue;  // gpaikit check reports it
        Result<std::string> text = ReadFile(*file);
        if (!text.ok()) continue;
        policy.text = std::move(*text);
        policy.summary = FirstParagraph(policy.text);
        policy.href = "/copyright-policy/" + std::to_string(policies.size() + 1) + ".txt";
      }
      policies.push_back(std::move(policy));
    }
  }
  return policies;
}

// The time of the newest recorded crawler version when it is the information as it is now.
Result<std::optional<std::string>> RecordedCrawlerTime(const std::filesystem::path& root,
                                                       const std::string& sha256) {
  Result<std::unique_ptr<store::Ledger>> ledger = store::Ledger::OpenIfPresent(root);
  if (!ledger.ok()) return ledger.status();
  if (!*ledger) return std::optional<std::string>();
  Result<std::vector<CrawlerVersion>> versions = CrawlerVersions(**ledger);
  if (!versions.ok()) return versions.status();
  if (versions->empty() || versions->back().sha256 != sha256) return std::optional<std::string>();
  return std::optional<std::string>(versions->back().time);
}

// "PREFIX SEQ.json" gives SEQ (1 or more, at most 18 digits), anything else 0.
int64_t VersionPath(std::string_view path, std::string_view prefix) {
  constexpr std::string_view kSuffix = ".json";
  if (!path.starts_with(prefix) || !path.ends_with(kSuffix)) return 0;
  if (path.size() < prefix.size() + kSuffix.size()) return 0;
  return ParseLedgerSeq(path.substr(prefix.size(), path.size() - prefix.size() - kSuffix.size()));
}

}  // namespace

const std::vector<std::pair<std::string, std::string>>& SecurityHeaders() {
  static const std::vector<std::pair<std::string, std::string>> kHeaders = {
      {"Content-Security-Policy",
       "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Frame-Options", "DENY"},
  };
  return kHeaders;
}

Response InternalError(const Status& status) {
  std::cerr << "gpaikit serve: " << status.message() << "\n";
  return {500, "text/plain; charset=utf-8", "internal error\n", {}};
}

Site::Site(std::unique_ptr<State> state) : state_(std::move(state)) {}
Site::~Site() = default;

Result<std::unique_ptr<Site>> Site::Load(const std::filesystem::path& project_dir,
                                         const SiteOptions& options) {
  auto state = std::make_unique<State>();
  Result<project::Project> project = project::LoadProject(project_dir);
  if (!project.ok()) return project.status();
  state->project = std::move(*project);
  std::filesystem::path folder =
      options.templates.empty() ? DataDir() / "portal" / "templates" : options.templates;
  Result<Templates> templates = Templates::Load(folder);
  if (!templates.ok()) return templates.status();
  state->templates = std::move(*templates);
  state->crawlers = CollectCrawlers(state->project);
  std::filesystem::path file = state->project.root / "gpaikit.yaml";
  if (!state->project.file.empty()) file = state->project.file;
  struct stat info {};
  state->crawlers_time =
      UtcTimestamp(stat(file.c_str(), &info) == 0 ? info.st_mtime : std::time(nullptr));
  Result<std::optional<std::string>> recorded =
      RecordedCrawlerTime(state->project.root, state->crawlers.sha256);
  if (!recorded.ok()) return recorded.status();
  if (*recorded) state->crawlers_time = **recorded;
  Result<std::vector<Policy>> policies = LoadPolicies(state->project);
  if (!policies.ok()) return policies.status();
  state->policies = std::move(*policies);
  Result<std::vector<SafetySummary>> summaries = LoadSafetySummaries(state->project);
  if (!summaries.ok()) return summaries.status();
  state->safety_summaries = std::move(*summaries);
  state->ledger_pages = std::make_unique<LedgerPageCache>(state->project.root);
  // The portal's own database (complaints, requests, accounts, the CSRF secret) beside the ledger.
  Result<std::unique_ptr<PortalDb>> db = PortalDb::Open(state->project.root);
  if (!db.ok()) return db.status();
  state->db = std::move(*db);
  // Complaint intake's batch commits are not held up by copying the WAL back (docs/portal.md
  // "Storage").
  if (Status background = state->db->CheckpointInBackground(); !background.ok()) return background;
  Result<CsrfGuard> csrf = CsrfGuard::Load(*state->db);
  if (!csrf.ok()) return csrf.status();
  state->csrf.emplace(std::move(*csrf));
  FetchPolicy policy;
  policy.allow_loopback = options.lookup_allow_loopback;
  policy.connect_to = options.lookup_connect_to;
  Result<std::unique_ptr<LookupService>> lookup =
      LoadLookupService(state->project, *state->db, std::move(policy));
  if (!lookup.ok()) return lookup.status();
  state->lookup = std::move(*lookup);
  Result<CaseStore> cases = CaseStore::Open(*state->db, state->project.root);
  if (!cases.ok()) return cases.status();
  state->cases.emplace(std::move(*cases));
  // Ledger entries of cases filed just before a crash stopped their write.
  Result<int> reconciled = state->cases->ReconcileLedger();
  if (!reconciled.ok()) return reconciled.status();
  // Evidence a crash left staged: moved into place for committed cases, else deleted.
  Result<int> evidence = ReconcileEvidence(state->project.root, *state->db, std::time(nullptr));
  if (!evidence.ok()) return evidence.status();
  Result<law::Sourced<int>> days =
      law::form::LoadCodeClockDays(DataDir(), "", "downstream-request-answer");
  if (!days.ok()) return days.status();
  state->request_days = std::move(*days);
  state->max_upload_bytes = options.max_upload_bytes;
  state->max_upload_files = options.max_upload_files;
  state->mail_from = options.mail_from;
  state->mail_queued = options.mail_queued;
  // The staff desk's accounts and sessions, and the mail queue it shows (docs/portal-desk.md).
  if (Status staff = state->db->Migrate("staff", StaffMigrations()); !staff.ok()) return staff;
  if (Status mail = state->db->Migrate("mail", MailQueueMigrations()); !mail.ok()) return mail;
  // The corpus filter jobs of "Accept with actions" (docs/portal-desk.md).
  if (Status jobs = state->db->Migrate("filter-jobs", FilterJobs::Migrations()); !jobs.ok()) {
    return jobs;
  }
  state->filter_worker = std::make_unique<FilterWorker>(state->project, *state->db, *state->cases);
  return std::unique_ptr<Site>(new Site(std::move(state)));
}

Status Site::StartBackgroundJobs() { return state_->filter_worker->Start(); }

Response Site::Handle(std::string_view method, std::string_view path,
                      const std::string& base_url) const {
  Request request;
  request.method = method;
  request.path = path;
  return Handle(request, base_url);
}

// The paths that accept POST and the body each takes; every other path answers POST with 405.
BodyKind Site::PostBody(std::string_view path) const {
  if (path == "/lookup" || path == "/lookup/check") return BodyKind::kForm;
  if (path == "/complaints/new") return BodyKind::kUpload;
  if (path == "/requests/new") return BodyKind::kForm;
  if (IsDeskPath(path)) return DeskPostBody(path);
  return BodyKind::kNone;
}

Response Site::Refuse(int status, const std::string& message) const {
  const char* title = status == 400   ? "Bad request"
                      : status == 403 ? "Forbidden"
                      : status == 405 ? "Method not allowed"
                      : status == 413 ? "Request too large"
                      : status == 415 ? "Unsupported form encoding"
                                      : "Request refused";
  return ErrorPage(*state_, status, title, message);
}

Response Site::Handle(const Request& request, const std::string& base_url) const {
  const State& state = *state_;
  std::string_view method = request.method;
  std::string_view path = request.path;
  bool takes_post = PostBody(path) != BodyKind::kNone;
  if (method != "GET" && method != "HEAD" && !(method == "POST" && takes_post)) {
    Response response = Refuse(405, takes_post ? "This page answers GET, HEAD and POST requests."
                                               : "This page only answers GET and HEAD requests.");
    response.headers.emplace_back("Allow", takes_post ? "GET, HEAD, POST" : "GET, HEAD");
    return response;
  }
  if (path == "/lookup" || path == "/lookup/check") {
    if (method != "POST") return LookupFormPage(state, request);
    return path == "/lookup" ? LookupChallengePost(state, request)
                             : LookupCheckPost(state, request);
  }
  if (path == "/") return HomePage(state);
  if (IsDeskPath(path)) return HandleDesk(state, request, base_url);
  if (path == "/crawlers") {
    return state.ledger_pages->Get("/crawlers", [&state] { return CrawlersPage(state); });
  }
  if (path == "/crawlers.json") return CrawlersJson(state);
  if (int64_t seq = VersionPath(path, "/crawlers/"); seq > 0) {
    return CrawlersVersionJson(state, seq);
  }
  if (int64_t seq = VersionPath(path, "/summaries/"); seq > 0) {
    return SummaryVersionJson(state, seq);
  }
  if (std::optional<SummaryFilePath> file = ParseSummaryFilePath(path)) {
    return SummaryFileDownload(state, file->seq, file->name);
  }
  if (path == "/feed.atom") {
    return state.ledger_pages->Get(std::string("/feed.atom ").append(base_url),
                                   [&state, &base_url] { return AtomFeed(state, base_url); });
  }
  if (path == "/summaries") return SummariesPage(state);
  if (path == "/transparency") return TransparencyPage(state);
  if (path == "/complaints/new") return ComplaintPage(state, request, base_url, std::time(nullptr));
  if (path == "/requests/new") return RequestPage(state, request, base_url, std::time(nullptr));
  if (path.starts_with("/status/")) {
    return StatusPage(state, std::string(path.substr(8)), std::time(nullptr));
  }
  if (path == "/.well-known/security.txt") return SecurityTxt(state, base_url, std::time(nullptr));
  if (path == "/style.css") {
    return {200, "text/css; charset=utf-8", state.templates.stylesheet(), {}};
  }
  for (const Policy& policy : state.policies) {
    if (!policy.text.empty() && path == policy.href) {
      return {200, "text/plain; charset=utf-8", policy.text, {}};
    }
  }
  for (const SafetySummary& summary : state.safety_summaries) {
    if (!summary.text.empty() && path == summary.href) {
      return {200, "text/plain; charset=utf-8", summary.text, {}};
    }
  }
  return ErrorPage(state, 404, "Not found", "There is no page at this address.");
}

Result<bool> Site::RecordCrawlerChange(const std::string& author) {
  Result<std::unique_ptr<store::Ledger>> ledger = store::Ledger::Open(state_->project.root);
  if (!ledger.ok()) return ledger.status();
  Result<std::optional<CrawlerVersion>> recorded =
      RecordCrawlerVersion(**ledger, state_->crawlers, author);
  if (!recorded.ok()) return recorded.status();
  Result<std::optional<std::string>> time =
      RecordedCrawlerTime(state_->project.root, state_->crawlers.sha256);
  if (!time.ok()) return time.status();
  if (*time) state_->crawlers_time = **time;
  return recorded->has_value();
}

Response ErrorPage(const Site::State& state, int status, const std::string& title,
                   const std::string& message) {
  Data data = PageData(state, title);
  data.set("message", message);
  return TemplatePage(state, status, "error", std::move(data));
}

}  // namespace gpaikit::portal

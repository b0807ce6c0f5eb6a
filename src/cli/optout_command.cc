// `gpaikit optout check`: the opt-out verdict for a URL with every signal that contributed.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_common.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/help_footer.h"
#include "cli/output_options.h"
#include "gpaikit/base/files.h"
#include "gpaikit/optout/decision.h"
#include "gpaikit/optout/robots_cases.h"

namespace gpaikit::cli {
namespace {

struct OptoutCheckOptions {
  std::string url;
  std::string robots_file;
  int robots_status = 200;
  int robots_redirects = 0;
  std::string robots_fetched_at;
  double robots_age_hours = -1;
  std::vector<std::string> headers;
  std::string html_file;
  bool image = false;
  std::string tdmrep_file;
  std::vector<std::string> blocklists;
  std::vector<std::string> agents;
  std::string policy = "crawl";
  std::string crawlers_file;
  std::string psl_file;
  OutputOptions output;
};

nlohmann::json SignalJson(const optout::Signal& signal) {
  nlohmann::json out = {{"kind", optout::SignalKindName(signal.kind)},
                        {"effect", optout::SignalEffectName(signal.effect)},
                        {"source", signal.source},
                        {"detail", signal.detail}};
  if (!signal.location.empty()) out["location"] = signal.location;
  if (signal.line != 0) out["line"] = signal.line;
  if (!signal.rule.empty()) out["rule"] = signal.rule;
  if (!signal.agent.empty()) out["agent"] = signal.agent;
  if (!signal.fetched_at.empty()) out["fetched_at"] = signal.fetched_at;
  if (!signal.policy.empty()) out["tdm_policy"] = signal.policy;
  if (signal.superseded) out["superseded"] = true;
  return out;
}

void PrintText(const optout::Decision& decision, std::ostream& out) {
  out << decision.url << ": " << optout::VerdictName(decision.verdict) << "\n"
      << "  " << decision.summary << "\n";
  if (!decision.signals.empty()) out << "  signals:\n";
  for (const optout::Signal& signal : decision.signals) {
    out << "    [" << optout::SignalEffectName(signal.effect)
        << (signal.superseded ? ", superseded" : "") << "] " << optout::SignalKindName(signal.kind)
        << " from " << signal.source;
    if (!signal.location.empty()) out << " " << signal.location;
    if (signal.line != 0) out << " line " << signal.line;
    if (!signal.rule.empty()) out << " '" << signal.rule << "'";
    out << ": " << signal.detail;
    if (!signal.fetched_at.empty()) out << " (fetched " << signal.fetched_at << ")";
    out << "\n";
  }
  out << "  host " << decision.host << ", registrable domain " << decision.registrable_domain;
  if (!decision.suffix_list.empty()) out << " (public suffix list " << decision.suffix_list << ")";
  out << "\n";
}

int Run(const OptoutCheckOptions& options) {
  if (Status given = CheckUrlsGiven("optout check", {&options.url, 1}); !given.ok()) {
    return ReportFailure(given);
  }
  Result<Format> format = options.output.Chosen();
  if (!format.ok()) return ReportFailure(format.status());
  optout::DecisionOptions decide;
  optout::Evidence evidence;
  if (options.policy == "audit") {
    decide.policy = optout::DecisionPolicy::kAudit;
  } else if (options.policy != "crawl") {
    return ReportFailure(
        Status::InvalidInput("--policy: expected crawl or audit, got '" + options.policy + "'"));
  }
  decide.agents = options.agents;
  if (decide.policy == optout::DecisionPolicy::kCrawl && decide.agents.empty()) {
    return ReportFailure(Status::InvalidInput(
        "optout check: the crawl policy needs your crawler's product token: --agent TOKEN"));
  }
  // Loaded inputs live until the end of this function; evidence points into them.
  std::optional<optout::RobotsPolicy> robots;
  if (!options.robots_file.empty()) {
    evidence.robots.fetch =
        optout::ClassifyRobotsFetch(options.robots_status, options.robots_redirects);
    evidence.robots.http_status = options.robots_status;
    evidence.robots.redirects = options.robots_redirects;
    evidence.robots.location = options.robots_file;
    evidence.robots.fetched_at = options.robots_fetched_at;
    if (options.robots_age_hours >= 0) evidence.robots.age_hours = options.robots_age_hours;
    if (evidence.robots.fetch == optout::RobotsFetch::kSuccess) {
      Result<std::string> body = ReadFile(options.robots_file);
      if (!body.ok()) return ReportFailure(body.status());
      robots = optout::RobotsPolicy::Parse(*body);
      evidence.robots.policy = &*robots;
    }
  }
  for (const std::string& text : options.headers) {
    optout::HttpHeader header;
    if (!optout::ParseHttpHeader(text, &header)) {
      return ReportFailure(Status::InvalidInput("--header '" + text + "': expected 'Name: value'"));
    }
    evidence.headers.push_back(std::move(header));
  }
  std::string html;
  if (!options.html_file.empty()) {
    Result<std::string> body = ReadFile(options.html_file);
    if (!body.ok()) return ReportFailure(body.status());
    html = std::move(*body);
    evidence.html = html;
    evidence.html_location = options.html_file;
  }
  evidence.is_image = options.image;
  std::optional<optout::TdmRepFile> tdmrep;
  if (!options.tdmrep_file.empty()) {
    Result<std::string> text = ReadFile(options.tdmrep_file);
    if (!text.ok()) return ReportFailure(text.status());
    Result<optout::TdmRepFile> file = optout::TdmRepFile::Parse(*text, options.tdmrep_file);
    if (!file.ok()) return ReportFailure(file.status());
    tdmrep = std::move(*file);
    evidence.tdmrep = &*tdmrep;
  }
  std::vector<optout::Blocklist> lists;
  lists.reserve(options.blocklists.size());
  for (const std::string& path : options.blocklists) {
    Result<optout::Blocklist> list = optout::Blocklist::Load(path);
    if (!list.ok()) return ReportFailure(list.status());
    lists.push_back(std::move(*list));
  }
  for (const optout::Blocklist& list : lists) evidence.blocklists.push_back(&list);
  Result<std::shared_ptr<const optout::PublicSuffixList>> suffixes =
      optout::PublicSuffixList::Load(options.psl_file);
  if (!suffixes.ok()) return ReportFailure(suffixes.status());
  decide.suffixes = suffixes->get();
  std::optional<optout::CrawlerRegistry> registry;
  if (decide.policy == optout::DecisionPolicy::kAudit) {
    Result<optout::CrawlerRegistry> loaded = optout::CrawlerRegistry::Load(
        options.crawlers_file.empty() ? optout::CrawlerRegistry::DefaultPath()
                                      : std::filesystem::path(options.crawlers_file));
    if (!loaded.ok()) return ReportFailure(loaded.status());
    registry = std::move(*loaded);
    decide.registry = &*registry;
  }

  Result<optout::Decision> decision = optout::Decide(options.url, evidence, decide);
  if (!decision.ok()) return ReportFailure(decision.status());
  for (const std::string& warning : decision->warnings) {
    std::cerr << "gpaikit: warning: " << warning << "\n";
  }
  std::ostringstream text;
  if (*format == Format::kJson) {
    nlohmann::json signals = nlohmann::json::array();
    for (const optout::Signal& signal : decision->signals) signals.push_back(SignalJson(signal));
    nlohmann::json document = {{"schema", "gpaikit.optout.check/1"},
                               {"url", decision->url},
                               {"verdict", optout::VerdictName(decision->verdict)},
                               {"summary", decision->summary},
                               {"policy", options.policy},
                               {"agents", options.agents},
                               {"host", decision->host},
                               {"registrable_domain", decision->registrable_domain},
                               {"public_suffix_list", decision->suffix_list},
                               {"signals", signals}};
    if (registry) document["crawler_registry"] = registry->file();
    if (!decision->warnings.empty()) document["warnings"] = decision->warnings;
    text << document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    PrintText(*decision, text);
  }
  Status written = Emit(options.output, text.str());
  if (!written.ok()) return ReportFailure(written);
  return decision->verdict == optout::Verdict::kAllowed ? kExitOk : kExitBlocking;
}

}  // namespace

void RegisterOptoutCommand(CLI::App& app, int& exit_code) {
  CLI::App* optout = app.add_subcommand(
      "optout", "Text-and-data-mining opt-outs (Code of Practice, Copyright, Measures 1.2-1.3)");
  optout->require_subcommand(1);
  CLI::App* check = optout->add_subcommand(
      "check",
      "Decide whether a URL's content may be collected for training and print every signal that "
      "contributed. Exit 0 when allowed, 1 when reserved, blocked or unknown");
  auto options = std::make_shared<OptoutCheckOptions>();
  check->add_option("url", options->url, "the URL")->required();
  check->add_option("--robots", options->robots_file, "the host's robots.txt body");
  check->add_option("--robots-status", options->robots_status,
                    "HTTP status of the robots.txt fetch (default 200; 4xx allows all, 5xx or 0 "
                    "for unreachable disallows all: RFC 9309 2.3.1)");
  check->add_option("--robots-redirects", options->robots_redirects,
                    "redirect hops followed (more than five: unavailable)");
  check->add_option("--robots-fetched-at", options->robots_fetched_at,
                    "when robots.txt was fetched (ISO 8601), reported with its signals");
  check->add_option(
      "--robots-age-hours", options->robots_age_hours,
      "hours since the fetch; over 24 the robots.txt evidence is stale (RFC 9309 2.4)");
  check->add_option("--header", options->headers, "a response header 'Name: value' (repeatable)");
  check->add_option("--html", options->html_file, "the page's HTML (meta tags)");
  check->add_flag("--image", options->image, "the resource is an image (noimageai applies)");
  check->add_option("--tdmrep", options->tdmrep_file, "the host's /.well-known/tdmrep.json");
  check->add_option("--blocklist", options->blocklists, "a blocklist file (repeatable)");
  check->add_option("--agent", options->agents,
                    "crawl: your crawler's user agent(s), matched by product token (RFC 9309 "
                    "2.2.1: KestrelBot/1.0 is KestrelBot); audit: extra agents to check");
  check->add_option("--policy", options->policy, "crawl (default) or audit");
  check->add_option("--crawlers", options->crawlers_file,
                    "crawler registry (default data/crawlers.yaml)");
  check->add_option("--psl", options->psl_file,
                    "public suffix list file (default $GPAIKIT_PSL_FILE or the system list)");
  AddOutputOptions(check, options->output, {Format::kText, Format::kJson}, OutKind::kFile,
                   "the verdict (JSON schema gpaikit.optout.check/1)");
  SetHelpFooter(optout, {"gpaikit optout check https://example.com/a --robots robots.txt "
                         "--agent MyBot"});
  SetHelpFooter(check, {"gpaikit optout check https://example.com/a --robots robots.txt "
                        "--agent MyBot",
                        "gpaikit optout check https://example.com/a --policy audit --header "
                        "'tdm-reservation: 1' --json"});
  check->callback([options, &exit_code] { exit_code = Run(*options); });
}

}  // namespace gpaikit::cli

// `gpaikit robots check`: robots.txt verdicts with the deciding rule (exit 1 when a URL is
// disallowed, as `optout check` does for a reserved URL), or a whole case file.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/cli_common.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/help_footer.h"
#include "cli/output_options.h"
#include "gpaikit/base/files.h"
#include "gpaikit/optout/robots.h"
#include "gpaikit/optout/robots_cases.h"

namespace gpaikit::cli {
namespace {

struct RobotsCheckOptions {
  std::string cases_file;
  std::vector<std::string> args;  // ROBOTS_FILE AGENT URL...
  size_t max_bytes = optout::kRobotsDefaultMaxBytes;
  bool rfc_percent_decoding = false;
  OutputOptions output;
  bool stats = false;
};

// The case file's transcript goes straight to stdout or the --out file: it can be large.
int RunCases(const RobotsCheckOptions& options, const optout::RobotsParseOptions& parse) {
  if (!options.output.format.empty() && options.output.format != "text") {
    return ReportFailure(
        Status::InvalidInput("robots check --cases writes text only (one line "
                             "per case), not --format " +
                             options.output.format));
  }
  if (options.output.json) {
    return ReportFailure(Status::InvalidInput("robots check --cases writes text only, not --json"));
  }
  std::ofstream file;
  if (!options.output.out.empty()) {
    file.open(options.output.out, std::ios::binary);
    if (!file) return ReportFailure(Status::Io(options.output.out + ": cannot write"));
  }
  std::ostream& out = options.output.out.empty() ? std::cout : file;
  Result<optout::RobotsCaseStats> stats = optout::CheckRobotsCases(
      options.cases_file, parse,
      [&out](std::string_view chunk) { out.write(chunk.data(), std::ssize(chunk)); });
  out.flush();
  if (!stats.ok()) return ReportFailure(stats.status());
  if (!out) return ReportFailure(Status::Io(options.output.out + ": write failed"));
  if (!options.output.out.empty()) std::cerr << "gpaikit: wrote " << options.output.out << "\n";
  if (options.stats) {
    std::fprintf(stderr,
                 "gpaikit robots: %zu cases, %zu robots files (%zu bytes, %zu over the limit), "
                 "%zu allowed; %zu of %zu cases with an expected column agree\n",
                 stats->cases, stats->robots_files, stats->robots_bytes, stats->truncated_files,
                 stats->allowed, stats->agree, stats->with_expected);
  }
  return kExitOk;
}

int RunUrls(const RobotsCheckOptions& options, const optout::RobotsParseOptions& parse) {
  if (options.args.size() < 3) {
    return ReportFailure(
        Status::InvalidInput("robots check: expected ROBOTS_FILE AGENT URL... or --cases FILE"));
  }
  const std::string& path = options.args[0];
  const std::string& agent = options.args[1];
  std::span<const std::string> urls(options.args.begin() + 2, options.args.end());
  if (Status given = CheckUrlsGiven("robots check", urls); !given.ok()) return ReportFailure(given);
  Result<Format> format = options.output.Chosen();
  if (!format.ok()) return ReportFailure(format.status());
  bool json = *format == Format::kJson;
  Result<std::string> body = ReadFile(path);
  if (!body.ok()) return ReportFailure(body.status());
  optout::RobotsPolicy policy = optout::RobotsPolicy::Parse(*body, parse);
  if (policy.truncated() && !json) {
    std::cerr << "gpaikit robots: " << path << ": parsed the first " << policy.parsed_bytes()
              << " of " << policy.body_bytes() << " bytes (limit " << parse.max_bytes
              << " bytes, RFC 9309 section 2.5)\n";
  }
  nlohmann::json results = nlohmann::json::array();
  std::ostringstream text;
  bool disallowed = false;
  for (size_t i = 2; i < options.args.size(); ++i) {
    const std::string& url = options.args[i];
    optout::RobotsMatch match = policy.Check(agent, url);
    disallowed |= !match.allowed;
    if (!json) {
      text << url << "\t" << (match.allowed ? "allowed" : "disallowed") << "\t"
           << policy.Explain(match) << "\n";
      continue;
    }
    nlohmann::json result = {{"url", url},
                             {"allowed", match.allowed},
                             {"reason", optout::RobotsReasonName(match.reason)},
                             {"explanation", policy.Explain(match)}};
    if (match.rule >= 0) {
      const optout::RobotsRule& rule = policy.rules()[static_cast<size_t>(match.rule)];
      result["rule"] = {{"line", rule.line},
                        {"text", std::string(policy.Text(rule))},
                        {"group", match.from_global ? "*" : agent}};
    }
    results.push_back(std::move(result));
  }
  if (json) {
    nlohmann::json sitemaps = nlohmann::json::array();
    for (const auto* directive : policy.DirectivesNamed("sitemap")) {
      sitemaps.push_back({{"line", directive->line}, {"url", directive->value}});
    }
    nlohmann::json document = {{"schema", "gpaikit.robots.check/1"},
                               {"robots_file", path},
                               {"agent", agent},
                               {"body_bytes", policy.body_bytes()},
                               {"parsed_bytes", policy.parsed_bytes()},
                               {"truncated", policy.truncated()},
                               {"max_bytes", parse.max_bytes},
                               {"sitemaps", sitemaps},
                               {"results", results}};
    text << document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
  Status written = Emit(options.output, text.str());
  if (!written.ok()) return ReportFailure(written);
  return disallowed ? kExitBlocking : kExitOk;
}

}  // namespace

void RegisterRobotsCommand(CLI::App& app, int& exit_code) {
  CLI::App* robots = app.add_subcommand("robots", "robots.txt (RFC 9309) verdicts");
  robots->require_subcommand(1);
  CLI::App* check = robots->add_subcommand(
      "check",
      "Check URLs against a robots.txt file for a product token, printing each verdict and its "
      "deciding rule (exit 1 when a URL is disallowed); or, with --cases, every line of a "
      "conformance case file (exit 0 whatever the verdicts)");
  auto options = std::make_shared<RobotsCheckOptions>();
  check->add_option("args", options->args, "ROBOTS_FILE AGENT URL...");
  check->add_option("--cases", options->cases_file,
                    "case file (robots path relative to it, agent, URL; TAB-separated; .gz ok): "
                    "prints each line, a TAB and 1 (allowed) or 0");
  check->add_option("--max-bytes", options->max_bytes,
                    "bytes of robots.txt parsed (RFC 9309 section 2.5; default 512000)");
  check->add_flag("--rfc-percent-decoding", options->rfc_percent_decoding,
                  "decode escapes of unreserved characters in rules and URLs before matching "
                  "(see docs/robots-divergences.md)");
  check->add_flag("--stats", options->stats, "with --cases: print counts to stderr");
  AddOutputOptions(check, options->output, {Format::kText, Format::kJson}, OutKind::kFile,
                   "the verdicts (JSON schema gpaikit.robots.check/1; --cases: the transcript)");
  SetHelpFooter(robots, {"gpaikit robots check robots.txt GPTBot https://example.com/private/a"});
  SetHelpFooter(check, {"gpaikit robots check robots.txt GPTBot https://example.com/private/a",
                        "gpaikit robots check --cases cases.tsv --stats"});
  check->callback([options, &exit_code] {
    optout::RobotsParseOptions parse;
    parse.max_bytes = options->max_bytes;
    parse.rfc_percent_decoding = options->rfc_percent_decoding;
    if (!options->cases_file.empty()) {
      if (!options->args.empty()) {
        exit_code = ReportFailure(
            Status::InvalidInput("robots check: --cases takes no ROBOTS_FILE AGENT URL"));
        return;
      }
      exit_code = RunCases(*options, parse);
      return;
    }
    exit_code = RunUrls(*options, parse);
  });
}

}  // namespace gpaikit::cli

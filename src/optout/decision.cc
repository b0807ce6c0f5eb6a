// The explainable opt-out decision (Code of Practice, Copyright, Measures 1.2 and 1.3).
#include "gpaikit/optout/decision.h"

#include <algorithm>
#include <map>

#include "gpaikit/base/text.h"
#include "gpaikit/optout/url.h"

namespace gpaikit::optout {
namespace {

bool IsTdmRep(SignalKind kind) {
  return kind == SignalKind::kTdmRepFile || kind == SignalKind::kTdmRepHeader ||
         kind == SignalKind::kTdmRepMeta;
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// The product tokens of the given user agents (RFC 9309 section 2.2.1), with a warning for a
// full browser-style string or a name without a token (which is left out).
std::vector<std::string> ProductTokens(const std::vector<std::string>& user_agents,
                                       std::vector<std::string>* warnings) {
  std::vector<std::string> tokens;
  for (const std::string& user_agent : user_agents) {
    std::string warning = UserAgentWarning(user_agent);
    if (!warning.empty()) warnings->push_back(std::move(warning));
    std::string token(RobotsProductToken(user_agent));
    if (token.empty()) continue;
    if (std::find(tokens.begin(), tokens.end(), token) == tokens.end()) tokens.push_back(token);
  }
  return tokens;
}

Signal RobotsBase(const RobotsEvidence& robots) {
  Signal signal;
  signal.kind = SignalKind::kRobotsTxt;
  signal.source = "robots.txt";
  signal.location = robots.location;
  signal.fetched_at = robots.fetched_at;
  return signal;
}

// Robots.txt rules for each agent; agents decided by the same rule share one signal.
void RobotsRuleSignals(const RobotsEvidence& robots, const std::vector<std::string>& agents,
                       std::string_view path, bool audit, std::vector<Signal>* out) {
  const RobotsPolicy& policy = *robots.policy;
  std::map<std::pair<int32_t, bool>, std::vector<std::string>> by_rule;  // (rule, allowed)
  std::map<std::pair<int32_t, bool>, RobotsMatch> matches;
  for (const std::string& agent : agents) {
    RobotsMatch match = policy.CheckPath(agent, path);
    if (audit && match.allowed) {
      by_rule[{-2, true}].push_back(agent);  // audit: allowed tokens are summarised together
      matches[{-2, true}] = match;
      continue;
    }
    by_rule[{match.rule, match.allowed}].push_back(agent);
    matches[{match.rule, match.allowed}] = match;
  }
  for (const auto& [key, tokens] : by_rule) {
    const RobotsMatch& match = matches[key];
    Signal signal = RobotsBase(robots);
    signal.agent = Join(tokens);
    if (key.first == -2) {
      signal.effect = SignalEffect::kNeutral;
      signal.detail = "allowed for all " + std::to_string(tokens.size()) +
                      " other registered training crawlers checked";
      out->push_back(std::move(signal));
      continue;
    }
    if (match.rule >= 0) {
      const RobotsRule& rule = policy.rules()[static_cast<size_t>(match.rule)];
      signal.line = rule.line;
      signal.rule = std::string(policy.Text(rule));
    }
    signal.effect = !match.allowed    ? SignalEffect::kReserves
                    : match.rule >= 0 ? SignalEffect::kPermits
                                      : SignalEffect::kNeutral;
    signal.detail = policy.Explain(match) + " for " + signal.agent + " (RFC 9309)";
    out->push_back(std::move(signal));
  }
}

// Content-Usage / Content-Signal lines in robots.txt that apply to these agents and this path.
void RobotsPreferenceSignals(const RobotsEvidence& robots, const std::vector<std::string>& agents,
                             std::string_view path, std::vector<Signal>* out) {
  const RobotsPolicy& policy = *robots.policy;
  for (const RobotsDirective& directive : policy.directives()) {
    bool content_signal = directive.key == "content-signal";
    if (!content_signal && directive.key != "content-usage") continue;
    // RFC 9309 section 2.2.1: an agent obeys the groups naming its product token, else '*'.
    if (directive.group >= 0) {
      const RobotsGroup& group = policy.groups()[static_cast<size_t>(directive.group)];
      bool applies = false;
      for (const std::string& agent : agents) {
        if (!policy.NamesAgent(agent)) {
          applies = applies || group.global;
          continue;
        }
        for (const std::string& token : group.agents) {
          applies = applies || token == AsciiLower(agent);
        }
      }
      if (!applies) continue;
    }
    std::string_view value = directive.value;
    if (value.starts_with("/")) {  // "Content-Usage: /path prefs" applies below that path
      size_t space = value.find_first_of(" \t");
      std::string_view pattern = value.substr(0, space);
      if (!RobotsGlobMatches(pattern, path)) continue;
      value = space == std::string_view::npos ? std::string_view() : value.substr(space + 1);
    }
    Signal signal = RobotsBase(robots);
    signal.kind = content_signal ? SignalKind::kContentSignal : SignalKind::kContentUsage;
    signal.line = directive.line;
    signal.rule = (content_signal ? "Content-Signal: " : "Content-Usage: ") + directive.value;
    std::string deciding;
    signal.effect = TrainingPreference(value, content_signal, &deciding);
    signal.detail = deciding.empty() ? "no preference about AI training"
                                     : "AI training preference '" + deciding + "' in robots.txt";
    out->push_back(std::move(signal));
  }
}

// Robots.txt evidence: fetch outcome (RFC 9309 2.3.1), cache age (2.4), rules, preferences.
bool RobotsSignals(const RobotsEvidence& robots, const std::vector<std::string>& agents,
                   std::string_view path, bool audit, std::vector<Signal>* out) {
  Signal signal = RobotsBase(robots);
  std::string status =
      robots.http_status ? " (HTTP " + std::to_string(robots.http_status) + ")" : std::string();
  if (robots.age_hours && *robots.age_hours > 24) {
    signal.effect = SignalEffect::kInvalid;
    signal.detail = "robots.txt fetched " + std::to_string(static_cast<int>(*robots.age_hours)) +
                    " hours ago: cached longer than 24 hours, refetch (RFC 9309 section 2.4)";
    out->push_back(std::move(signal));
    return false;
  }
  switch (robots.fetch) {
    case RobotsFetch::kNotFetched:
      return false;
    case RobotsFetch::kUnavailable:
      signal.effect = SignalEffect::kPermits;
      signal.detail = "robots.txt unavailable" + status +
                      (robots.redirects > 5 ? ", more than five redirects" : "") +
                      ": crawling allowed (RFC 9309 section 2.3.1.3)";
      out->push_back(std::move(signal));
      return true;
    case RobotsFetch::kUnreachable:
      signal.effect = SignalEffect::kReserves;
      signal.detail = "robots.txt unreachable" + status +
                      ": complete disallow assumed (RFC 9309 section 2.3.1.4)";
      out->push_back(std::move(signal));
      return true;
    case RobotsFetch::kSuccess:
      break;
  }
  if (robots.policy == nullptr) {
    signal.effect = SignalEffect::kInvalid;
    signal.detail = "robots.txt fetched but no body given";
    out->push_back(std::move(signal));
    return false;
  }
  if (robots.policy->truncated()) {
    signal.effect = SignalEffect::kNeutral;
    signal.detail = "robots.txt parsed up to " + std::to_string(robots.policy->parsed_bytes()) +
                    " of " + std::to_string(robots.policy->body_bytes()) +
                    " bytes (RFC 9309 section 2.5 limit)";
    out->push_back(signal);
  }
  RobotsRuleSignals(robots, agents, path, audit, out);
  RobotsPreferenceSignals(robots, agents, path, out);
  return true;
}

// TDMRep precedence: the tdmrep.json file, then HTTP headers, then HTML meta (TDMRep report).
void ApplyTdmRepPrecedence(std::vector<Signal>* signals) {
  int best = 3;
  for (const Signal& signal : *signals) {
    if (!IsTdmRep(signal.kind) || signal.effect == SignalEffect::kInvalid) continue;
    int rank = signal.kind == SignalKind::kTdmRepFile     ? 0
               : signal.kind == SignalKind::kTdmRepHeader ? 1
                                                          : 2;
    best = std::min(best, rank);
  }
  for (Signal& signal : *signals) {
    if (!IsTdmRep(signal.kind)) continue;
    int rank = signal.kind == SignalKind::kTdmRepFile     ? 0
               : signal.kind == SignalKind::kTdmRepHeader ? 1
                                                          : 2;
    if (rank > best) {
      signal.superseded = true;
      signal.detail += " (superseded: TDMRep ranks tdmrep.json, then headers, then HTML meta)";
    }
  }
}

}  // namespace

RobotsFetch ClassifyRobotsFetch(int http_status, int redirects) {
  if (redirects > 5) return RobotsFetch::kUnavailable;  // RFC 9309 2.3.1.2
  if (http_status >= 200 && http_status < 300) return RobotsFetch::kSuccess;
  if (http_status >= 400 && http_status < 500) return RobotsFetch::kUnavailable;
  return RobotsFetch::kUnreachable;  // 5xx, 0 (network error) and anything unexpected
}

std::string_view VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kAllowed:
      return "allowed";
    case Verdict::kReserved:
      return "reserved";
    case Verdict::kBlocked:
      return "blocked";
    case Verdict::kUnknown:
      return "unknown";
  }
  return "unknown";
}

Result<Decision> Decide(std::string_view url, const Evidence& evidence,
                        const DecisionOptions& options) {
  if (options.policy == DecisionPolicy::kCrawl && options.agents.empty()) {
    return Status::InvalidInput("the crawl policy needs the crawler's product tokens (--agent)");
  }
  Result<UrlView> view = ParseUrl(url);
  if (!view.ok()) return Status::InvalidInput(std::string(url) + ": " + view.status().message());
  Result<std::string> host = NormalizeHost(view->host);
  if (!host.ok()) return host.status();
  Decision decision;
  decision.url = std::string(url);
  decision.host = *host;
  decision.registrable_domain = *host;
  if (options.suffixes != nullptr) {
    std::string registrable = options.suffixes->RegistrableDomain(*host);
    if (!registrable.empty()) decision.registrable_domain = registrable;
    decision.suffix_list = options.suffixes->info().Describe();
  }
  std::string scratch;
  std::string_view path = RobotsMatchPath(url, &scratch);
  std::vector<Signal>& signals = decision.signals;

  // Measure 1.2: listed sites are excluded whatever else they say.
  for (const Blocklist* list : evidence.blocklists) {
    const BlocklistEntry* entry = list->Match(url, decision.host, decision.registrable_domain);
    if (entry == nullptr) continue;
    Signal signal;
    signal.kind = SignalKind::kBlocklist;
    signal.effect = SignalEffect::kBlocks;
    signal.source = list->name() + (list->version().empty() ? "" : " " + list->version()) +
                    (list->date().empty() ? "" : " (" + list->date() + ")");
    signal.location = list->file();
    signal.line = entry->line;
    signal.rule = entry->text;
    signal.detail = entry->match == BlocklistMatch::kExactUrl ? "URL listed"
                    : entry->match == BlocklistMatch::kHostSuffix
                        ? "host under a listed suffix"
                        : "registrable domain " + decision.registrable_domain + " listed";
    signals.push_back(std::move(signal));
  }

  // Measure 1.3: robots.txt for the agents the policy names.
  bool audit = options.policy == DecisionPolicy::kAudit;
  std::vector<std::string> agents = ProductTokens(options.agents, &decision.warnings);
  if (!audit && agents.empty()) {
    return Status::InvalidInput("the crawl policy needs a user agent with a product token (" +
                                decision.warnings.front() + ")");
  }
  if (audit && options.registry != nullptr) {
    // Crawlers whose name is not a valid product token (token_exact: false) are left out: their
    // token is only a prefix ("img" for img2dataset) that would catch unrelated groups.
    for (const Crawler& crawler : options.registry->crawlers()) {
      if (!crawler.HasPurpose("training") || !crawler.token_exact) continue;
      bool seen = false;
      for (const std::string& agent : agents) seen = seen || agent == crawler.token;
      if (!seen) agents.push_back(crawler.token);
    }
  }
  bool robots_known = RobotsSignals(evidence.robots, agents, path, audit, &signals);

  // Other machine-readable reservations.
  if (evidence.tdmrep != nullptr) {
    Signal signal = evidence.tdmrep->SignalFor(path);
    if (!signal.rule.empty()) signals.push_back(std::move(signal));
  }
  for (Signal& signal : HeaderSignals(evidence.headers, agents, evidence.is_image)) {
    signals.push_back(std::move(signal));
  }
  for (Signal& signal : HtmlMetaSignals(evidence.html, agents, evidence.is_image)) {
    signal.location = evidence.html_location;
    signals.push_back(std::move(signal));
  }
  ApplyTdmRepPrecedence(&signals);

  const Signal* deciding = nullptr;
  for (const Signal& signal : signals) {
    if (signal.effect == SignalEffect::kBlocks) {
      decision.verdict = Verdict::kBlocked;
      deciding = &signal;
      break;
    }
  }
  if (deciding == nullptr) {
    for (const Signal& signal : signals) {
      if (signal.effect == SignalEffect::kReserves && !signal.superseded) {
        decision.verdict = Verdict::kReserved;
        deciding = &signal;
        break;
      }
    }
  }
  if (deciding != nullptr) {
    decision.summary =
        std::string(VerdictName(decision.verdict)) + ": " + deciding->detail +
        (deciding->line ? " (" + deciding->source + " line " + std::to_string(deciding->line) + ")"
                        : " (" + deciding->source + ")");
  } else if (robots_known) {
    decision.verdict = Verdict::kAllowed;
    decision.summary = "allowed: robots.txt permits it and no other signal reserves TDM rights";
  } else {
    decision.verdict = Verdict::kUnknown;
    decision.summary =
        "unknown: no current robots.txt evidence (RFC 9309) and no other signal reserves rights";
  }
  return decision;
}

}  // namespace gpaikit::optout

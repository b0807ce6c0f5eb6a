// robots.txt matching (RFC 9309 section 2.2.2-2.2.3): longest match wins, allow wins a tie.
#include <string>
#include <string_view>

#include "gpaikit/optout/robots.h"
#include "gpaikit/optout/url.h"

namespace gpaikit::optout {
namespace {

char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// The best (longest) matching rule of one kind seen so far; the first one wins among equals.
struct Best {
  int64_t priority = -1;
  int32_t rule = -1;
};

struct Tally {
  Best allow, disallow;

  void Add(const RobotsPolicy& policy, uint32_t index, std::string_view path) {
    const RobotsRule& rule = policy.rules()[index];
    Best& best = rule.kind == RobotsRuleKind::kAllow ? allow : disallow;
    if (static_cast<int64_t>(rule.priority) <= best.priority) return;  // cannot win
    if (!RobotsPatternMatches(policy, rule, path)) return;
    best.priority = rule.priority;
    best.rule = static_cast<int32_t>(index);
  }
  bool Decides() const { return allow.priority > 0 || disallow.priority > 0; }
  RobotsMatch Verdict(bool global) const {
    RobotsMatch match;
    match.reason = RobotsReason::kRuleMatched;
    match.from_global = global;
    // RFC 9309 section 2.2.2: the most specific match wins; allow wins when equal.
    match.allowed = !(disallow.priority > allow.priority);
    match.rule = match.allowed ? allow.rule : disallow.rule;
    return match;
  }
};

RobotsMatch Decide(const Tally& specific, bool has_group, const Tally& global, bool has_global) {
  if (specific.Decides()) return specific.Verdict(false);
  RobotsMatch match;
  if (has_group) {
    match.reason = RobotsReason::kGroupNoRuleMatched;
    return match;
  }
  if (global.Decides()) return global.Verdict(true);
  match.reason = has_global ? RobotsReason::kGlobalNoRuleMatched : RobotsReason::kNoGroup;
  return match;
}

// RFC 9309 section 2.2.2: "/robots.txt" is implicitly allowed.
bool IsRobotsTxt(std::string_view path) { return path == "/robots.txt"; }

RobotsMatch RobotsTxtVerdict() {
  RobotsMatch match;
  match.reason = RobotsReason::kRobotsTxtPath;
  return match;
}

}  // namespace

namespace {

// '*' matches any octets; the pattern is anchored at the start, and at the end when `anchored`.
bool GlobMatches(std::string_view pattern, bool anchored, bool has_star, size_t prefix_size,
                 std::string_view path) {
  // Most patterns start with '/': comparing the next byte first rejects most rules cheaply.
  if (prefix_size >= 2 && (path.size() < 2 || path[1] != pattern[1])) return false;
  if (!has_star) return anchored ? path == pattern : path.starts_with(pattern);
  std::string_view prefix = pattern.substr(0, prefix_size);
  if (!path.starts_with(prefix)) return false;
  size_t pos = prefix.size();
  std::string_view rest = pattern.substr(prefix.size() + 1);
  if (anchored) {
    // The last literal segment must end the path; the ones before it go leftmost-first.
    size_t last_star = rest.rfind('*');
    std::string_view last = last_star == std::string_view::npos ? rest : rest.substr(last_star + 1);
    if (path.size() < pos + last.size() || !path.ends_with(last)) return false;
    path = path.substr(0, path.size() - last.size());
    rest = last_star == std::string_view::npos ? std::string_view() : rest.substr(0, last_star);
  }
  while (!rest.empty()) {
    size_t star = rest.find('*');
    std::string_view segment = rest.substr(0, star);
    if (!segment.empty()) {
      size_t found = path.find(segment, pos);
      if (found == std::string_view::npos) return false;
      pos = found + segment.size();
    }
    if (star == std::string_view::npos) break;
    rest.remove_prefix(star + 1);
  }
  return true;
}

}  // namespace

bool RobotsPatternMatches(const RobotsPolicy& policy, const RobotsRule& rule,
                          std::string_view path) {
  return GlobMatches(policy.Pattern(rule), rule.anchored, rule.has_star, rule.prefix_size, path);
}

bool RobotsGlobMatches(std::string_view pattern, std::string_view path) {
  bool anchored = pattern.ends_with('$');
  if (anchored) pattern.remove_suffix(1);
  size_t star = pattern.find('*');
  return GlobMatches(pattern, anchored, star != std::string_view::npos,
                     star == std::string_view::npos ? pattern.size() : star, path);
}

void RobotsPolicy::BuildIndex() {
  for (uint32_t g = 0; g < groups_.size(); ++g) {
    const RobotsGroup& group = groups_[g];
    if (group.global) {
      has_global_ = true;
      for (uint32_t i = group.first_rule; i < group.end_rule; ++i) global_rules_.push_back(i);
    }
    for (size_t a = 0; a < group.agents.size(); ++a) {
      const std::string& token = group.agents[a];
      bool repeated = false;  // the same token twice in one group adds its rules once
      for (size_t b = 0; b < a; ++b) repeated = repeated || group.agents[b] == token;
      if (repeated) continue;
      AgentIndex* entry = nullptr;
      for (AgentIndex& existing : agent_index_) {
        if (existing.token == token) entry = &existing;
      }
      if (entry == nullptr) {
        agent_index_.push_back({token, {}});
        entry = &agent_index_.back();
      }
      for (uint32_t i = group.first_rule; i < group.end_rule; ++i) entry->rules.push_back(i);
    }
  }
}

std::string_view RobotsProductToken(std::string_view user_agent) {
  size_t n = 0;
  while (n < user_agent.size() && ((user_agent[n] >= 'a' && user_agent[n] <= 'z') ||
                                   (user_agent[n] >= 'A' && user_agent[n] <= 'Z') ||
                                   user_agent[n] == '-' || user_agent[n] == '_')) {
    ++n;
  }
  return user_agent.substr(0, n);
}

bool IsBrowserStyleUserAgent(std::string_view user_agent) {
  // "Mozilla/5.0 (...)" and the like: a product, a version, then comments or further products.
  std::string_view token = RobotsProductToken(user_agent);
  std::string_view rest = user_agent.substr(token.size());
  return !token.empty() && rest.find_first_of(" (;") != std::string_view::npos;
}

std::string UserAgentWarning(std::string_view user_agent) {
  std::string token(RobotsProductToken(user_agent));
  if (token.empty()) {
    return "user agent '" + std::string(user_agent) +
           "' has no product token ([a-zA-Z_-]+, RFC 9309 section 2.2.1): no group can name it";
  }
  if (!IsBrowserStyleUserAgent(user_agent)) return "";
  return "user agent '" + std::string(user_agent) +
         "' is a full browser-style string: robots.txt groups are matched by its product token '" +
         token + "' only (RFC 9309 section 2.2.1); give your crawler's own token";
}

const RobotsPolicy::AgentIndex* RobotsPolicy::FindAgent(std::string_view agent) const {
  // The agent is compared as given, as the reference matcher compares it (the conformance
  // verdicts expect that); callers holding a crawler's full user agent reduce it first
  // (RobotsProductToken; optout::Decide does).
  for (const AgentIndex& entry : agent_index_) {
    const std::string& token = entry.token;
    if (token.size() != agent.size()) continue;
    size_t i = 0;
    while (i < token.size() && token[i] == ToLower(agent[i])) ++i;
    if (i == token.size()) return &entry;
  }
  return nullptr;
}

RobotsMatch RobotsPolicy::CheckPath(std::string_view agent, std::string_view path) const {
  thread_local std::string normalized;
  if (rfc_percent_decoding_ && !IsPercentEncodingNormal(path)) {
    normalized = NormalizePercentEncoding(path);
    path = normalized;
  }
  if (IsRobotsTxt(path)) return RobotsTxtVerdict();
  Tally specific, global;
  const AgentIndex* entry = FindAgent(agent);
  if (entry != nullptr) {
    for (uint32_t i : entry->rules) specific.Add(*this, i, path);
  } else {
    for (uint32_t i : global_rules_) global.Add(*this, i, path);
  }
  return Decide(specific, entry != nullptr, global, has_global_);
}

RobotsMatch RobotsPolicy::Check(std::string_view agent, std::string_view url) const {
  thread_local std::string scratch;
  return CheckPath(agent, RobotsMatchPath(url, &scratch));
}

RobotsAgentRules RobotsPolicy::ForAgent(std::string_view agent) const {
  RobotsAgentRules rules;
  rules.policy_ = this;
  const AgentIndex* entry = FindAgent(agent);
  rules.has_group_ = entry != nullptr;
  rules.has_global_ = has_global_;
  if (entry != nullptr) rules.specific_ = entry->rules;
  if (entry == nullptr) rules.global_ = global_rules_;
  return rules;
}

RobotsMatch RobotsAgentRules::MatchPath(std::string_view path) const {
  thread_local std::string normalized;
  if (policy_->rfc_percent_decoding_ && !IsPercentEncodingNormal(path)) {
    normalized = NormalizePercentEncoding(path);
    path = normalized;
  }
  if (IsRobotsTxt(path)) return RobotsTxtVerdict();
  Tally specific, global;
  for (uint32_t i : specific_) specific.Add(*policy_, i, path);
  if (!specific.Decides() && !has_group_) {
    for (uint32_t i : global_) global.Add(*policy_, i, path);
  }
  return Decide(specific, has_group_, global, has_global_);
}

RobotsMatch RobotsAgentRules::Match(std::string_view url, std::string* scratch) const {
  return MatchPath(RobotsMatchPath(url, scratch));
}

std::vector<const RobotsDirective*> RobotsPolicy::DirectivesNamed(std::string_view key) const {
  std::vector<const RobotsDirective*> found;
  for (const RobotsDirective& directive : directives_) {
    if (directive.key == key) found.push_back(&directive);
  }
  return found;
}

size_t RobotsPolicy::MemoryBytes() const {
  size_t bytes =
      sizeof(*this) + arena_.capacity() + rules_.capacity() * sizeof(RobotsRule) +
      groups_.capacity() * sizeof(RobotsGroup) + directives_.capacity() * sizeof(RobotsDirective) +
      agent_index_.capacity() * sizeof(AgentIndex) + global_rules_.capacity() * sizeof(uint32_t);
  for (const AgentIndex& entry : agent_index_) {
    bytes += entry.token.capacity() + entry.rules.capacity() * sizeof(uint32_t);
  }
  for (const RobotsGroup& group : groups_) {
    bytes += group.agent_lines.capacity() * sizeof(uint32_t);
    for (const std::string& agent : group.agents) bytes += sizeof(agent) + agent.capacity();
  }
  for (const RobotsDirective& directive : directives_) {
    bytes += directive.key.capacity() + directive.value.capacity();
  }
  return bytes;
}

std::string RobotsPolicy::Explain(const RobotsMatch& match) const {
  std::string out = match.allowed ? "allowed" : "disallowed";
  switch (match.reason) {
    case RobotsReason::kRuleMatched: {
      const RobotsRule& rule = rules_[static_cast<size_t>(match.rule)];
      out += " by line " + std::to_string(rule.line) + " '" + std::string(Text(rule)) + "'";
      if (rule.derived) out += " (as '" + std::string(Pattern(rule)) + "$')";
      out += match.from_global ? " in the '*' group" : " in the agent's group";
      break;
    }
    case RobotsReason::kGroupNoRuleMatched:
      out += ": the agent's group has no rule matching this path";
      break;
    case RobotsReason::kGlobalNoRuleMatched:
      out += ": no group names the agent and no rule of the '*' group matches this path";
      break;
    case RobotsReason::kNoGroup:
      out += ": no group names the agent and there is no '*' group";
      break;
    case RobotsReason::kRobotsTxtPath:
      out += ": /robots.txt is implicitly allowed (RFC 9309 section 2.2.2)";
      break;
  }
  return out;
}

const char* RobotsReasonName(RobotsReason reason) {
  switch (reason) {
    case RobotsReason::kRuleMatched:
      return "rule";
    case RobotsReason::kGroupNoRuleMatched:
      return "group-no-rule-matched";
    case RobotsReason::kGlobalNoRuleMatched:
      return "global-no-rule-matched";
    case RobotsReason::kNoGroup:
      return "no-group";
    case RobotsReason::kRobotsTxtPath:
      return "robots-txt-path";
  }
  return "unknown";
}

}  // namespace gpaikit::optout

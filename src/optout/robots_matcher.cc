// robots.txt matching (RFC 9309 section 2.2.2-2.2.3): longest match wins, allow wins a tie.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gpaikit/optout/robots.h"
#include "gpaikit/optout/url.h"

namespace gpaikit::optout {
namespace {

char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

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

// The bucket of a pattern or path of at least 3 octets in a large rule set of `buckets` (a power
// of 2) buckets: a hash of octets 1 and 2 (octet 0 is almost always '/').
size_t Bucket(std::string_view text, size_t buckets) {
  return (static_cast<unsigned char>(text[1]) * 131u + static_cast<unsigned char>(text[2])) &
         (buckets - 1);
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

RobotsRuleSet RobotsPolicy::CompileRuleSet(const std::vector<uint32_t>& rules) const {
  // RFC 9309 section 2.2.2: the longest match wins and allow wins a tie; among equal rules of one
  // kind the first in the file is reported. Sorted on (longest, allow first, file order), the
  // first matching rule is the deciding one. The three go into one integer, sorted as such; an
  // empty pattern never decides (a match needs priority > 0), so it is dropped.
  std::vector<uint64_t> keys;
  keys.reserve(rules.size());
  for (uint32_t i : rules) {
    const RobotsRule& rule = rules_[i];
    if (rule.priority == 0) continue;
    uint64_t shorter = UINT32_MAX - rule.priority;  // ascending = longest first
    uint64_t disallow = rule.kind == RobotsRuleKind::kAllow ? 0 : 1;
    keys.push_back(shorter << 32 | disallow << 31 |
                   i);  // fewer than 2^31 rules: 2 GiB of rule lines
  }
  std::sort(keys.begin(), keys.end());
  RobotsRuleSet set;
  set.order.reserve(keys.size());
  set.heads.reserve(keys.size());
  for (uint64_t key : keys) {
    uint32_t i = static_cast<uint32_t>(key & 0x7FFFFFFF);
    const RobotsRule& rule = rules_[i];
    std::string_view prefix = Pattern(rule).substr(0, std::min<size_t>(rule.prefix_size, 8));
    static constexpr unsigned char kOnes[8] = {255, 255, 255, 255, 255, 255, 255, 255};
    RobotsRuleHead head;
    std::memcpy(&head.key, prefix.data(), prefix.size());
    std::memcpy(&head.mask, kOnes, prefix.size());
    set.order.push_back(i);
    set.heads.push_back(head);
  }
  if (set.order.size() >= kRobotsBucketedSetSize) {
    // About 4 rules a bucket, from 16 to 4096 buckets.
    size_t buckets = 16;
    while (buckets < 4096 && buckets * 4 < set.order.size()) buckets *= 2;
    set.bucket_start.assign(buckets + 1, 0);
    for (uint32_t p = 0; p < set.order.size(); ++p) {
      const RobotsRule& rule = rules_[set.order[p]];
      if (rule.prefix_size >= 3) ++set.bucket_start[Bucket(Pattern(rule), buckets) + 1];
    }
    for (size_t b = 0; b < buckets; ++b) set.bucket_start[b + 1] += set.bucket_start[b];
    set.bucket_positions.resize(set.bucket_start[buckets]);
    std::vector<uint32_t> fill(set.bucket_start.begin(), set.bucket_start.end() - 1);
    for (uint32_t p = 0; p < set.order.size(); ++p) {
      const RobotsRule& rule = rules_[set.order[p]];
      if (rule.prefix_size >= 3) {
        set.bucket_positions[fill[Bucket(Pattern(rule), buckets)]++] = p;
      } else {
        set.short_positions.push_back(p);
      }
    }
  }
  return set;
}

void RobotsPolicy::BuildIndex() {
  std::vector<uint32_t> global;
  std::vector<std::pair<std::string, std::vector<uint32_t>>> agents;  // token, rules in file order
  for (uint32_t g = 0; g < groups_.size(); ++g) {
    const RobotsGroup& group = groups_[g];
    if (group.global) {
      has_global_ = true;
      for (uint32_t i = group.first_rule; i < group.end_rule; ++i) global.push_back(i);
    }
    for (size_t a = 0; a < group.agents.size(); ++a) {
      const std::string& token = group.agents[a];
      bool repeated = false;  // the same token twice in one group adds its rules once
      for (size_t b = 0; b < a; ++b) repeated = repeated || group.agents[b] == token;
      if (repeated) continue;
      std::vector<uint32_t>* entry = nullptr;
      for (auto& existing : agents) {
        if (existing.first == token) entry = &existing.second;
      }
      if (entry == nullptr) entry = &agents.emplace_back(token, std::vector<uint32_t>()).second;
      for (uint32_t i = group.first_rule; i < group.end_rule; ++i) entry->push_back(i);
    }
  }
  global_rules_ = CompileRuleSet(global);
  // Agents listed together in the same groups have the same rules: they share one compiled set,
  // which keeps memory linear in the body when a group lists many agents.
  agent_index_.reserve(agents.size());
  std::vector<size_t> first_with_set;  // for each set, the entry of `agents` it was compiled from
  for (size_t a = 0; a < agents.size(); ++a) {
    uint32_t set = static_cast<uint32_t>(first_with_set.size());
    for (uint32_t s = 0; s < first_with_set.size() && set == first_with_set.size(); ++s) {
      if (agents[first_with_set[s]].second == agents[a].second) set = s;
    }
    if (set == first_with_set.size()) first_with_set.push_back(a);
    agent_index_.push_back({std::move(agents[a].first), set});
  }
  agent_rules_.reserve(first_with_set.size());
  for (size_t a : first_with_set) agent_rules_.push_back(CompileRuleSet(agents[a].second));
}

int32_t RobotsPolicy::FirstMatch(const RobotsRuleSet& set, std::string_view path) const {
  // The path's first 8 octets, zero-padded: patterns hold no NUL (the parser stops at one), so a
  // shorter path fails the head of any longer literal prefix.
  uint64_t head = 0;
  std::memcpy(&head, path.data(), std::min<size_t>(path.size(), 8));
  const RobotsRuleHead* heads = set.heads.data();
  auto matches_at = [&](size_t i) {
    if (((head ^ heads[i].key) & heads[i].mask) != 0) return false;
    const RobotsRule& rule = rules_[set.order[i]];
    // A plain prefix of at most 8 octets is already compared in full.
    return (!rule.has_star && !rule.anchored && rule.pattern_size <= 8) ||
           GlobMatches(Pattern(rule), rule.anchored, rule.has_star, rule.prefix_size, path);
  };
  if (set.bucket_start.empty()) {
    for (size_t i = 0, n = set.heads.size(); i < n; ++i) {
      if (matches_at(i)) return static_cast<int32_t>(set.order[i]);
    }
    return -1;
  }
  // A large set: only the rules of the path's bucket and the short ones can match; both lists
  // are in the set's order, so they are merged to keep the first match first.
  const uint32_t* bucket = set.bucket_positions.data();
  const uint32_t* bucket_end = bucket;
  if (path.size() >= 3) {
    size_t b = Bucket(path, set.bucket_start.size() - 1);
    bucket += set.bucket_start[b];
    bucket_end += set.bucket_start[b + 1];
  }
  const uint32_t* other = set.short_positions.data();
  const uint32_t* other_end = other + set.short_positions.size();
  while (bucket != bucket_end || other != other_end) {
    uint32_t i =
        (other == other_end || (bucket != bucket_end && *bucket < *other)) ? *bucket++ : *other++;
    if (matches_at(i)) return static_cast<int32_t>(set.order[i]);
  }
  return -1;
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
  return ForAgent(agent).MatchPath(path);
}

RobotsMatch RobotsPolicy::Check(std::string_view agent, std::string_view url) const {
  std::string scratch;  // used (and allocating) only for the rare path that needs a leading '/'
  return ForAgent(agent).MatchPath(RobotsMatchPath(url, &scratch));
}

RobotsAgentRules RobotsPolicy::ForAgent(std::string_view agent) const {
  RobotsAgentRules rules;
  rules.policy_ = this;
  const AgentIndex* entry = FindAgent(agent);
  rules.has_group_ = entry != nullptr;
  rules.has_global_ = has_global_;
  rules.rules_ = entry != nullptr ? &agent_rules_[entry->rules] : &global_rules_;
  return rules;
}

RobotsMatch RobotsAgentRules::MatchPath(std::string_view path) const {
  if (policy_->rfc_percent_decoding_ && !IsPercentEncodingNormal(path)) {
    return MatchNormalPath(NormalizePercentEncoding(path));
  }
  return MatchNormalPath(path);
}

RobotsMatch RobotsAgentRules::MatchNormalPath(std::string_view path) const {
  if (IsRobotsTxt(path)) return RobotsTxtVerdict();
  RobotsMatch match;
  match.rule = policy_->FirstMatch(*rules_, path);
  if (match.rule >= 0) {
    match.reason = RobotsReason::kRuleMatched;
    match.allowed = policy_->rules_[static_cast<size_t>(match.rule)].kind == RobotsRuleKind::kAllow;
    match.from_global = !has_group_;
  } else if (has_group_) {
    match.reason = RobotsReason::kGroupNoRuleMatched;
  } else {
    match.reason = has_global_ ? RobotsReason::kGlobalNoRuleMatched : RobotsReason::kNoGroup;
  }
  return match;
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
  constexpr size_t kSetEntryBytes = sizeof(uint32_t) + sizeof(RobotsRuleHead);
  size_t bytes = sizeof(*this) + arena_.capacity() + rules_.capacity() * sizeof(RobotsRule) +
                 groups_.capacity() * sizeof(RobotsGroup) +
                 directives_.capacity() * sizeof(RobotsDirective) +
                 agent_index_.capacity() * sizeof(AgentIndex);
  for (const AgentIndex& entry : agent_index_) bytes += entry.token.capacity();
  bytes += agent_rules_.capacity() * sizeof(RobotsRuleSet);
  auto set_bytes = [](const RobotsRuleSet& set) {
    return set.order.capacity() * kSetEntryBytes +
           (set.bucket_start.capacity() + set.bucket_positions.capacity() +
            set.short_positions.capacity()) *
               sizeof(uint32_t);
  };
  bytes += set_bytes(global_rules_);
  for (const RobotsRuleSet& set : agent_rules_) bytes += set_bytes(set);
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

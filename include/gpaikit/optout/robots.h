// robots.txt (RFC 9309): parse a body once into a compiled policy, then match many URLs fast.
#ifndef GPAIKIT_OPTOUT_ROBOTS_H_
#define GPAIKIT_OPTOUT_ROBOTS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gpaikit::optout {

// RFC 9309 section 2.5: crawlers parse at least 500 KiB of a robots.txt body.
inline constexpr size_t kRobotsDefaultMaxBytes = 500 * 1024;
// Lines longer than this are cut (as the reference parser does: 8 URLs of 2083 bytes).
inline constexpr size_t kRobotsMaxLineBytes = 2083 * 8 - 1;

struct RobotsParseOptions {
  size_t max_bytes = kRobotsDefaultMaxBytes;  // bytes parsed; the rest is ignored and reported
  // RFC 9309 section 2.2.2 read literally: escapes of unreserved characters are decoded and raw
  // non-ASCII octets encoded in both patterns and URLs, so "/%62az" matches "/baz" and a raw UTF-8
  // URL matches its encoded rule. Off by default: the reference matcher (and the conformance
  // verdicts) expect URLs already percent-encoded and compare them as given. See
  // docs/robots-divergences.md.
  bool rfc_percent_decoding = false;
};

enum class RobotsRuleKind : uint8_t { kAllow, kDisallow };

// One allow or disallow rule (RFC 9309 section 2.2.2), with its compiled pattern.
struct RobotsRule {
  RobotsRuleKind kind = RobotsRuleKind::kDisallow;
  uint32_t line = 0;      // 1-based line in the body
  uint32_t priority = 0;  // octets in the normalised pattern: the longest match wins
  bool derived = false;   // "/dir/index.htm*" allow rule rewritten to "/dir/$" (see docs)
  bool has_star = false;  // contains '*'
  bool anchored = false;  // ends with '$'
  uint32_t pattern_begin = 0, pattern_size = 0;  // normalised pattern in the arena (without '$')
  uint32_t prefix_size = 0;                      // octets before the first '*'
  uint32_t text_begin = 0, text_size = 0;        // the line as written, for explanations
};

// A "key: value" line other than user-agent/allow/disallow that a caller may want to report:
// sitemap, crawl-delay, content-usage, content-signal and anything unknown.
struct RobotsDirective {
  uint32_t line = 0;
  std::string key;    // lowercased
  std::string value;  // as written, whitespace trimmed
  // Index of the group the line sits in (-1 before the first user-agent line).
  int32_t group = -1;
};

// A group: consecutive user-agent lines and the rules that follow (RFC 9309 section 2.1).
struct RobotsGroup {
  std::vector<std::string> agents;  // product tokens, lowercased
  std::vector<uint32_t> agent_lines;
  bool global = false;                    // one of its user-agent lines is "*"
  uint32_t first_rule = 0, end_rule = 0;  // rules [first_rule, end_rule) in RobotsPolicy::rules()
};

// Why a URL is allowed or disallowed.
enum class RobotsReason : uint8_t {
  kRuleMatched,          // a rule of the agent's group (or of '*') decided
  kGroupNoRuleMatched,   // the agent has a group but none of its rules matched: allowed
  kGlobalNoRuleMatched,  // only the '*' group applies and none of its rules matched: allowed
  kNoGroup,              // neither a group for the agent nor a '*' group: allowed
  kRobotsTxtPath,        // /robots.txt is implicitly allowed (RFC 9309 section 2.2.2)
};

// The reason's name in JSON output (robots check) and in the Python package: rule,
// group-no-rule-matched, global-no-rule-matched, no-group, robots-txt-path.
const char* RobotsReasonName(RobotsReason reason);

// The verdict for one URL, with the deciding rule when there is one.
struct RobotsMatch {
  bool allowed = true;
  RobotsReason reason = RobotsReason::kNoGroup;
  int32_t rule = -1;         // index into RobotsPolicy::rules(), or -1
  bool from_global = false;  // the deciding rule belongs to the '*' group
};

class RobotsAgentRules;

// The first octets of a rule's literal prefix (before any '*'), up to 8, as one word, and the mask
// of the octets present: a path whose first 8 octets (zero-padded) differ from the key under the
// mask cannot match, which rejects most rules with one comparison.
struct RobotsRuleHead {
  uint64_t key = 0;
  uint64_t mask = 0;
};

// The rules that apply to one agent (or to '*'), ordered so that the first one that matches
// decides: longest pattern first (RFC 9309 section 2.2.2), allow before disallow among equals,
// then file order. Rules with an empty pattern never decide and are left out.
struct RobotsRuleSet {
  std::vector<uint32_t> order;        // indices into RobotsPolicy::rules()
  std::vector<RobotsRuleHead> heads;  // heads[i] belongs to order[i]
  // Large sets only (kRobotsBucketedSetSize rules or more), so that a check does not visit every
  // rule: the positions (into `order`) of the rules whose literal prefix has at least 3 octets,
  // grouped by a hash of octets 1 and 2 into a power of 2 of buckets, about 4 rules each (bucket
  // b is bucket_positions[bucket_start[b] .. bucket_start[b + 1]]), and of the others
  // (`short_positions`), each in ascending order.
  std::vector<uint32_t> bucket_start;
  std::vector<uint32_t> bucket_positions;
  std::vector<uint32_t> short_positions;
};
inline constexpr size_t kRobotsBucketedSetSize = 48;

class RobotsPolicy {
 public:
  static RobotsPolicy Parse(std::string_view body, const RobotsParseOptions& options = {});

  // Verdict for `url` (absolute URL or path) and the product token `agent` (compared as given, as
  // the reference matcher does; reduce a full user agent with RobotsProductToken first), without
  // allocating
  // (except once for the rare URL whose path must gain a leading '/').
  RobotsMatch Check(std::string_view agent, std::string_view url) const;
  // Same, for a path as returned by RobotsMatchPath.
  RobotsMatch CheckPath(std::string_view agent, std::string_view path) const;

  // True when a group names `agent`'s product token (it then obeys that group, not '*').
  bool NamesAgent(std::string_view agent) const { return FindAgent(agent) != nullptr; }

  // Precomputes the rules that apply to `agent`, for matching many paths.
  RobotsAgentRules ForAgent(std::string_view agent) const;

  const std::vector<RobotsRule>& rules() const { return rules_; }
  const std::vector<RobotsGroup>& groups() const { return groups_; }
  const std::vector<RobotsDirective>& directives() const { return directives_; }
  std::string_view Pattern(const RobotsRule& rule) const {
    return std::string_view(arena_).substr(rule.pattern_begin, rule.pattern_size);
  }
  std::string_view Text(const RobotsRule& rule) const {
    return std::string_view(arena_).substr(rule.text_begin, rule.text_size);
  }
  bool truncated() const { return truncated_; }
  bool rfc_percent_decoding() const { return rfc_percent_decoding_; }
  size_t body_bytes() const { return body_bytes_; }      // size of the whole body
  size_t parsed_bytes() const { return parsed_bytes_; }  // bytes actually parsed
  uint32_t lines() const { return lines_; }
  size_t MemoryBytes() const;  // approximate heap bytes held

  // Directive lines with the given lowercase key ("sitemap", "crawl-delay", "content-usage" ...).
  std::vector<const RobotsDirective*> DirectivesNamed(std::string_view key) const;

  // A one-line explanation of `match` ("disallowed by line 3 'Disallow: /x' in group for gptbot").
  std::string Explain(const RobotsMatch& match) const;

 private:
  friend class RobotsParser;
  friend class RobotsAgentRules;
  // The rules of every group that names one product token.
  struct AgentIndex {
    std::string token;   // lowercase
    uint32_t rules = 0;  // index into agent_rules_ (agents of one group share their rules)
  };
  void BuildIndex();
  RobotsRuleSet CompileRuleSet(const std::vector<uint32_t>& rules) const;
  const AgentIndex* FindAgent(std::string_view agent) const;
  // The first rule of `set` that matches `path` (already normalised), or -1.
  int32_t FirstMatch(const RobotsRuleSet& set, std::string_view path) const;

  std::string arena_;
  std::vector<RobotsRule> rules_;
  std::vector<RobotsGroup> groups_;
  std::vector<RobotsDirective> directives_;
  std::vector<AgentIndex> agent_index_;
  std::vector<RobotsRuleSet> agent_rules_;
  RobotsRuleSet global_rules_;  // rules of the '*' groups
  bool has_global_ = false;
  bool truncated_ = false;
  bool rfc_percent_decoding_ = false;
  size_t body_bytes_ = 0;
  size_t parsed_bytes_ = 0;
  uint32_t lines_ = 0;
};

// The rules of one policy that apply to one agent (a view: the policy must outlive it); Match
// never allocates, except when rfc_percent_decoding must normalise a path.
class RobotsAgentRules {
 public:
  RobotsAgentRules() = default;
  RobotsMatch MatchPath(std::string_view path) const;
  RobotsMatch Match(std::string_view url, std::string* scratch) const;
  bool has_group() const { return has_group_; }

 private:
  friend class RobotsPolicy;
  RobotsMatch MatchNormalPath(std::string_view path) const;
  const RobotsPolicy* policy_ = nullptr;
  const RobotsRuleSet* rules_ = nullptr;  // the agent's groups, or else the '*' groups
  bool has_group_ = false;
  bool has_global_ = false;
};

// RFC 9309 section 2.2.1: the product token of a user-agent string, its leading [a-zA-Z_-]
// characters, as the reference parser (google/robotstxt ExtractUserAgent) reads robots.txt
// user-agent lines and documents for a crawler's name: "KestrelBot/1.0" -> "KestrelBot". Case is
// kept. optout::Decide reduces the agents it is given with it.
std::string_view RobotsProductToken(std::string_view user_agent);
// True for a full browser-style user-agent string ("Mozilla/5.0 (compatible; KestrelBot/1.0)"):
// its product token is not the crawler's name, so robots.txt groups for the crawler do not match.
bool IsBrowserStyleUserAgent(std::string_view user_agent);
// A warning for a user agent robots.txt cannot match as meant (browser-style, or no product
// token), naming the token that is matched; "" when the agent is a plain product token.
std::string UserAgentWarning(std::string_view user_agent);

// True when `path` matches the rule's pattern (RFC 9309 section 2.2.3: '*' any octets, '$' end).
bool RobotsPatternMatches(const RobotsPolicy& policy, const RobotsRule& rule,
                          std::string_view path);
// The same matching for an uncompiled pattern (used by TDMRep locations and blocklists).
bool RobotsGlobMatches(std::string_view pattern, std::string_view path);

}  // namespace gpaikit::optout

#endif  // GPAIKIT_OPTOUT_ROBOTS_H_

// Test-only oracle: RFC 9309 matching done the plain way (every rule, longest match), to check the
// compiled first-match order of RobotsPolicy (robots_test, robots_conformance_test, the fuzzer).
#ifndef GPAIKIT_OPTOUT_ROBOTS_REFERENCE_MATCH_H_
#define GPAIKIT_OPTOUT_ROBOTS_REFERENCE_MATCH_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "gpaikit/optout/robots.h"
#include "gpaikit/optout/url.h"

namespace gpaikit::optout::testing {

// The verdict for `url` and `agent`: the rules of every group naming the agent (else of the '*'
// groups) are all tried; the longest matching pattern wins, allow wins a tie, and among equal
// rules of one kind the first in the file (RFC 9309 section 2.2.2).
inline RobotsMatch ReferenceMatch(const RobotsPolicy& policy, std::string_view agent,
                                  std::string_view url) {
  std::string scratch;
  std::string path(RobotsMatchPath(url, &scratch));
  if (policy.rfc_percent_decoding()) path = NormalizePercentEncoding(path);
  RobotsMatch match;
  if (path == "/robots.txt") {
    match.reason = RobotsReason::kRobotsTxtPath;
    return match;
  }
  std::string lower(agent);
  for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  bool named = false, global = false;
  for (const RobotsGroup& group : policy.groups()) {
    for (const std::string& token : group.agents) named = named || token == lower;
    global = global || group.global;
  }
  int64_t best[2] = {-1, -1};  // priority of the best allow, disallow match
  int32_t rule_of[2] = {-1, -1};
  for (const RobotsGroup& group : policy.groups()) {
    bool applies = false;
    for (const std::string& token : group.agents) applies = applies || token == lower;
    if (!named) applies = group.global;
    if (!applies) continue;
    for (uint32_t i = group.first_rule; i < group.end_rule; ++i) {
      const RobotsRule& rule = policy.rules()[i];
      int kind = rule.kind == RobotsRuleKind::kAllow ? 0 : 1;
      if (static_cast<int64_t>(rule.priority) > best[kind] &&
          RobotsPatternMatches(policy, rule, path)) {
        best[kind] = rule.priority;
        rule_of[kind] = static_cast<int32_t>(i);
      }
    }
  }
  if (best[0] > 0 || best[1] > 0) {
    match.reason = RobotsReason::kRuleMatched;
    match.allowed = !(best[1] > best[0]);
    match.rule = match.allowed ? rule_of[0] : rule_of[1];
    match.from_global = !named;
    return match;
  }
  if (named) {
    match.reason = RobotsReason::kGroupNoRuleMatched;
  } else {
    match.reason = global ? RobotsReason::kGlobalNoRuleMatched : RobotsReason::kNoGroup;
  }
  return match;
}

}  // namespace gpaikit::optout::testing

#endif  // GPAIKIT_OPTOUT_ROBOTS_REFERENCE_MATCH_H_

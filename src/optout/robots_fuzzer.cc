// libFuzzer target: robots.txt parsing and matching must not crash on any bytes, and the
// compiled matcher must agree with the plain one (robots_reference_match.h).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "gpaikit/optout/robots.h"
#include "robots_reference_match.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  // The first line is the URL to match, the rest the robots.txt body.
  size_t newline = input.find('\n');
  std::string_view url = input.substr(0, newline);
  std::string_view body = newline == std::string_view::npos ? input : input.substr(newline + 1);
  for (bool rfc : {false, true}) {
    gpaikit::optout::RobotsParseOptions options;
    options.rfc_percent_decoding = rfc;
    auto policy = gpaikit::optout::RobotsPolicy::Parse(body, options);
    for (std::string_view agent : {"FooBot", "*", "", "gptbot"}) {
      auto match = policy.Check(agent, url);
      std::string scratch;
      auto again = policy.ForAgent(agent).Match(url, &scratch);
      if (match.allowed != again.allowed || match.rule != again.rule) __builtin_trap();
      // The compiled first-match order must agree with trying every rule.
      auto reference = gpaikit::optout::testing::ReferenceMatch(policy, agent, url);
      if (match.allowed != reference.allowed || match.rule != reference.rule ||
          match.reason != reference.reason || match.from_global != reference.from_global) {
        __builtin_trap();
      }
      (void)policy.Explain(match);
    }
    if (policy.parsed_bytes() > options.max_bytes) __builtin_trap();
  }
  return 0;
}

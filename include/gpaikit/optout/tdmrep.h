// TDMRep /.well-known/tdmrep.json (W3C TDM Reservation Protocol, community group final report).
#ifndef GPAIKIT_OPTOUT_TDMREP_H_
#define GPAIKIT_OPTOUT_TDMREP_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/status.h"
#include "gpaikit/optout/signals.h"

namespace gpaikit::optout {

// The largest tdmrep.json read, as robots.txt's 500 KiB (RFC 9309 section 2.5): a site cannot
// stall a crawler with a huge rule file (issue 14).
inline constexpr size_t kTdmRepMaxBytes = 500 * 1024;

// One rule of tdmrep.json: a location pattern ('*' any octets, '$' end, as robots.txt) and the
// TDM properties that apply to paths it matches.
struct TdmRepRule {
  std::string location;           // as written
  std::string normalized;         // percent-encoding normalised, for matching
  int reservation = -1;           // 0, 1, or -1 when absent or invalid (a protocol error: unset)
  std::string policy;             // tdm-policy URL, "" when absent
  uint32_t line = 0, column = 0;  // where the rule's object starts
  std::string error;              // protocol error in this rule, "" when none
};

// A parsed tdmrep.json: a JSON array of rule objects.
class TdmRepFile {
 public:
  // Fails on malformed JSON or a top level that is not an array, naming `source` and
  // line:column. Invalid rules (no location, tdm-reservation not 0/1) are kept with `error`.
  static Result<TdmRepFile> Parse(std::string_view json, std::string source);

  // The rule deciding `path` (path and query of the URL): the first rule in file order whose
  // location matches, which TDMRep defines as the most specific. nullptr when none matches.
  const TdmRepRule* Match(std::string_view path) const;

  // The signal `path` gets from this file, or none (effect kNeutral, empty rule) when no rule
  // matches.
  Signal SignalFor(std::string_view path) const;

  const std::vector<TdmRepRule>& rules() const { return rules_; }
  const std::string& source() const { return source_; }

 private:
  std::vector<TdmRepRule> rules_;
  std::string source_;
};

}  // namespace gpaikit::optout

#endif  // GPAIKIT_OPTOUT_TDMREP_H_

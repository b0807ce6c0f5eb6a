// URL views for opt-out checks: RFC 3986 parsing without copying, and the robots.txt match path.
#ifndef GPAIKIT_OPTOUT_URL_H_
#define GPAIKIT_OPTOUT_URL_H_

#include <string>
#include <string_view>

#include "gpaikit/base/status.h"

namespace gpaikit::optout {

// The parts of an absolute URL, as views into the parsed text (RFC 3986 section 3). The host is
// not lowercased here; see NormalizeHost in domain.h.
struct UrlView {
  std::string_view scheme;    // "https"
  std::string_view userinfo;  // "user:pass" or empty
  std::string_view host;      // "example.com", "[::1]" or "192.0.2.1"
  std::string_view port;      // "8080" or empty
  std::string_view path;      // "/a/b" or empty
  std::string_view query;     // "x=1" (without '?'), empty when absent
  std::string_view fragment;  // without '#'
  bool has_query = false;
  bool has_authority = false;
};

// Parses an absolute URL ("scheme://authority/path?query#fragment"). Fails on a missing scheme,
// a malformed port, a control byte or space, naming the byte offset and what was expected.
Result<UrlView> ParseUrl(std::string_view url);

// The path, parameters and query a robots.txt rule is matched against (RFC 9309 section 2.2.2:
// "the path of the URI ... including the query"), computed exactly as the reference matcher does
// for any input, valid URL or not: scheme and authority removed, fragment removed, "/" when empty.
// Returns a view into `url`, or into `*scratch` when a leading '/' has to be added (the scratch
// buffer is reused, so a caller looping over URLs allocates at most once).
std::string_view RobotsMatchPath(std::string_view url, std::string* scratch);

// Percent-encoding normalisation (RFC 9309 section 2.2.2, RFC 3986 section 2): octets outside
// printable ASCII are percent-encoded, the hex digits of existing escapes are uppercased, and
// escapes of unreserved characters (ALPHA / DIGIT / "-" / "." / "_" / "~") are decoded and a
// stray "%" becomes "%25", so that
// equivalent encodings compare equal. Reserved characters stay encoded.
std::string NormalizePercentEncoding(std::string_view text);

// True when `text` needs no change by NormalizePercentEncoding (the common case: no copy needed).
bool IsPercentEncodingNormal(std::string_view text);

}  // namespace gpaikit::optout

#endif  // GPAIKIT_OPTOUT_URL_H_

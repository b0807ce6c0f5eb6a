// The client's address for the portal's per-address limits: the TCP peer, or, when the peer is
// a trusted reverse proxy (`serve --trusted-proxy`), the address that proxy names in X-Real-IP
// or X-Forwarded-For; headers from any other peer are ignored (docs/portal.md "Behind nginx").
#ifndef GPAIKIT_PORTAL_CLIENT_ADDRESS_H_
#define GPAIKIT_PORTAL_CLIENT_ADDRESS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/status.h"

namespace gpaikit::portal {

// `text` (an IPv4 or IPv6 address, nothing around it) in inet_ntop's canonical form, an
// IPv4-mapped IPv6 address (::ffff:a.b.c.d) written as IPv4; InvalidInput when it is not one
// (a port, brackets, a zone, a name or spaces are not accepted).
Result<std::string> CanonicalAddress(std::string_view text);

// The proxy headers of one request, each as sent (every occurrence, in order).
struct ProxyHeaders {
  std::vector<std::string> x_real_ip;
  std::vector<std::string> x_forwarded_for;
};

class TrustedProxies {
 public:
  TrustedProxies() = default;
  // InvalidInput naming `--trusted-proxy` and the value when one is not an IP address.
  static Result<TrustedProxies> Parse(const std::vector<std::string>& addresses);

  bool empty() const { return canonical_.empty(); }
  // Whether the canonical address `address` is one of the trusted proxies.
  bool Contains(std::string_view address) const;

  // The client of a request that arrived from `peer` (the TCP peer's canonical address):
  // `peer` itself unless it is a trusted proxy. From a trusted proxy: X-Real-IP when it is sent
  // once and is not itself a trusted proxy, else the right-most X-Forwarded-For entry (all
  // occurrences joined with commas, RFC 9110 section 5.3) that is not a trusted proxy, else the
  // left-most entry, else X-Real-IP or `peer`. A malformed address in a header that is read, or
  // X-Real-IP sent more than once, is InvalidInput naming the header: the request must be refused,
  // not counted against the proxy's own address.
  Result<std::string> ClientAddress(const std::string& peer, const ProxyHeaders& headers) const;

 private:
  std::vector<std::string> canonical_;
};

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_CLIENT_ADDRESS_H_

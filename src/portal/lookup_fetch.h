// Fetching a lookup proof from the requester's site and DNS (docs/portal.md "Domain lookup"):
// the token file over http(s) with libcurl under strict limits, and TXT records through the
// system resolver. Server-side request forgery is the main risk: every address the fetch is
// about to connect to is checked, and private, loopback and other non-public addresses refused.
#ifndef GPAIKIT_PORTAL_LOOKUP_FETCH_H_
#define GPAIKIT_PORTAL_LOOKUP_FETCH_H_

#include <sys/socket.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/status.h"

namespace gpaikit::portal {

// Limits of the proof fetch.
struct FetchPolicy {
  // Tests only (`gpaikit serve --lookup-allow-loopback`): loopback addresses may be fetched.
  // Private, link-local and other non-public addresses stay refused.
  bool allow_loopback = false;
  // Tests only, with allow_loopback: libcurl CONNECT_TO entries ("HOST:PORT:CONNECT-HOST:
  // CONNECT-PORT", HOST or PORT empty for any), so that a test's domain reaches a loopback site.
  std::vector<std::string> connect_to;
  long timeout_ms = 5000;          // the whole transfer, redirects included
  long connect_timeout_ms = 3000;  // one connection
  size_t max_bytes = 4096;         // a larger body is refused
  int max_redirects = 3;           // only to the same host, only http or https
  std::string user_agent = "gpaikit-lookup/1";
};

// Why the fetch must not connect to `address` ("" when it may): loopback (unless allowed),
// private (RFC 1918, RFC 4193), link-local, shared (RFC 6598), unspecified, multicast, reserved,
// documentation and benchmarking ranges; IPv4-mapped and NAT64 IPv6 addresses are judged by the
// IPv4 address inside.
std::string RefusedAddress(const sockaddr* address, bool allow_loopback);
// The same for an address in text ("10.0.0.1", "::1"); "not an IP address" for anything else.
std::string RefusedAddressText(std::string_view address, bool allow_loopback);

// The TXT records of a DNS answer (a DNS message as res_query returns it), each the concatenation
// of its character strings; InvalidInput naming the byte offset for a malformed message.
Result<std::vector<std::string>> ParseTxtAnswer(const unsigned char* message, size_t size);

// Where proofs come from; tests inject their own.
class ProofSource {
 public:
  virtual ~ProofSource() = default;
  // The body of https://HOST/.well-known/gpaikit-verification.txt, else http://HOST/...; the
  // error says why neither gave one (status, size, refused address, redirect, timeout).
  virtual Result<std::string> FetchProofFile(const std::string& host) = 0;
  // The TXT records of `name` (NotFound when there are none).
  virtual Result<std::vector<std::string>> QueryTxt(const std::string& name) = 0;
};

// The real one: libcurl under `policy`, and the system resolver (res_nquery).
std::unique_ptr<ProofSource> NetworkProofSource(FetchPolicy policy);

// How the requester placed the token: the file at https://DOMAIN/.well-known/
// gpaikit-verification.txt (or http://), or a TXT record at _gpaikit-challenge.DOMAIN.
enum class ProofMethod { kWellKnownFile, kDnsTxt };

struct ProofCheck {
  bool verified = false;
  std::string detail;  // what was fetched or why it failed, for the requester
};

// Fetches the proof of `domain` (the registrable domain the challenge was issued for) by `method`
// and compares every token it holds with `stored_hash`.
ProofCheck CheckProof(ProofSource& source, const std::string& domain, ProofMethod method,
                      std::string_view stored_hash);

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_LOOKUP_FETCH_H_

// Proof of control of a domain for the rightsholder lookup (docs/portal.md "Domain lookup"):
// the domain a requester names, the challenge tokens the portal issues, and the token file and
// DNS TXT record that carry them back (Code of Practice, Copyright, Measure 1.5).
#ifndef GPAIKIT_PORTAL_LOOKUP_PROOF_H_
#define GPAIKIT_PORTAL_LOOKUP_PROOF_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/status.h"
#include "gpaikit/optout/domain.h"

namespace gpaikit::portal {

// Where the requester places the token: a file on the site, or a TXT record.
inline constexpr std::string_view kProofPath = "/.well-known/gpaikit-verification.txt";
inline constexpr std::string_view kTxtLabel = "_gpaikit-challenge.";
// A line of the file, or a TXT record, is "gpaikit-verification=" followed by the token.
inline constexpr std::string_view kTokenPrefix = "gpaikit-verification=";
// The proof file is read up to this size; a larger one is refused.
inline constexpr size_t kMaxProofFileBytes = 4096;
// A domain name is at most 253 characters (RFC 1035 section 2.3.4, without the final dot).
inline constexpr size_t kMaxDomainLength = 253;

// The domain a lookup is about: the host the requester proves control of, and its registrable
// domain (eTLD+1, libpsl), under which the corpus statistics count documents.
struct LookupDomain {
  std::string host;         // "www.example.co.uk", punycode, lowercase
  std::string registrable;  // "example.co.uk"
};

// Reads what a requester types: a host name ("Example.COM", "bücher.de", "www.example.com.") or an
// http(s) URL whose host is taken ("https://www.example.com/page"). Refuses IP addresses, user
// information, ports, public suffixes themselves ("co.uk") and names that are not host names,
// saying which.
Result<LookupDomain> ParseLookupDomain(std::string_view input,
                                       const optout::PublicSuffixList& suffixes);

// A fresh challenge token: 32 random bytes (OpenSSL RAND_bytes) as 64 lowercase hex digits.
Result<std::string> NewChallengeToken();
// What the portal stores instead of the token: SHA-256 of the token, hex.
std::string TokenHash(std::string_view token);
// True when `token` hashes to `stored_hash`; compares in constant time.
bool TokenMatches(std::string_view token, std::string_view stored_hash);

// What a proof file or a set of TXT records held: the candidate tokens, and what was wrong.
struct ProofTokens {
  std::vector<std::string> tokens;
  std::vector<std::string> problems;  // "line 3: expected gpaikit-verification=TOKEN"
};

// The proof file: UTF-8 text, lines ending in LF or CRLF; empty lines and lines starting with '#'
// are skipped; every other line must be `gpaikit-verification=TOKEN` (TOKEN: 64 hex digits;
// several lines for several pending challenges). Problems name the line.
ProofTokens ParseProofFile(std::string_view body);
// TXT records of `_gpaikit-challenge.DOMAIN`, each the concatenation of its character strings
// (RFC 1035 3.3.14); records that do not start with the prefix are someone else's and skipped.
ProofTokens ParseProofRecords(const std::vector<std::string>& records);

// True when a proof carries a token that hashes to `stored_hash`.
bool ProofMatches(const ProofTokens& proof, std::string_view stored_hash);

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_LOOKUP_PROOF_H_

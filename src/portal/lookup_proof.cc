// Proof of control for the domain lookup: domain input, challenge tokens, token file and TXT
// record parsing (docs/portal.md "Domain lookup").
#include "portal/lookup_proof.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "gpaikit/base/sha256.h"
#include "gpaikit/optout/url.h"

namespace gpaikit::portal {
namespace {

std::string_view Trim(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  size_t end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

bool IsLabelChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }

// RFC 1123 section 2.1 host name over punycode labels: letters, digits and hyphens, 1 to 63
// characters per label, no hyphen at either end; at least two labels.
Status CheckHostName(std::string_view host) {
  if (host.size() > kMaxDomainLength) {
    return Status::InvalidInput("a domain name has at most 253 characters");
  }
  size_t labels = 0;
  size_t start = 0;
  while (start <= host.size()) {
    size_t end = host.find('.', start);
    if (end == std::string_view::npos) end = host.size();
    std::string_view label = host.substr(start, end - start);
    if (label.empty() || label.size() > 63) {
      return Status::InvalidInput("each part of a domain name between dots has 1 to 63 characters");
    }
    for (char c : label) {
      if (!IsLabelChar(c)) {
        return Status::InvalidInput(std::string("a domain name holds letters, digits, '-' and "
                                                "'.', not '") +
                                    c + "'");
      }
    }
    if (label.front() == '-' || label.back() == '-') {
      return Status::InvalidInput("a part of a domain name cannot start or end with '-'");
    }
    ++labels;
    start = end + 1;
  }
  if (labels < 2) return Status::InvalidInput("expected a domain name such as example.com");
  return Status::Ok();
}

bool IsToken(std::string_view token) {
  if (token.size() != 64) return false;
  for (char c : token) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

Result<LookupDomain> ParseLookupDomain(std::string_view input,
                                       const optout::PublicSuffixList& suffixes) {
  std::string_view text = Trim(input);
  if (text.empty())
    return Status::InvalidInput("domain: expected a domain name such as example.com");
  if (text.size() > 2048) return Status::InvalidInput("domain: longer than 2048 characters");
  std::string_view host = text;
  if (text.find("://") != std::string_view::npos) {
    Result<optout::UrlView> url = optout::ParseUrl(text);
    if (!url.ok()) return Status::InvalidInput("domain: " + url.status().message());
    if (url->scheme != "http" && url->scheme != "https") {
      return Status::InvalidInput("domain: only http and https addresses name a site");
    }
    if (!url->userinfo.empty()) {
      return Status::InvalidInput("domain: an address with a user name or password is refused");
    }
    if (!url->port.empty()) {
      return Status::InvalidInput("domain: give the domain without a port");
    }
    host = url->host;
  } else if (text.find_first_of("/:@?# ") != std::string_view::npos) {
    return Status::InvalidInput(
        "domain: expected a domain name such as example.com or an http(s) address");
  }
  if (optout::IsIpAddress(host)) {
    return Status::InvalidInput("domain: an IP address is not a domain; give the domain name");
  }
  Result<std::string> normalized = optout::NormalizeHost(host);
  if (!normalized.ok()) return Status::InvalidInput("domain: " + normalized.status().message());
  Status valid = CheckHostName(*normalized);
  if (!valid.ok()) return Status::InvalidInput("domain: " + valid.message());
  std::string registrable = suffixes.RegistrableDomain(*normalized);
  if (registrable.empty()) {
    return Status::InvalidInput("domain: '" + *normalized +
                                "' is a public suffix, not a domain someone controls");
  }
  return LookupDomain{std::move(*normalized), std::move(registrable)};
}

Result<std::string> NewChallengeToken() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    return Status::Internal("the random number generator failed (OpenSSL RAND_bytes)");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string token;
  token.reserve(64);
  for (unsigned char b : bytes) {
    token += kHex[b >> 4];
    token += kHex[b & 15];
  }
  return token;
}

std::string TokenHash(std::string_view token) { return Sha256Hex(token); }

bool TokenMatches(std::string_view token, std::string_view stored_hash) {
  std::string hash = TokenHash(token);
  return hash.size() == stored_hash.size() &&
         CRYPTO_memcmp(hash.data(), stored_hash.data(), hash.size()) == 0;
}

ProofTokens ParseProofFile(std::string_view body) {
  ProofTokens proof;
  if (body.size() > kMaxProofFileBytes) {
    proof.problems.push_back("the file is larger than " + std::to_string(kMaxProofFileBytes) +
                             " bytes");
    return proof;
  }
  size_t line = 0;
  while (!body.empty()) {
    ++line;
    size_t end = body.find('\n');
    std::string_view row = Trim(body.substr(0, end));
    body = end == std::string_view::npos ? std::string_view() : body.substr(end + 1);
    if (row.empty() || row.front() == '#') continue;
    std::string place = "line " + std::to_string(line) + ": ";
    if (!row.starts_with(kTokenPrefix)) {
      proof.problems.push_back(place + "expected gpaikit-verification=TOKEN");
      continue;
    }
    std::string_view token = Trim(row.substr(kTokenPrefix.size()));
    if (!IsToken(token)) {
      proof.problems.push_back(place + "the token is 64 lowercase hex digits");
      continue;
    }
    proof.tokens.emplace_back(token);
  }
  if (proof.tokens.empty() && proof.problems.empty()) {
    proof.problems.push_back("the file holds no gpaikit-verification=TOKEN line");
  }
  return proof;
}

ProofTokens ParseProofRecords(const std::vector<std::string>& records) {
  ProofTokens proof;
  for (size_t i = 0; i < records.size(); ++i) {
    std::string_view record = Trim(records[i]);
    if (!record.starts_with(kTokenPrefix)) continue;
    std::string_view token = Trim(record.substr(kTokenPrefix.size()));
    if (!IsToken(token)) {
      proof.problems.push_back("TXT record " + std::to_string(i + 1) +
                               ": the token is 64 lowercase hex digits");
      continue;
    }
    proof.tokens.emplace_back(token);
  }
  if (proof.tokens.empty() && proof.problems.empty()) {
    proof.problems.push_back("no TXT record starts with gpaikit-verification=");
  }
  return proof;
}

bool ProofMatches(const ProofTokens& proof, std::string_view stored_hash) {
  bool matched = false;
  // Every candidate is compared, so that the time does not tell which one matched.
  for (const std::string& token : proof.tokens) matched |= TokenMatches(token, stored_hash);
  return matched;
}

}  // namespace gpaikit::portal

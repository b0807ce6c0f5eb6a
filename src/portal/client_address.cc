// The client's address behind a trusted reverse proxy (X-Real-IP, X-Forwarded-For); headers
// from an untrusted peer are never read, so a client cannot choose its own rate-limit key.
#include "portal/client_address.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cstring>

#include "gpaikit/base/text.h"

namespace gpaikit::portal {
namespace {

// RFC 9110 section 5.6.3: optional white space (spaces and tabs) around a list element.
std::string_view WithoutOws(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

Result<std::string> HeaderAddress(std::string_view header, std::string_view value,
                                  const std::string& peer) {
  Result<std::string> address = CanonicalAddress(WithoutOws(value));
  if (address.ok()) return address;
  return Status::InvalidInput(std::string(header)
                                  .append(" from the trusted proxy ")
                                  .append(peer)
                                  .append(": expected one IPv4 or IPv6 address, got '")
                                  .append(Abbreviated(value))
                                  .append("'"));
}

}  // namespace

Result<std::string> CanonicalAddress(std::string_view text) {
  // INET6_ADDRSTRLEN bounds both forms; anything longer is not an address.
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) {
    return Status::InvalidInput("not an IP address");
  }
  std::string copy(text);
  char canonical[INET6_ADDRSTRLEN] = {0};
  in_addr v4{};
  in6_addr v6{};
  if (inet_pton(AF_INET, copy.c_str(), &v4) == 1) {
    inet_ntop(AF_INET, &v4, canonical, sizeof canonical);
  } else if (inet_pton(AF_INET6, copy.c_str(), &v6) == 1) {
    if (IN6_IS_ADDR_V4MAPPED(&v6)) {
      std::memcpy(&v4, v6.s6_addr + 12, sizeof v4);
      inet_ntop(AF_INET, &v4, canonical, sizeof canonical);
    } else {
      inet_ntop(AF_INET6, &v6, canonical, sizeof canonical);
    }
  } else {
    return Status::InvalidInput("not an IP address");
  }
  return std::string(canonical);
}

Result<TrustedProxies> TrustedProxies::Parse(const std::vector<std::string>& addresses) {
  TrustedProxies proxies;
  for (const std::string& text : addresses) {
    Result<std::string> address = CanonicalAddress(text);
    if (!address.ok()) {
      return Status::InvalidInput(
          std::string("--trusted-proxy: expected an IPv4 or IPv6 address, got '")
              .append(Abbreviated(text))
              .append("'"));
    }
    proxies.canonical_.push_back(std::move(*address));
  }
  return proxies;
}

bool TrustedProxies::Contains(std::string_view address) const {
  return std::find(canonical_.begin(), canonical_.end(), address) != canonical_.end();
}

Result<std::string> TrustedProxies::ClientAddress(const std::string& peer,
                                                  const ProxyHeaders& headers) const {
  if (!Contains(peer)) return peer;  // the headers of an untrusted peer are not read
  if (headers.x_real_ip.size() > 1) {
    return Status::InvalidInput("X-Real-IP from the trusted proxy " + peer + ": sent " +
                                std::to_string(headers.x_real_ip.size()) + " times");
  }
  std::string chosen = peer;
  if (headers.x_real_ip.size() == 1) {
    Result<std::string> real = HeaderAddress("X-Real-IP", headers.x_real_ip[0], peer);
    if (!real.ok() || !Contains(*real)) return real;
    chosen = *real;
  }
  // X-Forwarded-For: client, proxy1, proxy2 (each proxy appends the address it received from);
  // walk from the right, past the trusted proxies.
  std::string joined;
  for (const std::string& value : headers.x_forwarded_for) {
    if (!joined.empty()) joined += ',';
    joined += value;
  }
  std::string_view rest = joined;
  while (!headers.x_forwarded_for.empty()) {
    size_t comma = rest.rfind(',');
    std::string_view entry = comma == std::string_view::npos ? rest : rest.substr(comma + 1);
    Result<std::string> address = HeaderAddress("X-Forwarded-For", entry, peer);
    if (!address.ok()) return address;
    chosen = *address;
    if (!Contains(chosen) || comma == std::string_view::npos) break;
    rest = rest.substr(0, comma);
  }
  return chosen;
}

}  // namespace gpaikit::portal

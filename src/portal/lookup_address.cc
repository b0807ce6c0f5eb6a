// Which addresses the lookup's proof fetch may connect to (docs/portal.md "Domain lookup",
// server-side request forgery): only public unicast addresses; RFC 6890 special-purpose ranges
// are refused.
#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstdint>
#include <cstring>
#include <string>

#include "portal/lookup_fetch.h"

namespace gpaikit::portal {
namespace {

struct Range4 {
  uint32_t base;
  int bits;
  const char* why;
};

// RFC 6890 and its updates: IPv4 ranges that are not public unicast.
constexpr Range4 kRefused4[] = {
    {0x00000000, 8, "an unspecified address (0.0.0.0/8)"},
    {0x0A000000, 8, "a private address (10.0.0.0/8, RFC 1918)"},
    {0x64400000, 10, "a shared address (100.64.0.0/10, RFC 6598)"},
    {0xA9FE0000, 16, "a link-local address (169.254.0.0/16)"},
    {0xAC100000, 12, "a private address (172.16.0.0/12, RFC 1918)"},
    {0xC0000000, 24, "an IETF protocol address (192.0.0.0/24)"},
    {0xC0000200, 24, "a documentation address (192.0.2.0/24)"},
    {0xC0586300, 24, "a relay address (192.88.99.0/24)"},
    {0xC0A80000, 16, "a private address (192.168.0.0/16, RFC 1918)"},
    {0xC6120000, 15, "a benchmarking address (198.18.0.0/15)"},
    {0xC6336400, 24, "a documentation address (198.51.100.0/24)"},
    {0xCB007100, 24, "a documentation address (203.0.113.0/24)"},
    {0xE0000000, 4, "a multicast address (224.0.0.0/4)"},
    {0xF0000000, 4, "a reserved address (240.0.0.0/4)"},
};

std::string Refused4(uint32_t ip, bool allow_loopback) {
  if ((ip >> 24) == 127) return allow_loopback ? "" : "a loopback address (127.0.0.0/8)";
  for (const Range4& range : kRefused4) {
    uint32_t mask = range.bits == 0 ? 0 : ~uint32_t{0} << (32 - range.bits);
    if ((ip & mask) == range.base) return range.why;
  }
  return "";
}

std::string Refused6(const in6_addr& address, bool allow_loopback) {
  const uint8_t* b = address.s6_addr;
  static constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  static constexpr uint8_t kNat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
  auto v4 = [&] { return uint32_t{b[12]} << 24 | uint32_t{b[13]} << 16 | b[14] << 8 | b[15]; };
  if (std::memcmp(b, kMapped, 12) == 0 || std::memcmp(b, kNat64, 12) == 0) {
    return Refused4(v4(), allow_loopback);
  }
  if (IN6_IS_ADDR_LOOPBACK(&address)) return allow_loopback ? "" : "a loopback address (::1)";
  if (IN6_IS_ADDR_UNSPECIFIED(&address)) return "an unspecified address (::)";
  bool zero_prefix = true;  // ::/96 (IPv4-compatible, deprecated) and the rest of ::/8
  for (int i = 0; i < 12; ++i) zero_prefix = zero_prefix && b[i] == 0;
  if (b[0] == 0)
    return zero_prefix ? "an IPv4-compatible address (::/96)" : "a reserved address (::/8)";
  if ((b[0] & 0xfe) == 0xfc) return "a unique local address (fc00::/7, RFC 4193)";
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return "a link-local address (fe80::/10)";
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return "a site-local address (fec0::/10)";
  if (b[0] == 0xff) return "a multicast address (ff00::/8)";
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) {
    return "a documentation address (2001:db8::/32)";
  }
  if (b[0] == 0x20 && b[1] == 0x02) return "a 6to4 address (2002::/16)";
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
    return "a Teredo address (2001::/32)";
  }
  if ((b[0] & 0xe0) != 0x20) return "an address outside global unicast (2000::/3)";
  return "";
}

}  // namespace

std::string RefusedAddress(const sockaddr* address, bool allow_loopback) {
  if (address == nullptr) return "no address";
  if (address->sa_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(address);
    return Refused4(ntohl(v4->sin_addr.s_addr), allow_loopback);
  }
  if (address->sa_family == AF_INET6) {
    return Refused6(reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr, allow_loopback);
  }
  return "not an IPv4 or IPv6 address";
}

std::string RefusedAddressText(std::string_view address, bool allow_loopback) {
  std::string text(address);
  sockaddr_in v4{};
  sockaddr_in6 v6{};
  if (inet_pton(AF_INET, text.c_str(), &v4.sin_addr) == 1) {
    v4.sin_family = AF_INET;
    return RefusedAddress(reinterpret_cast<sockaddr*>(&v4), allow_loopback);
  }
  if (inet_pton(AF_INET6, text.c_str(), &v6.sin6_addr) == 1) {
    v6.sin6_family = AF_INET6;
    return RefusedAddress(reinterpret_cast<sockaddr*>(&v6), allow_loopback);
  }
  return "not an IP address";
}

}  // namespace gpaikit::portal

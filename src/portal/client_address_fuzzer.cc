// libFuzzer target for the client address behind a trusted proxy (client_address.h): arbitrary
// bytes as X-Real-IP and X-Forwarded-For lines from a trusted peer and as an address.
#include <cstddef>
#include <cstdint>
#include <string>

#include "portal/client_address.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gpaikit::portal;
  static const TrustedProxies proxies = *TrustedProxies::Parse({"127.0.0.1", "10.0.0.2", "::1"});
  std::string text(reinterpret_cast<const char*>(data), size);
  auto canonical = CanonicalAddress(text);
  // A canonical address is its own canonical form.
  if (canonical.ok() && *CanonicalAddress(*canonical) != *canonical) __builtin_trap();
  // Split the input at the first NUL into X-Real-IP and X-Forwarded-For (one or two lines).
  size_t nul = text.find('\0');
  ProxyHeaders headers;
  if (nul == std::string::npos) {
    headers.x_forwarded_for = {text};
  } else {
    headers.x_real_ip = {text.substr(0, nul)};
    headers.x_forwarded_for = {text.substr(nul + 1), text.substr(0, nul)};
  }
  auto client = proxies.ClientAddress("127.0.0.1", headers);
  // What is chosen is always a well-formed address in canonical form.
  if (client.ok() && (!CanonicalAddress(*client).ok() || *CanonicalAddress(*client) != *client)) {
    __builtin_trap();
  }
  // Headers from an untrusted peer are never read.
  auto untrusted = proxies.ClientAddress("203.0.113.9", headers);
  if (!untrusted.ok() || *untrusted != "203.0.113.9") __builtin_trap();
  return 0;
}

// Host names: lowercase and IDN-to-punycode normalisation (libidn2) and registrable domains
// (libpsl).
#ifndef GPAIKIT_OPTOUT_DOMAIN_H_
#define GPAIKIT_OPTOUT_DOMAIN_H_

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "gpaikit/base/status.h"

namespace gpaikit::optout {

// True for an IPv4 dotted quad or a bracketed (or bare) IPv6 literal.
bool IsIpAddress(std::string_view host);

// Lowercases `host`, drops one trailing dot and converts internationalised names to punycode
// (IDNA2008 non-transitional, UTS #46 mapping, via libidn2). IP literals stay as they are. Fails on
// an empty host or one libidn2 rejects, saying why.
Result<std::string> NormalizeHost(std::string_view host);

// The public suffix list in use, and where it came from (reported wherever a result depends on it).
struct PublicSuffixListInfo {
  std::string file;      // path of the list
  std::string modified;  // file modification time, UTC, "2023-02-09"
  size_t bytes = 0;
  std::string version;           // the list's "// VERSION:" comment when it has one, else ""
  std::string libpsl;            // libpsl version, "0.21.2"
  std::string Describe() const;  // "public_suffix_list.dat (2023-02-09, 245996 bytes)"
};

// A loaded public suffix list (https://publicsuffix.org), for registrable domains (eTLD+1).
class PublicSuffixList {
 public:
  // The list file: `file` if given, else $GPAIKIT_PSL_FILE, else Debian's
  // /usr/share/publicsuffix/public_suffix_list.dat (package publicsuffix).
  static Result<std::shared_ptr<const PublicSuffixList>> Load(
      const std::filesystem::path& file = {});
  ~PublicSuffixList();
  PublicSuffixList(const PublicSuffixList&) = delete;
  PublicSuffixList& operator=(const PublicSuffixList&) = delete;

  // The registrable domain of a normalised host ("www.bbc.co.uk" -> "bbc.co.uk"); an IP address
  // is returned unchanged; a host that is itself a public suffix ("co.uk") yields "".
  std::string RegistrableDomain(std::string_view host) const;
  bool IsPublicSuffix(std::string_view host) const;
  const PublicSuffixListInfo& info() const { return info_; }

 private:
  PublicSuffixList() = default;
  void* context_ = nullptr;  // psl_ctx_t*
  PublicSuffixListInfo info_;
};

}  // namespace gpaikit::optout

#endif  // GPAIKIT_OPTOUT_DOMAIN_H_

// Host normalisation with libidn2 and registrable domains with libpsl (file configurable).
#include "gpaikit/optout/domain.h"

#include <arpa/inet.h>
#include <idn2.h>
#include <libpsl.h>
#include <sys/stat.h>

#include <cstdlib>
#include <ctime>
#include <fstream>

#include "gpaikit/base/civil_date.h"
#include "gpaikit/base/text.h"

namespace gpaikit::optout {
namespace {

constexpr const char* kDefaultPslFile = "/usr/share/publicsuffix/public_suffix_list.dat";

bool IsAscii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

}  // namespace

bool IsIpAddress(std::string_view host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (host.empty() || host.size() > 64) return false;
  std::string text(host);
  unsigned char buffer[16];
  return inet_pton(AF_INET, text.c_str(), buffer) == 1 ||
         inet_pton(AF_INET6, text.c_str(), buffer) == 1;
}

Result<std::string> NormalizeHost(std::string_view host) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  if (host.empty()) return Status::InvalidInput("host: expected a host name, got an empty one");
  if (IsIpAddress(host)) return AsciiLower(host);
  if (IsAscii(host)) {
    std::string lower = AsciiLower(host);
    // Punycode labels ("xn--") are kept as written, lowercased.
    return lower;
  }
  std::string input(host);
  char* output = nullptr;
  int rc = idn2_to_ascii_8z(input.c_str(), &output, IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT);
  if (rc != IDN2_OK) {
    rc = idn2_to_ascii_8z(input.c_str(), &output, IDN2_TRANSITIONAL | IDN2_NFC_INPUT);
  }
  if (rc != IDN2_OK) {
    return Status::InvalidInput("host '" + input +
                                "': not a valid internationalised domain name (" +
                                idn2_strerror(rc) + ")");
  }
  std::string result = AsciiLower(output);
  idn2_free(output);
  return result;
}

std::string PublicSuffixListInfo::Describe() const {
  std::string out = std::filesystem::path(file).filename().string() + " (";
  out += version.empty() ? "modified " + modified : "version " + version;
  out += ", " + std::to_string(bytes) + " bytes, libpsl " + libpsl + ")";
  return out;
}

Result<std::shared_ptr<const PublicSuffixList>> PublicSuffixList::Load(
    const std::filesystem::path& file) {
  std::filesystem::path path = file;
  if (path.empty()) {
    const char* env = std::getenv("GPAIKIT_PSL_FILE");
    path = env != nullptr && *env != '\0' ? env : kDefaultPslFile;
  }
  std::error_code error;
  auto bytes = std::filesystem::file_size(path, error);
  if (error) return Status::NotFound(path.string() + ": public suffix list not found");
  psl_ctx_t* context = psl_load_file(path.c_str());
  if (context == nullptr) {
    return Status::InvalidInput(path.string() + ": not a public suffix list libpsl can read");
  }
  std::shared_ptr<PublicSuffixList> list(new PublicSuffixList());
  list->context_ = context;
  list->info_.file = path.string();
  list->info_.bytes = static_cast<size_t>(bytes);
  list->info_.libpsl = psl_get_version();
  struct stat status;
  if (::stat(path.c_str(), &status) == 0) {
    list->info_.modified = CivilDate::OfUnixTime(status.st_mtime).ToString();
  }
  std::ifstream in(path);
  std::string line;
  for (int i = 0; i < 40 && std::getline(in, line); ++i) {
    if (line.starts_with("// VERSION: ")) list->info_.version = line.substr(12);
  }
  return std::shared_ptr<const PublicSuffixList>(std::move(list));
}

PublicSuffixList::~PublicSuffixList() { psl_free(static_cast<psl_ctx_t*>(context_)); }

std::string PublicSuffixList::RegistrableDomain(std::string_view host) const {
  if (IsIpAddress(host)) return std::string(host);
  std::string text(host);
  const char* domain =
      psl_registrable_domain(static_cast<const psl_ctx_t*>(context_), text.c_str());
  return domain == nullptr ? std::string() : std::string(domain);
}

bool PublicSuffixList::IsPublicSuffix(std::string_view host) const {
  std::string text(host);
  return psl_is_public_suffix2(static_cast<const psl_ctx_t*>(context_), text.c_str(),
                               PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE) != 0;
}

}  // namespace gpaikit::optout

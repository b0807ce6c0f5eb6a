// Blocklists of domains and URLs (Code of Practice, Copyright, Measure 1.2: sites recognised as
// persistently and repeatedly infringing), matched by registrable domain, host suffix, exact URL.
#ifndef GPAIKIT_OPTOUT_BLOCKLIST_H_
#define GPAIKIT_OPTOUT_BLOCKLIST_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/status.h"
#include "gpaikit/optout/domain.h"

namespace gpaikit::optout {

enum class BlocklistMatch : uint8_t { kRegistrableDomain, kHostSuffix, kExactUrl };

struct BlocklistEntry {
  BlocklistMatch match = BlocklistMatch::kRegistrableDomain;
  std::string value;  // normalised: host (punycode, lowercase) or URL without fragment
  std::string text;   // as written
  uint32_t line = 0;
};

// A list file. Format, one entry a line, '#' comments:
//   # name: <list name>       (header comments give the list's metadata)
//   # version: <version>
//   # date: <YYYY-MM-DD>
//   # source: <where it comes from>
//   example.com               registrable domain: the domain and every host under it
//   *.example.org             host suffix: example.org and hosts ending in .example.org
//   https://example.net/page  exact URL (fragment ignored, host normalised)
class Blocklist {
 public:
  // Errors name the file and line and what was expected. A list without "# name:" is named
  // after its file.
  static Result<Blocklist> Load(const std::filesystem::path& path);
  static Result<Blocklist> Parse(std::string_view text, std::string file);

  // The entry matching `url` (host already normalised in `host`; `registrable` is its
  // registrable domain), or nullptr.
  const BlocklistEntry* Match(std::string_view url, std::string_view host,
                              std::string_view registrable) const;

  const std::string& name() const { return name_; }
  const std::string& version() const { return version_; }
  const std::string& date() const { return date_; }
  const std::string& source() const { return source_; }
  const std::string& file() const { return file_; }
  const std::vector<BlocklistEntry>& entries() const { return entries_; }

 private:
  std::string name_, version_, date_, source_, file_;
  std::vector<BlocklistEntry> entries_;
};

// A URL's normalised form for exact matching: scheme and host lowercased (IDN to punycode),
// default port dropped, fragment dropped, empty path as "/".
Result<std::string> NormalizeUrlForMatch(std::string_view url);

}  // namespace gpaikit::optout

#endif  // GPAIKIT_OPTOUT_BLOCKLIST_H_

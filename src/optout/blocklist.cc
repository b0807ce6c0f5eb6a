// Blocklist files (Code of Practice, Copyright, Measure 1.2): loading and matching.
#include "gpaikit/optout/blocklist.h"

#include "gpaikit/base/files.h"
#include "gpaikit/base/text.h"
#include "gpaikit/optout/url.h"

namespace gpaikit::optout {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

}  // namespace

Result<std::string> NormalizeUrlForMatch(std::string_view url) {
  Result<UrlView> view = ParseUrl(url);
  if (!view.ok()) return view.status();
  Result<std::string> host = NormalizeHost(view->host);
  if (!host.ok()) return host.status();
  std::string scheme = AsciiLower(view->scheme);
  std::string out = scheme + "://" + *host;
  bool default_port =
      (scheme == "http" && view->port == "80") || (scheme == "https" && view->port == "443");
  // Appended piece by piece: GCC 12 at -O3 misreports '"?" + string' (-Wrestrict).
  if (!view->port.empty() && !default_port) out.append(":").append(view->port);
  out.append(view->path.empty() ? std::string("/") : NormalizePercentEncoding(view->path));
  if (view->has_query) out.append("?").append(NormalizePercentEncoding(view->query));
  return out;
}

Result<Blocklist> Blocklist::Load(const std::filesystem::path& path) {
  Result<std::string> text = ReadFile(path);
  if (!text.ok()) return text.status();
  return Parse(*text, path.string());
}

Result<Blocklist> Blocklist::Parse(std::string_view text, std::string file) {
  Blocklist list;
  list.file_ = std::move(file);
  uint32_t number = 0;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++number;
    line = Trim(line);
    if (line.empty()) continue;
    if (line[0] == '#') {
      std::string_view comment = Trim(line.substr(1));
      size_t colon = comment.find(':');
      if (colon == std::string_view::npos) continue;
      std::string key = AsciiLower(Trim(comment.substr(0, colon)));
      std::string value(Trim(comment.substr(colon + 1)));
      if (key == "name") list.name_ = value;
      if (key == "version") list.version_ = value;
      if (key == "date") list.date_ = value;
      if (key == "source") list.source_ = value;
      continue;
    }
    line = Trim(line.substr(0, line.find(" #")));
    auto where = [&] { return list.file_ + ":" + std::to_string(number) + ": "; };
    BlocklistEntry entry;
    entry.text = std::string(line);
    entry.line = number;
    if (line.find("://") != std::string_view::npos) {
      entry.match = BlocklistMatch::kExactUrl;
      Result<std::string> url = NormalizeUrlForMatch(line);
      if (!url.ok()) return Status::InvalidInput(where() + url.status().message());
      entry.value = *url;
    } else {
      std::string_view host = line;
      if (host.starts_with("*.") || host.starts_with(".")) {
        entry.match = BlocklistMatch::kHostSuffix;
        host.remove_prefix(host[0] == '*' ? 2 : 1);
      }
      if (host.find_first_of("/ \t*") != std::string_view::npos) {
        return Status::InvalidInput(where() +
                                    "expected a domain, '*.domain' or a URL with scheme, got '" +
                                    std::string(line) + "'");
      }
      Result<std::string> normal = NormalizeHost(host);
      if (!normal.ok()) return Status::InvalidInput(where() + normal.status().message());
      entry.value = *normal;
    }
    list.entries_.push_back(std::move(entry));
  }
  if (list.name_.empty()) list.name_ = std::filesystem::path(list.file_).filename().string();
  return list;
}

const BlocklistEntry* Blocklist::Match(std::string_view url, std::string_view host,
                                       std::string_view registrable) const {
  std::string normal_url;
  bool url_ready = false;
  for (const BlocklistEntry& entry : entries_) {
    switch (entry.match) {
      case BlocklistMatch::kRegistrableDomain:
        // The listed domain, and every host under it; a listed host below the registrable
        // domain (e.g. "sub.example.com") covers that host and its subdomains.
        if (entry.value == registrable || entry.value == host ||
            (host.size() > entry.value.size() && host.ends_with(entry.value) &&
             host[host.size() - entry.value.size() - 1] == '.')) {
          return &entry;
        }
        break;
      case BlocklistMatch::kHostSuffix:
        if (host == entry.value ||
            (host.size() > entry.value.size() && host.ends_with(entry.value) &&
             host[host.size() - entry.value.size() - 1] == '.')) {
          return &entry;
        }
        break;
      case BlocklistMatch::kExactUrl:
        if (!url_ready) {
          Result<std::string> normal = NormalizeUrlForMatch(url);
          normal_url = normal.ok() ? *normal : std::string(url);
          url_ready = true;
        }
        if (normal_url == entry.value) return &entry;
        break;
    }
  }
  return nullptr;
}

}  // namespace gpaikit::optout

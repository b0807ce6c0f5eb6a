// URL parsing without copying (RFC 3986), the robots.txt match path and percent-encoding rules.
#include "gpaikit/optout/url.h"

#include <string>

namespace gpaikit::optout {
namespace {

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
int HexValue(char c) {
  if (IsDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}
// RFC 3986 section 2.3.
bool IsUnreserved(unsigned char c) {
  return IsAlpha(static_cast<char>(c)) || IsDigit(static_cast<char>(c)) || c == '-' || c == '.' ||
         c == '_' || c == '~';
}
bool NeedsEncoding(unsigned char c) { return c <= 0x20 || c >= 0x7f; }
constexpr char kUpperHex[] = "0123456789ABCDEF";

// The first '/', '?' or ';' at or after `from` (a plain loop: find_first_of calls memchr per byte).
size_t FindPathStart(std::string_view url, size_t from) {
  for (size_t i = from; i < url.size(); ++i) {
    char c = url[i];
    if (c == '/' || c == '?' || c == ';') return i;
  }
  return std::string_view::npos;
}

Status UrlError(size_t offset, std::string_view what) {
  return Status::InvalidInput("URL byte " + std::to_string(offset) + ": expected " +
                              std::string(what));
}

}  // namespace

Result<UrlView> ParseUrl(std::string_view url) {
  for (size_t i = 0; i < url.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(url[i]);
    if (c <= 0x20 || c == 0x7f) return UrlError(i, "no space or control byte");
  }
  UrlView view;
  // RFC 3986 section 3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
  size_t i = 0;
  if (url.empty() || !IsAlpha(url[0])) return UrlError(0, "a scheme such as 'https:'");
  while (i < url.size() &&
         (IsAlpha(url[i]) || IsDigit(url[i]) || url[i] == '+' || url[i] == '-' || url[i] == '.')) {
    ++i;
  }
  if (i >= url.size() || url[i] != ':') return UrlError(i, "':' after the scheme");
  view.scheme = url.substr(0, i);
  ++i;
  std::string_view rest = url.substr(i);
  size_t offset = i;
  if (rest.starts_with("//")) {
    view.has_authority = true;
    rest.remove_prefix(2);
    offset += 2;
    size_t end = rest.find_first_of("/?#");
    std::string_view authority = rest.substr(0, end);
    size_t at = authority.rfind('@');
    if (at != std::string_view::npos) {
      view.userinfo = authority.substr(0, at);
      authority.remove_prefix(at + 1);
      offset += at + 1;
    }
    if (authority.starts_with("[")) {
      size_t close = authority.find(']');
      if (close == std::string_view::npos) return UrlError(offset, "']' closing the IPv6 host");
      view.host = authority.substr(0, close + 1);
      authority.remove_prefix(close + 1);
      offset += close + 1;
      if (!authority.empty() && authority[0] != ':') return UrlError(offset, "':' or '/'");
    } else {
      size_t colon = authority.find(':');
      view.host = authority.substr(0, colon);
      authority.remove_prefix(colon == std::string_view::npos ? authority.size() : colon);
      offset += view.host.size();
    }
    if (!authority.empty()) {  // ":port"
      view.port = authority.substr(1);
      for (size_t k = 0; k < view.port.size(); ++k) {
        if (!IsDigit(view.port[k])) return UrlError(offset + 1 + k, "a decimal port");
      }
      if (view.port.size() > 5) return UrlError(offset + 1, "a port of at most 5 digits");
    }
    if (view.host.empty()) return UrlError(offset, "a host name");
    rest = rest.substr(end == std::string_view::npos ? rest.size() : end);
  }
  size_t hash = rest.find('#');
  if (hash != std::string_view::npos) {
    view.fragment = rest.substr(hash + 1);
    rest = rest.substr(0, hash);
  }
  size_t question = rest.find('?');
  if (question != std::string_view::npos) {
    view.has_query = true;
    view.query = rest.substr(question + 1);
    rest = rest.substr(0, question);
  }
  view.path = rest;
  return view;
}

std::string_view RobotsMatchPath(std::string_view url, std::string* scratch) {
  // A leading "//" (network-path reference) is skipped when looking for the scheme.
  size_t search_start = url.starts_with("//") ? 2 : 0;
  size_t early_path = FindPathStart(url, search_start);
  size_t protocol_end = url.find("://", search_start);
  if (early_path < protocol_end) protocol_end = std::string_view::npos;  // "://" in the path
  protocol_end = protocol_end == std::string_view::npos ? search_start : protocol_end + 3;
  size_t path_start = FindPathStart(url, protocol_end);
  if (path_start == std::string_view::npos) return "/";
  size_t hash = url.find('#', search_start);
  if (hash < path_start) return "/";
  size_t path_end = hash == std::string_view::npos ? url.size() : hash;
  std::string_view path = url.substr(path_start, path_end - path_start);
  if (path[0] == '/') return path;
  // "?q" or ";p" directly after the authority. (resize + copy rather than append: GCC 12's
  // -Wrestrict misfires on std::string::append at -O3.)
  scratch->resize(path.size() + 1);
  (*scratch)[0] = '/';
  path.copy(scratch->data() + 1, path.size());
  return *scratch;
}

bool IsPercentEncodingNormal(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '%' && i + 2 < text.size() && IsHex(text[i + 1]) && IsHex(text[i + 2])) {
      int value = HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]);
      if (IsUnreserved(static_cast<unsigned char>(value))) return false;
      if (!IsDigit(text[i + 1]) && text[i + 1] >= 'a') return false;
      if (!IsDigit(text[i + 2]) && text[i + 2] >= 'a') return false;
      i += 2;
    } else if (NeedsEncoding(c) || c == '%') {
      return false;  // raw octet, or a '%' that starts no escape
    }
  }
  return true;
}

std::string NormalizePercentEncoding(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '%' && i + 2 < text.size() && IsHex(text[i + 1]) && IsHex(text[i + 2])) {
      int value = HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]);
      if (IsUnreserved(static_cast<unsigned char>(value))) {
        out.push_back(static_cast<char>(value));
      } else {
        out.push_back('%');
        out.push_back(kUpperHex[value >> 4]);
        out.push_back(kUpperHex[value & 15]);
      }
      i += 2;
    } else if (NeedsEncoding(c) || c == '%') {  // a stray '%' becomes "%25"
      out.push_back('%');
      out.push_back(kUpperHex[c >> 4]);
      out.push_back(kUpperHex[c & 15]);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

}  // namespace gpaikit::optout

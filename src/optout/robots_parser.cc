// robots.txt parser (RFC 9309 sections 2.1-2.2): lines to groups and compiled rules.
#include <algorithm>
#include <string>
#include <string_view>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "gpaikit/optout/robots.h"
#include "gpaikit/optout/url.h"

namespace gpaikit::optout {
namespace {

// The whitespace the reference parser strips (C isspace in the "C" locale).
bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}
bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
char ToUpper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }
char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (ToLower(text[i]) != prefix[i]) return false;
  }
  return true;
}

enum class Key { kUserAgent, kAllow, kDisallow, kSitemap, kOther };

// RFC 9309 section 2.2: keys are case-insensitive. Like the reference parser, a key is recognised
// by its prefix and a few frequent misspellings are accepted (RFC 9309 section 2.2.4 leaves
// lenient parsing to the crawler; see docs/robots-divergences.md).
Key ClassifyKey(std::string_view key) {
  if (StartsWithIgnoreCase(key, "user-agent") || StartsWithIgnoreCase(key, "useragent") ||
      StartsWithIgnoreCase(key, "user agent")) {
    return Key::kUserAgent;
  }
  if (StartsWithIgnoreCase(key, "allow")) return Key::kAllow;
  if (StartsWithIgnoreCase(key, "disallow") || StartsWithIgnoreCase(key, "dissallow") ||
      StartsWithIgnoreCase(key, "dissalow") || StartsWithIgnoreCase(key, "disalow") ||
      StartsWithIgnoreCase(key, "diasllow") || StartsWithIgnoreCase(key, "disallaw")) {
    return Key::kDisallow;
  }
  if (StartsWithIgnoreCase(key, "sitemap") || StartsWithIgnoreCase(key, "site-map")) {
    return Key::kSitemap;
  }
  return Key::kOther;
}

// The position of the first of the octets a, b, c, d in text[pos, end), or `end`; 16 octets at a
// time where SSE2 is available (every x86-64 CPU), since parsing is mostly this scan.
size_t FindFirstOf(std::string_view text, size_t pos, char a, char b, char c, char d) {
  size_t end = text.size();
#if defined(__SSE2__)
  const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b);
  const __m128i vc = _mm_set1_epi8(c), vd = _mm_set1_epi8(d);
  for (; pos + 16 <= end; pos += 16) {
    __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + pos));
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb)),
                               _mm_or_si128(_mm_cmpeq_epi8(x, vc), _mm_cmpeq_epi8(x, vd)));
    int mask = _mm_movemask_epi8(hit);
    if (mask != 0) return pos + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  for (; pos < end; ++pos) {
    char x = text[pos];
    if (x == a || x == b || x == c || x == d) return pos;
  }
  return end;
}

// Splits a line's content (the text before any '#' comment or NUL byte) into key and value:
// "key: value", or "key value" when the colon is missing and there are exactly two words.
bool SplitKeyValue(std::string_view line, std::string_view* key, std::string_view* value) {
  line = Trim(line);
  if (line.empty()) return false;
  size_t sep = 0;  // keys are short: a plain loop beats a call to memchr
  while (sep < line.size() && line[sep] != ':') ++sep;
  if (sep == line.size()) {
    // No colon: exactly two words separated by spaces or tabs. (Plain loops: string_view's
    // find_first_of calls memchr once per octet, and HTML served as robots.txt has long lines.)
    auto blank = [](char c) { return c == ' ' || c == '\t'; };
    sep = 0;
    while (sep < line.size() && !blank(line[sep])) ++sep;
    if (sep == line.size()) return false;
    size_t word = sep + 1;
    while (word < line.size() && blank(line[word])) ++word;
    for (size_t i = word; i < line.size(); ++i) {
      if (blank(line[i])) return false;
    }
  }
  *key = Trim(line.substr(0, sep));
  *value = Trim(line.substr(sep + 1));
  return !key->empty();
}

constexpr char kUpperHex[] = "0123456789ABCDEF";

// RFC 9309 section 2.2.2: octets outside US-ASCII are percent-encoded and the hex digits of
// existing escapes uppercased, so that a pattern compares with URLs in their encoded form.
void AppendEncodedPattern(std::string_view value, std::string* out) {
  bool plain = true;  // the common case: nothing to encode, one append
  for (char c : value) plain = plain && c != '%' && !(static_cast<unsigned char>(c) & 0x80);
  if (plain) {
    out->append(value);
    return;
  }
  for (size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (c == '%' && i + 2 < value.size() && IsHex(value[i + 1]) && IsHex(value[i + 2])) {
      out->push_back('%');
      out->push_back(ToUpper(value[i + 1]));
      out->push_back(ToUpper(value[i + 2]));
      i += 2;
    } else if (static_cast<unsigned char>(c) & 0x80) {
      unsigned char u = static_cast<unsigned char>(c);
      out->push_back('%');
      out->push_back(kUpperHex[u >> 4]);
      out->push_back(kUpperHex[u & 15]);
    } else {
      out->push_back(c);
    }
  }
}

}  // namespace

// Builds a RobotsPolicy line by line; a friend of RobotsPolicy.
class RobotsParser {
 public:
  explicit RobotsParser(RobotsPolicy* policy) : policy_(policy) {}

  void Run(std::string_view body, const RobotsParseOptions& options) {
    policy_->body_bytes_ = body.size();
    policy_->rfc_percent_decoding_ = options.rfc_percent_decoding;
    if (body.size() > options.max_bytes) {
      policy_->truncated_ = true;
      body = body.substr(0, options.max_bytes);
      // A line cut by the limit is dropped rather than read as a shorter, different rule.
      size_t last_end = body.find_last_of("\r\n");
      body = body.substr(0, last_end == std::string_view::npos ? 0 : last_end + 1);
    }
    policy_->parsed_bytes_ = body.size();
    // Rule lines are most of a typical body and the arena holds each one's text and pattern:
    // reserving the body's size saves the arena's repeated growth.
    policy_->arena_.reserve(body.size());
    // A UTF-8 byte order mark, or a prefix of one, is skipped.
    static constexpr unsigned char kBom[] = {0xEF, 0xBB, 0xBF};
    size_t pos = 0;
    while (pos < 3 && pos < body.size() && static_cast<unsigned char>(body[pos]) == kBom[pos]) {
      ++pos;
    }
    // RFC 9309 section 2.2: lines end with CR, LF or CR LF. One scan finds the line's end or,
    // first, where its content ends: a comment ('#' to the end of the line) or a NUL byte (the
    // reference parser stops there).
    uint32_t line_number = 0;
    while (true) {
      size_t end = FindFirstOf(body, pos, '\n', '\r', '#', '\0');
      size_t content_end = end;
      if (end < body.size() && (body[end] == '#' || body[end] == '\0')) {
        end = FindFirstOf(body, end, '\n', '\r', '\n', '\r');
      }
      std::string_view line = body.substr(pos, end - pos);
      if (end == body.size()) end = std::string_view::npos;
      if (line.size() > kRobotsMaxLineBytes) line = line.substr(0, kRobotsMaxLineBytes);
      ParseLine(++line_number, line, line.substr(0, content_end - pos));
      if (end == std::string_view::npos) break;
      pos = end + 1;
      if (body[end] == '\r' && pos < body.size() && body[pos] == '\n') ++pos;
    }
    policy_->lines_ = line_number;
    if (!policy_->groups_.empty()) {
      policy_->groups_.back().end_rule = static_cast<uint32_t>(policy_->rules_.size());
    }
  }

 private:
  // `line` as written (for explanations), `content` the part before any comment or NUL byte.
  void ParseLine(uint32_t number, std::string_view line, std::string_view content) {
    std::string_view key, value;
    if (!SplitKeyValue(content, &key, &value)) return;
    switch (ClassifyKey(key)) {
      case Key::kUserAgent:
        UserAgent(number, value);
        break;
      case Key::kAllow:
        Rule(number, RobotsRuleKind::kAllow, value, Trim(line));
        break;
      case Key::kDisallow:
        Rule(number, RobotsRuleKind::kDisallow, value, Trim(line));
        break;
      case Key::kSitemap:
        Directive(number, "sitemap", value);
        break;
      case Key::kOther: {
        std::string lower(key);
        for (char& c : lower) c = ToLower(c);
        Directive(number, std::move(lower), value);
        break;
      }
    }
  }

  // RFC 9309 section 2.2.1: a user-agent line starts a group unless it follows another one.
  void UserAgent(uint32_t number, std::string_view value) {
    auto& groups = policy_->groups_;
    if (groups.empty() || in_rules_) {
      if (!groups.empty()) groups.back().end_rule = static_cast<uint32_t>(policy_->rules_.size());
      groups.emplace_back();
      groups.back().first_rule = static_cast<uint32_t>(policy_->rules_.size());
      in_rules_ = false;
    }
    RobotsGroup& group = groups.back();
    group.agent_lines.push_back(number);
    // "*" (also "* anything") is the group for crawlers no other group names.
    if (!value.empty() && value[0] == '*' && (value.size() == 1 || IsSpace(value[1]))) {
      group.global = true;
      return;
    }
    // RFC 9309 section 2.2.1: the product token is [a-zA-Z_-]+, matched case-insensitively.
    std::string token(RobotsProductToken(value));
    for (char& c : token) c = ToLower(c);
    group.agents.push_back(std::move(token));
  }

  void Rule(uint32_t number, RobotsRuleKind kind, std::string_view value, std::string_view text) {
    if (policy_->groups_.empty()) return;  // rules before any user-agent line belong to no group
    in_rules_ = true;
    std::string& arena = policy_->arena_;
    RobotsRule rule;
    rule.kind = kind;
    rule.line = number;
    rule.text_begin = static_cast<uint32_t>(arena.size());
    rule.text_size = static_cast<uint32_t>(text.size());
    arena.append(text);
    size_t begin = arena.size();
    if (policy_->rfc_percent_decoding_) {
      std::string encoded;
      AppendEncodedPattern(value, &encoded);
      arena += NormalizePercentEncoding(encoded);
    } else {
      AppendEncodedPattern(value, &arena);
    }
    std::string_view pattern = std::string_view(arena).substr(begin);
    Compile(rule, begin, pattern.size());
    policy_->rules_.push_back(rule);
    if (kind != RobotsRuleKind::kAllow) return;
    // As the reference matcher: "Allow: /dir/index.htm[l]" also allows "/dir/" itself.
    pattern = std::string_view(arena).substr(begin);
    size_t slash = pattern.rfind('/');
    if (slash == std::string_view::npos || !pattern.substr(slash).starts_with("/index.htm")) {
      return;
    }
    size_t derived_begin = arena.size();
    arena.append(arena, begin, slash + 1);
    arena.push_back('$');
    RobotsRule derived = rule;
    derived.derived = true;
    Compile(derived, derived_begin, slash + 2);
    policy_->rules_.push_back(derived);
  }

  // RFC 9309 section 2.2.3: '*' matches any octets, '$' at the end anchors the pattern.
  void Compile(RobotsRule& rule, size_t begin, size_t size) {
    std::string_view pattern = std::string_view(policy_->arena_).substr(begin, size);
    rule.priority = static_cast<uint32_t>(pattern.size());
    if (pattern.ends_with('$')) {
      rule.anchored = true;
      pattern.remove_suffix(1);
    }
    rule.pattern_begin = static_cast<uint32_t>(begin);
    rule.pattern_size = static_cast<uint32_t>(pattern.size());
    size_t star = pattern.find('*');
    rule.has_star = star != std::string_view::npos;
    rule.prefix_size = static_cast<uint32_t>(rule.has_star ? star : pattern.size());
  }

  void Directive(uint32_t number, std::string key, std::string_view value) {
    RobotsDirective directive;
    directive.line = number;
    directive.key = std::move(key);
    directive.value = std::string(value);
    directive.group = static_cast<int32_t>(policy_->groups_.size()) - 1;
    policy_->directives_.push_back(std::move(directive));
  }

  RobotsPolicy* policy_;
  bool in_rules_ = false;
};

RobotsPolicy RobotsPolicy::Parse(std::string_view body, const RobotsParseOptions& options) {
  RobotsPolicy policy;
  RobotsParser(&policy).Run(body, options);
  policy.BuildIndex();
  return policy;
}

}  // namespace gpaikit::optout

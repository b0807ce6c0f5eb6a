// Reservation signals in HTTP headers and HTML meta tags: TDMRep, noai/noimageai, aipref.
#include "gpaikit/optout/signals.h"

#include <algorithm>

namespace gpaikit::optout {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string LowerCopy(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = Lower(c);
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

bool NamesAgent(std::string_view name, std::span<const std::string> agents) {
  for (const std::string& agent : agents) {
    if (EqualsIgnoreCase(name, agent)) return true;
  }
  return false;
}

// TDMRep: tdm-reservation is 0 or 1; anything else is a protocol error treated as unset.
Signal TdmReservation(SignalKind kind, std::string_view source, std::string_view value) {
  Signal signal;
  signal.kind = kind;
  signal.source = std::string(source);
  value = Trim(value);
  signal.rule = "tdm-reservation: " + std::string(value);
  if (value == "1") {
    signal.effect = SignalEffect::kReserves;
    signal.detail = "TDM rights reserved (TDMRep tdm-reservation = 1)";
  } else if (value == "0") {
    signal.effect = SignalEffect::kPermits;
    signal.detail = "TDM rights not reserved (TDMRep tdm-reservation = 0)";
  } else {
    signal.effect = SignalEffect::kInvalid;
    signal.detail = "tdm-reservation must be 0 or 1: protocol error, treated as unset (TDMRep)";
  }
  return signal;
}

// Robots directives ("noindex, noai") for noai / noimageai.
void RobotsDirectives(std::string_view directives, SignalKind kind, std::string_view source,
                      uint32_t line, bool image, std::vector<Signal>* out) {
  size_t start = 0;
  while (start <= directives.size()) {
    size_t end = directives.find_first_of(", ", start);
    if (end == std::string_view::npos) end = directives.size();
    std::string token = LowerCopy(Trim(directives.substr(start, end - start)));
    start = end + 1;
    if (token != "noai" && token != "noimageai") continue;
    Signal signal;
    signal.kind = kind;
    signal.source = std::string(source);
    signal.line = line;
    signal.rule = token;
    bool applies = token == "noai" || image;
    signal.effect = applies ? SignalEffect::kReserves : SignalEffect::kNeutral;
    signal.detail = token == "noai" ? "noai: no use for AI training"
                    : image         ? "noimageai: images not to be used for AI training"
                                    : "noimageai applies to images; this resource is not one";
    out->push_back(std::move(signal));
  }
}

// One <meta ...> tag's attributes.
struct MetaTag {
  std::string name, content;
  bool has_content = false;
};

// Reads the attributes of a tag starting after "<meta"; returns the position after '>'.
size_t ReadMeta(std::string_view html, size_t pos, MetaTag* tag) {
  while (pos < html.size() && html[pos] != '>') {
    while (pos < html.size() && (IsSpace(html[pos]) || html[pos] == '/')) ++pos;
    size_t name_start = pos;
    while (pos < html.size() && !IsSpace(html[pos]) && html[pos] != '=' && html[pos] != '>' &&
           html[pos] != '/') {
      ++pos;
    }
    std::string attribute = LowerCopy(html.substr(name_start, pos - name_start));
    while (pos < html.size() && IsSpace(html[pos])) ++pos;
    std::string_view value;
    if (pos < html.size() && html[pos] == '=') {
      ++pos;
      while (pos < html.size() && IsSpace(html[pos])) ++pos;
      if (pos < html.size() && (html[pos] == '"' || html[pos] == '\'')) {
        char quote = html[pos++];
        size_t end = html.find(quote, pos);
        if (end == std::string_view::npos) end = html.size();
        value = html.substr(pos, end - pos);
        pos = std::min(end + 1, html.size());
      } else {
        size_t start = pos;
        while (pos < html.size() && !IsSpace(html[pos]) && html[pos] != '>') ++pos;
        value = html.substr(start, pos - start);
      }
    }
    if (attribute == "name") tag->name = LowerCopy(Trim(value));
    if (attribute == "content") {
      tag->content = std::string(Trim(value));
      tag->has_content = true;
    }
    if (attribute.empty() && pos < html.size() && html[pos] != '>') ++pos;  // stray byte
  }
  return pos < html.size() ? pos + 1 : pos;
}

}  // namespace

std::string_view SignalKindName(SignalKind kind) {
  switch (kind) {
    case SignalKind::kRobotsTxt:
      return "robots-txt";
    case SignalKind::kTdmRepFile:
      return "tdmrep-file";
    case SignalKind::kTdmRepHeader:
      return "tdmrep-header";
    case SignalKind::kTdmRepMeta:
      return "tdmrep-meta";
    case SignalKind::kNoAi:
      return "noai";
    case SignalKind::kContentUsage:
      return "content-usage";
    case SignalKind::kContentSignal:
      return "content-signal";
    case SignalKind::kBlocklist:
      return "blocklist";
  }
  return "unknown";
}

std::string_view SignalEffectName(SignalEffect effect) {
  switch (effect) {
    case SignalEffect::kReserves:
      return "reserves";
    case SignalEffect::kPermits:
      return "permits";
    case SignalEffect::kBlocks:
      return "blocks";
    case SignalEffect::kNeutral:
      return "neutral";
    case SignalEffect::kInvalid:
      return "invalid";
  }
  return "unknown";
}

bool ParseHttpHeader(std::string_view text, HttpHeader* header) {
  size_t colon = text.find(':');
  if (colon == std::string_view::npos) return false;
  std::string_view name = Trim(text.substr(0, colon));
  if (name.empty()) return false;
  header->first = std::string(name);
  header->second = std::string(Trim(text.substr(colon + 1)));
  return true;
}

SignalEffect TrainingPreference(std::string_view value, bool content_signal,
                                std::string* deciding) {
  SignalEffect effect = SignalEffect::kNeutral;
  size_t start = 0;
  while (start <= value.size()) {
    size_t end = value.find(',', start);
    if (end == std::string_view::npos) end = value.size();
    std::string_view item = Trim(value.substr(start, end - start));
    start = end + 1;
    item = Trim(item.substr(0, item.find(';')));  // structured-field parameters
    size_t equals = item.find('=');
    std::string key = LowerCopy(Trim(item.substr(0, equals)));
    std::string setting =
        equals == std::string_view::npos ? "y" : LowerCopy(Trim(item.substr(equals + 1)));
    // Content-Signal: ai-train=yes|no. Content-Usage (IETF aipref vocabulary and its drafts):
    // train-ai, train-genai, and the earlier ai, genai and tdm categories.
    bool training = content_signal ? key == "ai-train"
                                   : (key == "train-ai" || key == "train-genai" || key == "ai" ||
                                      key == "genai" || key == "tdm");
    if (!training) continue;
    if (setting == "n" || setting == "no" || setting == "?0") {
      *deciding = std::string(item);
      return SignalEffect::kReserves;
    }
    if ((setting == "y" || setting == "yes" || setting == "?1") &&
        effect == SignalEffect::kNeutral) {
      effect = SignalEffect::kPermits;
      *deciding = std::string(item);
    }
  }
  return effect;
}

std::vector<Signal> HeaderSignals(std::span<const HttpHeader> headers,
                                  std::span<const std::string> agents, bool image) {
  std::vector<Signal> signals;
  std::string policy;
  for (const HttpHeader& header : headers) {
    if (EqualsIgnoreCase(header.first, "tdm-policy")) policy = header.second;
  }
  for (const HttpHeader& header : headers) {
    const std::string& name = header.first;
    std::string_view value = header.second;
    if (EqualsIgnoreCase(name, "tdm-reservation")) {
      Signal signal = TdmReservation(SignalKind::kTdmRepHeader, "HTTP header", value);
      if (signal.effect == SignalEffect::kReserves) signal.policy = policy;
      signals.push_back(std::move(signal));
    } else if (EqualsIgnoreCase(name, "x-robots-tag")) {
      // "X-Robots-Tag: gptbot: noai" applies to that product token only.
      size_t colon = value.find(':');
      size_t comma = value.find(',');
      if (colon != std::string_view::npos && (comma == std::string_view::npos || colon < comma)) {
        std::string_view agent = Trim(value.substr(0, colon));
        if (agent.find(' ') == std::string_view::npos && agent != "unavailable_after") {
          if (!NamesAgent(agent, agents)) continue;
          value = value.substr(colon + 1);
        }
      }
      RobotsDirectives(value, SignalKind::kNoAi, "HTTP header X-Robots-Tag", 0, image, &signals);
    } else if (EqualsIgnoreCase(name, "content-usage") ||
               EqualsIgnoreCase(name, "content-signal")) {
      bool content_signal = EqualsIgnoreCase(name, "content-signal");
      Signal signal;
      signal.kind = content_signal ? SignalKind::kContentSignal : SignalKind::kContentUsage;
      signal.source = "HTTP header";
      signal.rule = name + ": " + header.second;
      std::string deciding;
      signal.effect = TrainingPreference(value, content_signal, &deciding);
      signal.detail = deciding.empty() ? "no preference about AI training"
                                       : "AI training preference '" + deciding + "'";
      signals.push_back(std::move(signal));
    }
  }
  return signals;
}

std::vector<Signal> HtmlMetaSignals(std::string_view html, std::span<const std::string> agents,
                                    bool image) {
  std::vector<Signal> signals;
  std::string policy;
  uint32_t line = 1;
  size_t counted = 0;  // bytes before this offset are counted in `line`
  size_t pos = 0;
  std::vector<std::pair<MetaTag, uint32_t>> tags;
  while (pos < html.size()) {
    size_t open = html.find('<', pos);
    if (open == std::string_view::npos) break;
    if (html.substr(open, 4) == "<!--") {  // comments hide tags
      size_t close = html.find("-->", open + 4);
      pos = close == std::string_view::npos ? html.size() : close + 3;
      continue;
    }
    if (open + 5 > html.size() || !EqualsIgnoreCase(html.substr(open + 1, 4), "meta") ||
        (open + 5 < html.size() && !IsSpace(html[open + 5]) && html[open + 5] != '/')) {
      pos = open + 1;
      continue;
    }
    line += static_cast<uint32_t>(std::count(html.begin() + static_cast<ptrdiff_t>(counted),
                                             html.begin() + static_cast<ptrdiff_t>(open), '\n'));
    counted = open;
    MetaTag tag;
    pos = ReadMeta(html, open + 5, &tag);
    if (tag.name == "tdm-policy") policy = tag.content;
    if (tag.has_content) tags.emplace_back(std::move(tag), line);
  }
  for (const auto& [tag, tag_line] : tags) {
    if (tag.name == "tdm-reservation") {
      Signal signal = TdmReservation(SignalKind::kTdmRepMeta, "HTML meta", tag.content);
      signal.line = tag_line;
      if (signal.effect == SignalEffect::kReserves) signal.policy = policy;
      signals.push_back(std::move(signal));
    } else if (tag.name == "robots" || NamesAgent(tag.name, agents)) {
      size_t before = signals.size();
      RobotsDirectives(tag.content, SignalKind::kNoAi, "HTML meta " + tag.name, tag_line, image,
                       &signals);
      for (size_t i = before; i < signals.size(); ++i) {
        signals[i].rule = "<meta name=\"" + tag.name + "\" content=\"" + tag.content + "\">";
      }
    }
  }
  return signals;
}

}  // namespace gpaikit::optout

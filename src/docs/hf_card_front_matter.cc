// A model card's YAML front matter: splitting the card, and writing the AI Act block into it so
// that every byte outside the block's own lines stays as it was (docs/hf-card.md).
#include <vector>

#include "base/yaml_reader.h"
#include "docs/hf_card_internal.h"
#include "gpaikit/base/text.h"

namespace gpaikit::docs {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// One line of a text: [begin, end) without its ending, `next` the first byte of the next line.
struct Line {
  size_t begin = 0;
  size_t end = 0;
  size_t next = 0;
};

Line LineAt(std::string_view text, size_t begin) {
  size_t newline = text.find('\n', begin);
  Line line{begin, newline == std::string_view::npos ? text.size() : newline,
            newline == std::string_view::npos ? text.size() : newline + 1};
  if (line.end > line.begin && text[line.end - 1] == '\r') --line.end;
  return line;
}

std::string_view Content(std::string_view text, const Line& line) {
  return text.substr(line.begin, line.end - line.begin);
}

bool IsBlank(std::string_view line) { return line.find_first_not_of(" \t") == line.npos; }

// True for a top-level line that starts the key: `eu_ai_act:`, quoted or not, followed by the end
// of the line, a space, a tab or a comment.
bool StartsBlockKey(std::string_view line) {
  const std::string key = kAiActKey;
  for (const std::string& form : {key, "\"" + key + "\"", "'" + key + "'"}) {
    if (!line.starts_with(form + ":")) continue;
    std::string_view rest = line.substr(form.size() + 1);
    return rest.empty() || rest[0] == ' ' || rest[0] == '\t';
  }
  return false;
}

// The [begin, end) byte range of the block's lines inside the front matter: its documenting
// comment line, the key line and every indented or blank line after it (trailing blank lines
// excluded); nullopt when no top-level line starts the key.
std::optional<std::pair<size_t, size_t>> BlockLines(std::string_view card, const CardParts& parts) {
  std::vector<Line> lines;
  for (size_t at = parts.front_begin; at < parts.front_end;) {
    lines.push_back(LineAt(card, at));
    at = lines.back().next;
  }
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!StartsBlockKey(Content(card, lines[i]))) continue;
    size_t first = i;
    if (i > 0 && Content(card, lines[i - 1]).starts_with(std::string("# ") + kAiActKey)) --first;
    size_t last = i;  // the last line that belongs to the block
    for (size_t k = i + 1; k < lines.size(); ++k) {
      std::string_view content = Content(card, lines[k]);
      if (IsBlank(content)) continue;
      if (content[0] != ' ' && content[0] != '\t') break;
      last = k;
    }
    return std::make_pair(lines[first].begin, lines[last].next);
  }
  return std::nullopt;
}

// YAML text of every key but the block's, in order: what must not change.
std::string OtherKeys(const YAML::Node& front_matter) {
  std::string out;
  if (!front_matter.IsMap()) return out;
  for (const auto& pair : front_matter) {
    if (pair.first.Scalar() == kAiActKey) continue;
    YAML::Emitter emitter;
    emitter << pair.first << pair.second;
    out += std::string(emitter.c_str()) + "\n";
  }
  return out;
}

}  // namespace

Result<CardParts> SplitCard(std::string_view card, const std::string& file) {
  if (std::optional<size_t> bad = FirstInvalidUtf8(card)) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(card[*bad]));
    return Status::InvalidInput(file + ": invalid UTF-8 byte " + hex + " at byte offset " +
                                std::to_string(*bad) + " (expected a model card encoded as UTF-8)");
  }
  CardParts parts;
  if (card.starts_with(kBom)) parts.bom = kBom.size();
  Line first = LineAt(card, parts.bom);
  if (first.end < card.size() && card[first.end] == '\r') parts.newline = "\r\n";
  parts.body_begin = parts.bom;
  if (Content(card, first) != "---" || first.next == first.end) return parts;
  parts.has_front_matter = true;
  parts.front_begin = first.next;
  for (size_t at = first.next; at < card.size();) {
    Line line = LineAt(card, at);
    if (Content(card, line) == "---") {
      parts.front_end = line.begin;
      parts.body_begin = line.next;
      return parts;
    }
    at = line.next;
  }
  return Status::InvalidInput(file + ":1:1: front matter opened with '---' is never closed " +
                              "(expected a line '---')");
}

Result<YAML::Node> ParseFrontMatter(std::string_view card, const CardParts& parts,
                                    const std::string& file) {
  if (!parts.has_front_matter) return YAML::Node(YAML::NodeType::Map);
  // The opening line becomes spaces, so that lines, columns and byte offsets count from the
  // card's first byte.
  std::string text(parts.front_begin - 1, ' ');
  text += '\n';
  text += card.substr(parts.front_begin, parts.front_end - parts.front_begin);
  Result<YAML::Node> node = ParseYaml(text, file);
  if (!node.ok()) return node.status();
  if (node->IsNull()) return YAML::Node(YAML::NodeType::Map);
  if (!node->IsMap()) {
    return Status::InvalidInput(file + ":" + std::to_string(node->Mark().line + 1) + ":" +
                                std::to_string(node->Mark().column + 1) +
                                ": front matter: expected a mapping (license:, base_model:, ...)");
  }
  return node;
}

Result<std::string> WriteAiActBlock(std::string_view card, const HfCardAiAct& facts,
                                    const std::string& file) {
  Result<CardParts> parts = SplitCard(card, file);
  if (!parts.ok()) return parts.status();
  Result<YAML::Node> before = ParseFrontMatter(card, *parts, file);
  if (!before.ok()) return before.status();
  Result<std::string> block = AiActBlockText(facts, parts->newline);
  if (!block.ok()) return block.status();
  std::string out;
  if (!parts->has_front_matter) {
    out = std::string(card.substr(0, parts->bom)) + "---" + parts->newline + *block + "---" +
          parts->newline + std::string(card.substr(parts->bom));
  } else if (auto lines = BlockLines(card, *parts)) {
    out = std::string(card.substr(0, lines->first)) + *block +
          std::string(card.substr(lines->second));
  } else if ((*before)[kAiActKey]) {
    YAML::Mark mark = (*before)[kAiActKey].Mark();
    return Status::InvalidInput(file + ":" + std::to_string(mark.line + 1) + ":" +
                                std::to_string(mark.column + 1) + ": the " + kAiActKey +
                                " key is not written on a line of its own starting with '" +
                                kAiActKey + ":'; remove it and export again");
  } else {
    out = std::string(card.substr(0, parts->front_end)) + *block +
          std::string(card.substr(parts->front_end));
  }
  // What was written must read back to the facts, with every other key as it was.
  Result<CardParts> written_parts = SplitCard(out, file);
  Result<YAML::Node> after = written_parts.ok() ? ParseFrontMatter(out, *written_parts, file)
                                                : Result<YAML::Node>(written_parts.status());
  Result<std::optional<HfCardAiAct>> read =
      after.ok() ? ReadAiActNode(*after, file) : Result<std::optional<HfCardAiAct>>(after.status());
  if (!read.ok() || !read->has_value() || **read != facts ||
      OtherKeys(*after) != OtherKeys(*before)) {
    return Status::InvalidInput(file + ": the " + kAiActKey +
                                " block could not be written without changing the rest of the "
                                "front matter (its lines are not a plain top-level key); remove "
                                "the key and export again");
  }
  return out;
}

Result<std::optional<HfCardAiAct>> ReadAiActBlock(std::string_view card, const std::string& file) {
  Result<CardParts> parts = SplitCard(card, file);
  if (!parts.ok()) return parts.status();
  Result<YAML::Node> front_matter = ParseFrontMatter(card, *parts, file);
  if (!front_matter.ok()) return front_matter.status();
  return ReadAiActNode(*front_matter, file);
}

}  // namespace gpaikit::docs

// Prefills a gpaikit.yaml model entry, with Model Documentation Form values, from a Hugging Face
// model card: YAML front matter and Markdown sections (Code of Practice, Transparency, Measure
// 1.1: drawing up the documentation). Used by `gpaikit import hf-card`; mapping in
// docs/documentation.md.
#include <algorithm>
#include <cctype>
#include <map>

#include "base/yaml_reader.h"
#include "docs/hf_card_internal.h"
#include "gpaikit/base/numbers.h"
#include "gpaikit/base/text.h"
#include "gpaikit/docs/import.h"

namespace gpaikit::docs {
namespace {

// Hugging Face pipeline tags -> gpaikit input and output modalities (docs/project-file.md).
const std::map<std::string, std::pair<std::vector<std::string>, std::vector<std::string>>>&
PipelineModalities() {
  static const std::map<std::string, std::pair<std::vector<std::string>, std::vector<std::string>>>
      table = {{"text-generation", {{"text"}, {"text"}}},
               {"text2text-generation", {{"text"}, {"text"}}},
               {"translation", {{"text"}, {"text"}}},
               {"summarization", {{"text"}, {"text"}}},
               {"fill-mask", {{"text"}, {"text"}}},
               {"image-text-to-text", {{"image", "text"}, {"text"}}},
               {"visual-question-answering", {{"image", "text"}, {"text"}}},
               {"image-to-text", {{"image"}, {"text"}}},
               {"text-to-image", {{"text"}, {"image"}}},
               {"text-to-video", {{"text"}, {"video"}}},
               {"text-to-speech", {{"text"}, {"speech"}}},
               {"automatic-speech-recognition", {{"audio"}, {"text"}}},
               {"feature-extraction", {{"text"}, {"other"}}}};
  return table;
}

// Card sections (level-2/3 headings, lower case, matched by substring) -> Form rows.
const std::vector<std::pair<std::string, std::string>>& SectionRows() {
  static const std::vector<std::pair<std::string, std::string>> table = {
      {"intended use", "4.2"},
      {"direct use", "4.2"},
      {"training data", "6.3"},
      {"training procedure", "5.1"},
      {"model architecture", "2.2"},
      {"preprocessing", "6.6"},
      {"bias", "6.8"}};
  return table;
}

std::vector<std::string> AsList(const YAML::Node& node) {
  std::vector<std::string> out;
  if (node.IsScalar()) out.push_back(node.Scalar());
  if (node.IsSequence()) {
    for (const YAML::Node& item : node)
      if (item.IsScalar()) out.push_back(item.Scalar());
  }
  return out;
}

// The model id derived from a name: lowercase letters and digits joined by '-', at most 128
// characters (an id must name a file: base's IsPlainFileName).
std::string Slug(std::string text) {
  constexpr size_t kMaxId = 128;
  std::string out;
  for (char c : text) {
    if (out.size() >= kMaxId) break;
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "model" : out;
}

// Hand-written scanners replace std::regex, whose recursion overflowed the stack on a
// 30,000-character heading or a 200 KB line (issue 14): each is linear in the text.

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// True when `text` at `at` starts with `word`, ignoring ASCII case.
bool StartsWithNoCase(std::string_view text, size_t at, std::string_view word) {
  if (text.size() - std::min(at, text.size()) < word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[at + i])) != word[i]) return false;
  }
  return true;
}

// The first level-1 heading "# Title" at the start of a line, or "".
std::string FirstTitle(std::string_view body) {
  for (size_t start = 0; start < body.size();) {
    size_t end = std::min(body.find('\n', start), body.size());
    std::string_view line = body.substr(start, end - start);
    if (line.ends_with('\r')) line.remove_suffix(1);  // CRLF cards
    if (line.size() > 2 && line[0] == '#' && line[1] == ' ') {
      size_t text = line.find_first_not_of(' ', 1);
      if (text != std::string_view::npos) return std::string(line.substr(text));
    }
    start = end + 1;
  }
  return "";
}

// A parameter count stated in the text: NUMBER [spaces] UNIT spaces "param" ("7.3B parameters",
// "1.7 billion parameters"), as the number with its unit's initial (B, M, T), or "".
std::string StatedParameters(std::string_view body) {
  for (size_t i = 0; i < body.size(); ++i) {
    if (!IsDigit(body[i])) continue;
    size_t end = i;
    while (end < body.size() && IsDigit(body[end])) ++end;
    size_t integer_end = end;
    if (end + 1 < body.size() && body[end] == '.' && IsDigit(body[end + 1])) {
      for (++end; end < body.size() && IsDigit(body[end]);) ++end;
    }
    size_t unit = end;
    while (unit < body.size() && IsSpace(body[unit])) ++unit;
    for (std::string_view word : {"billion", "million", "trillion", "b", "m", "t"}) {
      if (!StartsWithNoCase(body, unit, word)) continue;
      size_t after = unit + word.size();
      size_t param = after;
      while (param < body.size() && IsSpace(body[param])) ++param;
      if (param > after && StartsWithNoCase(body, param, "param")) {
        return std::string(body.substr(i, end - i)) +
               static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
      }
    }
    i = integer_end - 1;  // a later start inside the same digits fails the same way
  }
  return "";
}

// A level-2 or level-3 heading ("## Title", "### Title") and where its section's text starts.
struct CardSection {
  std::string title;
  size_t heading_start = 0;  // the heading line's first character
  size_t content_start = 0;  // just after the heading line
};

std::vector<CardSection> Sections(std::string_view body) {
  std::vector<CardSection> sections;
  for (size_t start = body.find('\n'); start != std::string_view::npos && start < body.size();) {
    size_t line_start = start + 1;
    size_t end = body.find('\n', line_start);
    if (end == std::string_view::npos) break;  // a heading needs its line to end
    std::string_view line = body.substr(line_start, end - line_start);
    size_t hashes = line.find_first_not_of('#');
    if ((hashes == 2 || hashes == 3) && line[hashes] == ' ') {
      size_t text = line.find_first_not_of(' ', hashes);
      if (text != std::string_view::npos) {
        sections.push_back({std::string(line.substr(text)), line_start, end + 1});
      }
    }
    start = end;
  }
  return sections;
}

}  // namespace

Result<HfCardImport> ImportHfCard(std::string_view text, const std::string& file,
                                  const std::string& id) {
  Result<CardParts> parts = SplitCard(text, file);
  if (!parts.ok()) return parts.status();
  Result<YAML::Node> meta = ParseFrontMatter(text, *parts, file);
  if (!meta.ok()) return meta.status();
  Result<std::optional<HfCardAiAct>> ai_act = ReadAiActNode(*meta, file);
  if (!ai_act.ok()) return ai_act.status();
  // CRLF cards: titles and section text are read without the carriage returns.
  std::string body;
  for (char c : text.substr(parts->body_begin)) {
    if (c != '\r') body += c;
  }
  YAML::Node model, documentation;
  std::vector<std::string> unmapped;
  std::string name = meta->IsMap() && (*meta)["model_name"] ? (*meta)["model_name"].Scalar() : "";
  if (name.empty()) name = FirstTitle(body);
  if (meta->IsMap()) {
    for (const auto& pair : *meta) {
      std::string key = pair.first.Scalar();
      const YAML::Node& value = pair.second;
      if (key == "license") {
        documentation["3.2a"] = value.Scalar();
      } else if (key == "license_link" || key == "license_name") {
        documentation["3.2a"] = value.Scalar();
      } else if (key == "base_model") {
        std::vector<std::string> bases = AsList(value);
        if (bases.empty()) continue;
        model["base_model"]["name"] = bases.front();
        model["base_model"]["systemic_risk"] = false;
        YAML::Node list;
        for (const std::string& base : bases) list.push_back(base);
        documentation["1.6"] = list;
        if (bases.size() > 1) unmapped.push_back("base_model: only the first is the base_model");
      } else if (key == "datasets") {
        std::string names;
        for (const std::string& d : AsList(value)) names += (names.empty() ? "" : ", ") + d;
        documentation["6.3"] = "Datasets named on the model card: " + names + ".";
        // A card names private datasets as well as public ones: row 6.2 (provenance) is the
        // provider's to state, never guessed as "Publicly available datasets".
        unmapped.push_back("datasets: whether each is publicly available (row 6.2, provenance)");
      } else if (key == "language") {
        std::string languages;
        for (const std::string& l : AsList(value)) languages += (languages.empty() ? "" : ", ") + l;
        documentation["6.5"] = "Languages: " + languages + ".";
      } else if (key == "pipeline_tag") {
        auto found = PipelineModalities().find(value.Scalar());
        if (found == PipelineModalities().end()) {
          unmapped.push_back("pipeline_tag '" + Abbreviated(value.Scalar()) +
                             "' (no modality mapping)");
          continue;
        }
        for (const std::string& m : found->second.first) model["modalities"]["input"].push_back(m);
        for (const std::string& m : found->second.second) {
          model["modalities"]["output"].push_back(m);
        }
      } else if (key == kAiActKey) {
        continue;  // read above (ReadAiActNode); the union market date is mapped below
      } else if (key != "model_name") {
        unmapped.push_back("front matter '" + Abbreviated(key) + "'");
      }
    }
  }
  // Parameters stated in the text: "7.3B parameters", "1.7 billion parameters".
  std::string stated = StatedParameters(body);
  if (!stated.empty()) {
    if (auto count = ParseQuantity(stated)) {
      model["parameters"]["total"] = FormatScientific(*count, 3);
    }
  } else {
    unmapped.push_back("parameter count (no 'N billion parameters' in the text)");
  }
  std::vector<CardSection> sections = Sections(body);
  for (size_t i = 0; i < sections.size(); ++i) {
    size_t start = sections[i].content_start;
    size_t end = i + 1 < sections.size() ? sections[i + 1].heading_start - 1 : body.size();
    std::string content = end > start ? body.substr(start, end - start) : std::string();
    std::string lower = sections[i].title;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool mapped = false;
    for (const auto& [needle, row] : SectionRows()) {
      if (lower.find(needle) == std::string::npos) continue;
      size_t first = content.find_first_not_of(" \n");
      size_t last = content.find_last_not_of(" \n");
      if (first == std::string::npos) break;
      std::string part = content.substr(first, last - first + 1);
      documentation[row] = documentation[row] ? documentation[row].Scalar() + "\n\n" + part : part;
      mapped = true;
      break;
    }
    if (!mapped) unmapped.push_back("section '" + Abbreviated(sections[i].title) + "'");
  }
  if (*ai_act && (*ai_act)->union_market_date) {
    model["union_market_date"] = (*ai_act)->union_market_date->ToString();
  }
  if (!model["modalities"]) unmapped.push_back("modalities (no known pipeline_tag)");
  unmapped.push_back(
      "licence rights (access, use, modify, distribute, monetised, ...): fill "
      "models[].licence by hand");
  YAML::Node entry;
  entry["id"] = id.empty() ? Slug(name) : id;
  entry["name"] = name.empty() ? "MODEL NAME" : name;
  for (const auto& pair : model) entry[pair.first] = pair.second;
  if (documentation.size()) entry["documentation"] = documentation;
  YAML::Node models;
  models.push_back(entry);
  YAML::Emitter emitter;
  emitter << YAML::Comment("Prefilled by 'gpaikit import hf-card " + file +
                           "'; check every value." +
                           (model["base_model"] ? " base_model.systemic_risk is a guess." : ""))
          << YAML::Newline;
  emitter << models;
  return HfCardImport{emitter.c_str(), std::move(unmapped), std::move(*ai_act)};
}

}  // namespace gpaikit::docs

// Strict YAML field reading with file:line:column diagnostics and "did you mean" suggestions.
#include "base/yaml_reader.h"

#include <vector>

#include "base/yaml_guard.h"
#include "gpaikit/base/files.h"
#include "gpaikit/base/numbers.h"
#include "gpaikit/base/text.h"

namespace gpaikit {

std::string SourceLocation::ToString() const {
  if (line <= 0) return file;  // not from a file, e.g. "command line"
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

std::string Diagnostic::ToString() const { return location.ToString() + ": " + message; }

SourceLocation Diagnostics::At(const YAML::Mark& mark) const {
  // yaml-cpp marks are 0-based; a null mark (-1) is reported as line 1.
  return SourceLocation{file_, mark.line < 0 ? 1 : mark.line + 1,
                        mark.column < 0 ? 1 : mark.column + 1};
}

void Diagnostics::Error(const YAML::Mark& mark, std::string message) {
  errors_.push_back(Diagnostic{At(mark), std::move(message)});
}

Status Diagnostics::ToStatus() const {
  if (errors_.empty()) return Status::Ok();
  std::string message;
  for (const Diagnostic& error : errors_) {
    if (!message.empty()) message += "\n";
    message += error.ToString();
  }
  return Status::InvalidInput(std::move(message));
}

Result<YAML::Node> ParseYaml(std::string_view text, const std::string& file) {
  Diagnostics checked(file);
  CheckYamlText(text, checked);
  if (!checked.ok()) return checked.ToStatus();
  try {
    YAML::Node root = YAML::Load(std::string(text));
    return root;
  } catch (const YAML::Exception& error) {
    Diagnostics diagnostics(file);
    diagnostics.Error(error.mark, "invalid YAML: " + error.msg);
    return diagnostics.ToStatus();
  }
}

Result<YAML::Node> LoadYamlFile(const std::filesystem::path& path) {
  Result<std::string> text = ReadFile(path);
  if (!text.ok()) return text.status();
  return ParseYaml(*text, path.string());
}

MapReader::MapReader(const YAML::Node& node, std::string path, Diagnostics& diagnostics,
                     std::initializer_list<std::string_view> allowed)
    : node_(node), path_(std::move(path)), diagnostics_(diagnostics) {
  if (!node_.IsMap()) {
    diagnostics_.Error(node_.Mark(), path_ + ": expected a mapping of key: value lines");
    valid_ = false;
    node_ = YAML::Node(YAML::NodeType::Map);
    return;
  }
  std::vector<std::string_view> keys(allowed);
  for (const auto& entry : node_) {
    std::string key = entry.first.Scalar();
    bool known = false;
    for (std::string_view candidate : keys) known = known || candidate == key;
    if (known) continue;
    diagnostics_.Error(entry.first.Mark(), PathOf(key) + ": unknown key" + DidYouMean(key, keys));
  }
}

bool MapReader::Has(std::string_view key) const {
  YAML::Node value = node_[std::string(key)];
  return value.IsDefined() && !value.IsNull();
}

YAML::Node MapReader::Get(std::string_view key) const { return node_[std::string(key)]; }

std::string MapReader::PathOf(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

static YAML::Mark ValueMark(const YAML::Node& map, std::string_view key) {
  YAML::Node value = map[std::string(key)];
  return value.IsDefined() ? value.Mark() : map.Mark();
}

YAML::Mark MapReader::MarkOf(std::string_view key) const { return ValueMark(node_, key); }

std::optional<MapReader> MapReader::Section(std::string_view key,
                                            std::initializer_list<std::string_view> allowed,
                                            SourceLocation& location) {
  if (!Has(key)) return std::nullopt;
  YAML::Node node = Get(key);
  location = diagnostics_.At(node.Mark());
  return std::optional<MapReader>(std::in_place, node, PathOf(key), diagnostics_, allowed);
}

void MapReader::Missing(std::string_view key, const char* expected) {
  diagnostics_.Error(node_.Mark(),
                     PathOf(key) + ": required key is missing (expected " + expected + ")");
}

std::optional<std::string> MapReader::Scalar(std::string_view key, bool required,
                                             const char* expected) {
  if (!Has(key)) {
    if (required) Missing(key, expected);
    return std::nullopt;
  }
  YAML::Node value = Get(key);
  if (!value.IsScalar()) {
    diagnostics_.Error(value.Mark(), PathOf(key) + ": expected " + expected);
    return std::nullopt;
  }
  return value.Scalar();
}

std::optional<std::string> MapReader::String(std::string_view key, bool required) {
  return Scalar(key, required, "text");
}

std::optional<bool> MapReader::Bool(std::string_view key, bool required) {
  std::optional<std::string> text = Scalar(key, required, "true or false");
  if (!text) return std::nullopt;
  if (*text == "true") return true;
  if (*text == "false") return false;
  diagnostics_.Error(MarkOf(key), PathOf(key) + ": expected true or false, got '" + *text + "'");
  return std::nullopt;
}

std::optional<double> MapReader::Quantity(std::string_view key, bool required) {
  const char* expected = "a non-negative number such as 7e9 or 7B";
  std::optional<std::string> text = Scalar(key, required, expected);
  if (!text) return std::nullopt;
  std::optional<double> value = ParseQuantity(*text);
  if (!value) {
    diagnostics_.Error(MarkOf(key),
                       PathOf(key) + ": expected " + expected + ", got '" + *text + "'");
  }
  return value;
}

std::optional<double> MapReader::NumberIn(std::string_view key, double min, double max,
                                          bool required) {
  std::optional<double> value = Quantity(key, required);
  if (value && (*value < min || *value > max)) {
    diagnostics_.Error(
        MarkOf(key), PathOf(key) + ": expected a number from " + FormatScientific(min, 3) + " to " +
                         FormatScientific(max, 3) + ", got '" + Get(key).Scalar() + "'");
    return std::nullopt;
  }
  return value;
}

std::optional<int> MapReader::Integer(std::string_view key, bool required) {
  std::optional<std::string> text = Scalar(key, required, "a whole number");
  if (!text) return std::nullopt;
  int value = 0;
  bool digits = !text->empty() && text->size() < 10;  // at most 9 digits: no int overflow
  for (size_t i = 0; digits && i < text->size(); ++i) {
    char c = (*text)[i];
    digits = c >= '0' && c <= '9';
    value = value * 10 + (c - '0');
  }
  if (!digits) {
    diagnostics_.Error(MarkOf(key), PathOf(key) + ": expected a whole number, got '" + *text + "'");
    return std::nullopt;
  }
  return value;
}

std::optional<CivilDate> MapReader::Date(std::string_view key, bool required) {
  std::optional<std::string> text = Scalar(key, required, "a date YYYY-MM-DD");
  if (!text) return std::nullopt;
  std::optional<CivilDate> date = CivilDate::Parse(*text);
  if (!date) {
    diagnostics_.Error(
        MarkOf(key),
        PathOf(key) + ": expected a real calendar date YYYY-MM-DD, got '" + *text + "'");
  }
  return date;
}

namespace {

bool CheckChoice(Diagnostics& diagnostics, const YAML::Mark& mark, const std::string& where,
                 const std::string& value, std::span<const std::string_view> choices) {
  for (std::string_view choice : choices) {
    if (choice == value) return true;
  }
  diagnostics.Error(mark, where + ": '" + value + "' is not one of " + JoinWords(choices) +
                              DidYouMean(value, choices));
  return false;
}

}  // namespace

std::optional<std::string> MapReader::Choice(std::string_view key,
                                             std::span<const std::string_view> choices,
                                             bool required) {
  std::optional<std::string> text = Scalar(key, required, "one of the listed values");
  if (!text) return std::nullopt;
  if (!CheckChoice(diagnostics_, MarkOf(key), PathOf(key), *text, choices)) {
    return std::nullopt;
  }
  return text;
}

std::vector<std::string> MapReader::StringList(std::string_view key,
                                               std::span<const std::string_view> choices,
                                               bool required) {
  std::vector<std::string> out;
  if (!Has(key)) {
    if (required) Missing(key, "a list");
    return out;
  }
  YAML::Node value = Get(key);
  std::vector<YAML::Node> items;
  if (value.IsScalar()) {
    items.push_back(value);
  } else if (value.IsSequence()) {
    for (const YAML::Node& item : value) items.push_back(item);
  } else {
    diagnostics_.Error(value.Mark(), PathOf(key) + ": expected a list of values");
    return out;
  }
  std::vector<std::string_view> allowed(choices.begin(), choices.end());
  for (size_t i = 0; i < items.size(); ++i) {
    std::string where = PathOf(key) + "[" + std::to_string(i) + "]";
    if (!items[i].IsScalar()) {
      diagnostics_.Error(items[i].Mark(), where + ": expected a single value");
      continue;
    }
    if (!allowed.empty() &&
        !CheckChoice(diagnostics_, items[i].Mark(), where, items[i].Scalar(), allowed)) {
      continue;
    }
    out.push_back(items[i].Scalar());
  }
  return out;
}

YAML::Node MapReader::Sequence(std::string_view key, bool required) {
  if (!Has(key)) {
    if (required) Missing(key, "a list");
    return YAML::Node(YAML::NodeType::Sequence);
  }
  YAML::Node value = Get(key);
  if (!value.IsSequence()) {
    diagnostics_.Error(value.Mark(), PathOf(key) + ": expected a list (lines starting with '- ')");
    return YAML::Node(YAML::NodeType::Sequence);
  }
  return value;
}

}  // namespace gpaikit

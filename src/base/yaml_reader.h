// Strict, location-aware reading of YAML files: typed fields, unknown keys with suggestions.
#ifndef GPAIKIT_BASE_YAML_READER_H_
#define GPAIKIT_BASE_YAML_READER_H_

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/civil_date.h"
#include "gpaikit/base/source_location.h"
#include "gpaikit/base/status.h"

namespace gpaikit {

// One problem found in a file, with its location.
struct Diagnostic {
  SourceLocation location;
  std::string message;
  std::string ToString() const;  // "file:line:column: message"
};

// Collects every problem in a file so that the user sees them all at once.
class Diagnostics {
 public:
  explicit Diagnostics(std::string file) : file_(std::move(file)) {}
  void Error(const YAML::Mark& mark, std::string message);
  SourceLocation At(const YAML::Mark& mark) const;
  bool ok() const { return errors_.empty(); }
  const std::vector<Diagnostic>& errors() const { return errors_; }
  const std::string& file() const { return file_; }
  // InvalidInput whose message lists every error, one per line; Ok when there are none.
  Status ToStatus() const;

 private:
  std::string file_;
  std::vector<Diagnostic> errors_;
};

// Parses YAML text; a syntax error becomes InvalidInput naming file:line:column, as do bytes that
// are not UTF-8, nesting deeper than 64 levels, aliases and duplicate keys (base/yaml_guard.h).
Result<YAML::Node> ParseYaml(std::string_view text, const std::string& file);
// Reads and parses a YAML file.
Result<YAML::Node> LoadYamlFile(const std::filesystem::path& path);

// Reads the fields of one YAML mapping, reporting every problem to a Diagnostics.
// `path` names the mapping in messages ("models[0].licence"). Keys not in `allowed` are
// reported with the nearest allowed key suggested.
class MapReader {
 public:
  MapReader(const YAML::Node& node, std::string path, Diagnostics& diagnostics,
            std::initializer_list<std::string_view> allowed);

  bool valid() const { return valid_; }
  bool Has(std::string_view key) const;
  YAML::Node Get(std::string_view key) const;  // null node when absent
  std::string PathOf(std::string_view key) const;
  YAML::Mark MarkOf(std::string_view key) const;  // the value's mark, else the map's
  // The mapping under `key` read by its own reader, or nullopt when the key is absent; `location`
  // receives the mapping's place.
  std::optional<MapReader> Section(std::string_view key,
                                   std::initializer_list<std::string_view> allowed,
                                   SourceLocation& location);
  const YAML::Node& node() const { return node_; }
  Diagnostics& diagnostics() { return diagnostics_; }

  // Each getter returns nullopt when the key is absent (an error if `required`) or malformed
  // (always an error naming what was expected).
  std::optional<std::string> String(std::string_view key, bool required = false);
  std::optional<bool> Bool(std::string_view key, bool required = false);
  // A non-negative number, allowing magnitude suffixes (7B, 2T; see ParseQuantity).
  std::optional<double> Quantity(std::string_view key, bool required = false);
  // A number in [min, max].
  std::optional<double> NumberIn(std::string_view key, double min, double max,
                                 bool required = false);
  std::optional<int> Integer(std::string_view key, bool required = false);
  std::optional<CivilDate> Date(std::string_view key, bool required = false);
  // One of `choices`; suggests the nearest when the value is not one of them.
  std::optional<std::string> Choice(std::string_view key, std::span<const std::string_view> choices,
                                    bool required = false);
  std::optional<std::string> Choice(std::string_view key,
                                    std::initializer_list<std::string_view> choices,
                                    bool required = false) {
    return Choice(key, std::span(choices.begin(), choices.size()), required);
  }
  // A sequence of strings (a single string is accepted as a one-element list); each element
  // must be one of `choices` unless `choices` is empty.
  std::vector<std::string> StringList(std::string_view key,
                                      std::span<const std::string_view> choices,
                                      bool required = false);
  std::vector<std::string> StringList(std::string_view key,
                                      std::initializer_list<std::string_view> choices = {},
                                      bool required = false) {
    return StringList(key, std::span(choices.begin(), choices.size()), required);
  }
  // A sequence node (empty node when absent; an error when present but not a sequence).
  YAML::Node Sequence(std::string_view key, bool required = false);

 private:
  std::optional<std::string> Scalar(std::string_view key, bool required, const char* expected);
  void Missing(std::string_view key, const char* expected);

  YAML::Node node_;
  std::string path_;
  Diagnostics& diagnostics_;
  bool valid_ = true;
};

}  // namespace gpaikit

#endif  // GPAIKIT_BASE_YAML_READER_H_

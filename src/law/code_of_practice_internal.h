// Shared pieces of the Code of Practice loader: the file's closed vocabularies and the readers
// used by both its halves (docs/data-files.md section 1).
#ifndef GPAIKIT_LAW_CODE_OF_PRACTICE_INTERNAL_H_
#define GPAIKIT_LAW_CODE_OF_PRACTICE_INTERNAL_H_

#include <array>
#include <string>
#include <vector>

#include "base/yaml_reader.h"
#include "gpaikit/law/code_of_practice.h"

namespace gpaikit::law::internal {

inline constexpr std::array<std::string_view, 3> kVerified = {"primary", "secondary", "unverified"};

// The closed vocabularies the file declares at its end (conditions, events, ...).
struct Vocabulary {
  std::vector<std::string> evidence_kinds, applies_to, conditions, events, clock_kinds, units;
};

inline std::vector<std::string_view> Views(const std::vector<std::string>& words) {
  return {words.begin(), words.end()};
}

CopClock ReadClock(const YAML::Node& node, const std::string& path, Diagnostics& diagnostics,
                   const Vocabulary& vocabulary, const std::string& owner,
                   const std::string& source);
// "Code of Practice, Safety and Security, Measure 9.3, paragraph (1)-(4)" from a `source:` map.
std::string ReadSourceRef(MapReader& parent);
// The Safety and Security appendices: their clocks, the four specified risks (A1.4) and the
// security objectives (A4).
void ReadAppendices(MapReader& chapter, const Vocabulary& vocabulary, CodeOfPractice& code);
void ReadIncidentTypes(MapReader& root, CodeOfPractice& code);
void ReadTemplate(MapReader& root, CodeOfPractice& code);

}  // namespace gpaikit::law::internal

#endif  // GPAIKIT_LAW_CODE_OF_PRACTICE_INTERNAL_H_

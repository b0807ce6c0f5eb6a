// The older law a comparison starts from, as `gpaikit check --law-from` spells it: "pinned", or
// KIND=VERSION[,KIND=VERSION...] with KIND rulepack, code, form or template, and the Code's third
// draft as code=third-draft (docs/law-changes.md).
#ifndef GPAIKIT_LAW_LAW_SELECTION_H_
#define GPAIKIT_LAW_LAW_SELECTION_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gpaikit/base/status.h"

namespace gpaikit::law {

struct LawSelection {
  // KIND -> VERSION in the order given; empty for "pinned" (every kind as the project pins it).
  std::vector<std::pair<std::string, std::string>> versions;
  bool third_draft = false;  // code=third-draft: the draft is mapped by the final Code, not loaded
};

// The kinds a selection may name, in the order `law versions` lists them.
const std::vector<std::string>& SelectableLawKinds();

// Parses `text`. InvalidInput naming the character position (1-based) and what was expected for an
// unknown kind, an empty version, a kind given twice, or a version that names a file instead of an
// installed version. Whether the version is installed is for law::LawFileFor to say.
Result<LawSelection> ParseLawSelection(std::string_view text);

// The selection written back in the syntax ParseLawSelection reads ("pinned" when empty).
std::string LawSelectionText(const LawSelection& selection);

}  // namespace gpaikit::law

#endif  // GPAIKIT_LAW_LAW_SELECTION_H_

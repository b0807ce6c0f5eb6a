// Parses the older law a comparison starts from ("pinned" or KIND=VERSION,...; law_selection.h).
#include "gpaikit/law/law_selection.h"

#include <algorithm>

namespace gpaikit::law {
namespace {

constexpr std::string_view kThirdDraft = "third-draft";

Status SelectionError(size_t position, std::string_view part, const std::string& expected) {
  std::string message = "--law-from: at character ";
  message.append(std::to_string(position + 1)).append(" ('").append(part).append("'): expected ");
  message.append(expected);
  return Status::InvalidInput(message);
}

}  // namespace

const std::vector<std::string>& SelectableLawKinds() {
  static const std::vector<std::string> kinds = {"rulepack", "code", "form", "template"};
  return kinds;
}

Result<LawSelection> ParseLawSelection(std::string_view text) {
  LawSelection out;
  if (text == "pinned") return out;
  size_t at = 0;
  while (true) {
    size_t comma = text.find(',', at);
    std::string_view part = text.substr(at, comma == std::string_view::npos ? comma : comma - at);
    size_t equals = part.find('=');
    std::string_view kind = part.substr(0, equals);
    const std::vector<std::string>& kinds = SelectableLawKinds();
    if (equals == std::string_view::npos ||
        std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) {
      return SelectionError(at, part,
                            "'pinned' or KIND=VERSION[,KIND=VERSION] with KIND rulepack, code, "
                            "form or template");
    }
    std::string_view version = part.substr(equals + 1);
    if (version.empty()) {
      return SelectionError(at, part, "a version after '=' (`gpaikit law versions` lists them)");
    }
    if (version.find('/') != std::string_view::npos || version.ends_with(".yaml")) {
      return SelectionError(at, part,
                            "an installed version (`gpaikit law versions`), not a file name");
    }
    bool repeated = (kind == "code" && out.third_draft) ||
                    std::any_of(out.versions.begin(), out.versions.end(),
                                [&](const auto& pin) { return pin.first == kind; });
    if (repeated) return SelectionError(at, part, "each KIND once");
    if (kind == "code" && version == kThirdDraft) {
      out.third_draft = true;
    } else {
      out.versions.emplace_back(std::string(kind), std::string(version));
    }
    if (comma == std::string_view::npos) break;
    at = comma + 1;
  }
  return out;
}

std::string LawSelectionText(const LawSelection& selection) {
  std::string out;
  for (const auto& [kind, version] : selection.versions) {
    if (!out.empty()) out.push_back(',');
    out.append(kind).append("=").append(version);
  }
  if (selection.third_draft) {
    if (!out.empty()) out.push_back(',');
    out.append("code=").append(kThirdDraft);
  }
  return out.empty() ? std::string("pinned") : out;
}

}  // namespace gpaikit::law

// `gpaikit law diff code third-draft VERSION`: the third draft of the Code (11 March 2025) against
// the final Code, from the mapping the final Code's data carries (spec code-of-practice.md section
// 5.2; docs/law-changes.md). The draft's own wording is not in the data: the "before" of a changed
// item is the data's note of how the draft differed, and says so.
#include <map>
#include <set>

#include "law/law_diff_internal.h"

namespace gpaikit::law {
namespace {

// "[I.1, I.2]" -> {"I.1", "I.2"}.
std::vector<std::string> ListOf(const std::string& text) {
  std::vector<std::string> out;
  if (text.size() < 2 || text.front() != '[') return out;
  std::string inner = text.substr(1, text.size() - 2);
  for (size_t at = 0; at <= inner.size();) {
    size_t comma = inner.find(", ", at);
    std::string part =
        inner.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
    if (!part.empty()) out.push_back(part);
    if (comma == std::string::npos) break;
    at = comma + 2;
  }
  return out;
}

}  // namespace

Result<LawDiff> DiffThirdDraftToCode(const std::string& new_label,
                                     const std::filesystem::path& code_file) {
  Result<FlatFile> code = FlattenLawFile(code_file);
  if (!code.ok()) return code.status();
  LawDiff diff{"code",
               "third-draft",
               new_label,
               code_file.string() + " (its third_draft mapping)",
               code_file.string(),
               {},
               {}};
  // How many final items of each level each draft number maps to (a split shows as several).
  std::map<std::string, int> uses;
  for (const FlatItem& item : code->items) {
    auto mapped = item.fields.find("third_draft");
    if (mapped == item.fields.end()) continue;
    for (const std::string& old_id : ListOf(mapped->second)) uses[item.collection + old_id] += 1;
  }
  bool mapped_any = false;
  for (const FlatItem& item : code->items) {
    auto mapped = item.fields.find("third_draft");
    if (mapped != item.fields.end()) {
      mapped_any = true;
      std::vector<std::string> old_ids = ListOf(mapped->second);
      ItemChange change{"renumbered", item.collection, item.id, item.title, old_ids,
                        {},           item.within};
      bool split = false;
      for (const std::string& old_id : old_ids) split |= uses[item.collection + old_id] > 1;
      if (old_ids.size() > 1)
        change.change = "merged";
      else if (split)
        change.change = "split";
      if (auto note = item.fields.find("third_draft_note"); note != item.fields.end()) {
        if (change.change == "renumbered") change.change = "changed";
        change.fields.push_back(
            {"text", "(draft wording not in the data; the data's note) " + note->second,
             item.fields.contains("summary") ? item.fields.at("summary") : item.title});
      }
      if (auto level = item.fields.find("third_draft_verified"); level != item.fields.end()) {
        change.fields.push_back({"mapping verified", "", level->second});
      }
      diff.items.push_back(std::move(change));
    }
  }
  for (const FlatItem& item : code->items) {
    if (item.collection != "removed_from_third_draft") continue;
    ItemChange change{"removed", "measures", item.id, item.title, {item.id}, {}, item.within};
    change.fields.push_back({"title", item.title, ""});
    if (auto note = item.fields.find("note"); note != item.fields.end()) {
      change.fields.push_back({"note", note->second, ""});
    }
    diff.items.push_back(std::move(change));
  }
  if (!mapped_any) {
    return Status::InvalidInput(code_file.string() +
                                ": this Code file maps no third-draft numbers (expected "
                                "`third_draft:` on its chapters, commitments and measures)");
  }
  return diff;
}

}  // namespace gpaikit::law

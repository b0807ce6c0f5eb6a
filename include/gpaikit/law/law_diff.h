// What changes between two versions of one law data file (`gpaikit law diff KIND OLD NEW`;
// docs/law-changes.md): items (measures, rows, fields, thresholds, ...) added, removed and
// changed, with the text before and after.
#ifndef GPAIKIT_LAW_LAW_DIFF_H_
#define GPAIKIT_LAW_LAW_DIFF_H_

#include <filesystem>
#include <string>
#include <vector>

#include "gpaikit/base/status.h"

namespace gpaikit::law {

// One field of an item: its path inside the item ("summary", "applicability.applies_to") and its
// text in the old and new version ("" where absent).
struct FieldChange {
  std::string field;
  std::string before;
  std::string after;
};

// One item that differs. An item is a mapping with an id (`id`, `token`, `date` or `year`) in a
// list, or an entry of a top-level mapping of mappings (`thresholds: {name: {...}}`).
struct ItemChange {
  // added | removed | changed; for the third draft also renumbered | merged | split
  std::string change;
  std::string collection;  // the list or mapping it is in: measures, rows, fields, thresholds
  std::string id;          // its id (for the third draft: the final id)
  std::string title;       // its title, name or label, from the new version where it has one
  std::vector<std::string> old_ids;  // third draft only: the draft's numbers
  std::vector<FieldChange> fields;   // changed fields; for added/removed every field
  std::string within;  // the id of the top-level item it sits in (a chapter), "" for those
};

struct LawDiff {
  std::string kind;
  std::string old_label, new_label;  // the versions as given ("2025-07", "third-draft", a path)
  std::string old_file, new_file;
  std::vector<FieldChange> file_fields;  // top-level scalar fields that changed (version, dates)
  std::vector<ItemChange> items;         // in the new file's order, removed ones after
  size_t Count(std::string_view change) const;
};

// Compares two files of `kind`. InvalidInput naming the file and line:column when one is not YAML
// or not a mapping.
Result<LawDiff> DiffLawFiles(const std::string& kind, const std::string& old_label,
                             const std::filesystem::path& old_file, const std::string& new_label,
                             const std::filesystem::path& new_file);

// The third draft of the Code (11 March 2025) against the final Code in `code_file`, from the
// mapping the final Code's data carries (`third_draft`, `third_draft_note`,
// `removed_from_third_draft` on chapters, commitments, measures and appendices; spec
// code-of-practice.md section 5.2). The draft's wording itself is not in the data: a changed
// item's "before" is the data's note of how the draft differed.
Result<LawDiff> DiffThirdDraftToCode(const std::string& new_label,
                                     const std::filesystem::path& code_file);

}  // namespace gpaikit::law

#endif  // GPAIKIT_LAW_LAW_DIFF_H_

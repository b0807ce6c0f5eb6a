// What the staff desk adds to a blocklist file when it accepts a complaint with actions (Code of
// Practice, Copyright, Measures 1.2 and 1.5): the entered lines checked with the blocklist
// syntax, entries already listed left out, and the file's new text with a comment naming the
// case, the day and the staff member.
#ifndef GPAIKIT_PORTAL_BLOCKLIST_EDIT_H_
#define GPAIKIT_PORTAL_BLOCKLIST_EDIT_H_

#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/status.h"

namespace gpaikit::portal {

// The most entries one form may add (the form's body is bounded too).
inline constexpr size_t kMaxBlocklistEntriesPerAction = 1000;

struct BlocklistAddition {
  std::vector<std::string> added;           // entries to append, as written (trimmed)
  std::vector<std::string> already_listed;  // entered but already in the list (same match)
  std::string text;                         // the file's new text ("" when nothing is added)
  std::string version;                      // the list's version after the change
};

// Checks `entered` (one URL or domain a line, as optout::Blocklist reads them; blank lines are
// skipped; '#' comments are refused: the desk writes them) against the list `existing` (the text
// of `file`, "" when it does not exist yet; an error in it names `file` and the line). An error's
// message starts with "line N: ". The new text keeps the old one, sets "# version:" to the next
// whole number when it is one (adds
// "# version: 1" to a list without one; another version text is kept), and appends
// "# <tracking> <YYYY-MM-DD> <staff>" and the new entries.
Result<BlocklistAddition> PlanBlocklistAddition(std::string_view existing, std::string_view file,
                                                std::string_view entered, std::string_view tracking,
                                                std::string_view day, std::string_view staff);

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_BLOCKLIST_EDIT_H_

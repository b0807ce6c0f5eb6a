// Internal to law: a data file flattened into items and their field paths, shared by the diff of
// two files and the diff of the Code's third draft (src/law/law_diff*.cc).
#ifndef GPAIKIT_SRC_LAW_LAW_DIFF_INTERNAL_H_
#define GPAIKIT_SRC_LAW_LAW_DIFF_INTERNAL_H_

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "gpaikit/law/law_diff.h"

namespace gpaikit::law {

struct FlatItem {
  std::string key;  // its path of ids: "/chapters[CoP-T]/commitments[CoP-T-C1]/measures[CoP-T-1.1]"
  std::string collection;
  std::string id;
  std::string title;
  std::string within;  // the id of the top-level item it sits in, "" for top-level items
  std::map<std::string, std::string> fields;  // "summary" -> text; lists as "[a, b]"
  std::vector<std::string> order;             // the field paths in file order
};

struct FlatFile {
  std::vector<FlatItem> items;  // items[0] is the file itself (key "")
};

Result<FlatFile> FlattenLawFile(const std::filesystem::path& file);

}  // namespace gpaikit::law

#endif  // GPAIKIT_SRC_LAW_LAW_DIFF_INTERNAL_H_

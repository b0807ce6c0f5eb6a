// Tests for `law versions` and `law diff` (docs/law-changes.md): items added, removed and changed
// between two files, the third draft to the final Code from the data's mapping (spec
// code-of-practice.md section 5.2), and where versions live.
#include "gpaikit/law/law_diff.h"

#include <gtest/gtest.h>

#include <set>

#include "base/temp_dir_test_util.h"
#include "gpaikit/law/law_versions.h"

namespace gpaikit::law {
namespace {

const ItemChange* Find(const LawDiff& diff, const std::string& change, const std::string& id) {
  for (const ItemChange& item : diff.items) {
    if (item.change == change && item.id == id) return &item;
  }
  return nullptr;
}

TEST(LawDiffTest, ItemsAddedRemovedAndChangedWithTextBeforeAndAfter) {
  test_util::TempDir dir;
  auto old_file = dir.Write("old.yaml",
                            "form: f/1\npublished: \"2025-07-10\"\n"
                            "thresholds:\n  flop: {value: 1e25, source: Art. 51}\n"
                            "  other: {value: 3}\n"
                            "rows:\n  - id: \"1.1\"\n    name: Name\n    audiences: [a, b]\n"
                            "  - id: \"8.4\"\n    name: Method\n");
  auto new_file = dir.Write("new.yaml",
                            "form: f/2\npublished: \"2027-07-01\"\n"
                            "thresholds:\n  flop: {value: 1e26, source: Art. 51}\n"
                            "  other: {value: 3}\n"
                            "rows:\n  - id: \"1.1\"\n    name: Name\n    audiences: [a]\n"
                            "  - id: \"8.5\"\n    name: Water\n");
  Result<LawDiff> diff = DiffLawFiles("form", "1", old_file, "2", new_file);
  ASSERT_TRUE(diff.ok()) << diff.status().message();
  ASSERT_EQ(diff->file_fields.size(), 2u);
  EXPECT_EQ(diff->file_fields[0].field, "form");
  EXPECT_EQ(diff->file_fields[0].before, "f/1");
  EXPECT_EQ(diff->file_fields[1].after, "2027-07-01");
  const ItemChange* flop = Find(*diff, "changed", "flop");
  ASSERT_NE(flop, nullptr);
  EXPECT_EQ(flop->collection, "thresholds");
  ASSERT_EQ(flop->fields.size(), 1u);
  EXPECT_EQ(flop->fields[0].before, "1e25");
  EXPECT_EQ(flop->fields[0].after, "1e26");
  const ItemChange* row = Find(*diff, "changed", "1.1");
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->fields[0].field, "audiences");
  EXPECT_EQ(row->fields[0].before, "[a, b]");
  EXPECT_EQ(row->fields[0].after, "[a]");
  ASSERT_NE(Find(*diff, "added", "8.5"), nullptr);
  EXPECT_EQ(Find(*diff, "added", "8.5")->title, "Water");
  ASSERT_NE(Find(*diff, "removed", "8.4"), nullptr);
  EXPECT_EQ(Find(*diff, "changed", "other"), nullptr);
  EXPECT_EQ(diff->Count("added") + diff->Count("removed") + diff->Count("changed"), 4u);
}

TEST(LawDiffTest, SameFileHasNoChanges) {
  std::filesystem::path code =
      std::filesystem::path(GPAIKIT_SOURCE_DATA_DIR) / "code-of-practice" / "2025-07.yaml";
  Result<LawDiff> diff = DiffLawFiles("code", "2025-07", code, "2025-07", code);
  ASSERT_TRUE(diff.ok()) << diff.status().message();
  EXPECT_TRUE(diff->items.empty());
  EXPECT_TRUE(diff->file_fields.empty());
}

TEST(LawDiffTest, BadYamlNamesItsPlace) {
  test_util::TempDir dir;
  auto good = dir.Write("good.yaml", "a: 1\n");
  auto bad = dir.Write("bad.yaml", "a: [1\nb: 2\n");
  Result<LawDiff> diff = DiffLawFiles("form", "1", good, "2", bad);
  ASSERT_FALSE(diff.ok());
  EXPECT_NE(diff.status().message().find("bad.yaml:"), std::string::npos)
      << diff.status().message();
  auto list = dir.Write("list.yaml", "- a\n");
  EXPECT_FALSE(DiffLawFiles("form", "1", good, "2", list).ok());
}

TEST(LawDiffTest, ThirdDraftToFinalCodeFromTheMapping) {
  std::filesystem::path code =
      std::filesystem::path(GPAIKIT_SOURCE_DATA_DIR) / "code-of-practice" / "2025-07.yaml";
  Result<LawDiff> diff = DiffThirdDraftToCode("2025-07", code);
  ASSERT_TRUE(diff.ok()) << diff.status().message();
  // The Copyright chapter's draft measure I.2.4 is gone in the final.
  const ItemChange* removed = Find(*diff, "removed", "I.2.4");
  ASSERT_NE(removed, nullptr);
  EXPECT_NE(removed->title.find("not web-crawled"), std::string::npos);
  // Transparency measure 1.2: draft I.1.2 said "in a timely manner" instead of 14 days.
  const ItemChange* changed = Find(*diff, "changed", "CoP-T-1.2");
  ASSERT_NE(changed, nullptr);
  ASSERT_EQ(changed->old_ids, std::vector<std::string>{"I.1.2"});
  EXPECT_NE(changed->fields[0].before.find("timely manner"), std::string::npos);
  EXPECT_FALSE(changed->fields[0].after.empty());
  // Each of the 40 measures is accounted for, by one of the change kinds.
  size_t measures = 0;
  for (const ItemChange& item : diff->items) measures += item.collection == "measures";
  EXPECT_EQ(measures, 40u + diff->Count("removed"));
  EXPECT_GT(diff->Count("merged"), 0u);
}

TEST(LawVersionsTest, ListsEveryKindWithDatesSourcesAndMappedVersions) {
  Result<std::vector<DataFileVersion>> files = ListDataFileVersions(GPAIKIT_SOURCE_DATA_DIR);
  ASSERT_TRUE(files.ok()) << files.status().message();
  std::set<std::string> kinds;
  for (const DataFileVersion& file : *files) kinds.insert(file.kind);
  for (const std::string& kind : LawFileKinds()) EXPECT_TRUE(kinds.contains(kind)) << kind;
  const DataFileVersion* code = nullptr;
  for (const DataFileVersion& file : *files) {
    if (file.kind == "code") code = &file;
  }
  ASSERT_NE(code, nullptr);
  EXPECT_EQ(code->version, "2025-07");
  EXPECT_EQ(code->mapped_versions, std::vector<std::string>{"third-draft"});
  EXPECT_FALSE(code->sources.empty());
  bool published = false;
  for (const auto& [name, value] : code->dates)
    published |= name == "published" && value == "2025-07-10";
  EXPECT_TRUE(published);
}

TEST(LawVersionsTest, VersionsResolveToFilesOrSayWhatIsInstalled) {
  Result<std::filesystem::path> form = LawFileFor(GPAIKIT_SOURCE_DATA_DIR, "form", "2025-07");
  ASSERT_TRUE(form.ok()) << form.status().message();
  EXPECT_EQ(form->filename(), "model-documentation-form-2025-07.yaml");
  Result<std::filesystem::path> missing = LawFileFor(GPAIKIT_SOURCE_DATA_DIR, "code", "1999-01");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("available: 2025-07"), std::string::npos)
      << missing.status().message();
  Result<std::filesystem::path> kind = LawFileFor(GPAIKIT_SOURCE_DATA_DIR, "statute", "x");
  ASSERT_FALSE(kind.ok());
  EXPECT_NE(kind.status().message().find("unknown kind 'statute'"), std::string::npos);
}

}  // namespace
}  // namespace gpaikit::law

// Tests of the Model Documentation Form loader and Annex coverage (Code of Practice, Transparency,
// Measure 1.1 and the Form's field list, spec code-of-practice.md section 1.6; AI Act Annexes XI,
// XII).
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "gpaikit/base/files.h"
#include "gpaikit/law/form.h"

namespace gpaikit::law::form {
namespace {

Form Shipped() {
  Result<Form> form = LoadDocumentationForm(DataDir());
  EXPECT_TRUE(form.ok()) << form.status().message();
  return form.ok() ? *form : Form{};
}

// Spec section 1.6: 45 audience-tagged rows, 6/8/5/6/2/9/5/4 per section.
TEST(DocumentationFormTest, HasEveryRowOfTheFormInOrder) {
  Form form = Shipped();
  ASSERT_EQ(form.rows.size(), 45u);
  std::map<int, int> per_section;
  for (const Row& row : form.rows) ++per_section[row.section];
  EXPECT_EQ(per_section,
            (std::map<int, int>{{1, 6}, {2, 8}, {3, 5}, {4, 6}, {5, 2}, {6, 9}, {7, 5}, {8, 4}}));
  EXPECT_EQ(form.rows.front().id, "1.1");
  EXPECT_EQ(form.rows.back().id, "8.4");
  EXPECT_EQ(form.FindRow("2.7a")->name, "Total model size (exact)");
  EXPECT_EQ(form.header_fields.size(), 2u);
}

// Spec section 1.6 tick-boxes: 35 rows for the AI Office, 33 for national authorities, 23 for
// downstream providers; every row has at least one audience.
TEST(DocumentationFormTest, RowsPerAudienceFollowTheTickBoxes) {
  Form form = Shipped();
  EXPECT_EQ(form.RowsFor("ai-office").size(), 35u);
  EXPECT_EQ(form.RowsFor("nca").size(), 33u);
  EXPECT_EQ(form.RowsFor("downstream").size(), 23u);
  EXPECT_FALSE(form.FindRow("1.3")->For("downstream"));  // authenticity: AIO and NCA only
  EXPECT_TRUE(form.FindRow("2.6")->For("downstream"));
  EXPECT_FALSE(form.FindRow("2.6")->For("ai-office"));
}

// Spec 1.6 "Derived values": ranges and orders of magnitude come from the exact rows.
TEST(DocumentationFormTest, DerivedRowsPointAtTheirExactRows) {
  Form form = Shipped();
  EXPECT_EQ(form.FindRow("2.7b")->kind.derived_from, "2.7a");
  EXPECT_EQ(form.FindRow("2.7b")->kind.bins.size(), 8u);
  EXPECT_FALSE(form.FindRow("2.7b")->kind.bins.front().min.has_value());
  EXPECT_EQ(form.FindRow("7.2a")->kind.derived_from, "7.2b");
  EXPECT_EQ(form.FindRow("6.4a")->kind.derivation, "round-to-1-significant-figure");
  EXPECT_TRUE(form.FindRow("7.1a")->kind.bins[1].in_months);
  EXPECT_EQ(form.FindRow("7.2b")->kind.min_significant_figures, 2);
  EXPECT_EQ(form.FindRow("8.1")->kind.unit, "MWh");
}

// AI Act Annex XI Section 1 and Annex XII: every item is served by some row. Audience-aware,
// the one known gap is Annex XI 2(a), served only by row 4.4 (downstream providers only).
TEST(DocumentationFormTest, AnnexXiCoverageFindsTheOneAudienceGap) {
  Form form = Shipped();
  std::vector<ItemCoverage> coverage = AnnexCoverage(form, form.annex_xi, true);
  EXPECT_EQ(coverage.size(), 18u);  // 10 plain items, 5 parts of 2(c), 3 systemic-risk items
  std::vector<std::string> gaps;
  for (const ItemCoverage& item : coverage) {
    EXPECT_TRUE(item.covered()) << item.item;
    if (!item.audiences_missing.empty()) gaps.push_back(item.item);
  }
  EXPECT_EQ(gaps, std::vector<std::string>{"2(a)"});
  for (const ItemCoverage& item : coverage) {
    if (item.item.starts_with("S2.")) {
      EXPECT_TRUE(item.served_outside_form);
    }
  }
}

TEST(DocumentationFormTest, AnnexXiiIsFullyCoveredForDownstreamProviders) {
  Form form = Shipped();
  std::vector<ItemCoverage> coverage = AnnexCoverage(form, form.annex_xii, false);
  EXPECT_EQ(coverage.size(), 13u);  // 10 plain items and 3 parts of 2(c)
  for (const ItemCoverage& item : coverage) {
    EXPECT_TRUE(item.covered()) << item.item;
    EXPECT_TRUE(item.audiences_missing.empty()) << item.item;
  }
}

// Code of Practice, Transparency, Measure 1.2(4): answer within 14 days, from the Code's data.
TEST(DocumentationFormTest, DownstreamAnswerClockComesFromTheCodeData) {
  Result<law::Sourced<int>> days =
      LoadCodeClockDays(DataDir(), "2025-07", "downstream-request-answer");
  ASSERT_TRUE(days.ok()) << days.status().message();
  EXPECT_EQ(days->value, 14);
  EXPECT_NE(days->provenance.source.find("Measure 1.2"), std::string::npos);
  EXPECT_FALSE(LoadCodeClockDays(DataDir(), "2025-07", "no-such-clock").ok());
}

// A typo in the data fails loudly, naming file:line:column.
TEST(DocumentationFormTest, BadFormNamesFileLineAndColumn) {
  Result<std::string> text = ReadFile(DataDir() / "forms/model-documentation-form-2025-07.yaml");
  ASSERT_TRUE(text.ok());
  std::string broken = *text;
  size_t at = broken.find("audiences: [ai-office, nca]\n    kind: {type: text, examples");
  ASSERT_NE(at, std::string::npos);
  broken.replace(at, 27, "audiences: [ai-ofice, nca]");
  std::filesystem::path path = std::filesystem::temp_directory_path() / "gpaikit-bad-form.yaml";
  ASSERT_TRUE(WriteFile(path, broken).ok());
  Result<Form> form = LoadForm(path);
  ASSERT_FALSE(form.ok());
  EXPECT_NE(form.status().message().find("gpaikit-bad-form.yaml:"), std::string::npos);
  EXPECT_NE(form.status().message().find("did you mean 'ai-office'"), std::string::npos)
      << form.status().message();
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace gpaikit::law::form

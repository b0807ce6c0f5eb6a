// Tests of the Form laid out for DOCX and PDF exports (rows, tick boxes) and of the footer rule
// that ties a printed copy to the ledger entry recording it (issue 18; docs/exchange.md).
#include <gtest/gtest.h>

#include <algorithm>

#include "docs/docs_test_util.h"
#include "gpaikit/docs/exchange.h"

namespace gpaikit::docs {
namespace {

using testing::Build;
using testing::Model;

// The value cell of row `id` in `document`, or "" when the row is absent.
std::string ValueOf(const report::Document& document, const std::string& id) {
  for (const report::Section& section : document.sections) {
    for (const report::Block& block : section.blocks) {
      const auto* table = std::get_if<report::Table>(&block);
      if (!table) continue;
      for (const auto& row : table->rows) {
        if (row.at(0).text == id) return row.at(2).text;
      }
    }
  }
  return "";
}

// Code of Practice, Transparency, Measure 1.2: the downstream Form holds the audience's rows only,
// with the Form's audience tick boxes, and choice and range rows show every option of the Form.
TEST(FormDocumentTest, RowsOfTheAudienceWithEveryOptionAsATickBox) {
  auto fixture =
      Build(Model("    documentation:\n      \"3.2b\": proprietary\n"
                  "      \"6.2\": [Web crawling, Licensed archive of a publisher]\n"));
  ASSERT_TRUE(fixture->documentation.ok()) << fixture->documentation.status().message();
  const law::form::Form& form = testing::Form();
  report::Document document = FormDocument(*fixture->documentation, form, "downstream");
  size_t rows = 0;
  for (const report::Section& section : document.sections) {
    const auto& table = std::get<report::Table>(section.blocks.at(0));
    ASSERT_EQ(table.header.size(), 3 + form.audiences.size());
    EXPECT_EQ(table.header.back(), "DP");
    for (const auto& row : table.rows) {
      EXPECT_EQ(row.back().text, "\u2612") << row.at(0).text << ": every row is ticked for DP";
    }
    rows += table.rows.size();
  }
  EXPECT_EQ(rows, form.RowsFor("downstream").size());
  EXPECT_EQ(ValueOf(document, "1.3"), "") << "1.3 is not a downstream row";
  // Row 2.3 is derived from the model's modalities as "Text, Images".
  EXPECT_EQ(ValueOf(document, "2.3"),
            "\u2612 Text\n\u2612 Images\n\u2610 Audio\n\u2610 Video\n"
            "\u2610 If any other please specify");
  EXPECT_EQ(ValueOf(document, "3.2b"),
            "\u2610 free and open source\n"
            "\u2610 less permissive (use restrictions, e.g. for ethical use)\n"
            "\u2612 proprietary");
  std::string provenance = ValueOf(document, "6.2");
  EXPECT_NE(provenance.find("\u2612 Web crawling\n"), std::string::npos) << provenance;
  EXPECT_NE(provenance.find("\u2610 User data\n"), std::string::npos) << provenance;
  EXPECT_TRUE(provenance.ends_with("\u2612 Other (specify): Licensed archive of a publisher"))
      << provenance;
  // 2.7b, a range: 7.3B parameters ticks 5B-15B only.
  std::string size = ValueOf(document, "2.7b");
  EXPECT_NE(size.find("\u2612 5B\u201315B"), std::string::npos) << size;
  EXPECT_EQ(std::count(size.begin(), size.end(), '\n') + 1, 8) << size;
  EXPECT_EQ(size.find("\u2612", size.find("\u2612") + 1), std::string::npos) << size;
}

PublishedVersion Version(int64_t seq, const nlohmann::json& document) {
  PublishedVersion version;
  version.seq = seq;
  version.hash = std::string(64, static_cast<char>('a' + seq));
  version.content = {{"documentation", document}, {"rendered", nlohmann::json::object()}};
  return version;
}

// The footer names the ledger entry only when its stored document is the one exported: the
// newest version, equal to the document; an older equal version does not count (the document
// was changed back and forth since, and the newest entry is what `ledger verify` vouches for).
TEST(PageFooterTest, HashOnlyWhenTheNewestVersionRecordsTheDocument) {
  nlohmann::json current = {{"rows", {{"1.1", "A"}}}};
  nlohmann::json older = {{"rows", {{"1.1", "B"}}}};
  EXPECT_EQ(RecordingVersion({}, current), nullptr);
  std::vector<PublishedVersion> versions = {Version(1, older), Version(4, current)};
  ASSERT_EQ(RecordingVersion(versions, current), &versions.back());
  EXPECT_EQ(RecordingVersion(versions, older), nullptr);
  EXPECT_EQ(PageFooter("Form, m, for AI Office", "2", "2026-12-01", &versions.back()),
            "Form, m, for AI Office \u00b7 version 2 \u00b7 2026-12-01 \u00b7 ledger entry 4 "
            "SHA-256 " +
                std::string(64, 'e'));
  EXPECT_EQ(PageFooter("Form, m, for AI Office", "3 (draft)", "2026-12-06", nullptr),
            "Form, m, for AI Office \u00b7 version 3 (draft) \u00b7 2026-12-06 \u00b7 not recorded "
            "in the ledger");
}

}  // namespace
}  // namespace gpaikit::docs

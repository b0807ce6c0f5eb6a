// Tests for `import hf-card` (docs/documentation.md): what a card maps to, and bounded time on
// hostile cards (issue 14: std::regex recursion crashed on a 30,000-character heading or a
// 200 KB line; the scanners that replaced it are linear).
#include <gtest/gtest.h>

#include <string>

#include "gpaikit/docs/import.h"

namespace gpaikit::docs {
namespace {

bool Has(const HfCardImport& import, const std::string& fragment) {
  return import.entry.find(fragment) != std::string::npos;
}

TEST(HfCardImportTest, TitleParametersAndSectionsAreMapped) {
  Result<HfCardImport> import = ImportHfCard(
      "---\nlicense: apache-2.0\n---\n# Lumen 7B\n\nA model with 7.3 Billion  parameters.\n"
      "## Training Data\nWeb text.\n### Bias\nSome.\n## Other\nx\n",
      "README.md", "");
  ASSERT_TRUE(import.ok()) << import.status().message();
  EXPECT_TRUE(Has(*import, "id: lumen-7b")) << import->entry;
  EXPECT_TRUE(Has(*import, "total: 7.30e+09")) << import->entry;
  EXPECT_TRUE(Has(*import, "6.3: Web text.")) << import->entry;
  EXPECT_TRUE(Has(*import, "6.8: Some.")) << import->entry;
  bool other = false;
  for (const std::string& item : import->unmapped) other |= item == "section 'Other'";
  EXPECT_TRUE(other);
}

TEST(HfCardImportTest, FirstNumberWithAUnitAndParamWins) {
  Result<HfCardImport> import =
      ImportHfCard("# M\n\n1.2.3 things, 12 bytes, 450M params and 7B parameters\n", "c", "m");
  ASSERT_TRUE(import.ok());
  EXPECT_TRUE(Has(*import, "total: 4.50e+08")) << import->entry;
}

TEST(HfCardImportTest, LongHeadingsAndLinesFinish) {
  std::string title = "# " + std::string(30000, 'T') + "\n";
  std::string line(200000, '7');
  std::string spaced;
  for (int i = 0; i < 50000; ++i) spaced += "1 ";
  std::string card = title + line + "\n## " + std::string(30000, 'h') + "\n" + spaced + "\n" +
                     std::string(100000, '#') + "\n" + "9 " + std::string(100000, ' ') + "B\n";
  Result<HfCardImport> import = ImportHfCard(card, "README.md", "long");
  ASSERT_TRUE(import.ok()) << import.status().message();
  EXPECT_TRUE(Has(*import, "id: long"));
}

// Hardening: the id derived from a 30,000-character title was that long (an id has at most 128
// characters), and the unmapped list quoted long headings whole.
TEST(HfCardImportTest, LongTitleGivesAValidIdAndShortMessages) {
  std::string card = "# " + std::string(30000, 'T') + "\n\n## " + std::string(30000, 'h') + "\n";
  Result<HfCardImport> import = ImportHfCard(card, "README.md", "");
  ASSERT_TRUE(import.ok()) << import.status().message();
  EXPECT_TRUE(Has(*import, "id: " + std::string(128, 't') + "\n")) << import->entry.substr(0, 300);
  for (const std::string& item : import->unmapped)
    EXPECT_LT(item.size(), 200u) << item.substr(0, 80);
}

}  // namespace
}  // namespace gpaikit::docs

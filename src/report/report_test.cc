// Tests for the report renderers: structure, escaping, and colour only when asked.
#include "gpaikit/report/report.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "base/temp_dir_test_util.h"
#include "gpaikit/base/files.h"
#include "report/print_html.h"

namespace gpaikit::report {
namespace {

Document Sample() {
  Document document;
  document.title = "Report <A&B>";
  document.header = {{"Project", {"x|y", Tone::kPlain}}};
  Section section;
  section.id = "s1";
  section.title = "Obligations";
  section.blocks.push_back(Paragraph{{"overdue item", Tone::kBad}});
  section.blocks.push_back(Table{{"id", "status"}, {{{"AIA-54"}, {"overdue", Tone::kBad}}}});
  section.blocks.push_back(BulletList{{{"because a|b"}}});
  Section child;
  child.id = "s1-c";
  child.title = "Child";
  child.blocks.push_back(FactList{{{"Due", {"2026-08-02", Tone::kWarn}}}});
  section.children.push_back(child);
  document.sections.push_back(section);
  return document;
}

TEST(ReportTest, MarkdownHasHeadingsTablesAndEscapedPipes) {
  std::string md = RenderMarkdown(Sample());
  EXPECT_NE(md.find("# Report &lt;A&amp;B&gt;\n"), std::string::npos);
  EXPECT_NE(md.find("## Obligations\n"), std::string::npos);
  EXPECT_NE(md.find("### Child\n"), std::string::npos);
  EXPECT_NE(md.find("| id | status |\n| --- | --- |\n| AIA-54 | **overdue** |"), std::string::npos)
      << md;
  EXPECT_NE(md.find("x\\|y"), std::string::npos);
  EXPECT_NE(md.find("- because a\\|b"), std::string::npos);
}

// Hardening: user text went into Markdown as markup (raw HTML, links, code, headings).
TEST(ReportTest, EscapeMarkdownKeepsUserTextFromBecomingMarkup) {
  EXPECT_EQ(EscapeMarkdown("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
  EXPECT_EQ(EscapeMarkdown("<img src=x onerror=alert(1)>"), "&lt;img src=x onerror=alert(1)&gt;");
  EXPECT_EQ(EscapeMarkdown("[x](javascript:alert(1))"), "\\[x\\](javascript:alert(1))");
  EXPECT_EQ(EscapeMarkdown("![i](u) `c` *e* _u_ ~~s~~ a\\b"),
            "!\\[i\\](u) \\`c\\` \\*e\\* \\_u\\_ \\~\\~s\\~\\~ a\\\\b");
  EXPECT_EQ(EscapeMarkdown("a | b"), "a \\| b");
  EXPECT_EQ(EscapeMarkdown("# Heading"), "\\# Heading");
  EXPECT_EQ(EscapeMarkdown("  - item"), "  \\- item");
  EXPECT_EQ(EscapeMarkdown("---"), "\\---");
  EXPECT_EQ(EscapeMarkdown("1. first"), "1\\. first");
  EXPECT_EQ(EscapeMarkdown("line\n# two\r\nthree\rfour"), "line<br># two<br>three<br>four");
  EXPECT_EQ(EscapeMarkdown("&lt; &#60; R&D & co"), "&amp;lt; &amp;#60; R&amp;D & co");
  // What is not markup stays as written.
  EXPECT_EQ(EscapeMarkdown("1.1 -5 2026-07-10 a-b (x) #3 wall_clock_days"),
            "1.1 -5 2026-07-10 a-b (x) #3 wall_clock_days");
}

TEST(ReportTest, MarkdownEscapesTitlesAndCells) {
  Document document;
  document.title = "[t](javascript:x)";
  Section section;
  section.title = "# <b>";
  section.blocks.push_back(Table{{"a|b"}, {{{"`x` | <i>"}}}});
  document.sections.push_back(section);
  std::string md = RenderMarkdown(document);
  EXPECT_NE(md.find("# \\[t\\](javascript:x)\n"), std::string::npos) << md;
  EXPECT_NE(md.find("## \\# &lt;b&gt;\n"), std::string::npos) << md;
  EXPECT_NE(md.find("| a\\|b |"), std::string::npos) << md;
  EXPECT_NE(md.find("| \\`x\\` \\| &lt;i&gt; |"), std::string::npos) << md;
}

TEST(ReportTest, HtmlIsSelfContainedEscapedAndPrintReady) {
  std::string html = RenderHtml(Sample()).value();
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<title>Report &lt;A&amp;B&gt;</title>"), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"bad\">overdue</span>"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("http"), std::string::npos);  // no external resources
  EXPECT_NE(html.find("<section id=\"s1-c\">"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"nw\">AIA-54</td>"), std::string::npos);
}

TEST(ReportTest, HtmlTypesetsPowersOfTen) {
  Document document;
  document.title = "t";
  document.sections.push_back(
      {"s", "S", {Paragraph{{"4.2x10^25 FLOP, 1.0x10^-3, box10^2 stays"}}}, {}});
  std::string html = RenderHtml(document).value();
  EXPECT_NE(html.find("4.2&times;10<sup>25</sup> FLOP, 1.0&times;10<sup>-3</sup>, box10^2 stays"),
            std::string::npos);
}

// Issue 15: "Every page is rendered through a template engine that escapes by default": hostile
// text in every kind of value (title, fact label, section id and title, column, cell, list item)
// comes back escaped, and mustache tags in the data stay text.
TEST(ReportTest, HtmlEscapesHostileTextEverywhere) {
  const std::string hostile = "<script>alert('x')</script>\"{{title}}&amp;";
  const std::string escaped =
      "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;{{title}}&amp;amp;";
  Document document;
  document.title = hostile;
  document.header = {{hostile, {hostile, Tone::kBad}}};
  Section section;
  section.id = hostile;
  section.title = hostile;
  section.blocks.push_back(Paragraph{{hostile}});
  section.blocks.push_back(FactList{{{hostile, {hostile}}}});
  section.blocks.push_back(BulletList{{{hostile, Tone::kWarn}}});
  section.blocks.push_back(Table{{hostile}, {{{hostile, Tone::kMuted}}}});
  document.sections.push_back(section);
  for (bool print : {false, true}) {
    std::string html =
        print ? RenderPrintHtml(document, hostile).value() : RenderHtml(document).value();
    EXPECT_EQ(html.find("<script"), std::string::npos) << html;
    EXPECT_EQ(html.find("'x'"), std::string::npos) << html;
    size_t count = 0;
    for (size_t at = html.find(escaped); at != std::string::npos; at = html.find(escaped, at + 1)) {
      ++count;
    }
    // title twice on the screen page (title, h1), once in print; header label and value, section
    // id and title, paragraph, fact label and value, item, column, cell; print: the page footer.
    EXPECT_EQ(count, print ? 13u : 12u) << html;
  }
}

TEST(ReportTest, PrintHtmlKeepsLineBreaksAndColumnWidths) {
  Document document;
  document.title = "t";
  document.sections.push_back(
      {"s", "S", {Table{{"a", "b"}, {{{"one\ntwo<"}, {"x"}}}, {30, 70}}}, {}});
  std::string html = RenderPrintHtml(document, "").value();
  EXPECT_NE(html.find("<colgroup><col width=\"30%\" style=\"width: 30%\"><col width=\"70%\" "
                      "style=\"width: 70%\"></colgroup>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<td class=\"nw\">one<br>two&lt;</td>"), std::string::npos) << html;
  EXPECT_EQ(html.find("page-footer"), std::string::npos) << html;
  std::string screen = RenderHtml(document).value();
  EXPECT_EQ(screen.find("<colgroup>"), std::string::npos);
  EXPECT_NE(screen.find("one\ntwo&lt;"), std::string::npos);
}

// A provider brands the reports with its own copy of the template folder (docs/reports.md).
TEST(ReportTest, HtmlFromABrandedTemplateFolder) {
  test_util::TempDir dir;
  std::filesystem::path branded = dir.path() / "brand";
  std::filesystem::copy(ReportTemplateFolder({}), branded);
  std::string page = ReadFile(branded / "document.html.mustache").value();
  size_t body = page.find("<body>\n");
  ASSERT_NE(body, std::string::npos);
  page.insert(body + 7, "<p class=\"brand\">Example Lab compliance</p>\n");
  dir.Write("brand/document.html.mustache", page);
  dir.Write("brand/style.css", ".brand { color: #123456; }\n");
  std::string html = RenderHtml(Sample(), branded).value();
  EXPECT_NE(html.find("<body>\n<p class=\"brand\">Example Lab compliance</p>\n<header>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<style>\n.brand { color: #123456; }\n</style>"), std::string::npos) << html;
  EXPECT_NE(html.find("<span class=\"bad\">overdue</span>"), std::string::npos);
  // The installed templates are untouched by it.
  EXPECT_EQ(RenderHtml(Sample()).value().find("brand"), std::string::npos);
}

TEST(ReportTest, MissingOrBrokenTemplateNamesTheFile) {
  test_util::TempDir dir;
  std::filesystem::path branded = dir.path() / "brand";
  std::filesystem::copy(ReportTemplateFolder({}), branded);
  std::filesystem::remove(branded / "span.mustache");
  Result<std::string> missing = RenderHtml(Sample(), branded);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(missing.status().message(),
            (branded / "span.mustache").string() + ": no such file (report template)");
  dir.Write("brand/span.mustache", "{{#parts}}{{text}}");
  Result<std::string> broken = RenderHtml(Sample(), branded);
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find((branded / "span.mustache").string() +
                                           ": invalid mustache template: "),
            std::string::npos)
      << broken.status().message();
  Result<std::string> no_folder = RenderHtml(Sample(), dir.path() / "none");
  ASSERT_FALSE(no_folder.ok());
  EXPECT_NE(no_folder.status().message().find("none/document.html.mustache"), std::string::npos);
}

TEST(ReportTest, TerminalColourOnlyWhenAsked) {
  std::string plain = RenderTerminal(Sample(), false);
  std::string colour = RenderTerminal(Sample(), true);
  EXPECT_EQ(plain.find('\033'), std::string::npos);
  EXPECT_NE(colour.find("\033[1;31moverdue\033[0m"), std::string::npos);
  EXPECT_NE(plain.find("AIA-54  overdue"), std::string::npos) << plain;
}

}  // namespace
}  // namespace gpaikit::report

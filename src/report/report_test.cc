// Tests for the report renderers: structure, escaping, and colour only when asked.
#include "gpaikit/report/report.h"

#include <gtest/gtest.h>

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
  EXPECT_NE(md.find("# Report <A&B>\n"), std::string::npos);
  EXPECT_NE(md.find("## Obligations\n"), std::string::npos);
  EXPECT_NE(md.find("### Child\n"), std::string::npos);
  EXPECT_NE(md.find("| id | status |\n| --- | --- |\n| AIA-54 | **overdue** |"), std::string::npos)
      << md;
  EXPECT_NE(md.find("x\\|y"), std::string::npos);
  EXPECT_NE(md.find("- because a\\|b"), std::string::npos);
}

TEST(ReportTest, HtmlIsSelfContainedEscapedAndPrintReady) {
  std::string html = RenderHtml(Sample());
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
  std::string html = RenderHtml(document);
  EXPECT_NE(html.find("4.2&times;10<sup>25</sup> FLOP, 1.0&times;10<sup>-3</sup>, box10^2 stays"),
            std::string::npos);
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

// Tests for TemplateSet: escaping by default, partials, a custom escape, parsed templates kept
// for later and concurrent renders, and errors naming files.
#include "gpaikit/base/template_set.h"

#include <gtest/gtest.h>

#include <thread>

#include "base/temp_dir_test_util.h"

namespace gpaikit {
namespace {

TEST(TemplateSetTest, EscapesValuesAndRendersPartials) {
  test_util::TempDir dir;
  dir.Write("page.mustache", "{{! a comment line }}\n<p>{{text}}</p>{{> part}}");
  dir.Write("part.mustache", "<i>{{text}}</i>");
  dir.Write("style.css", "p { color: red; }\n");
  Result<TemplateSet> set =
      TemplateSet::Load(dir.path(), {"test template", {"page", "part"}, {"part"}, {"style.css"}});
  ASSERT_TRUE(set.ok()) << set.status().message();
  TemplateData data;
  data.set("text", "<b a=\"1\">'&'</b>");
  EXPECT_EQ(set->Render("page", data).value(),
            "<p>&lt;b a=&quot;1&quot;&gt;&apos;&amp;&apos;&lt;/b&gt;</p>"
            "<i>&lt;b a=&quot;1&quot;&gt;&apos;&amp;&apos;&lt;/b&gt;</i>");
  EXPECT_EQ(set->Render("page", data, [](const std::string&) { return std::string("X"); }).value(),
            "<p>X</p><i>X</i>");
  // The parsed template kept from the render before does not keep its escape.
  EXPECT_EQ(set->Render("page", data).value(),
            "<p>&lt;b a=&quot;1&quot;&gt;&apos;&amp;&apos;&lt;/b&gt;</p>"
            "<i>&lt;b a=&quot;1&quot;&gt;&apos;&amp;&apos;&lt;/b&gt;</i>");
  EXPECT_EQ(set->File("style.css"), "p { color: red; }\n");
  EXPECT_EQ(set->File("other.css"), "");
  Result<std::string> unknown = set->Render("nothing", data);
  EXPECT_EQ(unknown.status().code(), StatusCode::kInternal);
}

TEST(TemplateSetTest, ConcurrentRendersOfOneTemplateEachGetTheirOwnData) {
  test_util::TempDir dir;
  dir.Write("page.mustache", "{{#rows}}[{{n}}]{{/rows}}{{> part}}");
  dir.Write("part.mustache", "<{{who}}>");
  Result<TemplateSet> set =
      TemplateSet::Load(dir.path(), {"test template", {"page", "part"}, {"part"}, {}});
  ASSERT_TRUE(set.ok()) << set.status().message();
  const TemplateSet copy = *set;  // copies render from the same kept templates
  std::vector<std::string> wrong(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        TemplateData data;
        kainjow::mustache::list rows;
        std::string expected;
        for (int r = 0; r < 1 + (t + i) % 5; ++r) {
          TemplateData row;
          row.set("n", std::to_string(t * 1000 + r));
          rows.push_back(row);
          expected.append("[").append(std::to_string(t * 1000 + r)).append("]");
        }
        data.set("rows", rows);
        std::string who = std::string("t").append(std::to_string(t));
        data.set("who", who);
        expected.append("<").append(who).append(">");
        Result<std::string> out = (t % 2 ? copy : *set).Render("page", data);
        if (!out.ok() || *out != expected) {
          wrong[t] = out.ok() ? *out + " instead of " + expected : out.status().message();
          return;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& problem : wrong) EXPECT_EQ(problem, "");
}

TEST(TemplateSetTest, PartialsInsideThemselvesAndDelimiterChangesStillRender) {
  test_util::TempDir dir;
  // `tree` includes itself (kept as a tag), `leaf` is inlined, `odd` changes the delimiters.
  dir.Write("page.mustache", "{{#root}}{{> tree}}{{/root}}|{{> odd}}|{{>leaf}}");
  dir.Write("tree.mustache", "({{name}}{{#children}}{{> tree}}{{/children}}{{> leaf }})");
  dir.Write("leaf.mustache", "<{{mark}}>");
  dir.Write("odd.mustache", "{{=<% %>=}}<%mark%>{{mark}}");
  Result<TemplateSet> set = TemplateSet::Load(
      dir.path(), {"test template", {"page", "tree", "leaf", "odd"}, {"tree", "leaf", "odd"}, {}});
  ASSERT_TRUE(set.ok()) << set.status().message();
  TemplateData c;
  c.set("name", "c");
  c.set("children", kainjow::mustache::list{});  // not looked up in b, the enclosing context
  TemplateData b;
  b.set("name", "b");
  b.set("children", kainjow::mustache::list{c});
  TemplateData a;
  a.set("name", "a");
  a.set("children", kainjow::mustache::list{b});
  TemplateData data;
  data.set("root", a);
  data.set("mark", "m");
  EXPECT_EQ(set->Render("page", data).value(), "(a(b(c<m>)<m>)<m>)|m{{mark}}|<m>");
}

TEST(TemplateSetTest, ErrorsNameTheFile) {
  test_util::TempDir dir;
  dir.Write("page.mustache", "{{#open}}never closed");
  Result<TemplateSet> broken = TemplateSet::Load(dir.path(), {"test template", {"page"}, {}, {}});
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(broken.status().message().find((dir.path() / "page.mustache").string() +
                                           ": invalid mustache template: "),
            std::string::npos)
      << broken.status().message();
  Result<TemplateSet> missing = TemplateSet::Load(dir.path(), {"test template", {"gone"}, {}, {}});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(),
            (dir.path() / "gone.mustache").string() + ": no such file (test template)")
      << missing.status().message();
  dir.Write("ok.mustache", "x");
  Result<TemplateSet> no_css =
      TemplateSet::Load(dir.path(), {"test template", {"ok"}, {}, {"style.css"}});
  ASSERT_FALSE(no_css.ok());
  EXPECT_NE(no_css.status().message().find("style.css: no such file (test template)"),
            std::string::npos);
  Result<TemplateSet> bad_spec =
      TemplateSet::Load(dir.path(), {"test template", {"ok"}, {"other"}, {}});
  EXPECT_EQ(bad_spec.status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace gpaikit

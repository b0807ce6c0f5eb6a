// Tests of RunTool: argv without a shell, stdin and stdout through pipes, and the messages for a
// missing or failing program (issue 18: DOCX and PDF through pandoc and weasyprint).
#include "gpaikit/base/external_tool.h"

#include <gtest/gtest.h>

#include <string>

namespace gpaikit {
namespace {

TEST(ExternalToolTest, PassesInputThroughAndCollectsOutput) {
  std::string big(300000, 'x');  // larger than a pipe buffer: stdin and stdout must interleave
  Result<ToolOutput> out = RunTool({"cat"}, big, "coreutils");
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(out->stdout_text, big);
}

TEST(ExternalToolTest, ArgumentsAreNotInterpretedByAShell) {
  Result<ToolOutput> out = RunTool({"echo", "$HOME; rm -rf /", "`x`"}, "", "coreutils");
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(out->stdout_text, "$HOME; rm -rf / `x`\n");
}

TEST(ExternalToolTest, MissingProgramIsNamedWithItsPackage) {
  Result<ToolOutput> out = RunTool({"gpaikit-no-such-tool", "--version"}, "", "Debian's xyz");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kInternal);
  EXPECT_EQ(out.status().message(),
            "gpaikit-no-such-tool: not found on PATH; install Debian's xyz (scripts/install-deps "
            "installs it)");
}

TEST(ExternalToolTest, FailureQuotesTheLastLinesOfStandardError) {
  Result<ToolOutput> out = RunTool({"sh", "-c", "echo one >&2; echo two >&2; exit 3"}, "", "dash");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().message(), "sh failed (exit 3): one; two");
}

TEST(ExternalToolTest, ToolThatIgnoresItsInputDoesNotKillTheCaller) {
  Result<ToolOutput> out = RunTool({"true"}, std::string(1 << 20, 'y'), "coreutils");
  EXPECT_TRUE(out.ok()) << out.status().message();
}

TEST(ExternalToolTest, EnvironmentEntriesReplaceOrAddToTheInheritedOnes) {
  setenv("GPAIKIT_TOOL_TEST_INHERITED", "kept", 1);
  setenv("SOURCE_DATE_EPOCH", "1", 1);
  Result<ToolOutput> out =
      RunTool({"sh", "-c",
               "echo \"$GPAIKIT_TOOL_TEST_INHERITED $SOURCE_DATE_EPOCH $GPAIKIT_TOOL_TEST_NEW\"; "
               "env | grep -c '^SOURCE_DATE_EPOCH='"},
              "", "dash", {"SOURCE_DATE_EPOCH=1765000000", "GPAIKIT_TOOL_TEST_NEW=new"});
  unsetenv("SOURCE_DATE_EPOCH");
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(out->stdout_text, "kept 1765000000 new\n1\n");
}

}  // namespace
}  // namespace gpaikit

// Tests of reservation signals in HTTP headers and HTML meta tags (TDMRep, noai, aipref).
#include "gpaikit/optout/signals.h"

#include <gtest/gtest.h>

namespace gpaikit::optout {
namespace {

const std::vector<std::string> kAgents = {"GPTBot"};

// TDMRep final report, "TDM Header Field": tdm-reservation 1 reserves, with tdm-policy.
TEST(HeaderSignals, TdmRepHeaders) {
  std::vector<HttpHeader> headers = {{"TDM-Reservation", "1"},
                                     {"tdm-policy", "https://a.example/policy.json"}};
  auto signals = HeaderSignals(headers, kAgents);
  ASSERT_EQ(signals.size(), 1u);
  EXPECT_EQ(signals[0].kind, SignalKind::kTdmRepHeader);
  EXPECT_EQ(signals[0].effect, SignalEffect::kReserves);
  EXPECT_EQ(signals[0].policy, "https://a.example/policy.json");
  std::vector<HttpHeader> zero = {{"tdm-reservation", "0"}};
  EXPECT_EQ(HeaderSignals(zero, kAgents)[0].effect, SignalEffect::kPermits);
  // Other values are protocol errors: treated as unset, reported.
  std::vector<HttpHeader> bad = {{"tdm-reservation", "2"}};
  EXPECT_EQ(HeaderSignals(bad, kAgents)[0].effect, SignalEffect::kInvalid);
}

TEST(HeaderSignals, XRobotsTagNoAi) {
  std::vector<HttpHeader> headers = {{"X-Robots-Tag", "noindex, noai"}};
  auto signals = HeaderSignals(headers, kAgents);
  ASSERT_EQ(signals.size(), 1u);
  EXPECT_EQ(signals[0].rule, "noai");
  EXPECT_EQ(signals[0].effect, SignalEffect::kReserves);
  // noimageai reserves images only.
  std::vector<HttpHeader> image = {{"X-Robots-Tag", "noimageai"}};
  EXPECT_EQ(HeaderSignals(image, kAgents, false)[0].effect, SignalEffect::kNeutral);
  EXPECT_EQ(HeaderSignals(image, kAgents, true)[0].effect, SignalEffect::kReserves);
  // Scoped to another agent: ignored; to ours: applies.
  std::vector<HttpHeader> other = {{"X-Robots-Tag", "otherbot: noai"}};
  EXPECT_TRUE(HeaderSignals(other, kAgents).empty());
  std::vector<HttpHeader> ours = {{"X-Robots-Tag", "gptbot: noai"}};
  EXPECT_EQ(HeaderSignals(ours, kAgents).size(), 1u);
}

TEST(HeaderSignals, ContentUsageAndSignal) {
  std::vector<HttpHeader> headers = {{"Content-Usage", "search=y, train-ai=n"},
                                     {"Content-Signal", "search=yes, ai-train=yes"}};
  auto signals = HeaderSignals(headers, kAgents);
  ASSERT_EQ(signals.size(), 2u);
  EXPECT_EQ(signals[0].kind, SignalKind::kContentUsage);
  EXPECT_EQ(signals[0].effect, SignalEffect::kReserves);
  EXPECT_EQ(signals[1].kind, SignalKind::kContentSignal);
  EXPECT_EQ(signals[1].effect, SignalEffect::kPermits);
  std::string deciding;
  EXPECT_EQ(TrainingPreference("search=y", false, &deciding), SignalEffect::kNeutral);
  EXPECT_EQ(TrainingPreference("ai-train=no", true, &deciding), SignalEffect::kReserves);
  EXPECT_EQ(deciding, "ai-train=no");
}

TEST(HtmlMetaSignals, TdmRepAndRobotsMeta) {
  const char* html =
      "<html><head>\n"
      "<meta charset=utf-8>\n"
      "<META NAME=\"tdm-reservation\" CONTENT=\"1\">\n"
      "<meta name='tdm-policy' content='https://a.example/p'>\n"
      "<!-- <meta name=\"robots\" content=\"noai\"> -->\n"
      "<meta name=\"robots\" content=\"noai, noimageai\" />\n"
      "<meta name=\"GPTBot\" content=\"noai\">\n"
      "<meta name=\"otherbot\" content=\"noai\">\n"
      "</head></html>";
  auto signals = HtmlMetaSignals(html, kAgents);
  ASSERT_EQ(signals.size(), 4u);
  EXPECT_EQ(signals[0].kind, SignalKind::kTdmRepMeta);
  EXPECT_EQ(signals[0].line, 3u);
  EXPECT_EQ(signals[0].policy, "https://a.example/p");
  EXPECT_EQ(signals[1].rule, "<meta name=\"robots\" content=\"noai, noimageai\">");
  EXPECT_EQ(signals[1].line, 6u);
  EXPECT_EQ(signals[1].effect, SignalEffect::kReserves);
  EXPECT_EQ(signals[2].effect, SignalEffect::kNeutral);  // noimageai on a page
  EXPECT_EQ(signals[3].line, 7u);
}

TEST(HtmlMetaSignals, TruncatedMarkupIsSafe) {
  EXPECT_TRUE(HtmlMetaSignals("<meta name=\"robots\" content=\"noai", kAgents).size() == 1u);
  EXPECT_TRUE(HtmlMetaSignals("<meta", kAgents).empty());
  EXPECT_TRUE(HtmlMetaSignals("<", kAgents).empty());
  EXPECT_TRUE(HtmlMetaSignals("<!-- <meta name=robots content=noai>", kAgents).empty());
}

TEST(ParseHttpHeader, NameAndValue) {
  HttpHeader header;
  ASSERT_TRUE(ParseHttpHeader("X-Robots-Tag:  noai ", &header));
  EXPECT_EQ(header.first, "X-Robots-Tag");
  EXPECT_EQ(header.second, "noai");
  EXPECT_FALSE(ParseHttpHeader("no colon", &header));
  EXPECT_FALSE(ParseHttpHeader(": value", &header));
}

}  // namespace
}  // namespace gpaikit::optout

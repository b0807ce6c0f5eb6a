// Tests of Decide: every kind of signal, both policies, precedence and explanations.
#include "gpaikit/optout/decision.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace gpaikit::optout {
namespace {

const char* kRobots =
    "User-agent: GPTBot\nDisallow: /private/\n\n"
    "User-agent: *\nDisallow: /admin/\nContent-Signal: ai-train=no\n";

struct Fixture {
  RobotsPolicy policy = RobotsPolicy::Parse(kRobots);
  Evidence evidence;
  DecisionOptions options;
  Fixture() {
    evidence.robots.fetch = RobotsFetch::kSuccess;
    evidence.robots.policy = &policy;
    evidence.robots.location = "https://a.example/robots.txt";
    options.agents = {"MyBot"};
  }
};

Decision MustDecide(std::string_view url, const Evidence& evidence,
                    const DecisionOptions& options) {
  Result<Decision> decision = Decide(url, evidence, options);
  EXPECT_TRUE(decision.ok()) << decision.status().message();
  return decision.ok() ? *decision : Decision{};
}

TEST(Decide, CrawlPolicyUsesOwnTokens) {
  Fixture f;
  // MyBot falls to '*': /private/ is allowed by robots.txt, but the '*' group's Content-Signal
  // reserves training.
  Decision decision = MustDecide("https://a.example/private/x", f.evidence, f.options);
  EXPECT_EQ(decision.verdict, Verdict::kReserved);
  EXPECT_NE(decision.summary.find("ai-train=no"), std::string::npos) << decision.summary;
  f.options.agents = {"GPTBot"};
  decision = MustDecide("https://a.example/private/x", f.evidence, f.options);
  EXPECT_EQ(decision.verdict, Verdict::kReserved);
  ASSERT_FALSE(decision.signals.empty());
  EXPECT_EQ(decision.signals[0].kind, SignalKind::kRobotsTxt);
  EXPECT_EQ(decision.signals[0].line, 2u);
  EXPECT_EQ(decision.signals[0].rule, "Disallow: /private/");
}

TEST(Decide, AllowedWhenNothingReserves) {
  RobotsPolicy policy = RobotsPolicy::Parse("User-agent: *\nDisallow: /admin/\n");
  Evidence evidence;
  evidence.robots.fetch = RobotsFetch::kSuccess;
  evidence.robots.policy = &policy;
  DecisionOptions options;
  options.agents = {"MyBot"};
  EXPECT_EQ(MustDecide("https://a.example/page", evidence, options).verdict, Verdict::kAllowed);
  EXPECT_EQ(MustDecide("https://a.example/admin/x", evidence, options).verdict, Verdict::kReserved);
  EXPECT_FALSE(Decide("https://a.example/", evidence, DecisionOptions{}).ok());  // no agent
}

// Audit: reserved if any registered training crawler is disallowed.
TEST(Decide, AuditPolicyChecksEveryTrainingCrawler) {
  auto registry =
      CrawlerRegistry::Load(std::filesystem::path(GPAIKIT_SOURCE_DIR) / "data/crawlers.yaml");
  ASSERT_TRUE(registry.ok());
  RobotsPolicy policy = RobotsPolicy::Parse("User-agent: GPTBot\nDisallow: /\n");
  Evidence evidence;
  evidence.robots.fetch = RobotsFetch::kSuccess;
  evidence.robots.policy = &policy;
  DecisionOptions options;
  options.policy = DecisionPolicy::kAudit;
  options.registry = &*registry;
  Decision decision = MustDecide("https://a.example/page", evidence, options);
  EXPECT_EQ(decision.verdict, Verdict::kReserved);
  EXPECT_NE(decision.summary.find("gptbot"), std::string::npos) << decision.summary;
  // The same file in crawl mode for another crawler: allowed.
  DecisionOptions crawl;
  crawl.agents = {"OtherBot"};
  EXPECT_EQ(MustDecide("https://a.example/page", evidence, crawl).verdict, Verdict::kAllowed);
}

// RFC 9309 section 2.3.1: fetch outcomes.
TEST(Decide, RobotsFetchOutcomes) {
  EXPECT_EQ(ClassifyRobotsFetch(200, 0), RobotsFetch::kSuccess);
  EXPECT_EQ(ClassifyRobotsFetch(404, 0), RobotsFetch::kUnavailable);
  EXPECT_EQ(ClassifyRobotsFetch(200, 6), RobotsFetch::kUnavailable);
  EXPECT_EQ(ClassifyRobotsFetch(503, 0), RobotsFetch::kUnreachable);
  EXPECT_EQ(ClassifyRobotsFetch(0, 0), RobotsFetch::kUnreachable);
  Evidence evidence;
  DecisionOptions options;
  options.agents = {"MyBot"};
  evidence.robots.fetch = RobotsFetch::kUnavailable;
  evidence.robots.http_status = 404;
  EXPECT_EQ(MustDecide("https://a.example/", evidence, options).verdict, Verdict::kAllowed);
  evidence.robots.fetch = RobotsFetch::kUnreachable;
  evidence.robots.http_status = 503;
  EXPECT_EQ(MustDecide("https://a.example/", evidence, options).verdict, Verdict::kReserved);
  evidence.robots.fetch = RobotsFetch::kNotFetched;
  EXPECT_EQ(MustDecide("https://a.example/", evidence, options).verdict, Verdict::kUnknown);
  // RFC 9309 section 2.4: a cached robots.txt older than 24 hours is not current evidence.
  evidence.robots.fetch = RobotsFetch::kUnavailable;
  evidence.robots.age_hours = 30;
  EXPECT_EQ(MustDecide("https://a.example/", evidence, options).verdict, Verdict::kUnknown);
}

// TDMRep precedence: tdmrep.json over headers over meta.
TEST(Decide, TdmRepPrecedence) {
  Fixture f;
  f.policy = RobotsPolicy::Parse("User-agent: *\nAllow: /\n");
  auto file = TdmRepFile::Parse(R"([{"location": "/open/", "tdm-reservation": 0}])", "tdm.json");
  ASSERT_TRUE(file.ok());
  f.evidence.tdmrep = &*file;
  f.evidence.headers = {{"tdm-reservation", "1"}};
  Decision decision = MustDecide("https://a.example/open/x", f.evidence, f.options);
  EXPECT_EQ(decision.verdict, Verdict::kAllowed);
  bool superseded = false;
  for (const Signal& signal : decision.signals) {
    if (signal.kind == SignalKind::kTdmRepHeader) superseded = signal.superseded;
  }
  EXPECT_TRUE(superseded);
  // No file rule for this path: the header decides.
  EXPECT_EQ(MustDecide("https://a.example/other", f.evidence, f.options).verdict,
            Verdict::kReserved);
}

TEST(Decide, NoAiAndContentUsageHeadersAndMeta) {
  Fixture f;
  f.policy = RobotsPolicy::Parse("User-agent: *\nAllow: /\n");
  f.evidence.headers = {{"X-Robots-Tag", "noai"}};
  EXPECT_EQ(MustDecide("https://a.example/", f.evidence, f.options).verdict, Verdict::kReserved);
  f.evidence.headers = {{"Content-Usage", "train-ai=n"}};
  EXPECT_EQ(MustDecide("https://a.example/", f.evidence, f.options).verdict, Verdict::kReserved);
  f.evidence.headers.clear();
  f.evidence.html = "<meta name=\"robots\" content=\"noai\">";
  Decision decision = MustDecide("https://a.example/", f.evidence, f.options);
  EXPECT_EQ(decision.verdict, Verdict::kReserved);
  EXPECT_EQ(decision.signals.back().line, 1u);
}

// Measure 1.2: blocklists by registrable domain, host suffix and exact URL.
TEST(Decide, Blocklists) {
  auto suffixes = PublicSuffixList::Load();
  ASSERT_TRUE(suffixes.ok());
  auto list = Blocklist::Parse(
      "# name: test-list\n# version: 3\n# date: 2025-07-01\n"
      "pirate.co.uk\n*.mirror.example\nhttps://a.example/stolen#frag\n",
      "list.txt");
  ASSERT_TRUE(list.ok()) << list.status().message();
  Fixture f;
  f.options.suffixes = suffixes->get();
  f.evidence.blocklists = {&*list};
  Decision decision = MustDecide("http://www.pirate.co.uk/x", f.evidence, f.options);
  EXPECT_EQ(decision.verdict, Verdict::kBlocked);
  EXPECT_EQ(decision.registrable_domain, "pirate.co.uk");
  EXPECT_EQ(decision.signals[0].line, 4u);
  EXPECT_EQ(decision.signals[0].source, "test-list 3 (2025-07-01)");
  EXPECT_FALSE(decision.suffix_list.empty());
  EXPECT_EQ(MustDecide("https://cdn.mirror.example/", f.evidence, f.options).verdict,
            Verdict::kBlocked);
  EXPECT_EQ(MustDecide("https://A.EXAMPLE:443/stolen", f.evidence, f.options).verdict,
            Verdict::kBlocked);
  EXPECT_NE(MustDecide("https://a.example/stolen2", f.evidence, f.options).verdict,
            Verdict::kBlocked);
  EXPECT_NE(MustDecide("https://notpirate.co.uk/", f.evidence, f.options).verdict,
            Verdict::kBlocked);
  auto bad = Blocklist::Parse("ok.example\nbad host/x\n", "l.txt");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("l.txt:2: expected a domain"), std::string::npos);
}

// RFC 9309 section 2.2.1: "KestrelBot/1.0" is matched by its product token, in the rules and in
// the group's Content-Usage line; the '*' group's lines do not apply to an agent with a group.
TEST(Decide, UserAgentReducedToProductToken) {
  RobotsPolicy policy = RobotsPolicy::Parse(
      "User-agent: KestrelBot\nAllow: /\nContent-Usage: train-ai=n\n\n"
      "User-agent: *\nDisallow: /\nContent-Usage: train-ai=y\n");
  Evidence evidence;
  evidence.robots.fetch = RobotsFetch::kSuccess;
  evidence.robots.policy = &policy;
  DecisionOptions options;
  options.agents = {"KestrelBot/1.0"};
  Decision decision = MustDecide("https://a.example/page", evidence, options);
  EXPECT_EQ(decision.verdict, Verdict::kReserved) << decision.summary;
  EXPECT_NE(decision.summary.find("train-ai=n"), std::string::npos) << decision.summary;
  EXPECT_TRUE(decision.warnings.empty());
  for (const Signal& signal : decision.signals) {
    EXPECT_NE(signal.rule, "Content-Usage: train-ai=y") << "the '*' group's line applied";
    EXPECT_NE(signal.rule, "Disallow: /") << "the '*' group's rule applied";
  }
  // A browser-style string is reduced too, with a warning: "Mozilla" falls to '*'.
  options.agents = {"Mozilla/5.0 (compatible; KestrelBot/1.0; +https://kestrel.example/bot)"};
  decision = MustDecide("https://a.example/page", evidence, options);
  ASSERT_EQ(decision.warnings.size(), 1u);
  EXPECT_NE(decision.warnings[0].find("browser-style"), std::string::npos);
  EXPECT_EQ(decision.verdict, Verdict::kReserved);
  EXPECT_NE(decision.summary.find("Disallow: /"), std::string::npos) << decision.summary;
  // Nothing to match at all: the crawl policy refuses.
  options.agents = {"/1.0"};
  EXPECT_FALSE(Decide("https://a.example/page", evidence, options).ok());
}

}  // namespace
}  // namespace gpaikit::optout

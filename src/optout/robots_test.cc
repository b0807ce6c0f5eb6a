// Unit tests of the robots.txt parser and matcher, each citing the RFC 9309 clause it checks.
#include "gpaikit/optout/robots.h"

#include <gtest/gtest.h>

#include <string>

#include "robots_reference_match.h"

namespace gpaikit::optout {
namespace {

bool Allowed(std::string_view body, std::string_view agent, std::string_view url) {
  return RobotsPolicy::Parse(body).Check(agent, url).allowed;
}

// RFC 9309 section 2.1: an empty file allows everything.
TEST(Robots, EmptyBodyAllowsAll) {
  RobotsMatch match = RobotsPolicy::Parse("").Check("FooBot", "http://a.example/x");
  EXPECT_TRUE(match.allowed);
  EXPECT_EQ(match.reason, RobotsReason::kNoGroup);
}

// RFC 9309 section 2.2.1: product tokens match case-insensitively; '*' is the fallback group.
TEST(Robots, UserAgentCaseInsensitiveAndFallback) {
  const char* body = "User-agent: FooBot\nDisallow: /foo\n\nUser-agent: *\nDisallow: /\n";
  EXPECT_FALSE(Allowed(body, "foobot", "http://a.example/foo/x"));
  EXPECT_TRUE(Allowed(body, "FOOBOT", "http://a.example/bar"));  // its own group wins over '*'
  EXPECT_FALSE(Allowed(body, "OtherBot", "http://a.example/bar"));
}

// RFC 9309 section 2.2.1: a group may list several user-agent lines.
TEST(Robots, SeveralAgentsPerGroup) {
  const char* body = "User-agent: a\nUser-agent: b\nDisallow: /x\nUser-agent: c\nAllow: /\n";
  EXPECT_FALSE(Allowed(body, "a", "/x"));
  EXPECT_FALSE(Allowed(body, "b", "/x"));
  EXPECT_TRUE(Allowed(body, "c", "/x"));
  RobotsPolicy policy = RobotsPolicy::Parse(body);
  ASSERT_EQ(policy.groups().size(), 2u);
  EXPECT_EQ(policy.groups()[0].agents.size(), 2u);
}

// RFC 9309 section 2.2.1: groups for the same agent are merged.
TEST(Robots, SameAgentGroupsMerge) {
  const char* body =
      "User-agent: a\nDisallow: /x\n\nUser-agent: b\nDisallow: /y\n\n"
      "User-agent: a\nDisallow: /z\n";
  EXPECT_FALSE(Allowed(body, "a", "/x"));
  EXPECT_FALSE(Allowed(body, "a", "/z"));
  EXPECT_TRUE(Allowed(body, "a", "/y"));
}

// RFC 9309 section 2.2.1: the product token is the [a-zA-Z_-] prefix of the value.
TEST(Robots, ProductTokenPrefix) {
  EXPECT_FALSE(Allowed("User-agent: FooBot/1.2\nDisallow: /\n", "FooBot", "/"));
  // The matcher compares the agent it is given as the reference matcher does (the conformance
  // verdicts, e.g. agent "Foo Bar" falling to '*'); optout::Decide reduces a full user agent.
  EXPECT_TRUE(Allowed("User-agent: FooBot/1.2\nDisallow: /\n", "FooBot/1.2", "/"));
  const char* body = "User-agent: KestrelBot\nDisallow: /private/\n\nUser-agent: *\nDisallow: /\n";
  EXPECT_TRUE(Allowed(body, RobotsProductToken("KestrelBot/1.0"), "/public"));
  EXPECT_FALSE(Allowed(body, RobotsProductToken("KestrelBot/1.0"), "/private/x"));
}

TEST(Robots, ProductTokenOfUserAgent) {
  EXPECT_EQ(RobotsProductToken("KestrelBot/1.0"), "KestrelBot");
  EXPECT_EQ(RobotsProductToken("Googlebot-Image/1.0"), "Googlebot-Image");
  EXPECT_EQ(RobotsProductToken("my_bot"), "my_bot");
  EXPECT_EQ(RobotsProductToken("/1.0"), "");
  EXPECT_FALSE(IsBrowserStyleUserAgent("KestrelBot/1.0"));
  EXPECT_FALSE(IsBrowserStyleUserAgent("KestrelBot"));
  EXPECT_TRUE(IsBrowserStyleUserAgent("Mozilla/5.0 (compatible; KestrelBot/1.0)"));
  EXPECT_EQ(UserAgentWarning("KestrelBot/1.0"), "");
  EXPECT_NE(UserAgentWarning("Mozilla/5.0 (compatible; KestrelBot/1.0)").find("'Mozilla'"),
            std::string::npos);
  EXPECT_NE(UserAgentWarning("2bot").find("no product token"), std::string::npos);
}

// RFC 9309 section 2.2.2: the most specific (longest) match wins.
TEST(Robots, LongestMatchWins) {
  const char* body = "User-agent: *\nDisallow: /a\nAllow: /a/b\n";
  EXPECT_FALSE(Allowed(body, "x", "/a/c"));
  EXPECT_TRUE(Allowed(body, "x", "/a/b/c"));
}

// RFC 9309 section 2.2.2: equivalent allow and disallow rules: allow wins.
TEST(Robots, AllowWinsTie) {
  RobotsPolicy policy = RobotsPolicy::Parse("User-agent: *\nDisallow: /page\nAllow: /page\n");
  RobotsMatch match = policy.Check("x", "/page");
  EXPECT_TRUE(match.allowed);
  ASSERT_GE(match.rule, 0);
  EXPECT_EQ(policy.rules()[static_cast<size_t>(match.rule)].line, 3u);
  EXPECT_EQ(policy.Explain(match), "allowed by line 3 'Allow: /page' in the '*' group");
}

// RFC 9309 section 2.2.2: an empty disallow value disallows nothing.
TEST(Robots, EmptyDisallow) {
  EXPECT_TRUE(Allowed("User-agent: *\nDisallow:\n", "x", "/anything"));
}

// RFC 9309 section 2.2.2: /robots.txt is implicitly allowed.
TEST(Robots, RobotsTxtAlwaysAllowed) {
  RobotsMatch match = RobotsPolicy::Parse("User-agent: *\nDisallow: /\n")
                          .Check("x", "https://a.example/robots.txt");
  EXPECT_TRUE(match.allowed);
  EXPECT_EQ(match.reason, RobotsReason::kRobotsTxtPath);
}

// RFC 9309 section 2.2.2: non-ASCII octets in rules are percent-encoded before comparison.
TEST(Robots, NonAsciiPatternIsEncoded) {
  const char* body = "User-agent: *\nDisallow: /foo/bar/\xE3\x83\x84\n";
  EXPECT_FALSE(Allowed(body, "x", "/foo/bar/%E3%83%84"));
  EXPECT_FALSE(Allowed("User-agent: *\nDisallow: /a%2fb\n", "x", "/a%2Fb"));
}

// RFC 9309 section 2.2.3: '*' matches any sequence of octets, '$' the end of the path.
TEST(Robots, SpecialCharacters) {
  const char* body = "User-agent: *\nDisallow: /*.gif$\nDisallow: /a*b*c\nAllow: /$\n";
  EXPECT_FALSE(Allowed(body, "x", "/img/x.gif"));
  EXPECT_TRUE(Allowed(body, "x", "/img/x.gif?size=2"));
  EXPECT_FALSE(Allowed(body, "x", "/a--b--c--"));
  EXPECT_TRUE(Allowed(body, "x", "/a--c--b"));
  EXPECT_TRUE(Allowed(body, "x", "/"));
}

// RFC 9309 section 2.2.3: '$' before the end of a pattern is an ordinary character.
TEST(Robots, DollarInsidePatternIsLiteral) {
  EXPECT_FALSE(Allowed("User-agent: *\nDisallow: /a$b\n", "x", "/a$bc"));
  EXPECT_TRUE(Allowed("User-agent: *\nDisallow: /a$b\n", "x", "/ab"));
}

// RFC 9309 section 2.2.3: '#' starts a comment.
TEST(Robots, Comments) {
  EXPECT_TRUE(Allowed("User-agent: * # all\nDisallow: # /\n", "x", "/a"));
  EXPECT_FALSE(Allowed("# header\nUser-agent: *\nDisallow: /a # private\n", "x", "/a"));
}

// RFC 9309 section 2.2: lines end with CR, LF or CR LF; key names are case-insensitive.
TEST(Robots, LineEndingsAndCase) {
  EXPECT_FALSE(Allowed("user-AGENT: x\rDISALLOW: /a\r", "x", "/a"));
  EXPECT_FALSE(Allowed("User-agent: x\r\nDisallow: /a\r\n", "x", "/a"));
  RobotsPolicy policy = RobotsPolicy::Parse("User-agent: x\r\n\r\nDisallow: /a\r\n");
  ASSERT_EQ(policy.rules().size(), 1u);
  EXPECT_EQ(policy.rules()[0].line, 3u);
}

// RFC 9309 section 2.2: a UTF-8 byte order mark before the first line is ignored.
TEST(Robots, ByteOrderMark) {
  EXPECT_FALSE(Allowed("\xEF\xBB\xBFUser-agent: *\nDisallow: /\n", "x", "/a"));
}

// RFC 9309 section 2.2.4: sitemap and other records are reported, not matched.
TEST(Robots, OtherRecordsReported) {
  RobotsPolicy policy = RobotsPolicy::Parse(
      "Sitemap: https://a.example/s.xml\nUser-agent: *\nCrawl-delay: 5\n"
      "Content-Usage: train-ai=n\nDisallow: /x\n");
  auto sitemaps = policy.DirectivesNamed("sitemap");
  ASSERT_EQ(sitemaps.size(), 1u);
  EXPECT_EQ(sitemaps[0]->value, "https://a.example/s.xml");
  auto delay = policy.DirectivesNamed("crawl-delay");
  ASSERT_EQ(delay.size(), 1u);
  EXPECT_EQ(delay[0]->line, 3u);
  EXPECT_EQ(policy.DirectivesNamed("content-usage").size(), 1u);
  EXPECT_FALSE(policy.Check("x", "/x").allowed);  // the group goes on past the other records
}

// RFC 9309 section 2.5: the parsing limit (at least 500 KiB) is applied and reported.
TEST(Robots, ParsingLimit) {
  std::string body = "User-agent: *\nDisallow: /a\n";
  body.append(100, '#');
  body += "\nDisallow: /b\n";
  RobotsParseOptions options;
  options.max_bytes = 60;
  RobotsPolicy policy = RobotsPolicy::Parse(body, options);
  EXPECT_TRUE(policy.truncated());
  EXPECT_FALSE(policy.Check("x", "/a").allowed);
  EXPECT_TRUE(policy.Check("x", "/b").allowed);
  EXPECT_EQ(policy.body_bytes(), body.size());
  EXPECT_LE(policy.parsed_bytes(), 60u);
  EXPECT_FALSE(RobotsPolicy::Parse(body).truncated());
}

// RFC 9309 section 2.2.1: rules before any user-agent line belong to no group.
TEST(Robots, RulesBeforeUserAgentIgnored) {
  EXPECT_TRUE(Allowed("Disallow: /\nUser-agent: x\nAllow: /y\n", "x", "/z"));
}

// Precomputed agent rules give the same verdicts as Check.
TEST(Robots, AgentRulesAgreeWithCheck) {
  const char* body = "User-agent: a\nDisallow: /p\nUser-agent: *\nDisallow: /q\nAllow: /q/r\n";
  RobotsPolicy policy = RobotsPolicy::Parse(body);
  std::string scratch;
  for (const char* agent : {"a", "b"}) {
    RobotsAgentRules rules = policy.ForAgent(agent);
    for (const char* url : {"/p", "/q", "/q/r", "/z", "http://h?x"}) {
      RobotsMatch one = policy.Check(agent, url);
      RobotsMatch two = rules.Match(url, &scratch);
      EXPECT_EQ(one.allowed, two.allowed) << agent << " " << url;
      EXPECT_EQ(one.rule, two.rule) << agent << " " << url;
    }
  }
}

// RFC 9309 section 2.2.2: the compiled first-match order (longest first, allow before disallow,
// then file order) reports the same verdict and deciding rule as trying every rule: equal
// lengths, an allow and a disallow of one length, patterns shorter than 8 octets and longer,
// '*' and '$', empty patterns, derived index.htm rules, several groups for one agent.
TEST(Robots, FirstMatchOrderAgreesWithTryingEveryRule) {
  const char* bodies[] = {
      "User-agent: a\nDisallow: /x\nAllow: /x\nDisallow: /y\nDisallow: /y\nAllow: /\n",
      "User-agent: *\nDisallow: /dir/\nAllow: /dir/index.html\nDisallow: /*.php$\nAllow: /*\n",
      "User-agent: a\nDisallow:\nAllow:\nDisallow: $\nDisallow: /$\nDisallow: *\n"
      "User-agent: b\nUser-agent: a\nDisallow: /verylongprefix/x\nAllow: /verylongprefix/\n"
      "Allow: /verylongprefix/x\nDisallow: /very*long\n",
      "User-agent: A\nUser-agent: a\nDisallow: /p\nUser-agent: *\nAllow: /p/q\nDisallow: /\n",
      "Disallow: /before\nUser-agent: c\nAllow: /a*b*c$\nDisallow: /a\nDisallow: /*c$\n"};
  const char* agents[] = {"a", "A", "b", "c", "other", ""};
  const char* urls[] = {"",
                        "/",
                        "/x",
                        "/xy",
                        "/y",
                        "/dir/",
                        "/dir/index.html",
                        "/f.php",
                        "/f.php?q",
                        "/verylongprefix/x",
                        "/verylongprefix/",
                        "/very/long",
                        "/p/q",
                        "/abc",
                        "/a/b/c",
                        "/ac",
                        "/robots.txt",
                        "http://h",
                        "http://h?x",
                        "/before"};
  std::string scratch;
  for (const char* body : bodies) {
    for (bool rfc : {false, true}) {
      RobotsParseOptions options;
      options.rfc_percent_decoding = rfc;
      RobotsPolicy policy = RobotsPolicy::Parse(body, options);
      for (const char* agent : agents) {
        RobotsAgentRules rules = policy.ForAgent(agent);
        for (const char* url : urls) {
          RobotsMatch want = testing::ReferenceMatch(policy, agent, url);
          for (const RobotsMatch& got : {policy.Check(agent, url), rules.Match(url, &scratch)}) {
            EXPECT_EQ(got.allowed, want.allowed) << body << " | " << agent << " | " << url;
            EXPECT_EQ(got.rule, want.rule) << body << " | " << agent << " | " << url;
            EXPECT_EQ(got.reason, want.reason) << body << " | " << agent << " | " << url;
            EXPECT_EQ(got.from_global, want.from_global) << body << " | " << agent << " | " << url;
          }
        }
      }
    }
  }
  // The tie of an allow and a disallow of one length goes to the allow, whichever comes first.
  RobotsPolicy tie = RobotsPolicy::Parse(bodies[0]);
  RobotsMatch match = tie.Check("a", "/x");
  EXPECT_TRUE(match.allowed);
  EXPECT_EQ(tie.rules()[static_cast<size_t>(match.rule)].line, 3u);
  // Two equal disallows: the first in the file is reported.
  EXPECT_EQ(tie.rules()[static_cast<size_t>(tie.Check("a", "/y").rule)].line, 4u);
}

// The same with sets large enough (kRobotsBucketedSetSize rules or more) to be bucketed by
// octets 1 and 2: rules of long and short literal prefixes, '*' and '$', allow and disallow of
// equal lengths, in both the agent's group and '*'.
TEST(Robots, BucketedRuleSetsAgreeWithTryingEveryRule) {
  std::string body = "User-agent: a\n";
  const char* stems[] = {"/a", "/ab", "/abc", "/b", "/ba", "/*", "/", "/a*c", "/ab$", "/x/y"};
  for (int i = 0; i < 120; ++i) {
    std::string stem = stems[i % 10];
    body += (i % 3 == 0 ? "Allow: " : "Disallow: ") + stem;
    if (i % 4 == 1) body += std::to_string(i % 7);
    if (i % 11 == 5) body += "*z";
    body += "\n";
    if (i == 60) body += "User-agent: *\n";
  }
  RobotsPolicy policy = RobotsPolicy::Parse(body);
  ASSERT_GE(policy.rules().size(), 2 * kRobotsBucketedSetSize);
  const char* paths[] = {"/",    "/a",  "/ab",  "/abc", "/abc3", "/a1",   "/ab2z",
                         "/ba",  "/b5", "/bz",  "/x/y", "/x/yz", "/zzz",  "/a/c",
                         "/ab$", "/ac", "/abz", "/b",   "/ba4z", "/q?ab", ""};
  std::string scratch;
  for (const char* agent : {"a", "other"}) {
    RobotsAgentRules rules = policy.ForAgent(agent);
    for (const char* path : paths) {
      RobotsMatch want = testing::ReferenceMatch(policy, agent, path);
      RobotsMatch got = rules.Match(path, &scratch);
      EXPECT_EQ(got.allowed, want.allowed) << agent << " " << path;
      EXPECT_EQ(got.rule, want.rule) << agent << " " << path;
      EXPECT_EQ(got.reason, want.reason) << agent << " " << path;
    }
  }
}

}  // namespace
}  // namespace gpaikit::optout

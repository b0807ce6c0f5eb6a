// Tests of URL parsing, the robots.txt match path and percent-encoding normalisation.
#include "gpaikit/optout/url.h"

#include <gtest/gtest.h>

namespace gpaikit::optout {
namespace {

// RFC 3986 section 3: scheme, authority, path, query, fragment.
TEST(ParseUrl, SplitsComponents) {
  auto url = ParseUrl("https://user@Example.COM:8080/a/b?x=1#frag");
  ASSERT_TRUE(url.ok()) << url.status().message();
  EXPECT_EQ(url->scheme, "https");
  EXPECT_EQ(url->userinfo, "user");
  EXPECT_EQ(url->host, "Example.COM");
  EXPECT_EQ(url->port, "8080");
  EXPECT_EQ(url->path, "/a/b");
  EXPECT_TRUE(url->has_query);
  EXPECT_EQ(url->query, "x=1");
  EXPECT_EQ(url->fragment, "frag");
}

// RFC 3986 section 3.2.2: IP literals in brackets.
TEST(ParseUrl, Ipv6Host) {
  auto url = ParseUrl("http://[2001:db8::1]:80/");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->host, "[2001:db8::1]");
  EXPECT_EQ(url->port, "80");
}

TEST(ParseUrl, ErrorsNameTheOffset) {
  auto missing = ParseUrl("example.com/path");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("byte 11"), std::string::npos)
      << missing.status().message();
  auto port = ParseUrl("http://a.example:8x/");
  ASSERT_FALSE(port.ok());
  EXPECT_NE(port.status().message().find("byte 18: expected a decimal port"), std::string::npos)
      << port.status().message();
  EXPECT_FALSE(ParseUrl("http://a b/").ok());
  EXPECT_FALSE(ParseUrl("http:///x").ok());
}

// RFC 9309 section 2.2.2: rules match "the path ... including the query", not the fragment.
TEST(RobotsMatchPath, PathAndQuery) {
  std::string scratch;
  EXPECT_EQ(RobotsMatchPath("http://example.com/a/b?c=d#e", &scratch), "/a/b?c=d");
  EXPECT_EQ(RobotsMatchPath("http://example.com", &scratch), "/");
  EXPECT_EQ(RobotsMatchPath("http://example.com#x/y", &scratch), "/");
  EXPECT_EQ(RobotsMatchPath("http://example.com?q", &scratch), "/?q");
  EXPECT_EQ(RobotsMatchPath("/just/a/path", &scratch), "/just/a/path");
  EXPECT_EQ(RobotsMatchPath("//host.example/p", &scratch), "/p");
  EXPECT_EQ(RobotsMatchPath("", &scratch), "/");
  EXPECT_EQ(RobotsMatchPath("example.com/a", &scratch), "/a");
}

// RFC 9309 section 2.2.2: unreserved escapes decoded, others kept with uppercase hex, octets
// outside ASCII encoded.
TEST(PercentEncoding, Normalises) {
  EXPECT_EQ(NormalizePercentEncoding("/foo/bar/%62%61%7A"), "/foo/bar/baz");
  EXPECT_EQ(NormalizePercentEncoding("/a%2fb"), "/a%2Fb");
  EXPECT_EQ(NormalizePercentEncoding("/foo/bar/\xE3\x83\x84"), "/foo/bar/%E3%83%84");
  EXPECT_EQ(NormalizePercentEncoding("/a b"), "/a%20b");
  EXPECT_EQ(NormalizePercentEncoding("/100%"), "/100%25");
  EXPECT_EQ(NormalizePercentEncoding("/%%341"), "/%2541");  // idempotent: no new escapes
  EXPECT_TRUE(IsPercentEncodingNormal("/foo/bar/%E3%83%84?x=%2F"));
  EXPECT_FALSE(IsPercentEncodingNormal("/foo/%7e"));
  EXPECT_FALSE(IsPercentEncodingNormal("/a%2fb"));
  EXPECT_FALSE(IsPercentEncodingNormal("/\xE3"));
}

}  // namespace
}  // namespace gpaikit::optout

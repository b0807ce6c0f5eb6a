// Tests of host normalisation (IDN to punycode) and registrable domains from the public suffix
// list.
#include "gpaikit/optout/domain.h"

#include <gtest/gtest.h>

namespace gpaikit::optout {
namespace {

TEST(NormalizeHost, LowercasesAndDropsTrailingDot) {
  auto host = NormalizeHost("WWW.Example.COM.");
  ASSERT_TRUE(host.ok());
  EXPECT_EQ(*host, "www.example.com");
}

// IDNA2008 via libidn2: internationalised names become punycode A-labels.
TEST(NormalizeHost, IdnToPunycode) {
  auto host = NormalizeHost(
      "B\xC3\xBC"
      "cher.example");  // "Bücher.example"
  ASSERT_TRUE(host.ok()) << host.status().message();
  EXPECT_EQ(*host, "xn--bcher-kva.example");
  auto bad = NormalizeHost("\xFF\xFE.example");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("not a valid internationalised domain name"),
            std::string::npos);
  EXPECT_FALSE(NormalizeHost("").ok());
}

TEST(NormalizeHost, IpLiteralsStay) {
  EXPECT_TRUE(IsIpAddress("192.0.2.1"));
  EXPECT_TRUE(IsIpAddress("[2001:db8::1]"));
  EXPECT_FALSE(IsIpAddress("example.com"));
  EXPECT_EQ(*NormalizeHost("[2001:DB8::1]"), "[2001:db8::1]");
}

TEST(PublicSuffixList, RegistrableDomains) {
  auto list = PublicSuffixList::Load();
  ASSERT_TRUE(list.ok()) << list.status().message();
  const PublicSuffixList& psl = **list;
  EXPECT_EQ(psl.RegistrableDomain("www.bbc.co.uk"), "bbc.co.uk");
  EXPECT_EQ(psl.RegistrableDomain("a.b.example.com"), "example.com");
  EXPECT_EQ(psl.RegistrableDomain("foo.github.io"), "foo.github.io");  // private suffix
  EXPECT_EQ(psl.RegistrableDomain("co.uk"), "");
  EXPECT_EQ(psl.RegistrableDomain("192.0.2.1"), "192.0.2.1");
  EXPECT_TRUE(psl.IsPublicSuffix("co.uk"));
  EXPECT_FALSE(psl.IsPublicSuffix("bbc.co.uk"));
  EXPECT_FALSE(psl.info().modified.empty());
  EXPECT_GT(psl.info().bytes, 1000u);
  EXPECT_NE(psl.info().Describe().find("libpsl"), std::string::npos);
}

// The list file is configurable; a missing one is a clear error.
TEST(PublicSuffixList, ConfigurableFile) {
  auto missing = PublicSuffixList::Load("/nonexistent/list.dat");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("/nonexistent/list.dat"), std::string::npos);
}

}  // namespace
}  // namespace gpaikit::optout

// Tests of the client address behind a trusted reverse proxy (client_address.h): headers from an
// untrusted peer ignored, X-Real-IP and X-Forwarded-For read only from a trusted one, malformed
// addresses refused.
#include "portal/client_address.h"

#include <gtest/gtest.h>

namespace gpaikit::portal {
namespace {

TrustedProxies Trust(const std::vector<std::string>& addresses) {
  Result<TrustedProxies> proxies = TrustedProxies::Parse(addresses);
  EXPECT_TRUE(proxies.ok()) << proxies.status().message();
  return proxies.ok() ? *proxies : TrustedProxies();
}

std::string Client(const TrustedProxies& proxies, const std::string& peer,
                   const ProxyHeaders& headers) {
  Result<std::string> client = proxies.ClientAddress(peer, headers);
  EXPECT_TRUE(client.ok()) << client.status().message();
  return client.ok() ? *client : "";
}

TEST(CanonicalAddressTest, AcceptsOnlyBareAddressesInCanonicalForm) {
  EXPECT_EQ(*CanonicalAddress("203.0.113.9"), "203.0.113.9");
  EXPECT_EQ(*CanonicalAddress("2001:DB8:0:0::1"), "2001:db8::1");
  EXPECT_EQ(*CanonicalAddress("::ffff:198.51.100.7"), "198.51.100.7");  // IPv4-mapped
  for (const char* bad :
       {"", " 203.0.113.9", "203.0.113.9:443", "[2001:db8::1]", "fe80::1%eth0", "unknown",
        "example.com", "203.0.113", "203.0.113.256", "1.2.3.4, 5.6.7.8", "0x7f.0.0.1"}) {
    EXPECT_FALSE(CanonicalAddress(bad).ok()) << bad;
  }
}

TEST(TrustedProxiesTest, ParseNamesTheBadValue) {
  EXPECT_TRUE(TrustedProxies::Parse({}).ok());
  EXPECT_TRUE(Trust({"127.0.0.1", "::1"}).Contains("::1"));
  Result<TrustedProxies> bad = TrustedProxies::Parse({"127.0.0.1", "localhost"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "--trusted-proxy: expected an IPv4 or IPv6 address, got 'localhost'");
  EXPECT_TRUE(Trust({"::ffff:127.0.0.1"}).Contains("127.0.0.1"));  // one form per address
}

TEST(TrustedProxiesTest, HeadersFromAnUntrustedPeerAreIgnored) {
  ProxyHeaders spoofed{{"198.51.100.1"}, {"198.51.100.2"}};
  // Without any trusted proxy, and from a peer that is not the trusted one, the peer counts.
  EXPECT_EQ(Client(TrustedProxies(), "203.0.113.9", spoofed), "203.0.113.9");
  EXPECT_EQ(Client(Trust({"127.0.0.1"}), "203.0.113.9", spoofed), "203.0.113.9");
  // Even malformed headers from an untrusted peer are not read, so not refused.
  EXPECT_EQ(Client(Trust({"127.0.0.1"}), "203.0.113.9", {{"garbage"}, {"x, y"}}), "203.0.113.9");
  // A trusted proxy that sends no header: its own address.
  EXPECT_EQ(Client(Trust({"127.0.0.1"}), "127.0.0.1", {}), "127.0.0.1");
}

TEST(TrustedProxiesTest, XRealIpFromATrustedProxy) {
  TrustedProxies proxies = Trust({"127.0.0.1"});
  EXPECT_EQ(Client(proxies, "127.0.0.1", {{"203.0.113.9"}, {}}), "203.0.113.9");
  EXPECT_EQ(Client(proxies, "127.0.0.1", {{" 2001:DB8::7 "}, {}}), "2001:db8::7");
  // X-Real-IP wins over X-Forwarded-For, which a client may have started.
  EXPECT_EQ(Client(proxies, "127.0.0.1", {{"203.0.113.9"}, {"198.51.100.1, 203.0.113.9"}}),
            "203.0.113.9");
}

TEST(TrustedProxiesTest, RightMostUntrustedForwardedForEntry) {
  TrustedProxies proxies = Trust({"127.0.0.1", "10.0.0.2"});
  // The client put 198.51.100.66 in front; the proxies appended the real client and themselves.
  EXPECT_EQ(Client(proxies, "127.0.0.1", {{}, {"198.51.100.66, 203.0.113.9, 10.0.0.2"}}),
            "203.0.113.9");
  // Several header lines are one list, in order.
  EXPECT_EQ(Client(proxies, "127.0.0.1", {{}, {"198.51.100.66", "203.0.113.9,10.0.0.2"}}),
            "203.0.113.9");
  // Only trusted entries: the left-most one.
  EXPECT_EQ(Client(proxies, "127.0.0.1", {{}, {"10.0.0.2, 127.0.0.1"}}), "10.0.0.2");
  // X-Real-IP naming a trusted proxy (a chain): the forwarded list decides.
  EXPECT_EQ(Client(proxies, "127.0.0.1", {{"10.0.0.2"}, {"203.0.113.9, 10.0.0.2"}}), "203.0.113.9");
  EXPECT_EQ(Client(proxies, "127.0.0.1", {{"10.0.0.2"}, {}}), "10.0.0.2");
}

TEST(TrustedProxiesTest, MalformedAddressesFromATrustedProxyAreRefused) {
  TrustedProxies proxies = Trust({"127.0.0.1"});
  struct Case {
    ProxyHeaders headers;
    const char* message;
  };
  for (const Case& c : std::vector<Case>{
           {{{"unknown"}, {}},
            "X-Real-IP from the trusted proxy 127.0.0.1: expected one IPv4 or IPv6 address, got "
            "'unknown'"},
           {{{"203.0.113.9:5000"}, {}}, "got '203.0.113.9:5000'"},
           {{{"203.0.113.9", "198.51.100.1"}, {}},
            "X-Real-IP from the trusted proxy 127.0.0.1: sent 2 times"},
           {{{}, {"203.0.113.9, , 127.0.0.1"}}, "X-Forwarded-For from the trusted proxy 127.0.0.1"},
           {{{}, {"[2001:db8::1]"}}, "got '[2001:db8::1]'"},
           {{{}, {""}}, "X-Forwarded-For"},
       }) {
    Result<std::string> client = proxies.ClientAddress("127.0.0.1", c.headers);
    ASSERT_FALSE(client.ok()) << c.message;
    EXPECT_NE(client.status().message().find(c.message), std::string::npos)
        << client.status().message();
  }
  // A malformed entry left of the client's is not read: the walk stops at the first untrusted.
  EXPECT_EQ(Client(proxies, "127.0.0.1", {{}, {"garbage, 203.0.113.9"}}), "203.0.113.9");
}

}  // namespace
}  // namespace gpaikit::portal

// Tests of the domain lookup (docs/portal.md "Domain lookup"): domain input, challenge tokens,
// the token file and TXT parsing, the refusal of non-public addresses (server-side request
// forgery), the fetch's limits against a loopback server, and the answer from corpus statistics.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "base/temp_dir_test_util.h"
#include "portal/lookup_answer.h"
#include "portal/lookup_fetch.h"
#include "portal/lookup_proof.h"

namespace gpaikit::portal {
namespace {

std::shared_ptr<const optout::PublicSuffixList> Suffixes() {
  static auto list = optout::PublicSuffixList::Load();
  EXPECT_TRUE(list.ok()) << list.status().message();
  return *list;
}

TEST(LookupDomainTest, NormalisesWhatARequesterTypes) {
  struct Case {
    const char* input;
    const char* host;
    const char* registrable;
  } cases[] = {
      {"Example.COM", "example.com", "example.com"},
      {"  www.example.com.  ", "www.example.com", "example.com"},
      {"https://News.BBC.co.uk/page?x=1", "news.bbc.co.uk", "bbc.co.uk"},
      {"bücher.de", "xn--bcher-kva.de", "xn--bcher-kva.de"},
  };
  for (const Case& c : cases) {
    Result<LookupDomain> domain = ParseLookupDomain(c.input, *Suffixes());
    ASSERT_TRUE(domain.ok()) << c.input << ": " << domain.status().message();
    EXPECT_EQ(domain->host, c.host);
    EXPECT_EQ(domain->registrable, c.registrable);
  }
}

TEST(LookupDomainTest, RefusesWhatIsNotADomainSomeoneControls) {
  struct Case {
    const char* input;
    const char* message;
  } cases[] = {
      {"", "expected a domain name"},
      {"192.0.2.1", "an IP address is not a domain"},
      {"http://[::1]/", "an IP address is not a domain"},
      {"https://example.com:8443/", "without a port"},
      {"https://user:pw@example.com/", "user name or password"},
      {"ftp://example.com/", "only http and https"},
      {"co.uk", "is a public suffix"},
      {"localhost", "such as example.com"},
      {"exa mple.com", "expected a domain name"},
      {"example.com/path", "expected a domain name"},
      {"-bad.example.com", "cannot start or end with '-'"},
      {"a_b.example.com", "not '_'"},
  };
  for (const Case& c : cases) {
    Result<LookupDomain> domain = ParseLookupDomain(c.input, *Suffixes());
    ASSERT_FALSE(domain.ok()) << c.input;
    EXPECT_NE(domain.status().message().find(c.message), std::string::npos)
        << c.input << ": " << domain.status().message();
  }
  std::string long_label = std::string(64, 'a') + ".example.com";
  EXPECT_FALSE(ParseLookupDomain(long_label, *Suffixes()).ok());
}

TEST(LookupTokenTest, TokensAreFreshAndOnlyTheirHashIsKept) {
  Result<std::string> a = NewChallengeToken();
  Result<std::string> b = NewChallengeToken();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->size(), 64u);
  EXPECT_EQ(a->find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(*a, *b);
  std::string hash = TokenHash(*a);
  EXPECT_NE(hash, *a);
  EXPECT_TRUE(TokenMatches(*a, hash));
  EXPECT_FALSE(TokenMatches(*b, hash));
  EXPECT_FALSE(TokenMatches(*a, hash.substr(1)));
}

TEST(LookupTokenTest, ProofFileLinesAreReadAndProblemsNamed) {
  std::string token(64, 'a');
  std::string other(64, 'b');
  ProofTokens proof = ParseProofFile("# gpaikit\r\n\ngpaikit-verification=" + token +
                                     "\r\nnonsense\ngpaikit-verification=XYZ\n"
                                     "gpaikit-verification=" +
                                     other);
  EXPECT_EQ(proof.tokens, (std::vector<std::string>{token, other}));
  ASSERT_EQ(proof.problems.size(), 2u);
  EXPECT_EQ(proof.problems[0], "line 4: expected gpaikit-verification=TOKEN");
  EXPECT_EQ(proof.problems[1], "line 5: the token is 64 lowercase hex digits");
  EXPECT_TRUE(ProofMatches(proof, TokenHash(other)));
  EXPECT_FALSE(ProofMatches(proof, TokenHash(std::string(64, 'c'))));
  ProofTokens large = ParseProofFile(std::string(kMaxProofFileBytes + 1, '#'));
  EXPECT_TRUE(large.tokens.empty());
  EXPECT_NE(large.problems.at(0).find("larger than 4096 bytes"), std::string::npos);
  EXPECT_EQ(ParseProofFile("").problems.at(0), "the file holds no gpaikit-verification=TOKEN line");
}

TEST(LookupTokenTest, TxtRecordsOfOthersAreSkipped) {
  std::string token(64, 'd');
  ProofTokens proof = ParseProofRecords(
      {"v=spf1 -all", "gpaikit-verification=" + token, "gpaikit-verification=short"});
  EXPECT_EQ(proof.tokens, std::vector<std::string>{token});
  EXPECT_EQ(proof.problems,
            std::vector<std::string>{"TXT record 3: the token is 64 lowercase hex digits"});
  EXPECT_EQ(ParseProofRecords({"v=spf1 -all"}).problems.at(0),
            "no TXT record starts with gpaikit-verification=");
}

TEST(LookupAddressTest, OnlyPublicAddressesAreFetched) {
  // Server-side request forgery (docs/portal.md): the fetch must not reach the host's own or
  // its network's services, nor cloud metadata (169.254.169.254).
  const char* refused[] = {"127.0.0.1",
                           "127.8.9.10",
                           "10.1.2.3",
                           "172.16.0.1",
                           "172.31.255.255",
                           "192.168.1.1",
                           "169.254.169.254",
                           "100.64.0.1",
                           "0.0.0.0",
                           "224.0.0.1",
                           "255.255.255.255",
                           "198.18.0.1",
                           "::1",
                           "::",
                           "fc00::1",
                           "fd12:3456::1",
                           "fe80::1",
                           "ff02::1",
                           "::ffff:127.0.0.1",
                           "::ffff:10.0.0.1",
                           "64:ff9b::a00:1",
                           "2001:db8::1",
                           "::10.0.0.1",
                           "2002:a00:1::"};
  for (const char* address : refused) {
    EXPECT_NE(RefusedAddressText(address, false), "") << address;
  }
  for (const char* address :
       {"93.184.215.14", "8.8.8.8", "172.32.0.1", "2a00:1450:4001::1", "::ffff:93.184.215.14"}) {
    EXPECT_EQ(RefusedAddressText(address, false), "") << address;
  }
  EXPECT_EQ(RefusedAddressText("127.0.0.1", false), "a loopback address (127.0.0.0/8)");
  // The test flag allows loopback, and only loopback.
  EXPECT_EQ(RefusedAddressText("127.0.0.1", true), "");
  EXPECT_EQ(RefusedAddressText("::1", true), "");
  EXPECT_EQ(RefusedAddressText("::ffff:127.0.0.1", true), "");
  EXPECT_NE(RefusedAddressText("10.0.0.1", true), "");
  EXPECT_NE(RefusedAddressText("169.254.169.254", true), "");
  EXPECT_EQ(RefusedAddressText("example.com", false), "not an IP address");
}

// A loopback HTTP server answering every connection with `reply` (TLS attempts get it too and
// fail), until destroyed.
class CannedServer {
 public:
  explicit CannedServer(std::string reply) : reply_(std::move(reply)) {
    fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    EXPECT_EQ(bind(fd_, reinterpret_cast<sockaddr*>(&address), length), 0);
    EXPECT_EQ(listen(fd_, 8), 0);
    getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] {
      while (true) {
        int client = accept(fd_, nullptr, nullptr);
        if (client < 0 || stop_) {
          if (client >= 0) close(client);
          return;
        }
        char buffer[4096];
        ssize_t got = read(client, buffer, sizeof buffer);
        if (got > 0 && buffer[0] != 0x16) {  // 0x16: a TLS handshake, answered by closing
          ssize_t sent = write(client, reply_.data(), reply_.size());
          (void)sent;
        }
        close(client);
      }
    });
  }
  ~CannedServer() {
    stop_ = true;
    shutdown(fd_, SHUT_RDWR);
    close(fd_);
    thread_.join();
  }
  uint16_t port() const { return port_; }

 private:
  std::string reply_;
  int fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

std::string HttpReply(const std::string& status, const std::string& headers,
                      const std::string& body) {
  return "HTTP/1.1 " + status + "\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\nConnection: close\r\n" + headers + "\r\n" + body;
}

FetchPolicy LoopbackPolicy(uint16_t port) {
  FetchPolicy policy;
  policy.allow_loopback = true;
  policy.connect_to = {"::127.0.0.1:" + std::to_string(port)};
  policy.timeout_ms = 3000;
  return policy;
}

TEST(LookupFetchTest, ReadsTheProofFileFromTheSite) {
  std::string token(64, 'e');
  CannedServer server(HttpReply("200 OK", "", "gpaikit-verification=" + token + "\n"));
  auto source = NetworkProofSource(LoopbackPolicy(server.port()));
  ProofCheck check =
      CheckProof(*source, "site.example", ProofMethod::kWellKnownFile, TokenHash(token));
  EXPECT_TRUE(check.verified) << check.detail;
  check = CheckProof(*source, "site.example", ProofMethod::kWellKnownFile,
                     TokenHash(std::string(64, 'f')));
  EXPECT_FALSE(check.verified);
  EXPECT_NE(check.detail.find("no token there matches"), std::string::npos) << check.detail;
}

TEST(LookupFetchTest, LoopbackIsRefusedWithoutTheTestFlag) {
  CannedServer server(HttpReply("200 OK", "", "gpaikit-verification=" + std::string(64, 'e')));
  FetchPolicy policy = LoopbackPolicy(server.port());
  policy.allow_loopback = false;
  Result<std::string> body = NetworkProofSource(policy)->FetchProofFile("site.example");
  ASSERT_FALSE(body.ok());
  EXPECT_NE(body.status().message().find("refused to connect to a loopback address"),
            std::string::npos)
      << body.status().message();
}

TEST(LookupFetchTest, LimitsSizeRedirectsAndStatus) {
  {
    CannedServer server(HttpReply("200 OK", "", std::string(5000, '#')));
    Result<std::string> body =
        NetworkProofSource(LoopbackPolicy(server.port()))->FetchProofFile("site.example");
    ASSERT_FALSE(body.ok());
    EXPECT_NE(body.status().message().find("larger than 4096 bytes"), std::string::npos)
        << body.status().message();
  }
  {
    CannedServer server(HttpReply("302 Found", "Location: http://elsewhere.example/x\r\n", ""));
    Result<std::string> body =
        NetworkProofSource(LoopbackPolicy(server.port()))->FetchProofFile("site.example");
    ASSERT_FALSE(body.ok());
    EXPECT_NE(body.status().message().find("redirect to another host or scheme refused"),
              std::string::npos)
        << body.status().message();
  }
  {
    CannedServer server(HttpReply("301 Moved", "Location: http://site.example/again\r\n", ""));
    Result<std::string> body =
        NetworkProofSource(LoopbackPolicy(server.port()))->FetchProofFile("site.example");
    ASSERT_FALSE(body.ok());
    EXPECT_NE(body.status().message().find("more than 3 redirects"), std::string::npos)
        << body.status().message();
  }
  {
    CannedServer server(HttpReply("404 Not Found", "", "no"));
    Result<std::string> body =
        NetworkProofSource(LoopbackPolicy(server.port()))->FetchProofFile("site.example");
    ASSERT_FALSE(body.ok());
    EXPECT_NE(body.status().message().find("HTTP status 404"), std::string::npos)
        << body.status().message();
  }
}

// A DNS response (RFC 1035 section 4.1) for `name` with TXT answers made of `strings`.
std::string DnsAnswer(const std::string& name,
                      const std::vector<std::vector<std::string>>& records) {
  std::string m = {0x12, 0x34, char(0x81), char(0x80), 0, 1, 0, char(records.size()), 0, 0, 0, 0};
  size_t start = 0;
  while (start <= name.size()) {
    size_t end = name.find('.', start);
    if (end == std::string::npos) end = name.size();
    m += char(end - start);
    m += name.substr(start, end - start);
    start = end + 1;
  }
  m += std::string("\0\0\x10\0\x01", 5);
  for (const auto& strings : records) {
    std::string rdata;
    for (const std::string& s : strings) rdata += char(s.size()) + s;
    m += std::string("\xc0\x0c\0\x10\0\x01\0\0\x0e\x10", 10);
    m += char(rdata.size() >> 8);
    m += char(rdata.size() & 0xff);
    m += rdata;
  }
  return m;
}

TEST(LookupDnsTest, TxtAnswersAreJoinedPerRecord) {
  std::string token(64, 'a');
  std::string m = DnsAnswer("_gpaikit-challenge.example.com",
                            {{"v=spf1 -all"}, {"gpaikit-verification=", token}});
  Result<std::vector<std::string>> records =
      ParseTxtAnswer(reinterpret_cast<const unsigned char*>(m.data()), m.size());
  ASSERT_TRUE(records.ok()) << records.status().message();
  EXPECT_EQ(*records, (std::vector<std::string>{"v=spf1 -all", "gpaikit-verification=" + token}));
  std::string bad = m;
  bad[bad.size() - 65] = char(200);  // the token string's length runs past the record
  Result<std::vector<std::string>> broken =
      ParseTxtAnswer(reinterpret_cast<const unsigned char*>(bad.data()), bad.size());
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find("runs past its record"), std::string::npos)
      << broken.status().message();
  EXPECT_FALSE(ParseTxtAnswer(reinterpret_cast<const unsigned char*>("xy"), 2).ok());
}

// An injected resolver: no real DNS is reachable offline, so the DNS path of CheckProof is
// tested with a source that answers from a table.
class TableSource : public ProofSource {
 public:
  std::map<std::string, std::vector<std::string>> txt;
  Result<std::string> FetchProofFile(const std::string& host) override {
    return Status::NotFound(host + ": no file");
  }
  Result<std::vector<std::string>> QueryTxt(const std::string& name) override {
    asked.push_back(name);
    auto found = txt.find(name);
    if (found == txt.end()) return Status::NotFound(name + ": no TXT record");
    return found->second;
  }
  std::vector<std::string> asked;
};

TEST(LookupDnsTest, ChecksTheChallengeRecordOfTheDomain) {
  std::string token(64, '7');
  TableSource source;
  ProofCheck before = CheckProof(source, "example.com", ProofMethod::kDnsTxt, TokenHash(token));
  EXPECT_FALSE(before.verified);
  EXPECT_EQ(before.detail, "_gpaikit-challenge.example.com: no TXT record");
  source.txt["_gpaikit-challenge.example.com"] = {"gpaikit-verification=" + token};
  ProofCheck after = CheckProof(source, "example.com", ProofMethod::kDnsTxt, TokenHash(token));
  EXPECT_TRUE(after.verified) << after.detail;
  EXPECT_EQ(source.asked.back(), "_gpaikit-challenge.example.com");
  EXPECT_FALSE(
      CheckProof(source, "example.com", ProofMethod::kWellKnownFile, TokenHash(token)).verified);
}

TEST(LookupAnswerTest, CountsTheDomainFromStatisticsAndManifests) {
  test_util::TempDir dir;
  corpus::CorpusStats stats;
  stats.domains.Add("example.com", 3, 300);
  stats.domains.Add("other.org", 1, 50);
  stats.records = 4;
  stats.content_bytes = 350;
  stats.first_date = "2024-01-02T00:00:00Z";
  stats.last_date = "2024-05-06T00:00:00Z";
  dir.Write("stats.json", stats.ToJsonText());
  dir.Write("removed.jsonl",
            "{\"url\":\"https://www.example.com/a\",\"verdict\":\"reserved\",\"content_bytes\":40,"
            "\"signals\":[{\"kind\":\"robots-txt\"}]}\n"
            "{\"url\":\"https://blog.example.com/b\",\"verdict\":\"blocked\",\"content_bytes\":7,"
            "\"signals\":[{\"kind\":\"blocklist\"}]}\n"
            "{\"url\":\"https://other.org/\",\"verdict\":\"reserved\",\"content_bytes\":9,"
            "\"signals\":[{\"kind\":\"tdmrep\"}]}\n");
  project::Project project;
  project.root = dir.path();
  project::Model model;
  model.id = "ex-7b";
  model.training_data.emplace();
  model.training_data->stats = {"stats.json"};
  model.training_data->filter_manifests = {"removed.jsonl"};
  project.models.push_back(model);
  Result<std::vector<LookupCorpus>> corpora = LoadLookupCorpora(project, *Suffixes());
  ASSERT_TRUE(corpora.ok()) << corpora.status().message();
  std::vector<ModelAnswer> answers = AnswerLookup(*corpora, "example.com");
  ASSERT_EQ(answers.size(), 1u);
  const ModelAnswer& a = answers[0];
  EXPECT_EQ(a.model, "ex-7b");
  EXPECT_TRUE(a.listed);
  EXPECT_EQ(a.in_corpus.records, 3u);
  EXPECT_EQ(a.in_corpus.content_bytes, 300u);
  EXPECT_TRUE(a.exact);
  EXPECT_EQ(a.corpus_first_date, "2024-01-02T00:00:00Z");
  EXPECT_EQ(a.removed.by_verdict.at("").records, 2u);
  EXPECT_EQ(a.removed.by_verdict.at("").content_bytes, 47u);
  EXPECT_EQ(a.removed.by_verdict.at("reserved").content_bytes, 40u);
  EXPECT_EQ(a.removed.by_verdict.at("blocked").records, 1u);
  EXPECT_EQ(a.removed.by_signal.at("robots-txt").records, 1u);
  EXPECT_EQ(a.removed.by_signal.count("tdmrep"), 0u);
  std::vector<ModelAnswer> none = AnswerLookup(*corpora, "absent.net");
  EXPECT_FALSE(none.at(0).listed);
  EXPECT_TRUE(none.at(0).removed.by_verdict.empty());
  dir.Write("removed.jsonl", "{\"url\":1}\nnot json\n");
  Result<std::vector<LookupCorpus>> bad = LoadLookupCorpora(project, *Suffixes());
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("removed.jsonl:1"), std::string::npos)
      << bad.status().message();
}

}  // namespace
}  // namespace gpaikit::portal

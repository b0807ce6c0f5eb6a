// Tests of the HTTP server's request bodies over a real socket: urlencoded and multipart forms
// decoded by MHD_PostProcessor, 405 before reading, 413 from Content-Length and while reading,
// 415 for a body that is not a form, files refused where a form takes none, and the client
// address taken from proxy headers only when the peer is a trusted proxy.
#include "gpaikit/portal/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

namespace gpaikit::portal {
namespace {

// Echoes what the server decoded: "path|field=value;...|file:field:name:type:size;...".
class EchoEndpoint : public Endpoint {
 public:
  BodyKind PostBody(std::string_view path) const override {
    if (path == "/form") return BodyKind::kForm;
    if (path == "/upload") return BodyKind::kUpload;
    return BodyKind::kNone;
  }
  Response Handle(const Request& request, const std::string& /*base_url*/) const override {
    bool post_here = request.method == "POST" && PostBody(request.path) != BodyKind::kNone;
    if (request.method != "GET" && !post_here) {
      return Refuse(405, "no");
    }
    std::string body = request.method + " " + request.path + "|";
    for (const auto& [name, value] : request.form) body += name + "=" + value + ";";
    body += "|";
    for (const UploadedFile& file : request.files) {
      body += "file:" + file.field + ":" + file.filename + ":" + file.content_type + ":" +
              std::to_string(file.data.size()) + ";";
    }
    body += "|cookie=" + request.Cookie("c") + "|q=" + request.Query("q");
    return {200, "text/plain", body, {}};
  }
  Response Refuse(int status, const std::string& message) const override {
    return {status, "text/plain", "refused: " + message, {}};
  }
};

// Sends `raw` to the server on loopback `port` from the loopback address `source` and returns
// everything the server answers until it closes.
std::string ExchangeWith(uint16_t port, const std::string& raw, const char* source = "127.0.0.1") {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  inet_pton(AF_INET, source, &address.sin_addr);
  EXPECT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0) << source;
  address.sin_port = htons(port);
  inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  EXPECT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  size_t sent = 0;
  while (sent < raw.size()) {
    ssize_t n = send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may answer and close before reading everything
    sent += static_cast<size_t>(n);
  }
  shutdown(fd, SHUT_WR);
  std::string answer;
  char buffer[4096];
  ssize_t n = 0;
  while ((n = recv(fd, buffer, sizeof buffer, 0)) > 0)
    answer.append(buffer, static_cast<size_t>(n));
  close(fd);
  return answer;
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerOptions options;
    options.port = 0;
    options.max_form_bytes = 1000;
    options.max_upload_bytes = 3000;
    options.max_upload_files = 2;
    options.drain_seconds = 1;
    Result<std::unique_ptr<Server>> server = Server::Start(endpoint_, options);
    ASSERT_TRUE(server.ok()) << server.status().message();
    server_ = std::move(*server);
  }

  std::string Exchange(const std::string& raw) { return ExchangeWith(server_->port(), raw); }

  std::string Post(const std::string& path, const std::string& type, const std::string& body) {
    return Exchange("POST " + path +
                    " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: " + type +
                    "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
  }

  static std::string Multipart(const std::vector<std::string>& parts) {
    std::string body;
    for (const std::string& part : parts) body += "--BOUNDARY\r\n" + part + "\r\n";
    return body + "--BOUNDARY--\r\n";
  }

  EchoEndpoint endpoint_;
  std::unique_ptr<Server> server_;
};

std::string Status(const std::string& answer) { return answer.substr(0, answer.find("\r\n")); }
std::string Body(const std::string& answer) {
  size_t end = answer.find("\r\n\r\n");
  return end == std::string::npos ? "" : answer.substr(end + 4);
}

TEST_F(ServerTest, DecodesAnUrlencodedFormWithCookiesAndQuery) {
  std::string answer = Exchange(
      "POST /form?q=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: c=abc\r\n"
      "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 28\r\n\r\n"
      "name=A+B%26C&empty=&note=%3C");
  EXPECT_EQ(Status(answer), "HTTP/1.1 200 OK");
  EXPECT_EQ(Body(answer), "POST /form|name=A B&C;empty=;note=<;||cookie=abc|q=1");
  EXPECT_NE(answer.find("Content-Security-Policy:"), std::string::npos);
}

TEST_F(ServerTest, DecodesMultipartFieldsAndFiles) {
  std::string body =
      Multipart({"Content-Disposition: form-data; name=\"who\"\r\n\r\nAnna",
                 "Content-Disposition: form-data; name=\"evidence\"; filename=\"a.txt\"\r\n"
                 "Content-Type: text/plain\r\n\r\n" +
                     std::string(2500, 'x'),
                 "Content-Disposition: form-data; name=\"evidence\"; filename=\"\"\r\n"
                 "Content-Type: application/octet-stream\r\n\r\n"});
  std::string answer = Post("/upload", "multipart/form-data; boundary=BOUNDARY", body);
  EXPECT_EQ(Status(answer), "HTTP/1.1 200 OK") << answer;
  EXPECT_EQ(Body(answer), "POST /upload|who=Anna;|file:evidence:a.txt:text/plain:2500;|cookie=|q=");
}

TEST_F(ServerTest, PostWhereNoFormIs405WithoutReadingTheBody) {
  std::string answer = Post("/elsewhere", "application/x-www-form-urlencoded", "a=b");
  EXPECT_EQ(Status(answer), "HTTP/1.1 405 Method Not Allowed");
  EXPECT_EQ(Status(Exchange("PUT /form HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")),
            "HTTP/1.1 405 Method Not Allowed");
}

TEST_F(ServerTest, ADeclaredLengthBeyondTheLimitIs413BeforeReading) {
  std::string answer = Exchange(
      "POST /form HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: "
      "application/x-www-form-urlencoded\r\nContent-Length: 100000000\r\n\r\n");
  EXPECT_EQ(Status(answer), "HTTP/1.1 413 Content Too Large") << answer;
  EXPECT_NE(Body(answer).find("larger than this form accepts"), std::string::npos);
}

TEST_F(ServerTest, FieldsBeyondTheLimitAre413WhileReading) {
  // Chunked: no Content-Length to refuse early; the limit applies to the decoded fields.
  std::string field = "a=" + std::string(1200, 'x');
  char size[16];
  snprintf(size, sizeof size, "%zx", field.size());
  std::string answer = Exchange(
      "POST /form HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: "
      "application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n" +
      std::string(size) + "\r\n" + field + "\r\n0\r\n\r\n");
  EXPECT_EQ(Status(answer), "HTTP/1.1 413 Content Too Large") << answer;
  EXPECT_NE(Body(answer).find("fields are larger than"), std::string::npos);
}

TEST_F(ServerTest, AFileBeyondItsCapOrTooManyFilesAre413) {
  std::string file = "Content-Disposition: form-data; name=\"f\"; filename=\"a.pdf\"\r\n\r\n";
  std::string big = Post("/upload", "multipart/form-data; boundary=BOUNDARY",
                         Multipart({file + std::string(3001, 'x')}));
  EXPECT_EQ(Status(big), "HTTP/1.1 413 Content Too Large");
  EXPECT_NE(Body(big).find("Each file may be at most"), std::string::npos);
  std::string many = Post("/upload", "multipart/form-data; boundary=BOUNDARY",
                          Multipart({file + "1", file + "2", file + "3"}));
  EXPECT_EQ(Status(many), "HTTP/1.1 413 Content Too Large");
  EXPECT_NE(Body(many).find("At most 2 files"), std::string::npos);
}

TEST_F(ServerTest, AFileOnAFormWithoutUploadsIs400) {
  std::string answer =
      Post("/form", "multipart/form-data; boundary=BOUNDARY",
           Multipart({"Content-Disposition: form-data; name=\"f\"; filename=\"a\"\r\n\r\nx"}));
  EXPECT_EQ(Status(answer), "HTTP/1.1 400 Bad Request");
  EXPECT_NE(Body(answer).find("takes no files"), std::string::npos);
}

TEST_F(ServerTest, ABodyThatIsNotAFormIs415) {
  std::string answer = Post("/form", "application/json", "{}");
  EXPECT_EQ(Status(answer), "HTTP/1.1 415 Unsupported Media Type");
}

TEST_F(ServerTest, GetIsAnsweredAndStopReturns) {
  std::string answer =
      Exchange("GET /x?q=%3Cb%3E HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(Status(answer), "HTTP/1.1 200 OK");
  EXPECT_EQ(Body(answer), "GET /x|||cookie=|q=<b>");
  server_->Stop();
}

// Answers with the client address the server chose.
class ClientAddressEndpoint : public Endpoint {
 public:
  BodyKind PostBody(std::string_view /*path*/) const override { return BodyKind::kNone; }
  Response Handle(const Request& request, const std::string& /*base_url*/) const override {
    return {200, "text/plain", "client=" + request.client_address, {}};
  }
  Response Refuse(int status, const std::string& message) const override {
    return {status, "text/plain", "refused: " + message, {}};
  }
};

TEST(ServerClientAddressTest, ProxyHeadersAreReadOnlyFromATrustedPeer) {
  ClientAddressEndpoint endpoint;
  ServerOptions options;
  options.port = 0;
  options.drain_seconds = 1;
  options.trusted_proxies = {"127.0.0.1"};
  Result<std::unique_ptr<Server>> server = Server::Start(endpoint, options);
  ASSERT_TRUE(server.ok()) << server.status().message();
  auto get = [&](const std::string& headers, const char* source) {
    return ExchangeWith((*server)->port(),
                        "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + headers + "\r\n",
                        source);
  };
  // From the trusted proxy: the address it names (header names in any case).
  EXPECT_EQ(Body(get("x-real-ip: 203.0.113.9\r\n", "127.0.0.1")), "client=203.0.113.9");
  EXPECT_EQ(Body(get("X-Forwarded-For: 198.51.100.1, 203.0.113.7\r\n", "127.0.0.1")),
            "client=203.0.113.7");
  EXPECT_EQ(Body(get("", "127.0.0.1")), "client=127.0.0.1");
  // From another peer the same headers are ignored: a client cannot pick its own key.
  EXPECT_EQ(Body(get("X-Real-IP: 203.0.113.9\r\nX-Forwarded-For: 203.0.113.9\r\n", "127.0.0.2")),
            "client=127.0.0.2");
  // A malformed address from the trusted proxy is refused, not counted as the proxy.
  std::string answer = get("X-Real-IP: 203.0.113.9:4444\r\n", "127.0.0.1");
  EXPECT_EQ(Status(answer), "HTTP/1.1 400 Bad Request");
  EXPECT_NE(Body(answer).find("X-Real-IP from the trusted proxy 127.0.0.1"), std::string::npos)
      << Body(answer);
  answer = get("X-Real-IP: 203.0.113.9\r\nX-Real-IP: 203.0.113.8\r\n", "127.0.0.1");
  EXPECT_EQ(Status(answer), "HTTP/1.1 400 Bad Request");
}

TEST(ServerClientAddressTest, ABadTrustedProxyStopsTheStart) {
  ClientAddressEndpoint endpoint;
  ServerOptions options;
  options.port = 0;
  options.trusted_proxies = {"proxy.local"};
  Result<std::unique_ptr<Server>> server = Server::Start(endpoint, options);
  ASSERT_FALSE(server.ok());
  EXPECT_EQ(server.status().message(),
            "--trusted-proxy: expected an IPv4 or IPv6 address, got 'proxy.local'");
}

}  // namespace
}  // namespace gpaikit::portal

// Tests of the portal's e-mail: composing (RFC 5322 headers, RFC 2047 subject, RFC 2045 body,
// header injection refused) and sending over SMTP to a real server on loopback (aiosmtpd).
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "portal/mail_message.h"
#include "portal/mail_sender.h"
#include "portal/smtp_sink_test_util.h"

namespace gpaikit::portal {
namespace {

SmtpSettings Settings(const std::string& url, const std::string& from) {
  SmtpSettings settings;
  settings.url = url;
  settings.from = from;
  return settings;
}

MailMessage Sample() {
  return {"desk@provider.example", "owner@rights.example", "Complaint C-2026-000001 received",
          "Dear rightsholder,\nwe received your complaint.\n"};
}

TEST(MailAddressTest, AcceptsPlainAddressesAndRefusesTheRest) {
  EXPECT_TRUE(IsMailAddress("a.b+tag@example.eu"));
  EXPECT_TRUE(IsMailAddress("desk@localhost"));
  EXPECT_FALSE(IsMailAddress(""));
  EXPECT_FALSE(IsMailAddress("no-at.example"));
  EXPECT_FALSE(IsMailAddress("a@b@example.eu"));
  EXPECT_FALSE(IsMailAddress("a b@example.eu"));
  EXPECT_FALSE(IsMailAddress("a@example.eu\r\nBcc: x@evil.example"));
  EXPECT_FALSE(IsMailAddress("<a@example.eu>"));
  EXPECT_FALSE(IsMailAddress("a,b@example.eu"));
  EXPECT_FALSE(IsMailAddress(".a@example.eu"));
  EXPECT_FALSE(IsMailAddress("a@-example.eu"));
  EXPECT_FALSE(IsMailAddress("a@example"));
  EXPECT_FALSE(IsMailAddress("a@exa_mple.eu"));
  EXPECT_FALSE(IsMailAddress(std::string(250, 'a') + "@example.eu"));
}

TEST(MailComposeTest, HeadersAndBody) {
  Result<std::string> text = ComposeMail(Sample(), 1796578283, "<abc@provider.example>");
  ASSERT_TRUE(text.ok()) << text.status().message();
  EXPECT_NE(text->find("From: desk@provider.example\r\n"), std::string::npos);
  EXPECT_NE(text->find("To: owner@rights.example\r\n"), std::string::npos);
  EXPECT_NE(text->find("Subject: Complaint C-2026-000001 received\r\n"), std::string::npos);
  // RFC 5322 3.3: day, date, time and zone.
  EXPECT_NE(text->find("Date: Sun, 06 Dec 2026 17:31:23 +0000\r\n"), std::string::npos);
  EXPECT_NE(text->find("Message-ID: <abc@provider.example>\r\n"), std::string::npos);
  EXPECT_NE(text->find("Content-Transfer-Encoding: quoted-printable\r\n\r\nDear rightsholder,\r\n"
                       "we received your complaint.\r\n"),
            std::string::npos);
  EXPECT_EQ(text->find("\n\n"), std::string::npos) << "every line ends in CRLF";
}

// Header injection: a CR or LF in any header field would let form text add headers (Bcc).
TEST(MailComposeTest, RefusesLineBreaksInEveryHeaderField) {
  for (int field = 0; field < 3; ++field) {
    for (const char* breaker : {"\r\nBcc: x@evil.example", "\nBcc: x@evil.example", "\r"}) {
      MailMessage mail = Sample();
      std::string* target = field == 0 ? &mail.from : field == 1 ? &mail.to : &mail.subject;
      *target += breaker;
      Result<std::string> text = ComposeMail(mail, 0, "<a@b.example>");
      ASSERT_FALSE(text.ok()) << field << " " << breaker;
      EXPECT_NE(text.status().message().find(field == 0   ? "From"
                                             : field == 1 ? "To"
                                                          : "Subject"),
                std::string::npos)
          << text.status().message();
    }
  }
  EXPECT_FALSE(ComposeMail(Sample(), 0, "<a@b.example>\r\nBcc: x@evil.example").ok());
  MailMessage nul = Sample();
  nul.subject += std::string(1, '\0') + "x";
  EXPECT_FALSE(ComposeMail(nul, 0, "<a@b.example>").ok());
}

TEST(MailComposeTest, RefusesTextThatIsNotUtf8) {
  MailMessage mail = Sample();
  mail.body = "caf\xe9\n";
  EXPECT_FALSE(ComposeMail(mail, 0, "<a@b.example>").ok());
  mail = Sample();
  mail.subject = "\xc0\xaf";  // an overlong "/"
  EXPECT_FALSE(ComposeMail(mail, 0, "<a@b.example>").ok());
}

// RFC 2047: a subject that is not ASCII travels as encoded words of whole characters.
TEST(MailComposeTest, NonAsciiSubjectIsEncoded) {
  MailMessage mail = Sample();
  mail.subject =
      std::string("Beschwerde ") + "\xc3\xbc" + "ber " + std::string(40, 'x') + " \xe2\x82\xac";
  Result<std::string> text = ComposeMail(mail, 0, "<a@b.example>");
  ASSERT_TRUE(text.ok());
  size_t start = text->find("Subject: ");
  size_t end = text->find("\r\nDate:");
  std::string subject = text->substr(start, end - start);
  EXPECT_NE(subject.find("=?UTF-8?B?"), std::string::npos) << subject;
  EXPECT_NE(subject.find("\r\n =?UTF-8?B?"), std::string::npos) << "folded: " << subject;
  for (char c : subject) EXPECT_LT(static_cast<unsigned char>(c), 128);
}

// RFC 2045 6.7: "=" and non-ASCII as =XX, lines at most 76, trailing space encoded.
TEST(QuotedPrintableTest, EncodesAsTheRfcSays) {
  EXPECT_EQ(QuotedPrintable("a=b\n"), "a=3Db\r\n");
  EXPECT_EQ(QuotedPrintable("\xc3\xbc\n"), "=C3=BC\r\n");
  EXPECT_EQ(QuotedPrintable("end \n"), "end=20\r\n");
  EXPECT_EQ(QuotedPrintable("no newline"), "no newline\r\n");
  std::string encoded = QuotedPrintable(std::string(200, 'y') + "\n");
  std::istringstream lines(encoded);
  std::string line;
  std::string joined;
  while (std::getline(lines, line)) {
    ASSERT_FALSE(line.empty());
    ASSERT_EQ(line.back(), '\r');
    line.pop_back();
    EXPECT_LE(line.size(), 76u);
    if (!line.empty() && line.back() == '=') line.pop_back();
    joined += line;
  }
  EXPECT_EQ(joined, std::string(200, 'y'));
}

TEST(MailIdTest, MessageIdIsRandomAndNamesTheSendersDomain) {
  std::string a = NewMessageId("desk@provider.example");
  std::string b = NewMessageId("desk@provider.example");
  EXPECT_NE(a, b);
  EXPECT_EQ(a.size(), 1 + 32 + 1 + std::string("provider.example").size() + 1);
  EXPECT_TRUE(a.ends_with("@provider.example>"));
}

TEST(SmtpSettingsTest, ChecksUrlAndSender) {
  EXPECT_TRUE(CheckSmtpSettings({}).ok());
  EXPECT_TRUE(CheckSmtpSettings(Settings("smtp://127.0.0.1:25", "desk@provider.example")).ok());
  EXPECT_FALSE(CheckSmtpSettings(Settings("http://127.0.0.1", "desk@provider.example")).ok());
  EXPECT_FALSE(CheckSmtpSettings(Settings("smtp://127.0.0.1", "not an address")).ok());
}

TEST(SmtpSendTest, DeliversToARealServerWithHeadersAndBody) {
  SmtpSink sink;
  ASSERT_GT(sink.port(), 0) << "smtp_sink.py did not start (python3-aiosmtpd installed?)";
  MailMessage mail = Sample();
  mail.body = ".a line that starts with a dot\nTracking number C-2026-000001\n";
  Result<std::string> text = ComposeMail(mail, 1796578283, NewMessageId(mail.from));
  ASSERT_TRUE(text.ok());
  SmtpSettings settings = Settings(sink.url(), mail.from);
  Status sent = SendMail(settings, mail.to, *text);
  ASSERT_TRUE(sent.ok()) << sent.message();
  EXPECT_EQ(sink.Read("1.envelope"), "from desk@provider.example\nto owner@rights.example\n");
  std::string received = sink.Read("1.eml");
  EXPECT_NE(received.find("Subject: Complaint C-2026-000001 received"), std::string::npos);
  EXPECT_NE(received.find("Date: Sun, 06 Dec 2026 17:31:23 +0000"), std::string::npos);
  // SMTP transparency (RFC 5321 4.5.2): the leading dot arrives as it was written.
  EXPECT_NE(received.find("\r\n\r\n.a line that starts with a dot\r\n"), std::string::npos)
      << received;
}

TEST(SmtpSendTest, ATemporaryRefusalIsAnError) {
  SmtpSink sink({"--fail-first", "1"});
  ASSERT_GT(sink.port(), 0);
  Result<std::string> text = ComposeMail(Sample(), 0, "<a@provider.example>");
  ASSERT_TRUE(text.ok());
  Status sent =
      SendMail(Settings(sink.url(), "desk@provider.example"), "owner@rights.example", *text);
  ASSERT_FALSE(sent.ok());
  EXPECT_NE(sent.message().find("451"), std::string::npos) << sent.message();
  EXPECT_TRUE(
      SendMail(Settings(sink.url(), "desk@provider.example"), "owner@rights.example", *text).ok());
}

TEST(SmtpSendTest, NoServerIsAnIoErrorNamingTheUrl) {
  SmtpSettings settings = Settings("smtp://127.0.0.1:1", "desk@provider.example");
  settings.timeout_seconds = 5;
  Status sent = SendMail(settings, "owner@rights.example", "Subject: x\r\n\r\nx\r\n");
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.code(), StatusCode::kIo);
  EXPECT_NE(sent.message().find("smtp://127.0.0.1:1"), std::string::npos);
}

// STARTTLS (RFC 3207) required by the server: a sender that requires TLS and trusts the
// server's certificate delivers; one that does not speak TLS is refused by the server.
TEST(SmtpSendTest, StartTls) {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("gpaikit-smtp-tls-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::string cert = (dir / "cert.pem").string();
  std::string key = (dir / "key.pem").string();
  std::string command =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 "
      "-addext subjectAltName=IP:127.0.0.1 -keyout " +
      key + " -out " + cert + " 2>/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0);
  SmtpSink sink({"--starttls", cert, key});
  ASSERT_GT(sink.port(), 0);
  Result<std::string> text = ComposeMail(Sample(), 0, "<a@provider.example>");
  ASSERT_TRUE(text.ok());
  SmtpSettings plain = Settings(sink.url(), "desk@provider.example");
  EXPECT_FALSE(SendMail(plain, "owner@rights.example", *text).ok());
  SmtpSettings tls = plain;
  tls.require_tls = true;
  tls.ca_file = cert;
  Status sent = SendMail(tls, "owner@rights.example", *text);
  EXPECT_TRUE(sent.ok()) << sent.message();
  EXPECT_NE(sink.Read("1.eml").find("To: owner@rights.example"), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace gpaikit::portal

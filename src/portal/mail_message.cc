// An e-mail as the portal sends it: RFC 5322 headers, RFC 2047 subject, RFC 2045
// quoted-printable body; header injection refused (docs/portal-mail.md).
#include "portal/mail_message.h"

#include <sodium.h>

#include <array>
#include <cstdio>

namespace gpaikit::portal {
namespace {

constexpr size_t kMaxAddressLength = 254;    // RFC 5321 4.5.3.1.3 path limit less the brackets
constexpr size_t kQuotedPrintableLine = 76;  // RFC 2045 6.7 (5)
constexpr size_t kEncodedWordBytes = 45;     // 60 base64 characters: an encoded word under 75

bool IsAtomChar(char c) {
  if (c <= ' ' || c >= 127) return false;
  return std::string_view("\"(),:;<>@[\\]").find(c) == std::string_view::npos;
}

bool IsPlainAscii(std::string_view text) {
  for (char c : text) {
    if (c < ' ' || c >= 127) return false;
  }
  return true;
}

// Length of the UTF-8 sequence that starts with `lead`; 0 for a byte that cannot start one.
size_t SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

Status RefuseLineBreaks(std::string_view field, std::string_view value) {
  if (value.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos) {
    return Status::InvalidInput("mail header " + std::string(field) +
                                ": a line break or NUL is not allowed in a header field");
  }
  if (!IsUtf8(value)) {
    return Status::InvalidInput("mail header " + std::string(field) + ": not UTF-8 text");
  }
  return Status::Ok();
}

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.find('\0'));
  return out;
}

// The subject as it goes on the wire: itself when plain ASCII, else encoded words of whole UTF-8
// characters joined by folding white space (RFC 2047 5 (3) and 2).
std::string EncodedSubject(std::string_view subject) {
  if (IsPlainAscii(subject) && subject.size() <= 900) return std::string(subject);
  std::string out;
  size_t start = 0;
  while (start < subject.size()) {
    size_t end = start;
    while (end < subject.size()) {
      size_t length = SequenceLength(static_cast<unsigned char>(subject[end]));
      if (end + length - start > kEncodedWordBytes) break;
      end += length;
    }
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(subject.substr(start, end - start)) + "?=";
    start = end;
  }
  return out;
}

std::string DomainOf(std::string_view address) {
  size_t at = address.rfind('@');
  return at == std::string_view::npos ? "localhost" : std::string(address.substr(at + 1));
}

}  // namespace

bool IsUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    auto lead = static_cast<unsigned char>(text[i]);
    size_t length = SequenceLength(lead);
    if (length == 0 || i + length > text.size()) return false;
    for (size_t k = 1; k < length; ++k) {
      auto c = static_cast<unsigned char>(text[i + k]);
      if ((c & 0xC0) != 0x80) return false;
    }
    if (length >= 3) {
      auto second = static_cast<unsigned char>(text[i + 1]);
      if (lead == 0xE0 && second < 0xA0) return false;  // overlong
      if (lead == 0xED && second > 0x9F) return false;  // surrogate
      if (lead == 0xF0 && second < 0x90) return false;  // overlong
      if (lead == 0xF4 && second > 0x8F) return false;  // above U+10FFFF
    }
    i += length;
  }
  return true;
}

bool IsMailAddress(std::string_view address) {
  if (address.empty() || address.size() > kMaxAddressLength) return false;
  size_t at = address.find('@');
  if (at == std::string_view::npos || at == 0 ||
      address.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  std::string_view local = address.substr(0, at);
  std::string_view domain = address.substr(at + 1);
  for (char c : local) {
    if (!IsAtomChar(c)) return false;
  }
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
    return false;
  }
  if (domain.empty() || domain.size() > 253) return false;
  size_t label_start = 0;
  bool dotted = false;
  for (size_t i = 0; i <= domain.size(); ++i) {
    if (i == domain.size() || domain[i] == '.') {
      size_t length = i - label_start;
      if (length == 0 || length > 63) return false;
      if (domain[label_start] == '-' || domain[i - 1] == '-') return false;
      dotted = dotted || i < domain.size();
      label_start = i + 1;
      continue;
    }
    char c = domain[i];
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return dotted || domain == "localhost";
}

std::string NewMessageId(std::string_view from) {
  std::array<unsigned char, 16> random{};
  randombytes_buf(random.data(), random.size());
  std::string hex(random.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), random.data(), random.size());
  hex.pop_back();
  return "<" + hex + "@" + DomainOf(from) + ">";
}

std::string MailDate(std::time_t time) {
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::tm utc{};
  gmtime_r(&time, &utc);
  char text[40];
  std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[utc.tm_wday],
                utc.tm_mday, kMonths[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min,
                utc.tm_sec);
  return text;
}

std::string QuotedPrintable(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  std::string line;
  auto flush_line = [&](bool hard_break) {
    // Trailing white space would be lost in transport: encode it (RFC 2045 6.7 (3)).
    if (hard_break && !line.empty() && (line.back() == ' ' || line.back() == '\t')) {
      char last = line.back();
      line.pop_back();
      line += '=';
      line += kHex[last >> 4];
      line += kHex[last & 15];
      if (line.size() > kQuotedPrintableLine) {
        out += line.substr(0, line.size() - 3) + "=\r\n";
        line = line.substr(line.size() - 3);
      }
    }
    out += line;
    out += hard_break ? "\r\n" : "=\r\n";
    line.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    if (c == '\n') {
      flush_line(true);
      continue;
    }
    std::string piece;
    if ((c >= 33 && c <= 126 && c != '=') || c == ' ' || c == '\t') {
      piece = static_cast<char>(c);
    } else {
      piece = {'=', kHex[c >> 4], kHex[c & 15]};
    }
    // A soft line break ("=") must fit within the 76 characters.
    if (line.size() + piece.size() > kQuotedPrintableLine - 1) flush_line(false);
    line += piece;
  }
  if (!line.empty()) flush_line(true);
  return out;
}

Result<std::string> ComposeMail(const MailMessage& mail, std::time_t now,
                                std::string_view message_id) {
  for (const auto& [field, value] :
       {std::pair<std::string_view, std::string_view>{"From", mail.from},
        {"To", mail.to},
        {"Subject", mail.subject},
        {"Message-ID", message_id}}) {
    if (Status status = RefuseLineBreaks(field, value); !status.ok()) return status;
  }
  if (!IsMailAddress(mail.from)) {
    return Status::InvalidInput("mail header From: not an address (local@domain): " + mail.from);
  }
  if (!IsMailAddress(mail.to)) {
    return Status::InvalidInput("mail header To: not an address (local@domain): " + mail.to);
  }
  if (!IsUtf8(mail.body)) return Status::InvalidInput("mail body: not UTF-8 text");
  if (message_id.size() < 3 || message_id.front() != '<' || message_id.back() != '>' ||
      !IsPlainAscii(message_id)) {
    return Status::InvalidInput("mail header Message-ID: expected <id@domain>");
  }
  std::string message;
  message += "From: " + mail.from + "\r\n";
  message += "To: " + mail.to + "\r\n";
  message += "Subject: " + EncodedSubject(mail.subject) + "\r\n";
  message += "Date: " + MailDate(now) + "\r\n";
  message += "Message-ID: " + std::string(message_id) + "\r\n";
  message += "MIME-Version: 1.0\r\n";
  message += "Content-Type: text/plain; charset=utf-8\r\n";
  message += "Content-Transfer-Encoding: quoted-printable\r\n";
  message += "\r\n";
  message += QuotedPrintable(mail.body);
  return message;
}

}  // namespace gpaikit::portal

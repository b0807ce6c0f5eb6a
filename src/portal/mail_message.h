// An e-mail as the portal sends it (acknowledgements of intake, replies from the desk): RFC 5322
// headers and a quoted-printable UTF-8 body (RFC 2045), CR, LF and NUL refused in every header
// field so that no text from a form can add a header (docs/portal-mail.md).
#ifndef GPAIKIT_PORTAL_MAIL_MESSAGE_H_
#define GPAIKIT_PORTAL_MAIL_MESSAGE_H_

#include <ctime>
#include <string>
#include <string_view>

#include "gpaikit/base/status.h"

namespace gpaikit::portal {

struct MailMessage {
  std::string from;     // an address (addr-spec, RFC 5322 3.4.1), as IsMailAddress accepts
  std::string to;       // one address
  std::string subject;  // UTF-8, one line
  std::string body;     // UTF-8 text; lines end in "\n" or "\r\n"
};

// True for `local@domain` in printable ASCII without spaces, quotes, angle brackets, commas,
// semicolons or backslashes, at most 254 characters, the domain with a dot-separated label.
// Deliberately narrower than RFC 5322: an address outside it is refused, not quoted.
bool IsMailAddress(std::string_view address);

// A Message-ID for a message from `from`: "<32 random hex digits@DOMAIN-OF-FROM>".
std::string NewMessageId(std::string_view from);

// "Sun, 06 Dec 2026 17:31:23 +0000" (RFC 5322 3.3) for `time` in UTC.
std::string MailDate(std::time_t time);

// The message as sent over SMTP: headers From, To, Subject (an RFC 2047 encoded word when it is
// not plain ASCII), Date (`now`), Message-ID (`message_id`, with its angle brackets),
// MIME-Version, Content-Type text/plain UTF-8, Content-Transfer-Encoding quoted-printable; then
// the body. Lines end in CRLF. InvalidInput naming the field when a header field holds CR, LF or
// NUL, an address is malformed, or a text is not UTF-8.
Result<std::string> ComposeMail(const MailMessage& mail, std::time_t now,
                                std::string_view message_id);

// The body encoded quoted-printable (RFC 2045 6.7): lines of at most 76 characters, "=" and
// bytes outside printable ASCII as =XX, trailing white space encoded; CRLF line ends.
std::string QuotedPrintable(std::string_view text);

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates).
bool IsUtf8(std::string_view text);

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_MAIL_MESSAGE_H_

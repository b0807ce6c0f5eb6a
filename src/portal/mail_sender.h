// Sends one composed e-mail over SMTP with libcurl (smtp:// with optional STARTTLS, or smtps://);
// the portal's mail queue calls it from its own thread, never from a request (docs/portal-mail.md).
#ifndef GPAIKIT_PORTAL_MAIL_SENDER_H_
#define GPAIKIT_PORTAL_MAIL_SENDER_H_

#include <string>

#include "gpaikit/base/status.h"

namespace gpaikit::portal {

struct SmtpSettings {
  std::string url;           // smtp://host[:port] or smtps://host[:port]; "" disables mail
  std::string from;          // the envelope and header sender
  bool require_tls = false;  // smtp:// with STARTTLS required (refused when the server lacks it)
  std::string ca_file;       // CA bundle for the server's certificate; "" uses the system's
  std::string username;      // SMTP AUTH, when both are set
  std::string password;
  long timeout_seconds = 30;  // the whole exchange
};

// InvalidInput naming the setting when the URL is not smtp:// or smtps://, or `from` is not an
// address; Ok for an empty URL (mail disabled).
Status CheckSmtpSettings(const SmtpSettings& settings);

// Sends `message` (a complete RFC 5322 text with CRLF line ends, as ComposeMail makes it) to
// `recipient` with envelope sender settings.from. Io with libcurl's reason and the server's
// answer when the exchange fails; nothing is retried here (the queue does that).
Status SendMail(const SmtpSettings& settings, const std::string& recipient,
                const std::string& message);

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_MAIL_SENDER_H_

// One SMTP submission over libcurl (RFC 5321; STARTTLS RFC 3207; smtps RFC 8314).
#include "portal/mail_sender.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <mutex>

#include "portal/mail_message.h"

namespace gpaikit::portal {
namespace {

struct Upload {
  const std::string* text;
  size_t offset = 0;
};

size_t ReadUpload(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  size_t room = size * count;
  size_t left = upload->text->size() - upload->offset;
  size_t n = std::min(room, left);
  std::memcpy(buffer, upload->text->data() + upload->offset, n);
  upload->offset += n;
  return n;
}

void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

Status CheckSmtpSettings(const SmtpSettings& settings) {
  if (settings.url.empty()) return Status::Ok();
  if (!settings.url.starts_with("smtp://") && !settings.url.starts_with("smtps://")) {
    return Status::InvalidInput("mail: SMTP URL must start with smtp:// or smtps://: " +
                                settings.url);
  }
  if (settings.url.find_first_of(std::string_view("\r\n\0 ", 4)) != std::string::npos) {
    return Status::InvalidInput("mail: SMTP URL has white space or a line break");
  }
  if (!IsMailAddress(settings.from)) {
    return Status::InvalidInput("mail: sender address (--mail-from) is not local@domain: " +
                                settings.from);
  }
  return Status::Ok();
}

Status SendMail(const SmtpSettings& settings, const std::string& recipient,
                const std::string& message) {
  if (Status checked = CheckSmtpSettings(settings); !checked.ok()) return checked;
  if (settings.url.empty()) return Status::InvalidInput("mail: no SMTP URL configured");
  if (!IsMailAddress(recipient)) {
    return Status::InvalidInput("mail: recipient is not local@domain: " + recipient);
  }
  InitCurlOnce();
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return Status::Internal("mail: curl_easy_init failed");
  std::string from = "<" + settings.from + ">";
  std::string to = "<" + recipient + ">";
  curl_slist* recipients = curl_slist_append(nullptr, to.c_str());
  Upload upload{&message};
  char error[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(curl, CURLOPT_URL, settings.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadUpload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // a threaded server: no SIGALRM for DNS
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, settings.timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, std::min(settings.timeout_seconds, 10L));
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  if (settings.require_tls || settings.url.starts_with("smtps://")) {
    curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  }
  if (!settings.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, settings.ca_file.c_str());
  if (!settings.username.empty() && !settings.password.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, settings.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, settings.password.c_str());
  }
  CURLcode code = curl_easy_perform(curl);
  long response = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response);
  curl_slist_free_all(recipients);
  curl_easy_cleanup(curl);
  if (code != CURLE_OK) {
    std::string reason = error[0] != '\0' ? error : curl_easy_strerror(code);
    return Status::Io("mail to " + recipient + " via " + settings.url + ": " + reason +
                      (response != 0 ? " (server answered " + std::to_string(response) + ")" : ""));
  }
  return Status::Ok();
}

}  // namespace gpaikit::portal

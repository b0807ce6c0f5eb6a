// The staff desk's router and start page (docs/portal-desk.md; OWASP ASVS v4.0.3 V4.1.1: every
// page under /desk checks the session on the server).
#include "portal/desk_pages.h"

#include "portal/csrf.h"
#include "portal/desk_auth.h"
#include "portal/mail_queue.h"

namespace gpaikit::portal {
namespace {

constexpr const char* kHtml = "text/html; charset=utf-8";

Response RenderDesk(const Site::State& state, const std::string& name, Data data) {
  Result<std::string> body = state.templates.Render(name, std::move(data));
  if (!body.ok()) return InternalError(body.status());
  Response response{200, kHtml, std::move(*body), {}};
  AddDeskHeaders(response);
  return response;
}

// /desk: the outgoing mail (so that staff see a mail server that refuses the replies).
Response DeskHome(const Site::State& state, const StaffSession& session, std::time_t now) {
  Data data = DeskPageData(state, session, "Staff desk", now);
  Result<std::vector<QueuedMail>> mails = MailQueue(*state.db).List("", 50);
  if (!mails.ok()) return InternalError(mails.status());
  kainjow::mustache::list rows;
  for (const QueuedMail& mail : *mails) {
    Data row;
    row.set("created_at", mail.created_at);
    row.set("reference", mail.reference);
    row.set("subject", mail.subject);
    row.set("state", mail.state);
    if (!mail.sent_at.empty()) row.set("sent_at", mail.sent_at);
    row.set("attempts", std::to_string(mail.attempts));
    row.set("last_error", mail.last_error);
    rows.push_back(row);
  }
  data.set("has_mails", !rows.empty());
  data.set("mails", rows);
  return RenderDesk(state, "desk", std::move(data));
}

}  // namespace

bool IsDeskPath(std::string_view path) { return path == "/desk" || path.starts_with("/desk/"); }

BodyKind DeskPostBody(std::string_view path) {
  if (path == "/desk/login" || path == "/desk/logout") return BodyKind::kForm;
  return BodyKind::kNone;
}

Data DeskPageData(const Site::State& state, const StaffSession& session, const std::string& title,
                  std::time_t now) {
  Data data = PageData(state, title);
  data.set("user", session.user.name);
  data.set("role", RoleName(session.user.role));
  data.set("csrf_field", kCsrfField);
  data.set("logout_token", DeskFormToken(state, session, kLogoutForm, now));
  return data;
}

Response HandleDesk(const Site::State& state, const Request& request, const std::string& base_url) {
  const bool secure = SecureCookies(base_url);
  const std::time_t now = std::time(nullptr);
  const bool post = request.method == "POST";
  if (request.path == "/desk/login") {
    return post ? LoginSubmit(state, request, secure, now) : LoginPage(state, request, now);
  }
  if (request.path == "/desk/logout" && post) return LogoutSubmit(state, request, secure, now);
  Result<std::optional<StaffSession>> session = CurrentSession(state, request, secure, now);
  if (!session.ok()) return InternalError(session.status());
  if (!*session) return WithoutSession(state, request);
  if (request.path == "/desk") return DeskHome(state, **session, now);
  if (request.path == "/desk/logout") return SeeOther("/desk");
  Response response = ErrorPage(state, 404, "Not found", "There is no desk page at this address.");
  AddDeskHeaders(response);
  return response;
}

}  // namespace gpaikit::portal

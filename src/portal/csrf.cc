// CSRF tokens: the secret in the portal database, HMAC-SHA256 (libsodium), constant-time checks.
#include "portal/csrf.h"

#include <sodium.h>

#include <charconv>

#include "portal/sqlite_statement.h"

namespace gpaikit::portal {
namespace {

const std::vector<std::string>& Migrations() {
  static const std::vector<std::string> kMigrations = {
      "CREATE TABLE portal_secrets (name TEXT PRIMARY KEY, value BLOB NOT NULL);",
  };
  return kMigrations;
}

}  // namespace

std::string HexOf(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    hex += kDigits[c >> 4];
    hex += kDigits[c & 15];
  }
  return hex;
}

std::string RandomBytes(size_t count) {
  if (sodium_init() < 0) std::abort();  // no randomness: nothing secure can follow
  std::string bytes(count, '\0');
  randombytes_buf(bytes.data(), count);
  return bytes;
}

Result<CsrfGuard> CsrfGuard::Load(const PortalDb& db, std::time_t lifetime_seconds) {
  Status migrated = db.Migrate("csrf", Migrations());
  if (!migrated.ok()) return migrated;
  std::string secret;
  Status status = db.Transaction([&]() -> Status {
    SqlStatement select(db.handle(), "SELECT value FROM portal_secrets WHERE name = 'csrf'");
    Result<bool> row = select.Next();
    if (!row.ok()) return row.status();
    if (*row) {
      secret = select.Text(0);
      return Status::Ok();
    }
    secret = RandomBytes(crypto_auth_hmacsha256_KEYBYTES);
    SqlStatement insert(db.handle(), "INSERT INTO portal_secrets(name, value) VALUES ('csrf', ?1)");
    insert.Bind(1, secret);
    return insert.Run(db.path().string() + ": portal_secrets");
  });
  if (!status.ok()) return status;
  if (secret.size() < crypto_auth_hmacsha256_KEYBYTES) {
    return Status::InvalidInput(db.path().string() +
                                ": the CSRF secret in portal_secrets is shorter than 32 bytes");
  }
  return CsrfGuard(std::move(secret), lifetime_seconds);
}

CsrfGuard::CsrfGuard(std::string secret, std::time_t lifetime_seconds)
    : secret_(std::move(secret)), lifetime_(lifetime_seconds) {}

std::string CsrfGuard::Mac(std::string_view form, std::string_view binding,
                           std::time_t expiry) const {
  std::string message = "gpaikit-csrf/1|" + std::string(form) + "|" + std::string(binding) + "|" +
                        std::to_string(expiry);
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret_.data()),
                              secret_.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  crypto_auth_hmacsha256_final(&state, mac);
  return HexOf(std::string_view(reinterpret_cast<const char*>(mac), sizeof mac));
}

std::string CsrfGuard::Issue(std::string_view form, std::string_view binding,
                             std::time_t now) const {
  std::time_t expiry = now + lifetime_;
  return std::to_string(expiry) + "." + Mac(form, binding, expiry);
}

Status CsrfGuard::Check(std::string_view token, std::string_view form, std::string_view binding,
                        std::time_t now) const {
  if (token.empty()) return Status::InvalidInput("the form carries no CSRF token");
  if (binding.empty()) {
    return Status::InvalidInput("the request carries no CSRF cookie (are cookies enabled?)");
  }
  size_t dot = token.find('.');
  long long expiry = 0;
  if (dot == std::string_view::npos ||
      std::from_chars(token.data(), token.data() + dot, expiry).ptr != token.data() + dot ||
      token.size() - dot - 1 != 2 * crypto_auth_hmacsha256_BYTES) {
    return Status::InvalidInput("the CSRF token is malformed");
  }
  std::string expected = Mac(form, binding, static_cast<std::time_t>(expiry));
  std::string_view given = token.substr(dot + 1);
  if (sodium_memcmp(expected.data(), given.data(), expected.size()) != 0) {
    return Status::InvalidInput("the CSRF token is not valid for this form");
  }
  if (static_cast<std::time_t>(expiry) < now) {
    return Status::InvalidInput("the form has expired; reload the page and submit it again");
  }
  return Status::Ok();
}

std::string CsrfGuard::NewBinding() { return HexOf(RandomBytes(32)); }

std::string CsrfGuard::CookieHeader(const std::string& binding) {
  return std::string(kCsrfCookie) + "=" + binding + "; Path=/; HttpOnly; SameSite=Strict";
}

std::string CsrfBinding(const Request& request, Response& response) {
  std::string binding = request.Cookie(kCsrfCookie);
  bool well_formed =
      binding.size() == 64 && binding.find_first_not_of("0123456789abcdef") == std::string::npos;
  if (well_formed) return binding;
  binding = CsrfGuard::NewBinding();
  response.headers.emplace_back("Set-Cookie", CsrfGuard::CookieHeader(binding));
  return binding;
}

Status CheckCsrf(const CsrfGuard& guard, const Request& request, std::string_view form,
                 std::time_t now) {
  return guard.Check(request.Form(kCsrfField), form, request.Cookie(kCsrfCookie), now);
}

}  // namespace gpaikit::portal

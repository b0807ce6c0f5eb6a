// The desk's security settings as named constants, each with the OWASP ASVS v4.0.3 requirement
// it answers (docs/portal-security.md): password length, login throttling and lockout, session
// timeouts. Not law: engineering choices, documented and changed here only.
#ifndef GPAIKIT_PORTAL_SECURITY_POLICY_H_
#define GPAIKIT_PORTAL_SECURITY_POLICY_H_

#include <cstdint>

namespace gpaikit::portal {

// ASVS 2.1.1: passwords of at least 12 characters; 2.1.2: 64 and more allowed, at most 128.
// Counted in Unicode code points (2.1.4: any printable Unicode character is allowed).
inline constexpr int kMinPasswordLength = 12;
inline constexpr int kMaxPasswordLength = 128;

// ASVS 2.2.1 (anti-automation, at most 100 failed attempts per hour on one account): after
// kLockoutFailures failed logins for one account within kLoginWindowSeconds, the account is
// locked for kLockoutSeconds from the last failure (at most 5 tries per 15 minutes, 20 an hour).
inline constexpr int kLockoutFailures = 5;
inline constexpr int64_t kLoginWindowSeconds = 15 * 60;
inline constexpr int64_t kLockoutSeconds = 15 * 60;
// One client address may fail kAddressFailures logins (over any accounts) per
// kLoginWindowSeconds; further attempts are refused (429) until the window has moved on, so one
// address cannot lock out every account by spraying.
inline constexpr int kAddressFailures = 20;

// ASVS 3.3.2 and 3.3.1: a session ends after kSessionIdleSeconds without a request, and in any
// case kSessionAbsoluteSeconds after login (a working day); logout ends it at once.
inline constexpr int64_t kSessionIdleSeconds = 30 * 60;
inline constexpr int64_t kSessionAbsoluteSeconds = 12 * 3600;
// ASVS 3.7.1: the export of the filers' personal data needs a password entered within
// kRecentLoginSeconds (a session starts only at a login); an older session logs in again first.
inline constexpr int64_t kRecentLoginSeconds = 5 * 60;
// ASVS 3.2.2: session ids of 32 random bytes (256 bits; 64 are the minimum).
inline constexpr int kSessionIdBytes = 32;

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_SECURITY_POLICY_H_

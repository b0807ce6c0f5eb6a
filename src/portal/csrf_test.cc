// Tests of CSRF tokens: bound to form, cookie and secret; expiry; tampering; the secret kept in
// the portal database across restarts.
#include "portal/csrf.h"

#include <gtest/gtest.h>

#include "base/temp_dir_test_util.h"

namespace gpaikit::portal {
namespace {

constexpr std::time_t kNow = 1'780'000'000;
const std::string kSecret(32, 's');

TEST(CsrfTest, ATokenIsValidForItsFormAndBindingUntilItExpires) {
  CsrfGuard guard(kSecret, 3600);
  std::string token = guard.Issue("complaint", "cookie-a", kNow);
  EXPECT_TRUE(guard.Check(token, "complaint", "cookie-a", kNow).ok());
  EXPECT_TRUE(guard.Check(token, "complaint", "cookie-a", kNow + 3600).ok());
  Status expired = guard.Check(token, "complaint", "cookie-a", kNow + 3601);
  EXPECT_NE(expired.message().find("expired"), std::string::npos) << expired.message();
  EXPECT_FALSE(guard.Check(token, "request", "cookie-a", kNow).ok());
  EXPECT_FALSE(guard.Check(token, "complaint", "cookie-b", kNow).ok());
  EXPECT_FALSE(
      CsrfGuard(std::string(32, 't'), 3600).Check(token, "complaint", "cookie-a", kNow).ok());
}

TEST(CsrfTest, MissingMalformedAndTamperedTokensAreRefusedWithAReason) {
  CsrfGuard guard(kSecret, 3600);
  std::string token = guard.Issue("complaint", "c", kNow);
  EXPECT_NE(guard.Check("", "complaint", "c", kNow).message().find("no CSRF token"),
            std::string::npos);
  EXPECT_NE(guard.Check(token, "complaint", "", kNow).message().find("no CSRF cookie"),
            std::string::npos);
  EXPECT_NE(guard.Check("abc", "complaint", "c", kNow).message().find("malformed"),
            std::string::npos);
  EXPECT_NE(guard.Check(token + "0", "complaint", "c", kNow).message().find("malformed"),
            std::string::npos);
  // A later expiry with the old MAC: the MAC covers the expiry.
  std::string later = std::to_string(kNow + 99999) + token.substr(token.find('.'));
  EXPECT_NE(guard.Check(later, "complaint", "c", kNow).message().find("not valid"),
            std::string::npos);
  std::string flipped = token;
  flipped.back() = flipped.back() == '0' ? '1' : '0';
  EXPECT_FALSE(guard.Check(flipped, "complaint", "c", kNow).ok());
}

TEST(CsrfTest, TheSecretIsCreatedOnceAndKeptInThePortalDatabase) {
  test_util::TempDir dir;
  std::string token;
  {
    Result<std::unique_ptr<PortalDb>> db = PortalDb::Open(dir.path());
    ASSERT_TRUE(db.ok());
    Result<CsrfGuard> guard = CsrfGuard::Load(**db);
    ASSERT_TRUE(guard.ok()) << guard.status().message();
    token = guard->Issue("complaint", "c", kNow);
  }
  Result<std::unique_ptr<PortalDb>> db = PortalDb::Open(dir.path());
  ASSERT_TRUE(db.ok());
  Result<CsrfGuard> guard = CsrfGuard::Load(**db);
  ASSERT_TRUE(guard.ok());
  EXPECT_TRUE(guard->Check(token, "complaint", "c", kNow).ok());
  test_util::TempDir other;
  Result<std::unique_ptr<PortalDb>> other_db = PortalDb::Open(other.path());
  ASSERT_TRUE(other_db.ok());
  EXPECT_FALSE(CsrfGuard::Load(**other_db)->Check(token, "complaint", "c", kNow).ok());
}

TEST(CsrfTest, BindingReusesAWellFormedCookieAndSetsANewOneOtherwise) {
  Request request;
  Response response;
  std::string fresh = CsrfBinding(request, response);
  EXPECT_EQ(fresh.size(), 64u);
  ASSERT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.headers[0].first, "Set-Cookie");
  EXPECT_EQ(response.headers[0].second,
            "gpaikit_csrf=" + fresh + "; Path=/; HttpOnly; SameSite=Strict");
  request.cookies.emplace_back(kCsrfCookie, fresh);
  Response again;
  EXPECT_EQ(CsrfBinding(request, again), fresh);
  EXPECT_TRUE(again.headers.empty());
  Request hostile;
  hostile.cookies.emplace_back(kCsrfCookie, "<script>");
  Response replaced;
  EXPECT_NE(CsrfBinding(hostile, replaced), "<script>");
  EXPECT_EQ(replaced.headers.size(), 1u);
}

TEST(CsrfTest, CheckCsrfReadsTheFieldAndTheCookie) {
  CsrfGuard guard(kSecret, 3600);
  Request request;
  request.cookies.emplace_back(kCsrfCookie, std::string(64, 'a'));
  request.form.emplace_back(kCsrfField, guard.Issue("complaint", std::string(64, 'a'), kNow));
  EXPECT_TRUE(CheckCsrf(guard, request, "complaint", kNow).ok());
  request.cookies[0].second = std::string(64, 'b');
  EXPECT_FALSE(CheckCsrf(guard, request, "complaint", kNow).ok());
}

}  // namespace
}  // namespace gpaikit::portal

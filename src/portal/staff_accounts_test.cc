// Tests of staff accounts and sessions: name and password rules (ASVS 2.1.1, 2.1.2), argon2id
// hashes, disabling, lockout and throttling (ASVS 2.2.1), sessions with rotation, timeouts and
// logout (ASVS 3.2.1, 3.3.1, 3.3.2), cookie attributes (ASVS 3.4.1-3.4.4).
#include "portal/staff_accounts.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "base/temp_dir_test_util.h"
#include "portal/portal_db.h"
#include "portal/security_policy.h"
#include "portal/staff_sessions.h"

namespace gpaikit::portal {
namespace {

constexpr const char* kPassword = "correct horse battery";

class StaffTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<PortalDb>> db = PortalDb::OpenFile(dir_.path() / "portal.sqlite");
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    Status migrated = db_->Migrate("staff", StaffMigrations());
    ASSERT_TRUE(migrated.ok()) << migrated.message();
  }

  test_util::TempDir dir_{"gpaikit-staff"};
  std::unique_ptr<PortalDb> db_;
};

TEST(StaffRulesTest, UserNames) {
  EXPECT_TRUE(CheckUserName("alice").ok());
  EXPECT_TRUE(CheckUserName("a.b_c-9").ok());
  EXPECT_FALSE(CheckUserName("").ok());
  EXPECT_FALSE(CheckUserName("Alice").ok());
  EXPECT_FALSE(CheckUserName("-alice").ok());
  EXPECT_FALSE(CheckUserName("al ice").ok());
  EXPECT_FALSE(CheckUserName("<script>").ok());
  EXPECT_FALSE(CheckUserName(std::string(65, 'a')).ok());
}

// ASVS 2.1.1 (at least 12 characters), 2.1.2 (up to 128), 2.1.4 (any Unicode character).
TEST(StaffRulesTest, PasswordLengthInCharacters) {
  EXPECT_FALSE(CheckPassword(std::string(kMinPasswordLength - 1, 'x')).ok());
  EXPECT_TRUE(CheckPassword(std::string(kMinPasswordLength, 'x')).ok());
  EXPECT_TRUE(CheckPassword(std::string(kMaxPasswordLength, 'x')).ok());
  EXPECT_FALSE(CheckPassword(std::string(kMaxPasswordLength + 1, 'x')).ok());
  std::string umlauts;
  for (int i = 0; i < kMinPasswordLength - 1; ++i) umlauts += "\xc3\xbc";
  Status short_unicode = CheckPassword(umlauts);  // 22 bytes but 11 characters
  ASSERT_FALSE(short_unicode.ok());
  EXPECT_NE(short_unicode.message().find("got 11"), std::string::npos);
  EXPECT_EQ(short_unicode.message().find("\xc3\xbc"), std::string::npos) << "never echoed";
  EXPECT_TRUE(CheckPassword(umlauts + "\xf0\x9f\x94\x91").ok());
  std::string invalid_utf8(20, 'x');  // in place: "\xff" + string trips -Wrestrict
  invalid_utf8.insert(invalid_utf8.begin(), '\xff');
  EXPECT_FALSE(CheckPassword(invalid_utf8).ok());
}

TEST(StaffRulesTest, Argon2idHashes) {
  Result<std::string> hash = HashPassword(kPassword);
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(hash->starts_with("$argon2id$v=19$m=65536,t=2,")) << *hash;
  EXPECT_TRUE(VerifyPassword(*hash, kPassword));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horse battery!"));
  EXPECT_FALSE(VerifyPassword("", kPassword));
  EXPECT_NE(*HashPassword(kPassword), *hash) << "salted";
}

TEST(StaffRulesTest, Roles) {
  EXPECT_EQ(RoleName(*ParseRole("admin")), "admin");
  EXPECT_EQ(RoleName(*ParseRole("staff")), "staff");
  EXPECT_FALSE(ParseRole("root").ok());
}

TEST_F(StaffTest, AddListDisable) {
  StaffAccounts accounts(*db_);
  ASSERT_TRUE(accounts.Add("bob", Role::kStaff, kPassword, 1000).ok());
  ASSERT_TRUE(accounts.Add("alice", Role::kAdmin, kPassword, 2000).ok());
  Status twice = accounts.Add("bob", Role::kAdmin, kPassword, 3000);
  EXPECT_FALSE(twice.ok());
  EXPECT_NE(twice.message().find("exists"), std::string::npos);
  EXPECT_FALSE(accounts.Add("carol", Role::kStaff, "short", 3000).ok());
  Result<std::vector<StaffUser>> users = accounts.List();
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[0].name, "alice");
  EXPECT_EQ((*users)[0].role, Role::kAdmin);
  EXPECT_EQ((*users)[1].created_at, "1970-01-01T00:16:40Z");
  ASSERT_TRUE(accounts.Disable("bob", 4000).ok());
  EXPECT_EQ(accounts.Get("bob")->disabled_at, "1970-01-01T01:06:40Z");
  EXPECT_EQ(accounts.Disable("nobody", 4000).code(), StatusCode::kNotFound);
}

TEST_F(StaffTest, LoginChecksPasswordAndDisabledAccounts) {
  StaffAccounts accounts(*db_);
  ASSERT_TRUE(accounts.Add("bob", Role::kStaff, kPassword, 0).ok());
  EXPECT_EQ(accounts.Login("bob", kPassword, "192.0.2.1", 10)->result, LoginResult::kOk);
  EXPECT_EQ(accounts.Login("bob", "wrong password!", "192.0.2.1", 11)->result,
            LoginResult::kBadCredentials);
  EXPECT_EQ(accounts.Login("nobody", kPassword, "192.0.2.1", 12)->result,
            LoginResult::kBadCredentials);
  ASSERT_TRUE(accounts.Disable("bob", 13).ok());
  EXPECT_EQ(accounts.Login("bob", kPassword, "192.0.2.1", 14)->result,
            LoginResult::kBadCredentials);
}

// ASVS 2.2.1: after kLockoutFailures failures the account refuses even the right password until
// kLockoutSeconds after the last failure.
TEST_F(StaffTest, LockoutAfterRepeatedFailures) {
  StaffAccounts accounts(*db_);
  ASSERT_TRUE(accounts.Add("bob", Role::kStaff, kPassword, 0).ok());
  std::time_t now = 100;
  for (int i = 0; i < kLockoutFailures; ++i) {
    EXPECT_EQ(accounts.Login("bob", "wrong password!", "192.0.2.1", now++)->result,
              LoginResult::kBadCredentials);
  }
  std::time_t last_failure = now - 1;
  Result<LoginOutcome> locked = accounts.Login("bob", kPassword, "198.51.100.7", now);
  EXPECT_EQ(locked->result, LoginResult::kAccountLocked) << "from another address too";
  EXPECT_EQ(locked->retry_after, last_failure + kLockoutSeconds - now);
  EXPECT_EQ(
      accounts.Login("bob", kPassword, "198.51.100.7", last_failure + kLockoutSeconds - 1)->result,
      LoginResult::kAccountLocked);
  EXPECT_EQ(
      accounts.Login("bob", kPassword, "198.51.100.7", last_failure + kLockoutSeconds)->result,
      LoginResult::kOk);
}

// One address failing on many accounts is throttled before it locks them all.
TEST_F(StaffTest, AddressThrottledAcrossAccounts) {
  StaffAccounts accounts(*db_);
  ASSERT_TRUE(accounts.Add("bob", Role::kStaff, kPassword, 0).ok());
  std::time_t now = 100;
  for (int i = 0; i < kAddressFailures; ++i) {
    EXPECT_EQ(
        accounts.Login("user" + std::to_string(i), "wrong password!", "203.0.113.9", now++)->result,
        LoginResult::kBadCredentials);
  }
  Result<LoginOutcome> throttled = accounts.Login("bob", kPassword, "203.0.113.9", now);
  EXPECT_EQ(throttled->result, LoginResult::kAddressThrottled);
  EXPECT_EQ(throttled->retry_after, 100 + kLoginWindowSeconds - now);
  EXPECT_EQ(accounts.Login("bob", kPassword, "192.0.2.1", now)->result, LoginResult::kOk)
      << "another address is not affected";
}

TEST_F(StaffTest, SessionsRotateTimeOutAndEnd) {
  StaffAccounts accounts(*db_);
  ASSERT_TRUE(accounts.Add("bob", Role::kAdmin, kPassword, 0).ok());
  StaffSessions sessions(*db_);
  Result<std::string> id = sessions.Create("bob", 1000);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->size(), 64u);
  Result<std::string> second = sessions.Create("bob", 1000);
  EXPECT_NE(*second, *id) << "every login gets a new id (ASVS 3.2.1)";
  Result<std::optional<StaffSession>> found = sessions.Find(*id, 1000 + kSessionIdleSeconds - 1);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->user.name, "bob");
  EXPECT_EQ((*found)->user.role, Role::kAdmin);
  EXPECT_EQ((*found)->id_hash.size(), 64u);
  EXPECT_NE((*found)->id_hash, *id) << "only the hash is stored";
  // Idle timeout, counted from the last use.
  EXPECT_FALSE(sessions.Find(*second, 1000 + kSessionIdleSeconds)->has_value());
  EXPECT_FALSE(sessions.Find(*second, 1000)->has_value()) << "an expired session is deleted";
  // Absolute timeout: used every 10 minutes, it still ends kSessionAbsoluteSeconds after login.
  std::time_t now = 1000;
  while (now + 600 < 1000 + kSessionAbsoluteSeconds) {
    now += 600;
    ASSERT_TRUE(sessions.Find(*id, now)->has_value()) << now;
  }
  EXPECT_FALSE(sessions.Find(*id, 1000 + kSessionAbsoluteSeconds)->has_value());
  // Logout.
  Result<std::string> third = sessions.Create("bob", 5000);
  ASSERT_TRUE(sessions.End(*third).ok());
  EXPECT_FALSE(sessions.Find(*third, 5001)->has_value());
}

TEST_F(StaffTest, UnknownMalformedAndDisabledSessionsAreNone) {
  StaffAccounts accounts(*db_);
  ASSERT_TRUE(accounts.Add("bob", Role::kStaff, kPassword, 0).ok());
  StaffSessions sessions(*db_);
  EXPECT_FALSE(sessions.Find("", 0)->has_value());
  EXPECT_FALSE(sessions.Find("' OR 1=1 --", 0)->has_value());
  EXPECT_FALSE(sessions.Find(std::string(64, 'a'), 0)->has_value());
  Result<std::string> id = sessions.Create("bob", 10);
  ASSERT_TRUE(accounts.Disable("bob", 11).ok());
  EXPECT_FALSE(sessions.Find(*id, 12)->has_value()) << "disabling ends the sessions";
}

// ASVS 3.4.1 Secure, 3.4.2 HttpOnly, 3.4.3 SameSite, 3.4.4 __Host- prefix.
TEST(SessionCookieTest, Attributes) {
  std::string id(64, 'a');
  EXPECT_EQ(SessionCookie(id, false),
            "gpaikit_session=" + id + "; Path=/; HttpOnly; SameSite=Strict");
  EXPECT_EQ(SessionCookie(id, true),
            "__Host-gpaikit_session=" + id + "; Path=/; HttpOnly; SameSite=Strict; Secure");
  EXPECT_NE(ExpiredSessionCookie(true).find("Max-Age=0"), std::string::npos);
}

}  // namespace
}  // namespace gpaikit::portal

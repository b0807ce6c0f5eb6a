// Tests of the domain lookup's challenge store in the portal database: the token kept only as its
// hash, expiry, the cap on checks, verification recorded, expired challenges deleted.
#include "portal/lookup_store.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "base/temp_dir_test_util.h"
#include "portal/lookup_proof.h"
#include "portal/portal_db.h"

namespace gpaikit::portal {
namespace {

class LookupStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<PortalDb>> db = PortalDb::OpenFile(dir_.path() / "portal.sqlite");
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    Result<LookupStore> store = LookupStore::Open(*db_);
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_.emplace(*store);
  }

  test_util::TempDir dir_{"gpaikit-lookup-store"};
  std::unique_ptr<PortalDb> db_;
  std::optional<LookupStore> store_;
};

TEST_F(LookupStoreTest, KeepsTheTokenHashNotTheToken) {
  Result<std::string> token = NewChallengeToken();
  ASSERT_TRUE(token.ok());
  Result<Challenge> made = store_->Create("example.com", TokenHash(*token), 1000);
  ASSERT_TRUE(made.ok()) << made.status().message();
  EXPECT_EQ(made->id.size(), 64u);
  EXPECT_EQ(made->salt.size(), 64u);
  EXPECT_NE(made->id, made->salt);
  EXPECT_EQ(made->expires, 1000 + LookupStore::kLifetimeSeconds);

  Result<Challenge> found = store_->Find(made->id, 1001);
  ASSERT_TRUE(found.ok()) << found.status().message();
  EXPECT_EQ(found->domain, "example.com");
  EXPECT_TRUE(TokenMatches(*token, found->token_hash));
  EXPECT_FALSE(found->verified_at.has_value());
  EXPECT_EQ(found->checks, 0);

  // The database file holds the hash, never the token.
  db_.reset();
  std::string bytes;
  for (const char* suffix : {"", "-wal"}) {
    std::ifstream in(dir_.path() / (std::string("portal.sqlite") + suffix), std::ios::binary);
    bytes.append(std::istreambuf_iterator<char>(in), {});
  }
  EXPECT_NE(bytes.find(TokenHash(*token)), std::string::npos);
  EXPECT_EQ(bytes.find(*token), std::string::npos);
}

TEST_F(LookupStoreTest, ExpiredAndUnknownChallengesAreNotFound) {
  Result<Challenge> made = store_->Create("example.com", TokenHash(std::string(64, 'a')), 1000);
  ASSERT_TRUE(made.ok());
  EXPECT_TRUE(store_->Find(made->id, made->expires - 1).ok());
  EXPECT_EQ(store_->Find(made->id, made->expires).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->Find(std::string(64, 'f'), 1000).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->Find("", 1000).status().code(), StatusCode::kNotFound);

  Result<Challenge> later = store_->Create("example.org", TokenHash(std::string(64, 'b')), 5000);
  ASSERT_TRUE(later.ok());
  Result<int64_t> deleted = store_->DeleteExpired(made->expires);
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(*deleted, 1);
  EXPECT_TRUE(store_->Find(later->id, made->expires).ok());
}

TEST_F(LookupStoreTest, ChecksAreCappedAndVerificationIsKept) {
  Result<Challenge> made = store_->Create("example.com", TokenHash(std::string(64, 'c')), 1000);
  ASSERT_TRUE(made.ok());
  for (int64_t i = 0; i < LookupStore::kMaxChecks; ++i) {
    Status counted = store_->CountCheck(made->id);
    EXPECT_TRUE(counted.ok()) << i << ": " << counted.message();
  }
  Status over = store_->CountCheck(made->id);
  EXPECT_FALSE(over.ok());
  EXPECT_NE(over.message().find("ask for a new one"), std::string::npos) << over.message();
  EXPECT_EQ(store_->Find(made->id, 1001)->checks, LookupStore::kMaxChecks);

  ASSERT_TRUE(store_->MarkVerified(made->id, "dns-txt", 1500).ok());
  Result<Challenge> found = store_->Find(made->id, 1501);
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->verified_at.has_value());
  EXPECT_EQ(*found->verified_at, 1500);
  EXPECT_EQ(found->method, "dns-txt");
}

TEST_F(LookupStoreTest, ReopeningKeepsTheChallenges) {
  Result<Challenge> made = store_->Create("example.com", TokenHash(std::string(64, 'd')), 1000);
  ASSERT_TRUE(made.ok());
  store_.reset();
  db_.reset();
  Result<std::unique_ptr<PortalDb>> db = PortalDb::OpenFile(dir_.path() / "portal.sqlite");
  ASSERT_TRUE(db.ok());
  Result<LookupStore> store = LookupStore::Open(**db);
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_TRUE(store->Find(made->id, 1001).ok());
}

}  // namespace
}  // namespace gpaikit::portal

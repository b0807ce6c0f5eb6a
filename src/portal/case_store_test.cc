// Tests of the case store: tracking numbers, status tokens stored as hashes, events and states,
// identical complaints, the ledger entries (no personal data in clear) and the downstream-request
// register, and the ledger written again after a crash.
#include "portal/case_store.h"

#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <thread>

#include "base/temp_dir_test_util.h"
#include "gpaikit/base/sha256.h"
#include "gpaikit/docs/ledger_entries.h"
#include "gpaikit/store/ledger.h"
#include "portal/sqlite_statement.h"

namespace gpaikit::portal {
namespace {

constexpr std::time_t kNow = 1'772'400'000;  // 2026-03-01T21:20:00Z
constexpr std::time_t kDay = 86'400;

class CaseStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<PortalDb>> db = PortalDb::Open(dir_.path());
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    Result<CaseStore> store = CaseStore::Open(*db_, dir_.path());
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_.emplace(*store);
  }

  NewCase Complaint(const std::string& email, const std::string& works,
                    const std::string& allegation) const {
    NewCase filing;
    filing.kind = CaseKind::kComplaint;
    filing.name = "Ada Example";
    filing.organisation = "Example Press";
    filing.email = email;
    filing.details = {{"works", works}, {"allegation", allegation}};
    filing.identity_key = ComplaintIdentityKey(email, works, allegation);
    return filing;
  }

  NewCase Request() const {
    NewCase filing;
    filing.kind = CaseKind::kRequest;
    filing.name = "Bo Builder";
    filing.organisation = "Downstream GmbH";
    filing.email = "bo@downstream.example";
    filing.details = {{"request", "the evaluation results"}};
    filing.model = "m1";
    filing.request_subject = "the evaluation results";
    filing.answer_days = 14;
    filing.due_date = "2026-03-15";
    return filing;
  }

  std::vector<store::Entry> LedgerEntries(const std::string& prefix) const {
    Result<std::unique_ptr<store::Ledger>> ledger = store::Ledger::Open(dir_.path());
    EXPECT_TRUE(ledger.ok());
    Result<std::vector<store::Entry>> entries = (*ledger)->Entries(prefix);
    EXPECT_TRUE(entries.ok());
    return *entries;
  }

  test_util::TempDir dir_;
  std::unique_ptr<PortalDb> db_;
  std::optional<CaseStore> store_;
};

TEST_F(CaseStoreTest, TrackingNumbersCountPerKindAndYear) {
  Result<Filed> first =
      store_->File(Complaint("a@x.example", "https://x.example/1", "copied"), kNow);
  ASSERT_TRUE(first.ok()) << first.status().message();
  Result<Filed> second =
      store_->File(Complaint("b@x.example", "https://x.example/2", "copied"), kNow);
  Result<Filed> request = store_->File(Request(), kNow);
  ASSERT_TRUE(second.ok() && request.ok()) << request.status().message();
  EXPECT_EQ(first->tracking, "C-2026-000001");
  EXPECT_EQ(second->tracking, "C-2026-000002");
  EXPECT_EQ(request->tracking, "R-2026-000001");
  Result<Filed> next_year =
      store_->File(Complaint("c@x.example", "https://x.example/3", "copied"), kNow + 366 * kDay);
  ASSERT_TRUE(next_year.ok());
  EXPECT_EQ(next_year->tracking, "C-2027-000001");
}

TEST_F(CaseStoreTest, NewStatusTokensStartWithTheTimeSoThatTheirKeysAreAppended) {
  std::string first = NewStatusToken();
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  std::string second = NewStatusToken();
  EXPECT_LT(first.substr(0, 16), second.substr(0, 16));
  EXPECT_LT(StatusTokenKey(first), StatusTokenKey(second));
  EXPECT_NE(first.substr(16), second.substr(16)) << "the rest is random";
}

TEST_F(CaseStoreTest, AStatusLinkMadeBeforeTheTimeOrderedKeysIsStillFound) {
  Result<Filed> filed = store_->File(Complaint("a@x.example", "w", "copied"), kNow);
  ASSERT_TRUE(filed.ok());
  // A link of schema version 1: 32 random bytes, keyed by their plain SHA-256.
  std::string old_token(64, 'e');
  SqlStatement rekey(db_->handle(), "UPDATE cases SET token_key = ?1");
  rekey.Bind(1, Sha256Hex(old_token));
  ASSERT_TRUE(rekey.Run("rekey").ok());
  Result<Case> found = store_->GetCaseByToken(old_token);
  ASSERT_TRUE(found.ok()) << found.status().message();
  EXPECT_EQ(found->tracking, filed->tracking);
  EXPECT_FALSE(store_->GetCaseByToken(filed->status_token).ok());
}

TEST_F(CaseStoreTest, TheStatusTokenIsStoredOnlyAsItsHash) {
  Result<Filed> filed = store_->File(Complaint("a@x.example", "w", "copied"), kNow);
  ASSERT_TRUE(filed.ok());
  EXPECT_TRUE(std::regex_match(filed->status_token, std::regex("[0-9a-f]{64}")));
  SqlStatement select(db_->handle(), "SELECT token_key FROM cases");
  ASSERT_TRUE(*select.Next());
  EXPECT_EQ(select.Text(0), filed->status_token.substr(0, 16) + Sha256Hex(filed->status_token));
  SqlStatement dump(db_->handle(), "SELECT COUNT(*) FROM cases WHERE instr(cases.token_key, ?1)");
  dump.Bind(1, filed->status_token.substr(16));
  ASSERT_TRUE(*dump.Next());
  EXPECT_EQ(dump.Int(0), 0) << "the secret part of the token is not stored";

  Result<Case> found = store_->GetCaseByToken(filed->status_token);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->tracking, filed->tracking);
  std::string wrong = filed->status_token;
  wrong[0] = wrong[0] == '0' ? '1' : '0';
  Result<Case> unknown = store_->GetCaseByToken(wrong);
  Result<Case> malformed = store_->GetCaseByToken("../" + filed->status_token);
  ASSERT_FALSE(unknown.ok());
  ASSERT_FALSE(malformed.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(unknown.status().message(), malformed.status().message());
}

TEST_F(CaseStoreTest, OneTokenOpensOnlyItsOwnCase) {
  Result<Filed> a = store_->File(Complaint("a@x.example", "w1", "copied"), kNow);
  Result<Filed> b = store_->File(Complaint("b@x.example", "w2", "copied"), kNow);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(store_->GetCaseByToken(a->status_token)->email, "a@x.example");
  EXPECT_EQ(store_->GetCaseByToken(b->status_token)->email, "b@x.example");
}

TEST_F(CaseStoreTest, FilingWritesALedgerEntryWithoutPersonalDataInClear) {
  NewCase filing = Complaint("ada@press.example", "https://x.example/a", "copied my novel");
  filing.evidence.push_back({std::string(64, 'e'), "application/pdf", 1234, "novel.pdf"});
  Result<Filed> filed = store_->File(filing, kNow);
  ASSERT_TRUE(filed.ok());
  std::vector<store::Entry> entries = LedgerEntries("portal.case.");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].kind, "portal.case.received");
  EXPECT_EQ(entries[0].subject, filed->tracking);
  EXPECT_EQ(entries[0].author, "portal");
  for (const char* secret : {"Ada", "ada@press.example", "Example Press", "novel"}) {
    EXPECT_EQ(entries[0].content.find(secret), std::string::npos) << secret;
  }
  EXPECT_NE(entries[0].content.find("\"digest\":\""), std::string::npos);
  Result<Case> stored = store_->GetCase(filed->tracking);
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->events.size(), 1u);
  EXPECT_EQ(stored->events[0].ledger_seq, entries[0].seq);
  ASSERT_EQ(stored->evidence.size(), 1u);
  EXPECT_EQ(stored->evidence[0].label, "novel.pdf");
  EXPECT_EQ(stored->details[1].second, "copied my novel");
  Result<std::unique_ptr<store::Ledger>> ledger = store::Ledger::Open(dir_.path());
  EXPECT_TRUE((*ledger)->Verify()->ok());
}

TEST_F(CaseStoreTest, ARequestEntersTheDownstreamRegisterAndTheFirstReplyAnswersIt) {
  Result<Filed> filed = store_->File(Request(), kNow);
  ASSERT_TRUE(filed.ok()) << filed.status().message();
  Result<std::unique_ptr<store::Ledger>> ledger = store::Ledger::Open(dir_.path());
  Result<std::vector<docs::Request>> requests = docs::Requests(**ledger);
  ASSERT_TRUE(requests.ok());
  ASSERT_EQ(requests->size(), 1u);
  EXPECT_EQ((*requests)[0].from, "Downstream GmbH");
  EXPECT_EQ((*requests)[0].model, "m1");
  EXPECT_EQ((*requests)[0].subject, filed->tracking + ": the evaluation results");
  EXPECT_EQ((*requests)[0].due.ToString(), "2026-03-15");
  EXPECT_EQ(store_->GetCase(filed->tracking)->request_number, 1);

  ASSERT_TRUE(store_->Reply(filed->tracking, "staff1", "Here they are.", kNow + 3 * kDay).ok());
  ASSERT_TRUE(store_->Reply(filed->tracking, "staff1", "And more.", kNow + 4 * kDay).ok());
  requests = docs::Requests(**ledger);
  ASSERT_TRUE((*requests)[0].answered.has_value());
  EXPECT_EQ((*requests)[0].answered->ToString(), "2026-03-04");
  EXPECT_FALSE((*requests)[0].AnsweredLate());
}

TEST_F(CaseStoreTest, StatesNeedReasonsWhereTheCodeAsksAndFinalCasesReopenOnlyToReview) {
  Result<Filed> filed = store_->File(Complaint("a@x.example", "w", "copied"), kNow);
  ASSERT_TRUE(filed.ok());
  const std::string& t = filed->tracking;
  EXPECT_FALSE(store_->SetState(t, "unfounded", "staff1", "  ", kNow).ok());
  EXPECT_FALSE(store_->SetState(t, "duplicate", "staff1", "", kNow).ok());
  EXPECT_FALSE(store_->SetState(t, "lost", "staff1", "", kNow).ok());
  EXPECT_FALSE(store_->SetState(t, "received", "staff1", "", kNow).ok());
  EXPECT_FALSE(store_->SetState(t, "closed", "", "", kNow).ok());  // no actor
  EXPECT_EQ(store_->SetState("C-2026-999999", "closed", "staff1", "", kNow).status().code(),
            StatusCode::kNotFound);
  Result<CaseEvent> set_aside =
      store_->SetState(t, "unfounded", "staff1", "the site named is not ours", kNow);
  ASSERT_TRUE(set_aside.ok()) << set_aside.status().message();
  EXPECT_EQ(set_aside->state, "unfounded");
  EXPECT_TRUE(set_aside->visible_to_filer);
  EXPECT_GT(set_aside->ledger_seq, 0);
  EXPECT_FALSE(store_->SetState(t, "accepted", "staff1", "", kNow).ok());
  EXPECT_TRUE(store_->SetState(t, "in-review", "staff1", "reopened", kNow).ok());
  EXPECT_FALSE(store_->SetState(t, "in-review", "staff1", "", kNow).ok());  // already
  EXPECT_TRUE(store_->SetState(t, "accepted", "staff1", "", kNow).ok());
  EXPECT_EQ(store_->GetCase(t)->state, "accepted");
  std::vector<store::Entry> states = LedgerEntries("portal.case.state");
  ASSERT_EQ(states.size(), 3u);
  EXPECT_EQ(states[0].author, "staff1");
  EXPECT_EQ(states[0].content.find("not ours"), std::string::npos);
}

TEST_F(CaseStoreTest, RepliesNotesAndOwnersAreEventsInOrder) {
  Result<Filed> filed = store_->File(Complaint("a@x.example", "w", "copied"), kNow);
  ASSERT_TRUE(filed.ok());
  const std::string& t = filed->tracking;
  ASSERT_TRUE(store_->Assign(t, "staff2", "admin1", kNow + 10).ok());
  ASSERT_TRUE(
      store_->AddEvent(t, "note", "staff2", "checked the crawl log", false, kNow + 20).ok());
  EXPECT_FALSE(store_->AddEvent(t, "received", "staff2", "", false, kNow).ok());
  EXPECT_FALSE(store_->AddEvent(t, "Bad Kind", "staff2", "", false, kNow).ok());
  EXPECT_FALSE(store_->Reply(t, "staff2", " \n", kNow).ok());
  ASSERT_TRUE(store_->Reply(t, "staff2", "We removed the works.", kNow + 30).ok());
  Result<Case> stored = store_->GetCase(t);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->owner, "staff2");
  ASSERT_EQ(stored->events.size(), 4u);
  EXPECT_EQ(stored->events[1].kind, "assign");
  EXPECT_FALSE(stored->events[1].visible_to_filer);
  EXPECT_EQ(stored->events[2].text, "checked the crawl log");
  EXPECT_EQ(stored->events[3].kind, "reply");
  EXPECT_TRUE(stored->events[3].visible_to_filer);
  EXPECT_EQ(LedgerEntries("portal.case.").size(), 4u);
}

// The desk queues a reply's e-mail inside the reply's transaction: a failure there stores neither.
TEST_F(CaseStoreTest, WhatARunsWithAReplyIsKeptWithItOrNotAtAll) {
  Result<Filed> filed = store_->File(Complaint("a@x.example", "w", "copied"), kNow);
  ASSERT_TRUE(filed.ok());
  const std::string& t = filed->tracking;
  ASSERT_TRUE(db_->Transaction([&]() -> Status {
                   return SqlStatement(db_->handle(), "CREATE TABLE side (note TEXT)").Run("side");
                 })
                  .ok());
  auto side_insert = [&](const std::string& note) {
    return SqlStatement(db_->handle(), ("INSERT INTO side VALUES ('" + note + "')").c_str())
        .Run("side");
  };
  Result<CaseEvent> failed = store_->Reply(t, "staff2", "First try.", kNow + 10, [&]() -> Status {
    if (Status s = side_insert("first"); !s.ok()) return s;
    return Status::Io("the outbox is full");
  });
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().message(), "the outbox is full");
  ASSERT_TRUE(store_
                  ->Reply(t, "staff2", "Second try.", kNow + 20,
                          [&]() -> Status { return side_insert("second"); })
                  .ok());
  Result<Case> stored = store_->GetCase(t);
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->events.size(), 2u) << "the failed reply left no event";
  EXPECT_EQ(stored->events[1].text, "Second try.");
  SqlStatement notes(db_->handle(), "SELECT group_concat(note) FROM side");
  Result<bool> row = notes.Next();
  ASSERT_TRUE(row.ok() && *row);
  EXPECT_EQ(notes.Text(0), "second");
  EXPECT_EQ(LedgerEntries("portal.case.").size(), 2u) << "no ledger entry for the failed reply";
}

TEST_F(CaseStoreTest, IdenticalComplaintsOfTheSameRightsholderAreProposedAsDuplicates) {
  EXPECT_EQ(ComplaintIdentityKey(" Ada@Press.example ", "b\n\na \n", "Copied   my\nnovel "),
            ComplaintIdentityKey("ada@press.example", "a\nb\nb", "copied my novel"));
  EXPECT_NE(ComplaintIdentityKey("ada@press.example", "a", "copied"),
            ComplaintIdentityKey("bob@press.example", "a", "copied"));
  EXPECT_NE(ComplaintIdentityKey("ada@press.example", "a", "copied"),
            ComplaintIdentityKey("ada@press.example", "a", "scraped"));
  Result<Filed> first = store_->File(Complaint("ada@p.example", "u1\nu2", "copied"), kNow);
  Result<Filed> other = store_->File(Complaint("ada@p.example", "u1\nu2", "summarised"), kNow);
  Result<Filed> again = store_->File(Complaint("ADA@p.example", "u2\nu1", "Copied"), kNow);
  ASSERT_TRUE(first.ok() && other.ok() && again.ok());
  EXPECT_TRUE(first->identical.empty());
  EXPECT_TRUE(other->identical.empty());
  EXPECT_EQ(again->identical, std::vector<std::string>{first->tracking});
  EXPECT_EQ(*store_->FindIdenticalComplaints(again->tracking),
            std::vector<std::string>{first->tracking});
  EXPECT_EQ(*store_->FindIdenticalComplaints(first->tracking),
            std::vector<std::string>{again->tracking});
  EXPECT_TRUE(store_->FindIdenticalComplaints(other->tracking)->empty());
  Result<Case> stored = store_->GetCase(again->tracking);
  ASSERT_EQ(stored->events.size(), 2u);
  EXPECT_EQ(stored->events[1].kind, "duplicate-candidate");
  EXPECT_NE(stored->events[1].text.find(first->tracking), std::string::npos);
  EXPECT_FALSE(stored->events[1].visible_to_filer);
}

TEST_F(CaseStoreTest, ListsFilterByKindStateAndOpenness) {
  Result<Filed> a = store_->File(Complaint("a@x.example", "w1", "copied"), kNow);
  Result<Filed> b = store_->File(Complaint("b@x.example", "w2", "copied"), kNow);
  Result<Filed> r = store_->File(Request(), kNow);
  ASSERT_TRUE(a.ok() && b.ok() && r.ok());
  ASSERT_TRUE(store_->SetState(b->tracking, "closed", "staff1", "", kNow).ok());
  EXPECT_EQ(store_->ListCases()->size(), 3u);
  EXPECT_EQ(store_->ListCases({CaseKind::kComplaint, "", false})->size(), 2u);
  EXPECT_EQ(store_->ListCases({std::nullopt, "", true})->size(), 2u);
  Result<std::vector<Case>> closed = store_->ListCases({std::nullopt, "closed", false});
  ASSERT_EQ(closed->size(), 1u);
  EXPECT_EQ((*closed)[0].tracking, b->tracking);
  Case request = store_->ListCases({CaseKind::kRequest, "", false})->at(0);
  EXPECT_EQ(request.DaysOpen(*CivilDate::Parse("2026-03-11")), 10);
  EXPECT_FALSE(request.Overdue(*CivilDate::Parse("2026-03-15")));
  EXPECT_TRUE(request.Overdue(*CivilDate::Parse("2026-03-16")));
  EXPECT_FALSE((*closed)[0].Overdue(*CivilDate::Parse("2027-01-01")));  // no due date
}

TEST_F(CaseStoreTest, LedgerEntriesLostToACrashAreWrittenOnceAtStart) {
  Result<Filed> filed = store_->File(Complaint("a@x.example", "w", "copied"), kNow);
  ASSERT_TRUE(filed.ok());
  // A crash after the ledger's commit and before the portal noted it: not written twice.
  ASSERT_TRUE(db_->Execute("UPDATE case_events SET ledger_seq = 0").ok());
  // A crash after the portal's commit and before the ledger: an event without its entry.
  ASSERT_TRUE(db_->Execute("INSERT INTO case_events(case_id, time, actor, kind, text, visible, "
                           "state) VALUES (1, '2026-03-01T22:00:00Z', 'staff1', 'note', 'n', 0, "
                           "'received')")
                  .ok());
  Result<int> written = store_->ReconcileLedger();
  ASSERT_TRUE(written.ok()) << written.status().message();
  EXPECT_EQ(*written, 2);
  std::vector<store::Entry> entries = LedgerEntries("portal.case.");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[1].kind, "portal.case.note");
  Result<Case> stored = store_->GetCase(filed->tracking);
  ASSERT_TRUE(stored.ok());
  for (const CaseEvent& event : stored->events) EXPECT_GT(event.ledger_seq, 0);
  EXPECT_EQ(*store_->ReconcileLedger(), 0);
}

}  // namespace
}  // namespace gpaikit::portal

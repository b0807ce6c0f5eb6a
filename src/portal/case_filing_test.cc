// Tests of group commit (docs/portal.md "Group commit"): filings of concurrent callers each get
// their own tracking number only after the case and its ledger entry are committed, numbers are
// never shared, every case has exactly one entry, and a failed commit fails each filing of the
// batch (Code of Practice, Copyright, Measure 1.5: complaints are received and kept).
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <thread>

#include "base/temp_dir_test_util.h"
#include "gpaikit/docs/ledger_entries.h"
#include "gpaikit/store/ledger.h"
#include "portal/case_store.h"
#include "portal/sqlite_statement.h"

namespace gpaikit::portal {
namespace {

constexpr std::time_t kNow = 1'772'400'000;  // 2026-03-01T21:20:00Z

class CaseFilingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<PortalDb>> db = PortalDb::Open(dir_.path());
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    Result<CaseStore> store = CaseStore::Open(*db_, dir_.path());
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_.emplace(*store);
  }

  static NewCase Filing(int thread, int index) {
    NewCase filing;
    std::string n = std::to_string(thread) + "-" + std::to_string(index);
    filing.name = "Filer " + n;
    filing.organisation = "Example Press";
    filing.email = "filer" + n + "@press.example";
    if (index == 0 && thread % 4 == 0) {  // some downstream requests among the complaints
      filing.kind = CaseKind::kRequest;
      filing.details = {{"request", "evaluation results " + n}};
      filing.model = "m1";
      filing.request_subject = "evaluation results " + n;
      filing.answer_days = 14;
      filing.due_date = "2026-03-15";
    } else {
      filing.kind = CaseKind::kComplaint;
      filing.details = {{"works", "https://press.example/" + n}, {"allegation", "copied " + n}};
      filing.identity_key = ComplaintIdentityKey(filing.email, "https://press.example/" + n, n);
    }
    return filing;
  }

  // Files `per_thread` filings from each of `threads` threads at once; the outcomes.
  std::vector<Result<Filed>> FileConcurrently(int threads, int per_thread) {
    std::vector<std::vector<Result<Filed>>> outcomes(static_cast<size_t>(threads));
    std::vector<std::thread> running;
    for (int t = 0; t < threads; ++t) {
      running.emplace_back([&, t] {
        for (int i = 0; i < per_thread; ++i) {
          outcomes[static_cast<size_t>(t)].push_back(store_->File(Filing(t, i), kNow));
        }
      });
    }
    for (std::thread& thread : running) thread.join();
    std::vector<Result<Filed>> all;
    for (auto& list : outcomes) {
      for (auto& outcome : list) all.push_back(std::move(outcome));
    }
    return all;
  }

  std::unique_ptr<store::Ledger> OpenLedger() const {
    Result<std::unique_ptr<store::Ledger>> ledger = store::Ledger::Open(dir_.path());
    EXPECT_TRUE(ledger.ok());
    return ledger.ok() ? std::move(*ledger) : nullptr;
  }

  test_util::TempDir dir_;
  std::unique_ptr<PortalDb> db_;
  std::optional<CaseStore> store_;
};

TEST_F(CaseFilingTest, ConcurrentFilingsEachGetTheirOwnNumberAndExactlyOneEntry) {
  constexpr int kThreads = 16;
  constexpr int kEach = 6;
  std::vector<Result<Filed>> outcomes = FileConcurrently(kThreads, kEach);
  std::set<std::string> trackings;
  for (const Result<Filed>& outcome : outcomes) {
    ASSERT_TRUE(outcome.ok()) << outcome.status().message();
    EXPECT_TRUE(trackings.insert(outcome->tracking).second) << outcome->tracking << " twice";
  }
  EXPECT_EQ(trackings.size(), static_cast<size_t>(kThreads * kEach));
  std::unique_ptr<store::Ledger> ledger = OpenLedger();
  ASSERT_NE(ledger, nullptr);
  Result<store::Verification> verified = ledger->Verify();
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->ok()) << verified->problem;
  std::map<std::string, int> received;
  Result<std::vector<store::Entry>> entries = ledger->Entries("portal.case.received");
  ASSERT_TRUE(entries.ok());
  for (const store::Entry& entry : *entries) ++received[entry.subject];
  for (const std::string& tracking : trackings) {
    EXPECT_EQ(received[tracking], 1) << tracking;
    Result<Case> stored = store_->GetCase(tracking);
    ASSERT_TRUE(stored.ok());
    ASSERT_EQ(stored->events.size(), 1u);
    Result<store::Entry> entry = ledger->Get(stored->events[0].ledger_seq);
    ASSERT_TRUE(entry.ok()) << tracking << ": ledger_seq " << stored->events[0].ledger_seq;
    EXPECT_EQ(entry->subject, tracking);
    EXPECT_NE(entry->content.find("\"event\":" + std::to_string(stored->events[0].id) + ","),
              std::string::npos);
  }
  // The requests among them entered the register, each under its own number.
  Result<std::vector<docs::Request>> requests = docs::Requests(*ledger);
  ASSERT_TRUE(requests.ok());
  EXPECT_EQ(requests->size(), static_cast<size_t>(kThreads / 4));
  EXPECT_EQ(*store_->ReconcileLedger(), 0) << "nothing was left for the next start";
  // Under load the head file is rewritten only every so often; the last batch before the pause
  // rewrote it before answering, so it names the newest entry.
  Result<store::Head> head = ledger->ReadHead();
  ASSERT_TRUE(head.ok()) << head.status().message();
  EXPECT_EQ(head->seq, ledger->CurrentHead()->seq);
}

TEST_F(CaseFilingTest, AFilingWithTextThatIsNotUtf8IsRefusedBeforeItIsStored) {
  NewCase bad = Filing(1, 1);
  bad.details.push_back({"note", "caf\xe9"});  // Latin-1, as a client might send it
  Result<Filed> refused = store_->File(bad, kNow);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(refused.status().message().find("UTF-8"), std::string::npos);
  Result<std::vector<Case>> cases = store_->ListCases();
  ASSERT_TRUE(cases.ok());
  EXPECT_TRUE(cases->empty());
  ASSERT_TRUE(store_->File(Filing(1, 2), kNow).ok()) << "the writer goes on";
}

TEST_F(CaseFilingTest, ALoneFilingReturnsWithItsEntryCachedAndTheHeadWritten) {
  Result<Filed> filed = store_->File(Filing(1, 1), kNow);
  ASSERT_TRUE(filed.ok()) << filed.status().message();
  Result<Case> stored = store_->GetCase(filed->tracking);
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->events.size(), 1u);
  EXPECT_NE(stored->events[0].ledger_seq, 0) << "ledger_seq cached before File returned";
  std::unique_ptr<store::Ledger> ledger = OpenLedger();
  ASSERT_NE(ledger, nullptr);
  Result<store::Head> head = ledger->ReadHead();
  ASSERT_TRUE(head.ok()) << head.status().message();
  EXPECT_EQ(head->seq, stored->events[0].ledger_seq);

  // The writer thread ends with the last copy of the store; a store opened again files anew.
  store_.reset();
  Result<CaseStore> reopened = CaseStore::Open(*db_, dir_.path());
  ASSERT_TRUE(reopened.ok());
  Result<Filed> again = reopened->File(Filing(2, 1), kNow);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_NE(again->tracking, filed->tracking);
}

TEST_F(CaseFilingTest, AFailedLedgerCommitFailsEveryFilingOfTheBatchWithoutANumber) {
  ASSERT_TRUE(store_->File(Filing(1, 1), kNow).ok());
  // The head file removed: the ledger no longer verifies, so no entry can be written.
  std::filesystem::remove(dir_.path() / ".gpaikit" / "ledger-head");
  std::vector<Result<Filed>> outcomes = FileConcurrently(4, 2);
  for (const Result<Filed>& outcome : outcomes) {
    ASSERT_FALSE(outcome.ok());
    EXPECT_NE(outcome.status().message().find("does not verify"), std::string::npos)
        << outcome.status().message();
  }
  // The cases were committed before the ledger refused: they wait, without an entry, for the
  // next start's ReconcileLedger (which refuses too until the ledger verifies again).
  Result<std::vector<Case>> cases = store_->ListCases();
  ASSERT_TRUE(cases.ok());
  EXPECT_EQ(cases->size(), 9u);
  std::unique_ptr<store::Ledger> ledger = OpenLedger();
  EXPECT_EQ(ledger->Entries("portal.case.")->size(), 1u);
  EXPECT_FALSE(store_->ReconcileLedger().ok());
}

}  // namespace
}  // namespace gpaikit::portal

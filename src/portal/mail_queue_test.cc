// Tests of the durable mail queue: insert, delivery, retries with backoff, giving up, and the
// worker thread delivering to a real SMTP server on loopback (aiosmtpd).
#include "portal/mail_queue.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "base/temp_dir_test_util.h"
#include "portal/portal_db.h"
#include "portal/smtp_sink_test_util.h"

namespace gpaikit::portal {
namespace {

class MailQueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<PortalDb>> db = PortalDb::OpenFile(path_);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    Status migrated = db_->Migrate("mail", MailQueueMigrations());
    ASSERT_TRUE(migrated.ok()) << migrated.message();
  }
  // Enqueue in a transaction of its own, as a request would with its change.
  Result<int64_t> Enqueue(const MailMessage& mail, std::time_t now,
                          const std::string& reference = "C-2026-000001") {
    Result<int64_t> id = Status::Internal("not run");
    Status status = db_->Transaction([&]() -> Status {
      id = MailQueue(*db_).Enqueue(mail, reference, now);
      return id.ok() ? Status::Ok() : id.status();
    });
    if (!status.ok()) return status;
    return id;
  }
  MailMessage Mail(const std::string& subject = "Reply to C-2026-000001") {
    return {"desk@provider.example", "owner@rights.example", subject, "Text of the reply.\n"};
  }

  test_util::TempDir dir_{"gpaikit-mailq"};
  std::filesystem::path path_ = dir_.path() / "portal.sqlite";
  std::unique_ptr<PortalDb> db_;
};

TEST_F(MailQueueTest, DeliversDueMessagesOnce) {
  MailQueue queue(*db_);
  ASSERT_TRUE(Enqueue(Mail(), 1000).ok());
  ASSERT_TRUE(Enqueue(Mail("Later"), 2000, "C-2026-000002").ok());
  std::vector<std::string> sent;
  auto send = [&](const std::string& to, const std::string& message) {
    sent.push_back(to + "|" + message.substr(message.find("Subject: ")));
    return Status::Ok();
  };
  Result<DeliveryRound> round = queue.DeliverDue(send, 1500);
  ASSERT_TRUE(round.ok());
  EXPECT_EQ(round->sent, 1);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_TRUE(sent[0].starts_with("owner@rights.example|Subject: Reply to C-2026-000001\r\n"));
  round = queue.DeliverDue(send, 1500);
  EXPECT_EQ(round->sent, 0) << "a sent message is not sent again";
  round = queue.DeliverDue(send, 2000);
  EXPECT_EQ(round->sent, 1);
  Result<std::vector<QueuedMail>> listed = queue.List();
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[1].state, "sent");
  EXPECT_EQ((*listed)[1].sent_at, "1970-01-01T00:25:00Z");
  EXPECT_EQ((*listed)[1].attempts, 1);
  EXPECT_EQ(queue.List("C-2026-000002")->size(), 1u);
}

TEST_F(MailQueueTest, RetriesWithBackoffThenGivesUp) {
  MailQueue queue(*db_);
  ASSERT_TRUE(Enqueue(Mail(), 0).ok());
  int calls = 0;
  auto failing = [&](const std::string&, const std::string&) {
    ++calls;
    return Status::Io("451 try later");
  };
  std::time_t now = 0;
  for (size_t i = 0; i < kMailRetryDelaysSeconds.size(); ++i) {
    Result<DeliveryRound> round = queue.DeliverDue(failing, now);
    ASSERT_TRUE(round.ok());
    EXPECT_EQ(round->retried, 1) << "attempt " << i + 1;
    // Not due one second before the delay has passed, due when it has.
    EXPECT_EQ(queue.DeliverDue(failing, now + kMailRetryDelaysSeconds[i] - 1)->retried, 0);
    now += kMailRetryDelaysSeconds[i];
  }
  Result<DeliveryRound> last = queue.DeliverDue(failing, now);
  EXPECT_EQ(last->given_up, 1);
  EXPECT_EQ(calls, static_cast<int>(kMailRetryDelaysSeconds.size()) + 1);
  QueuedMail mail = queue.List()->front();
  EXPECT_EQ(mail.state, "failed");
  EXPECT_EQ(mail.last_error, "451 try later");
  EXPECT_EQ(queue.DeliverDue(failing, now + 1000000)->given_up, 0) << "a failed mail stays failed";
}

TEST_F(MailQueueTest, AFailureThenSuccessIsSent) {
  MailQueue queue(*db_);
  ASSERT_TRUE(Enqueue(Mail(), 0).ok());
  bool fail = true;
  auto flaky = [&](const std::string&, const std::string&) {
    return std::exchange(fail, false) ? Status::Io("down") : Status::Ok();
  };
  EXPECT_EQ(queue.DeliverDue(flaky, 0)->retried, 1);
  EXPECT_EQ(queue.DeliverDue(flaky, kMailRetryDelaysSeconds[0])->sent, 1);
  QueuedMail mail = queue.List()->front();
  EXPECT_EQ(mail.state, "sent");
  EXPECT_EQ(mail.attempts, 2);
  EXPECT_EQ(mail.last_error, "");
}

TEST_F(MailQueueTest, HeaderInjectionIsRefusedAtTheDoor) {
  MailQueue queue(*db_);
  MailMessage mail = Mail("Reply\r\nBcc: everyone@evil.example");
  Result<int64_t> id = Enqueue(mail, 0);
  ASSERT_FALSE(id.ok());
  EXPECT_NE(id.status().message().find("Subject"), std::string::npos);
  EXPECT_TRUE(queue.List()->empty());
}

// A message claimed by a worker that crashed mid-send is sent again after the claim expires.
TEST_F(MailQueueTest, AnInterruptedSendIsRetriedAfterTheClaim) {
  MailQueue queue(*db_);
  ASSERT_TRUE(Enqueue(Mail(), 0).ok());
  ASSERT_TRUE(
      db_->Execute("UPDATE mail_outbox SET next_attempt_at = " + std::to_string(kMailClaimSeconds))
          .ok());
  auto ok = [](const std::string&, const std::string&) { return Status::Ok(); };
  EXPECT_EQ(queue.DeliverDue(ok, kMailClaimSeconds - 1)->sent, 0);
  EXPECT_EQ(queue.DeliverDue(ok, kMailClaimSeconds)->sent, 1);
}

TEST_F(MailQueueTest, WorkerDeliversToARealServer) {
  SmtpSink sink;
  ASSERT_GT(sink.port(), 0) << "smtp_sink.py did not start (python3-aiosmtpd installed?)";
  MailQueue queue(*db_);
  ASSERT_TRUE(Enqueue(Mail(), std::time(nullptr)).ok());
  SmtpSettings settings;
  settings.url = sink.url();
  settings.from = "desk@provider.example";
  MailWorker worker(path_, settings);
  ASSERT_TRUE(worker.Start().ok());
  worker.Notify();
  std::string received;
  for (int i = 0; i < 100 && received.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    received = sink.Read("1.eml");
  }
  worker.Stop();
  EXPECT_NE(received.find("Subject: Reply to C-2026-000001"), std::string::npos) << received;
  EXPECT_NE(received.find("Message-ID: " + queue.List()->front().message_id), std::string::npos);
  EXPECT_EQ(queue.List()->front().state, "sent");
}

}  // namespace
}  // namespace gpaikit::portal

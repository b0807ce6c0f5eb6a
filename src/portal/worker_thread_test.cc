// Tests of the portal's background round runner: rounds at start, at once while there is more,
// on Notify, none after Stop, and stopping() seen by a running round.
#include "portal/worker_thread.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace gpaikit::portal {
namespace {

// Counts rounds; the first `more` rounds ask for another at once.
class Rounds {
 public:
  explicit Rounds(int more) : more_(more) {}
  bool Round() {
    std::lock_guard<std::mutex> lock(mutex_);
    ++count_;
    changed_.notify_all();
    return count_ <= more_;
  }
  // Waits (at most a minute: a hung thread fails instead of blocking the suite) for `count`.
  bool WaitFor(int count) {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, std::chrono::minutes(1), [&] { return count_ >= count; });
  }
  int count() {
    std::lock_guard<std::mutex> lock(mutex_);
    return count_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int count_ = 0;
  const int more_;
};

// The poll interval is an hour: every round below comes from Start, "more" or Notify.
constexpr std::chrono::seconds kHour{3600};

TEST(WorkerThreadTest, RunsAtStartAndAgainWhileARoundHasMore) {
  Rounds rounds(2);
  WorkerThread worker;
  worker.Start([&] { return rounds.Round(); }, kHour);
  ASSERT_TRUE(rounds.WaitFor(3)) << "the start round and two more at once";
  worker.Stop();
  EXPECT_EQ(rounds.count(), 3) << "the third round had no more: the thread waits for Notify";
}

TEST(WorkerThreadTest, NotifyRunsARoundAndStopEndsTheRounds) {
  Rounds rounds(0);
  WorkerThread worker;
  worker.Start([&] { return rounds.Round(); }, kHour);
  ASSERT_TRUE(rounds.WaitFor(1));
  worker.Notify();
  ASSERT_TRUE(rounds.WaitFor(2)) << "Notify woke the thread";
  worker.Stop();
  int stopped_at = rounds.count();
  worker.Notify();
  worker.Stop();  // idempotent
  EXPECT_EQ(rounds.count(), stopped_at) << "no round after Stop";
}

TEST(WorkerThreadTest, ARunningRoundSeesStoppingAndEndsEarly) {
  Rounds started(0);
  WorkerThread worker;
  std::atomic<bool> saw_stopping{false};
  worker.Start(
      [&] {
        bool before = worker.stopping();
        started.Round();
        // A long round: works until the thread is stopping (at most a minute: a stopping()
        // that never turns true fails instead of blocking the suite).
        auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(1);
        while (!worker.stopping() && std::chrono::steady_clock::now() < deadline) {
          std::this_thread::yield();
        }
        saw_stopping = !before && worker.stopping();
        return true;  // "more": Stop still ends the rounds
      },
      kHour);
  ASSERT_TRUE(started.WaitFor(1));
  worker.Stop();
  EXPECT_TRUE(saw_stopping);
  EXPECT_EQ(started.count(), 1);
}

}  // namespace
}  // namespace gpaikit::portal

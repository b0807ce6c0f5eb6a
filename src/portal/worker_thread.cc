// The portal's background round runner (worker_thread.h).
#include "portal/worker_thread.h"

#include <utility>

namespace gpaikit::portal {

WorkerThread::~WorkerThread() { Stop(); }

void WorkerThread::Start(std::function<bool()> round, std::chrono::seconds poll) {
  round_ = std::move(round);
  poll_ = poll;
  thread_ = std::thread([this] { Run(); });
}

void WorkerThread::Notify() {
  std::lock_guard<std::mutex> lock(mutex_);
  notified_ = true;
  wake_.notify_one();
}

void WorkerThread::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    wake_.notify_one();
  }
  if (thread_.joinable()) thread_.join();
}

void WorkerThread::Run() {
  while (true) {
    bool more = round_();
    std::unique_lock<std::mutex> lock(mutex_);
    if (stopping_) return;
    if (more) continue;
    wake_.wait_for(lock, poll_, [this] { return notified_ || stopping_; });
    if (stopping_) return;
    notified_ = false;
  }
}

}  // namespace gpaikit::portal

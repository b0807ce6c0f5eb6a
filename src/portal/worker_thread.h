// A background thread that runs rounds of work (the mail worker's deliveries, the corpus filter
// worker's jobs): one round at Start, another at once while a round says there is more, else
// when Notify() is called or the poll interval passes; Stop lets the running round finish, and a
// long round can ask stopping() to end early.
#ifndef GPAIKIT_PORTAL_WORKER_THREAD_H_
#define GPAIKIT_PORTAL_WORKER_THREAD_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace gpaikit::portal {

class WorkerThread {
 public:
  WorkerThread() = default;
  ~WorkerThread();  // Stop()
  WorkerThread(const WorkerThread&) = delete;
  WorkerThread& operator=(const WorkerThread&) = delete;

  // Starts the thread. `round` does one round of work and returns true when another should
  // follow at once (a full batch, a job just done).
  void Start(std::function<bool()> round, std::chrono::seconds poll);
  // Wakes the thread for a round now.
  void Notify();
  // Lets the running round finish, then ends the thread (no more rounds). Idempotent.
  void Stop();
  // True from the moment Stop() is called: a long round (a corpus filter job) checks it to end
  // early instead of holding the stop for its whole length. Cheap, callable from any thread.
  bool stopping() const { return stopping_.load(std::memory_order_relaxed); }

 private:
  void Run();

  std::function<bool()> round_;
  std::chrono::seconds poll_{0};
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool notified_ = false;
  std::atomic<bool> stopping_{false};  // set under the lock (the wait's condition), read anywhere
};

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_WORKER_THREAD_H_

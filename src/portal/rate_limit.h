// A per-key rate limit over a sliding window, in memory and bounded in size, for the portal's
// actions that cost the server work or can be abused (lookup challenges per client address).
#ifndef GPAIKIT_PORTAL_RATE_LIMIT_H_
#define GPAIKIT_PORTAL_RATE_LIMIT_H_

#include <cstddef>
#include <ctime>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace gpaikit::portal {

class RateLimit {
 public:
  // At most `limit` events per key within `window_seconds`; at most `max_keys` keys are tracked
  // (beyond, the keys whose newest event is oldest are forgotten).
  RateLimit(size_t limit, std::time_t window_seconds, size_t max_keys = 10000)
      : limit_(limit), window_(window_seconds), max_keys_(max_keys) {}

  // Records an event for `key` at `now` and returns true, or returns false (nothing recorded)
  // when `key` already had `limit` events in the window ending at `now`.
  bool Allow(const std::string& key, std::time_t now);
  // Seconds until `key` may act again (0 when it may now).
  std::time_t RetryAfter(const std::string& key, std::time_t now) const;

 private:
  void Forget(std::time_t now);

  size_t limit_;
  std::time_t window_;
  size_t max_keys_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::deque<std::time_t>> events_;
};

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_RATE_LIMIT_H_

// A sliding-window rate limit per key, bounded in memory (see rate_limit.h).
#include "portal/rate_limit.h"

#include <algorithm>

namespace gpaikit::portal {

void RateLimit::Forget(std::time_t now) {
  for (auto it = events_.begin(); it != events_.end();) {
    while (!it->second.empty() && it->second.front() <= now - window_) it->second.pop_front();
    it = it->second.empty() ? events_.erase(it) : std::next(it);
  }
  while (events_.size() >= max_keys_) {
    auto oldest = std::min_element(
        events_.begin(), events_.end(),
        [](const auto& a, const auto& b) { return a.second.back() < b.second.back(); });
    events_.erase(oldest);
  }
}

bool RateLimit::Allow(const std::string& key, std::time_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = events_.find(key);
  if (found == events_.end()) {
    if (events_.size() >= max_keys_) Forget(now);
    found = events_.emplace(key, std::deque<std::time_t>()).first;
  }
  std::deque<std::time_t>& events = found->second;
  while (!events.empty() && events.front() <= now - window_) events.pop_front();
  if (events.size() >= limit_) return false;
  events.push_back(now);
  return true;
}

std::time_t RateLimit::RetryAfter(const std::string& key, std::time_t now) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = events_.find(key);
  if (found == events_.end()) return 0;
  size_t recent = 0;
  for (std::time_t t : found->second) recent += t > now - window_ ? 1 : 0;
  if (recent < limit_) return 0;
  // The oldest event still in the window leaves it window_ seconds after it happened.
  std::time_t oldest = found->second[found->second.size() - limit_];
  return std::max<std::time_t>(oldest + window_ - now, 1);
}

}  // namespace gpaikit::portal

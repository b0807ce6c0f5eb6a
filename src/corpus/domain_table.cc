// Per-domain record and byte counts, exact up to a bound, then a mergeable Misra-Gries summary
// weighted by bytes (Misra and Gries 1982; mergeability: Agarwal et al., PODS 2012, section 3).
#include <algorithm>

#include "gpaikit/corpus/stats.h"

namespace gpaikit::corpus {

void DomainTable::Add(std::string_view domain, uint64_t records, uint64_t bytes) {
  auto it = map_.find(domain);
  if (it != map_.end()) {
    it->second.records += records;
    it->second.content_bytes += bytes;
    return;
  }
  map_.emplace(std::string(domain), DomainCounts{records, bytes});
  if (map_.size() > max_domains_) Prune();
}

void DomainTable::Merge(const DomainTable& other) {
  if (other.pruned_) pruned_ = true;
  error_bound_ += other.error_bound_;
  for (const auto& [domain, counts] : other.map_) {
    auto [it, inserted] = map_.try_emplace(domain, counts);
    if (!inserted) {
      it->second.records += counts.records;
      it->second.content_bytes += counts.content_bytes;
    }
  }
  if (map_.size() > max_domains_) Prune();
}

void DomainTable::MarkPruned(uint64_t error_bound) {
  pruned_ = true;
  error_bound_ = error_bound;
}

// Keeps about half the bound: subtracts the bytes of the (k+1)-th heaviest domain from every
// domain and drops those left at zero. The subtraction is the summary's error (it never exceeds
// total bytes / (k + 1)).
void DomainTable::Prune() {
  size_t keep = std::max<size_t>(1, max_domains_ / 2);
  if (map_.size() <= keep) return;
  std::vector<uint64_t> bytes;
  bytes.reserve(map_.size());
  for (const auto& entry : map_) bytes.push_back(entry.second.content_bytes);
  std::nth_element(bytes.begin(), bytes.begin() + static_cast<long>(keep), bytes.end(),
                   std::greater<>());
  uint64_t cut = bytes[keep];
  for (auto it = map_.begin(); it != map_.end();) {
    if (it->second.content_bytes <= cut) {
      it = map_.erase(it);
    } else {
      it->second.content_bytes -= cut;
      ++it;
    }
  }
  error_bound_ += cut;
  pruned_ = true;
}

std::vector<std::pair<std::string, DomainCounts>> DomainTable::Sorted() const {
  std::vector<std::pair<std::string, DomainCounts>> out(map_.begin(), map_.end());
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    if (a.second.content_bytes != b.second.content_bytes) {
      return a.second.content_bytes > b.second.content_bytes;
    }
    return a.first < b.first;
  });
  return out;
}

}  // namespace gpaikit::corpus

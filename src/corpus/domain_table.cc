// Per-domain counts in a flat open-addressing table (linear probing, names in an arena), exact up
// to a bound, then a mergeable Misra-Gries summary weighted by bytes (Misra and Gries 1982;
// mergeability: Agarwal et al., PODS 2012, section 3).
#include <algorithm>
#include <atomic>
#include <cstring>
#include <functional>
#include <utility>

#include "gpaikit/corpus/stats.h"

namespace gpaikit::corpus {
namespace {

constexpr size_t kFirstCapacity = 1024;

uint32_t HashName(std::string_view name) {
  uint64_t h = std::hash<std::string_view>()(name);
  return static_cast<uint32_t>(h ^ (h >> 32));
}

// Largest content first, ties by name (the order every listing uses).
bool ByContent(const DomainView& a, const DomainView& b) {
  if (a.counts.content_bytes != b.counts.content_bytes) {
    return a.counts.content_bytes > b.counts.content_bytes;
  }
  return a.domain < b.domain;
}

}  // namespace

DomainTable::DomainTable(const DomainTable& other) : max_domains_(other.max_domains_) {
  *this = other;
}

DomainTable& DomainTable::operator=(const DomainTable& other) {
  if (this == &other) return *this;
  DomainTable copy(other.max_domains_);
  for (size_t i = 0; i < other.count_; ++i) {
    const Entry& e = other.At(i);
    copy.Add(std::string_view(e.name, e.length), e.counts.records, e.counts.content_bytes);
  }
  copy.error_bound_ = other.error_bound_;
  copy.pruned_ = other.pruned_;
  *this = std::move(copy);
  return *this;
}

uint64_t DomainTable::NextGeneration() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

DomainTable& DomainTable::operator=(DomainTable&& other) noexcept {
  if (this == &other) return *this;
  generation_ = NextGeneration();
  other.generation_ = NextGeneration();
  slots_ = std::move(other.slots_);
  entry_blocks_ = std::move(other.entry_blocks_);
  arena_ = std::move(other.arena_);
  arena_block_ = std::exchange(other.arena_block_, nullptr);
  arena_used_ = std::exchange(other.arena_used_, 0);
  arena_bytes_ = std::exchange(other.arena_bytes_, 0);
  count_ = std::exchange(other.count_, 0);
  max_domains_ = other.max_domains_;
  error_bound_ = std::exchange(other.error_bound_, 0);
  pruned_ = std::exchange(other.pruned_, false);
  other.slots_.clear();
  other.entry_blocks_.clear();
  other.arena_.clear();
  return *this;
}

const char* DomainTable::StoreName(std::string_view name) {
  if (name.size() > kArenaBlock / 4) {  // a long name gets a block of its own
    arena_.push_back(std::unique_ptr<char[]>(new char[name.size()]));
    arena_bytes_ += name.size();
    std::memcpy(arena_.back().get(), name.data(), name.size());
    return arena_.back().get();
  }
  if (arena_block_ == nullptr || kArenaBlock - arena_used_ < name.size()) {
    arena_.push_back(std::unique_ptr<char[]>(new char[kArenaBlock]));
    arena_block_ = arena_.back().get();
    arena_used_ = 0;
    arena_bytes_ += kArenaBlock;
  }
  char* at = arena_block_ + arena_used_;
  std::memcpy(at, name.data(), name.size());
  arena_used_ += name.size();
  return at;
}

void DomainTable::Grow() {
  size_t capacity = slots_.empty() ? kFirstCapacity : slots_.size() * 2;
  std::vector<uint64_t> grown(capacity, 0);
  size_t mask = capacity - 1;
  for (uint64_t slot : slots_) {
    if (slot == 0) continue;
    size_t at = static_cast<size_t>(slot >> 32) & mask;
    while (grown[at] != 0) at = (at + 1) & mask;
    grown[at] = slot;
  }
  slots_ = std::move(grown);
}

void DomainTable::Add(std::string_view domain, uint64_t records, uint64_t bytes, DomainHint* hint) {
  if (hint == nullptr) {
    AddByName(domain, records, bytes);
    return;
  }
  if (hint->generation == generation_) {
    DomainCounts& counts = At(hint->entry).counts;
    counts.records += records;
    counts.content_bytes += bytes;
    return;
  }
  size_t entry = AddByName(domain, records, bytes);
  *hint = entry == kNoEntry ? DomainHint{} : DomainHint{entry, generation_};
}

size_t DomainTable::AddByName(std::string_view domain, uint64_t records, uint64_t bytes) {
  if ((count_ + 1) * 10 > slots_.size() * 7) Grow();  // load factor at most 0.7
  uint32_t hash = HashName(domain);
  size_t mask = slots_.size() - 1;
  size_t at = hash & mask;
  while (slots_[at] != 0) {
    uint64_t slot = slots_[at];
    if (static_cast<uint32_t>(slot >> 32) == hash) {
      Entry& e = At(static_cast<size_t>(slot & 0xffffffffu) - 1);
      if (e.length == domain.size() && std::memcmp(e.name, domain.data(), domain.size()) == 0) {
        e.counts.records += records;
        e.counts.content_bytes += bytes;
        return static_cast<size_t>(slot & 0xffffffffu) - 1;
      }
    }
    at = (at + 1) & mask;
  }
  if (count_ % kEntriesPerBlock == 0) {
    entry_blocks_.push_back(std::unique_ptr<Entry[]>(new Entry[kEntriesPerBlock]));
  }
  At(count_) = {StoreName(domain), static_cast<uint32_t>(domain.size()), hash, {records, bytes}};
  slots_[at] = (static_cast<uint64_t>(hash) << 32) | (count_ + 1);
  ++count_;
  if (count_ <= max_domains_) return count_ - 1;
  Prune();  // entries move: the caller looks the domain up by name next time
  return kNoEntry;
}

Status DomainTable::Merge(const DomainTable& other) {
  if (other.pruned_) pruned_ = true;
  auto too_large = [](std::string_view what) {
    return Status::InvalidInput("the merged " + std::string(what) +
                                " exceeds the largest count (2^64 - 1); not merged");
  };
  if (__builtin_add_overflow(error_bound_, other.error_bound_, &error_bound_)) {
    return too_large("domain_summary.bytes_error_bound");
  }
  for (size_t i = 0; i < other.count_; ++i) {
    const Entry& e = other.At(i);
    std::string_view name(e.name, e.length);
    size_t entry = AddByName(name, e.counts.records, e.counts.content_bytes);
    if (entry == kNoEntry) continue;  // pruned: the sums were cut down, not wrapped
    // A sum that wrapped is smaller than what was added (checked here, not in Add's hot path).
    const DomainCounts& sum = At(entry).counts;
    if (sum.records < e.counts.records || sum.content_bytes < e.counts.content_bytes) {
      return too_large("counts of domain " + std::string(name));
    }
  }
  return Status::Ok();
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
  if (count_ <= keep) return;
  std::vector<uint64_t> bytes;
  bytes.reserve(count_);
  for (size_t i = 0; i < count_; ++i) bytes.push_back(At(i).counts.content_bytes);
  std::nth_element(bytes.begin(), bytes.begin() + static_cast<long>(keep), bytes.end(),
                   std::greater<>());
  uint64_t cut = bytes[keep];
  DomainTable kept(max_domains_);
  for (size_t i = 0; i < count_; ++i) {
    const Entry& e = At(i);
    if (e.counts.content_bytes <= cut) continue;
    kept.Add(std::string_view(e.name, e.length), e.counts.records, e.counts.content_bytes - cut);
  }
  kept.error_bound_ = error_bound_ + cut;
  kept.pruned_ = true;
  *this = std::move(kept);
}

std::vector<DomainView> DomainTable::Top(size_t n) const {
  n = std::min(n, count_);
  std::vector<DomainView> out;
  out.reserve(n + 1);
  if (n < count_ / 4) {  // a few of many: a heap of n whose front is the smallest kept
    for (size_t i = 0; i < count_ && n > 0; ++i) {
      const Entry& e = At(i);
      DomainView view{std::string_view(e.name, e.length), e.counts};
      if (out.size() < n) {
        out.push_back(view);
        std::push_heap(out.begin(), out.end(), ByContent);
      } else if (ByContent(view, out.front())) {
        std::pop_heap(out.begin(), out.end(), ByContent);
        out.back() = view;
        std::push_heap(out.begin(), out.end(), ByContent);
      }
    }
    std::sort_heap(out.begin(), out.end(), ByContent);
    return out;
  }
  for (size_t i = 0; i < count_; ++i) {
    const Entry& e = At(i);
    out.push_back({std::string_view(e.name, e.length), e.counts});
  }
  std::partial_sort(out.begin(), out.begin() + static_cast<long>(n), out.end(), ByContent);
  out.resize(n);
  return out;
}

std::vector<std::pair<std::string, DomainCounts>> DomainTable::Sorted() const {
  std::vector<std::pair<std::string, DomainCounts>> out;
  out.reserve(count_);
  for (const DomainView& view : Top(count_))
    out.emplace_back(std::string(view.domain), view.counts);
  return out;
}

size_t DomainTable::MemoryBytes() const {
  return slots_.capacity() * sizeof(uint64_t) +
         entry_blocks_.size() * kEntriesPerBlock * sizeof(Entry) + arena_bytes_;
}

}  // namespace gpaikit::corpus

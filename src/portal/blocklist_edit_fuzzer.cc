// libFuzzer target for the desk's blocklist change (blocklist_edit.h): the input, split at its
// first 0x1F byte, is the list file's text and the lines staff entered. Invariants: a refused
// entry's message starts with "line N: "; an accepted change's text reads back as a list that
// holds every old entry and every added one, with a moved-on version, and nothing added is
// already listed.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "gpaikit/optout/blocklist.h"
#include "portal/blocklist_edit.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

std::set<std::pair<gpaikit::optout::BlocklistMatch, std::string>> Keys(
    const gpaikit::optout::Blocklist& list) {
  std::set<std::pair<gpaikit::optout::BlocklistMatch, std::string>> keys;
  for (const auto& entry : list.entries()) keys.emplace(entry.match, entry.value);
  return keys;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gpaikit;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t split = input.find('\x1f');
  std::string_view existing = split == std::string_view::npos ? "" : input.substr(0, split);
  std::string_view entered = split == std::string_view::npos ? input : input.substr(split + 1);
  Result<portal::BlocklistAddition> added =
      portal::PlanBlocklistAddition(existing, "list.txt", entered, "C-1", "2026-12-07", "staff");
  Result<optout::Blocklist> before = optout::Blocklist::Parse(existing, "list.txt");
  if (!added.ok()) {
    // Either an entered line (its number given) or the list itself is at fault.
    Check(added.status().message().starts_with("line ") || !before.ok());
    return 0;
  }
  Check(before.ok());
  if (added->added.empty()) {
    Check(added->text.empty());
    return 0;
  }
  Result<optout::Blocklist> after = optout::Blocklist::Parse(added->text, "list.txt");
  Check(after.ok());
  Check(after->version() == added->version);
  auto old_keys = Keys(*before);
  auto new_keys = Keys(*after);
  for (const auto& key : old_keys) Check(new_keys.count(key) == 1);
  Check(after->entries().size() == before->entries().size() + added->added.size());
  return 0;
}
